package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.Durability;
import io.experienceledger.model.BackendId;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.DecisionStep;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.StopReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED", "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED", "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true",
    "-Xmx512m"})
public class DurabilityBenchmark {
    @Param({"PAGE_CACHE", "SYNC_BATCH", "SYNC_EACH"})
    public Durability durability;

    private Path dir;
    private ChronicleExperienceStore store;
    private ExperienceEventEnvelope envelope;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("durability-bench");
        store = ChronicleExperienceStore.builder(dir.resolve("ledger")).durability(durability).open();
        final Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("x-request-id", "7f3e2a9c-0d41-4b6e-9a55-1c2b3d4e5f60");
        metadata.put("model", "planner-v3");
        envelope = ExperienceEventEnvelope.of("evt-outcome-000001", new ExperienceEvent.OutcomeRecorded(
                        ChainId.of("chain-7a1f"), DecisionStep.Planning, true, new StopReason.Converged(),
                        142L, 1830L, 2750L, BackendId.of("local-llm"), metadata))
                .withTenant("tenant-acme").withCorrelation("run-2026-11-28-0001")
                .withTimestamp("2026-11-28T12:00:00.123456Z");
    }

    @Benchmark
    public void append() {
        store.appendEvent(envelope);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
