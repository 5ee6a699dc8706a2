package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.ExperienceEventEnvelope;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * What the appending thread allocates, apart from opening and closing the store: a child JVM opens a store
 * (where the benchmarks keep theirs, {@code -Dbench.dir}), appends the typical envelope {@code appends} times to
 * warm up, then counts the bytes its thread allocates (HotSpot's per-thread allocation counter) over as many
 * appends again, and over {@code close()}, which catches the side index up with everything appended. JMH's
 * {@code gc.alloc.rate.norm} of {@code AppendBenchmark} counts both: each of its iterations opens a new store
 * and closes it.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.experienceledger.bench.AppendAllocation [appends]
 * </pre>
 */
public final class AppendAllocation {
    private AppendAllocation() {
    }

    /**
     * What the child measured.
     *
     * @param appends     appends counted
     * @param appendBytes bytes the appending thread allocated over them
     * @param closeBytes  bytes it allocated closing the store after both rounds
     */
    record Result(long appends, long appendBytes, long closeBytes) {
        double bytesPerAppend() {
            return appendBytes / (double) appends;
        }
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--measure")) {
            MemoryCheck.store(measure(Path.of(args[1]), Integer.parseInt(args[2])), Path.of(args[3]));
            return;
        }
        final Result result = run(args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000);
        System.out.printf("%,d appends: %,d bytes allocated by the appending thread (%.3f B/append); close: %,d bytes%n",
                result.appends(), result.appendBytes(), result.bytesPerAppend(), result.closeBytes());
    }

    /** Measures {@code appends} appends in a child JVM. */
    static Result run(int appends) {
        final Path dir = TempStores.create("append-allocation");
        try {
            final Path out = dir.resolve("allocation.properties");
            Jvm.run(AppendAllocation.class, List.of("-Xmx1g"), "--measure", dir.resolve("ledger").toString(),
                    Integer.toString(appends), out.toString());
            final Properties values = MemoryCheck.load(out);
            return new Result(appends, Long.parseLong(values.getProperty("append.bytes")),
                    Long.parseLong(values.getProperty("close.bytes")));
        } finally {
            TempStores.delete(dir);
        }
    }

    private static Properties measure(Path dir, int appends) {
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final ExperienceEventEnvelope envelope = Envelopes.typical.envelope();
        final Properties out = new Properties();
        final ChronicleExperienceStore store = ChronicleExperienceStore.open(dir);
        for (int i = 0; i < appends; i++) {
            store.appendEvent(envelope);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < appends; i++) {
            store.appendEvent(envelope);
        }
        final long appended = threads.getCurrentThreadAllocatedBytes();
        store.close();
        final long closed = threads.getCurrentThreadAllocatedBytes();
        out.setProperty("append.bytes", Long.toString(appended - before));
        out.setProperty("close.bytes", Long.toString(closed - appended));
        return out;
    }
}
