package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.ExperienceEventEnvelope;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Total append throughput of one store shared by several application threads, against a bare Chronicle queue shared
 * by the same threads writing the engine's bytes (each thread with its own Chronicle appender, as Chronicle wants).
 * The number of threads is JMH's {@code -t}; the report runs 1, 2 and 4:
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ConcurrentAppendBenchmark -t 4 -prof gc
 * </pre>
 * JMH reports the operations of all threads together, so the score is the total appends per microsecond. Each
 * thread count runs in forks of its own; {@link ThreadsHarness} compares the counts in alternating rounds of one JVM.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {AppendBenchmark.MAX_HEAP, AppendBenchmark.INITIAL_HEAP})
public class ConcurrentAppendBenchmark extends ChronicleJvm {
    /** The envelope every thread appends. */
    private static final ExperienceEventEnvelope ENVELOPE = Envelopes.typical.envelope();

    /** One engine store, default settings, new for each iteration, shared by every benchmark thread. */
    @State(Scope.Benchmark)
    public static class SharedEngine extends AppendBenchmark.Engine {
    }

    /** One engine store with queued appends, new for each iteration, shared by every benchmark thread. */
    @State(Scope.Benchmark)
    public static class SharedQueuedEngine {
        Path dir;
        ChronicleExperienceStore store;

        @Setup(Level.Iteration)
        public void open() {
            dir = TempStores.create("concurrent-queued");
            store = ChronicleExperienceStore.builder(dir).queuedAppends().open();
        }

        @TearDown(Level.Iteration)
        public void close() {
            store.close();
            TempStores.delete(dir);
        }
    }

    /** One bare Chronicle queue shared by every benchmark thread, and the engine's entry for the envelope. */
    @State(Scope.Benchmark)
    public static class SharedQueue {
        Path dir;
        SingleChronicleQueue queue;

        @Setup(Level.Iteration)
        public void open() {
            dir = TempStores.create("concurrent-raw");
            queue = RawJournal.open(dir, false);
        }

        @TearDown(Level.Iteration)
        public void close() {
            queue.close();
            TempStores.delete(dir);
        }
    }

    /** A thread's own appender on the shared queue, with its own copy of the entry. */
    @State(Scope.Thread)
    public static class RawAppender {
        ExcerptAppender appender;
        Bytes<?> entry;
        long length;

        @Setup(Level.Trial)
        public void encode() {
            final byte[] bytes = RawJournal.engineEntry(Envelopes.typical.envelope());
            entry = Bytes.allocateDirect(bytes.length);
            entry.write(bytes);
            length = bytes.length;
        }

        @Setup(Level.Iteration)
        public void open(SharedQueue shared) {
            appender = shared.queue.createAppender();
        }

        @TearDown(Level.Iteration)
        public void close() {
            appender.close();
        }

        @TearDown(Level.Trial)
        public void release() {
            entry.releaseLast();
        }
    }

    @Benchmark
    public void engine(SharedEngine shared) {
        shared.store.appendEvent(ENVELOPE);
    }

    /**
     * Queued appends: each call returns once its entry is queued; the store's drainer appends it. The store's ring
     * holds a few milliseconds of appends, so over an iteration the calls returned track the entries appended.
     */
    @Benchmark
    public void engineQueued(SharedQueuedEngine shared) {
        shared.store.appendEvent(ENVELOPE);
    }

    @Benchmark
    public void rawChronicle(RawAppender raw) {
        try (DocumentContext context = raw.appender.writingDocument()) {
            context.wire().bytes().write(raw.entry, 0, raw.length);
        }
    }
}
