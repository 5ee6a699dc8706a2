package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.ExperienceEventEnvelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.zip.DataFormatException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.HdrHistogram.Histogram;

/**
 * Append latency at a fixed rate, for the engine and for a bare Chronicle appender writing the same bytes.
 *
 * <p>One thread appends the typical envelope ({@link Envelopes#typical}) on a fixed schedule ({@code rate} per
 * second) and records, for every append, the time from when it was <em>due</em> to when it returned: an append
 * that starts late because the one before it was slow is charged the wait (no coordinated omission). Each target
 * runs in its own JVM, warms up at the same rate, then measures.
 *
 * <p>With {@code threads} above one, that many threads append to the same store (raw: each with its own appender
 * on the same queue) at {@code rate / threads} each, their schedules staggered evenly, so that the total rate is
 * the same; a thread waiting for its next due time then yields its core instead of spinning on it (more threads
 * than cores would otherwise take turns by the scheduler's time slice), and so does the single thread it is
 * compared with ({@link #runThreads}).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.experienceledger.bench.LatencyHarness [rate] [warmupSeconds] [seconds] [threads [pinned]]
 * </pre>
 * Defaults: 100,000 appends/s, 5 s of warm-up, 10 s measured, one spinning thread. With {@code pinned} the
 * appending threads share CPU 1 and every other thread of the JVM runs on CPU 0 ({@link CorePinning}). Prints p50
 * to max, in microseconds.
 */
public final class LatencyHarness {
    /** The targets, in the order they run. */
    static final List<String> TARGETS = List.of("engine", "rawChronicle");
    /** The percentiles reported. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private LatencyHarness() {
    }

    /** Runs both targets in child JVMs and prints their percentiles. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Path.of(args[5]), Integer.parseInt(args[6]), Boolean.parseBoolean(args[7]),
                    Boolean.parseBoolean(args[8]));
            return;
        }
        final int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        final int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        final int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        final int threads = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        final boolean pinned = args.length > 4 && args[4].equals("pinned");
        System.out.print(table(rate, threads == 0 ? run(rate, warmup, seconds)
                : runThreads(rate, warmup, seconds, threads, pinned)));
    }

    /** Measures every target in its own JVM, one thread spinning between appends; histograms hold nanoseconds. */
    static Map<String, Histogram> run(int rate, int warmupSeconds, int seconds) {
        return run(rate, warmupSeconds, seconds, 1, false, false);
    }

    /**
     * Measures every target in its own JVM, {@code threads} threads appending at {@code rate} in total and yielding
     * between appends; histograms hold nanoseconds, all threads' merged. {@code pinned}: the appending threads
     * share CPU 1 and every other thread of the JVM runs on CPU 0 ({@link CorePinning}).
     */
    static Map<String, Histogram> runThreads(int rate, int warmupSeconds, int seconds, int threads,
                                             boolean pinned) {
        return run(rate, warmupSeconds, seconds, threads, true, pinned);
    }

    private static Map<String, Histogram> run(int rate, int warmupSeconds, int seconds, int threads,
                                              boolean yielding, boolean pinned) {
        final Map<String, Histogram> results = new LinkedHashMap<>();
        final Path dir = TempStores.create("latency-results");
        try {
            for (String target : TARGETS) {
                final Path out = dir.resolve(target + ".hdr");
                Jvm.run(LatencyHarness.class, List.of("-Xmx512m", "-Xms512m"), "--child", target,
                        Integer.toString(rate), Integer.toString(warmupSeconds), Integer.toString(seconds),
                        out.toString(), Integer.toString(threads), Boolean.toString(yielding),
                        Boolean.toString(pinned));
                results.put(target, read(out));
            }
            return results;
        } finally {
            TempStores.delete(dir);
        }
    }

