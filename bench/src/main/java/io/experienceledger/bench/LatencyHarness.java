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
 * <pre>
 * java -cp bench/target/benchmarks.jar io.experienceledger.bench.LatencyHarness [rate] [warmupSeconds] [seconds]
 * </pre>
 * Defaults: 100,000 appends/s, 5 s of warm-up, 10 s measured. Prints p50 to max, in microseconds.
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
                    Path.of(args[5]));
            return;
        }
        final int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        final int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        final int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.print(table(rate, run(rate, warmup, seconds)));
    }

    /** Measures every target in its own JVM; the histograms hold nanoseconds. */
    static Map<String, Histogram> run(int rate, int warmupSeconds, int seconds) {
        final Map<String, Histogram> results = new LinkedHashMap<>();
        final Path dir = TempStores.create("latency-results");
        try {
            for (String target : TARGETS) {
                final Path out = dir.resolve(target + ".hdr");
                Jvm.run(LatencyHarness.class, List.of("-Xmx512m", "-Xms512m"), "--child", target,
                        Integer.toString(rate), Integer.toString(warmupSeconds), Integer.toString(seconds),
                        out.toString());
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

    private static void child(String target, int rate, int warmupSeconds, int seconds, Path out) {
        final Path dir = TempStores.create("latency-" + target);
        try (Appender appender = target.equals("engine") ? new EngineAppender(dir) : new RawAppender(dir)) {
            schedule(appender, rate, (long) rate * warmupSeconds);
            write(schedule(appender, rate, (long) rate * seconds), out);
        } finally {
            TempStores.delete(dir);
        }
    }

    /** Appends {@code count} times, one every 1/rate s, and records each append's latency from its due time. */
    private static Histogram schedule(Appender appender, int rate, long count) {
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        final long interval = 1_000_000_000L / rate;
        long due = System.nanoTime() + interval;
        for (long i = 0; i < count; i++) {
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
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

    /** One append of the measured kind. */
    private interface Appender extends AutoCloseable {
        void append();

        @Override
        void close();
    }

    private static final class EngineAppender implements Appender {
        private final ChronicleExperienceStore store;
        private final ExperienceEventEnvelope envelope = Envelopes.typical.envelope();

        EngineAppender(Path dir) {
            store = ChronicleExperienceStore.open(dir);
        }

        @Override
        public void append() {
            store.appendEvent(envelope);
        }

        @Override
        public void close() {
            store.close();
        }
    }

    private static final class RawAppender implements Appender {
        private final SingleChronicleQueue queue;
        private final ExcerptAppender appender;
        private final Bytes<?> entry;
        private final long length;

        RawAppender(Path dir) {
            final byte[] bytes = RawJournal.engineEntry(Envelopes.typical.envelope());
            entry = Bytes.allocateDirect(bytes.length);
            entry.write(bytes);
            length = bytes.length;
            queue = RawJournal.open(dir, false);
            appender = queue.createAppender();
        }

        @Override
        public void append() {
            try (DocumentContext context = appender.writingDocument()) {
                context.wire().bytes().write(entry, 0, length);
            }
        }

        @Override
        public void close() {
            appender.close();
            queue.close();
            entry.releaseLast();
        }
    }
}
