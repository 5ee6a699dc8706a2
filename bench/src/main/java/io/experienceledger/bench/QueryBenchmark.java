package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.InMemoryExperienceStore;
import io.experienceledger.workload.SyntheticWorkload;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 * An audit query on a realistic ledger, for the engine with and without its index and for what users would pick
 * instead. The ledger holds {@code events} envelopes of {@link SyntheticWorkload} (the generator behind
 * {@code ledger demo}: 16 tenants with a skewed distribution, all 14 engine kinds and the 5 user kinds, runs of
 * correlated events interleaved), seed {@value AuditQuery#SEED}.
 * <ul>
 *   <li>The query: "tenant T, kinds [K1, K2], limit 1000", T and the kinds chosen so that about 0.5% of the ledger
 *       matches ({@link AuditQuery}). {@code engineIndexed} is {@code queryEvents}; {@code engineScan} the same
 *       query by {@code queryEventsByScan} (index bypassed); {@code inMemory} is {@code InMemoryExperienceStore};
 *       {@code sqliteIndexed} the same query in SQL on the (tenant, kind) index, in append order, the JSON of each
 *       hit fetched but not parsed (so SQLite is not charged for decoding).</li>
 *   <li>The correlation query: every event of one decision run ({@code correlation = run-X}, about ten envelopes):
 *       {@code engineCorrelation}, {@code inMemoryCorrelation}, {@code sqliteCorrelation}.</li>
 * </ul>
 * Each backend is built once per fork, only in the forks that query it, and deleted after. {@code rollCycle} picks
 * the engine journal's Chronicle roll cycle: its index spacing (256 entries for the default {@code FAST_DAILY}) bounds
 * how far Chronicle scans to reach an entry by its index, the main cost of an indexed query. It warms up longer
 * than the other classes ({@link JmhPass#WARMUP_LONG} says why).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = JmhPass.WARMUP_LONG, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {QueryBenchmark.MAX_HEAP, QueryBenchmark.INITIAL_HEAP})
public class QueryBenchmark extends ChronicleJvm {
    static final String MAX_HEAP = "-Xmx4g";
    static final String INITIAL_HEAP = "-Xms1g";

    /** The ledger's size, and the engine's journal roll cycle (which sets how densely Chronicle indexes it). */
    @State(Scope.Benchmark)
    public static class Ledger {
        @Param("1000000")
        public int events;

        /** The engine's default, {@code FAST_DAILY}, or another Chronicle roll cycle by name. */
        @Param("FAST_DAILY")
        public String rollCycle;

        AuditQuery query;

        @Setup(Level.Trial)
        public void choose() {
            query = AuditQuery.choose(events);
        }

        ChronicleExperienceStore.Builder builder(Path dir) {
            return ChronicleExperienceStore.builder(dir).rollCycle(RollCycleNames.of(rollCycle));
        }
    }

    /** The engine's store, written through {@code appendEvent}/{@code appendUserEvent} and reopened. */
    @State(Scope.Benchmark)
    public static class Engine {
        Path dir;
        ChronicleExperienceStore store;

        @Setup(Level.Trial)
        public void build(Ledger ledger) {
            dir = TempStores.create("query-engine");
            try (ChronicleExperienceStore writer = ledger.builder(dir).open()) {
                final SyntheticWorkload workload = AuditQuery.workload();
                for (int i = 0; i < ledger.events; i++) {
                    AuditQuery.append(writer, workload.next());
                }
            }
            store = ledger.builder(dir).open();
        }

        @TearDown(Level.Trial)
        public void delete() {
            store.close();
            TempStores.delete(dir);
        }
    }

    /** The in-memory store. */
    @State(Scope.Benchmark)
    public static class Memory {
        InMemoryExperienceStore store;

        @Setup(Level.Trial)
        public void build(Ledger ledger) {
            store = new InMemoryExperienceStore();
            final SyntheticWorkload workload = AuditQuery.workload();
            for (int i = 0; i < ledger.events; i++) {
                AuditQuery.append(store, workload.next());
            }
        }
    }

    /** SQLite with the engine-side envelopes (the only side {@code queryEvents} answers from). */
    @State(Scope.Benchmark)
    public static class Sqlite {
        Path dir;
        SqliteLedger db;
        PreparedStatement byTenantAndKinds;
        PreparedStatement byCorrelation;

        @Setup(Level.Trial)
        public void build(Ledger ledger) throws SQLException {
            dir = TempStores.create("query-sqlite");
            db = SqliteLedger.create(dir.resolve("ledger.db"));
            final SyntheticWorkload workload = AuditQuery.workload();
            final int batch = 10_000;
            final List<ExperienceEventEnvelope> pending = new ArrayList<>(batch);
            for (int i = 0; i < ledger.events; i++) {
                if (workload.next() instanceof ExperienceRecord.Engine e) {
                    pending.add(e.value());
                }
                if (pending.size() == batch || i == ledger.events - 1) {
                    final ExperienceEventEnvelope[] envelopes = pending.toArray(new ExperienceEventEnvelope[0]);
                    final byte[][] json = new byte[envelopes.length][];
                    for (int j = 0; j < envelopes.length; j++) {
                        json[j] = Envelopes.json(envelopes[j]);
                    }
                    db.insertAll(envelopes, json);
                    pending.clear();
                }
            }
            byTenantAndKinds = db.connection().prepareStatement("SELECT body FROM events"
                    + " WHERE tenant = ? AND kind IN (?, ?) ORDER BY seq LIMIT 1000");
            byCorrelation = db.connection().prepareStatement("SELECT body FROM events"
                    + " WHERE correlation = ? ORDER BY seq");
        }

        @TearDown(Level.Trial)
        public void delete() throws SQLException {
            byTenantAndKinds.close();
            byCorrelation.close();
            db.close();
            TempStores.delete(dir);
        }
    }

    @Benchmark
    public List<ExperienceEventEnvelope> engineIndexed(Ledger ledger, Engine engine) {
        return engine.store.queryEvents(ledger.query.audit());
    }

    @Benchmark
    public List<ExperienceEventEnvelope> engineScan(Ledger ledger, Engine engine) {
        return engine.store.queryEventsByScan(ledger.query.audit());
    }

    @Benchmark
    public List<ExperienceEventEnvelope> inMemory(Ledger ledger, Memory memory) {
        return memory.store.queryEvents(ledger.query.audit());
    }

    @Benchmark
    public List<byte[]> sqliteIndexed(Ledger ledger, Sqlite sqlite) throws SQLException {
        final AuditQuery q = ledger.query;
        sqlite.byTenantAndKinds.setString(1, q.tenant());
        sqlite.byTenantAndKinds.setString(2, q.kinds().get(0).name());
        sqlite.byTenantAndKinds.setString(3, q.kinds().get(1).name());
        return rows(sqlite.byTenantAndKinds);
    }

    @Benchmark
    public List<ExperienceEventEnvelope> engineCorrelation(Ledger ledger, Engine engine) {
        return engine.store.queryEvents(ledger.query.correlation());
    }

    @Benchmark
    public List<ExperienceEventEnvelope> inMemoryCorrelation(Ledger ledger, Memory memory) {
        return memory.store.queryEvents(ledger.query.correlation());
    }

    @Benchmark
    public List<byte[]> sqliteCorrelation(Ledger ledger, Sqlite sqlite) throws SQLException {
        sqlite.byCorrelation.setString(1, ledger.query.correlation().correlationId().value());
        return rows(sqlite.byCorrelation);
    }

    private static List<byte[]> rows(PreparedStatement statement) throws SQLException {
        final List<byte[]> bodies = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                bodies.add(rows.getBytes(1));
            }
        }
        return bodies;
    }
}