    /** The percentiles of every target as a text table, in microseconds. */
    static String table(int rate, Map<String, Histogram> results) {
        final StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "append latency at %,d/s (us, from the intended start)%n%-14s", rate, "target"));
        for (double p : PERCENTILES) {
            text.append(String.format(Locale.ROOT, "%10s", "p" + trim(p)));
        }
        text.append(String.format(Locale.ROOT, "%10s%12s%n", "max", "appends"));
        results.forEach((target, histogram) -> {
            text.append(String.format(Locale.ROOT, "%-14s", target));
            for (double p : PERCENTILES) {
                text.append(String.format(Locale.ROOT, "%10.2f", histogram.getValueAtPercentile(p) / 1000.0));
            }
            text.append(String.format(Locale.ROOT, "%10.1f%,12d%n", histogram.getMaxValue() / 1000.0,
                    histogram.getTotalCount()));
        });
        return text.toString();
    }

    static String trim(double percentile) {
        return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
    }

    private static void child(String target, int rate, int warmupSeconds, int seconds, Path out, int threads,
                              boolean yielding, boolean pinned) {
        final Path dir = TempStores.create("latency-" + target);
        try (Target appending = target.equals("engine") ? new EngineTarget(dir) : new RawTarget(dir)) {
            final Histogram all = new Histogram(60_000_000_000L, 3);
            final Histogram[] each = new Histogram[threads];
            final Thread[] workers = new Thread[threads];
            final long interval = 1_000_000_000L * threads / rate;
            final Set<Integer> threadIds = ConcurrentHashMap.newKeySet();
            final CountDownLatch ready = new CountDownLatch(threads);
            final CountDownLatch go = new CountDownLatch(1);
            final long[] start = new long[1];
            for (int t = 0; t < threads; t++) {
                final int worker = t;
                workers[t] = new Thread(() -> {
                    try (Appender appender = appending.appender()) {
                        threadIds.add(CorePinning.threadId());
                        ready.countDown();
                        go.await();
                        final long first = start[0] + interval * worker / threads;
                        final long warmupCount = (long) rate * warmupSeconds / threads;
                        schedule(appender, first, interval, warmupCount, yielding);
                        each[worker] = schedule(appender, first + interval * warmupCount, interval,
                                (long) rate * seconds / threads, yielding);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "append-" + t);
                workers[t].start();
            }
            ready.await();
            if (pinned) {
                CorePinning.isolate(threadIds);
            }
            start[0] = System.nanoTime() + 100_000_000L;
            go.countDown();
            for (int t = 0; t < threads; t++) {
                workers[t].join();
                if (each[t] == null) {
                    throw new IllegalStateException("appending thread " + t + " failed");
                }
                all.add(each[t]);
            }
            write(all, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            TempStores.delete(dir);
        }
    }

    /**
     * Appends {@code count} times, the first at {@code due} then one every {@code interval} ns, and records each
     * append's latency from its due time; between appends the thread spins, or yields its core.
     */
    private static Histogram schedule(Appender appender, long due, long interval, long count, boolean yielding) {
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        for (long i = 0; i < count; i++) {
            while (System.nanoTime() < due) {
                if (yielding) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
            }
            appender.append();
            histogram.recordValue(System.nanoTime() - due);
            due += interval;
        }
        return histogram;
    }

    private static void write(Histogram histogram, Path out) {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        final byte[] bytes = new byte[length];
        buffer.flip().get(bytes);
        try {
            Files.writeString(out, Base64.getEncoder().encodeToString(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Histogram read(Path file) {
        try {
            final byte[] bytes = Base64.getDecoder().decode(Files.readString(file).trim());
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DataFormatException e) {
            throw new IllegalStateException("unreadable histogram in " + file, e);
        }
    }

    /** What is appended to: one store or queue, shared by the appending threads. */
    private interface Target extends AutoCloseable {
        /** An appender for the calling thread. */
        Appender appender();

        @Override
        void close();
    }

    /** One append of the measured kind, by one thread. */
    private interface Appender extends AutoCloseable {
        void append();

        @Override
        void close();
    }

    private static final class EngineTarget implements Target {
        private final ChronicleExperienceStore store;

        EngineTarget(Path dir) {
            store = ChronicleExperienceStore.open(dir);
        }

        @Override
        public Appender appender() {
            final ExperienceEventEnvelope envelope = Envelopes.typical.envelope();
            return new Appender() {
                @Override
                public void append() {
                    store.appendEvent(envelope);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
            store.close();
        }
    }

    private static final class RawTarget implements Target {
        private final SingleChronicleQueue queue;
        private final byte[] bytes = RawJournal.engineEntry(Envelopes.typical.envelope());

        RawTarget(Path dir) {
            queue = RawJournal.open(dir, false);
        }

        @Override
        public Appender appender() {
            final Bytes<?> entry = Bytes.allocateDirect(bytes.length);
            entry.write(bytes);
            final long length = bytes.length;
            final ExcerptAppender appender = queue.createAppender();
            return new Appender() {
                @Override
                public void append() {
                    try (DocumentContext context = appender.writingDocument()) {
                        context.wire().bytes().write(entry, 0, length);
                    }
                }

                @Override
                public void close() {
                    appender.close();
                    entry.releaseLast();
                }
            };
        }

        @Override
        public void close() {
            queue.close();
        }
    }
}
