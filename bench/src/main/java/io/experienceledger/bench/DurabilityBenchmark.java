package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.Durability;
import io.experienceledger.model.ExperienceEventEnvelope;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What each {@link Durability} mode costs one appender thread: the time of {@code appendEvent} of a representative
 * OutcomeRecorded envelope (about 300 bytes of converge JSON), sampled, so the report shows percentiles.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class DurabilityBenchmark extends ChronicleJvm {
    @Param({"PAGE_CACHE", "SYNC_BATCH", "SYNC_EACH"})
    public Durability durability;

    private Path dir;
    private ChronicleExperienceStore store;
    private ExperienceEventEnvelope envelope;

    @Setup(Level.Trial)
    public void open() {
        dir = TempStores.create("durability-bench");
        store = ChronicleExperienceStore.builder(dir.resolve("ledger")).durability(durability).open();
        envelope = Envelopes.typical.envelope();
    }

    @Benchmark
    public void append() {
        store.appendEvent(envelope);
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
        TempStores.delete(dir);
    }
}
