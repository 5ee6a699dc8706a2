package io.experienceledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.openhft.posix.PosixAPI;

/**
 * Gives the appending threads a CPU of their own: every other thread of this process (the broker's, the shipper's,
 * the store's prefetcher, GC and JIT) is moved to CPU 0 and the appending ones to CPU 1, as a latency-sensitive
 * application would pin its appending threads (Linux {@code sched_setaffinity}, through OpenHFT's posix binding).
 * Threads started later by a moved thread stay on CPU 0; threads an appending thread starts inherit its CPU, so
 * isolate again after starting any.
 */
final class CorePinning {
    private static final int APPENDER_CPU = 1;
    private static final int OTHERS_CPU = 0;

    private CorePinning() {
    }

    /** Whether this machine can pin: Linux with at least two CPUs and a working binding. */
    static boolean available() {
        if (Runtime.getRuntime().availableProcessors() < 2 || !Files.isDirectory(Path.of("/proc/self/task"))) {
            return false;
        }
        try {
            return PosixAPI.posix().gettid() > 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Moves every other thread of the process to CPU 0 and the caller to CPU 1. */
    static void isolateCaller() {
        isolate(Set.of(PosixAPI.posix().gettid()));
    }

    /**
     * Moves the threads {@code appending} (Linux thread ids, {@link #threadId}) to CPU 1 and every other thread of
     * the process to CPU 0.
     */
    static void isolate(Set<Integer> appending) {
        for (int tid : threads()) {
            final boolean isAppending = appending.contains(tid);
            if (!pin(tid, isAppending ? APPENDER_CPU : OTHERS_CPU) && isAppending) {
                throw new IllegalStateException("cannot pin appending thread " + tid + " to CPU " + APPENDER_CPU);
            }
            // another thread may have ended meanwhile: nothing to move
        }
    }

    /** Pins thread {@code tid} to {@code cpu}; false when that failed (the binding returns or throws). */
    private static boolean pin(int tid, int cpu) {
        try {
            return PosixAPI.posix().sched_setaffinity_as(tid, cpu) == 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The calling thread's Linux thread id. */
    static int threadId() {
        return PosixAPI.posix().gettid();
    }

    /** Lets every thread of the process run on every CPU again. */
    static void release() {
        final int last = Runtime.getRuntime().availableProcessors() - 1;
        for (int tid : threads()) {
            try {
                PosixAPI.posix().sched_setaffinity_range(tid, 0, last);
            } catch (IllegalArgumentException e) {
                // the binding throws when the call fails: a thread that ended since it was listed has nothing to
                // release; one that is still there does
                if (Files.exists(Path.of("/proc/self/task/" + tid))) {
                    throw e;
                }
            }
        }
    }

    private static List<Integer> threads() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.map(task -> Integer.parseInt(task.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the threads of this process: " + e.getMessage(), e);
        }
    }
}
