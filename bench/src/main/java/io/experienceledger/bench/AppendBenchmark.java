package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.store.InMemoryExperienceStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time to append one envelope, for the engine and for what users would pick instead, in one run:
 * <ul>
 *   <li>{@code engine}: {@link ChronicleExperienceStore#appendEvent} (validate, encode, one journal document);</li>
 *   <li>{@code rawChronicle}: a bare Chronicle appender writing the engine's encoded entry, byte for byte: the floor;</li>
 *   <li>{@code inMemory}: {@link InMemoryExperienceStore#appendEvent};</li>
 *   <li>{@code sqlite}: one prepared insert per event (WAL, synchronous=NORMAL; {@link SqliteLedger}), given the
 *       envelope's JSON already encoded, so it is charged for storage only;</li>
 *   <li>{@code engineBatch}, {@code sqliteBatch}: 100 envelopes per {@code appendEvents} / per transaction,
 *       reported per envelope;</li>
 *   <li>{@code integrity}: only the integrity work of one append, the entry's CRC32C (the hash chain is computed
 *       by verify and digest, never on the append path), for the share of {@code engine} it costs.</li>
 * </ul>
 * The caller's envelope is built once; with {@code -prof gc}, {@code gc.alloc.rate.norm} is what each append
 * allocates beyond it. Stores are new for every iteration and deleted after it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {AppendBenchmark.MAX_HEAP, AppendBenchmark.INITIAL_HEAP})
public class AppendBenchmark extends ChronicleJvm {
    /** The forks' heap; a run that appends its own JVM flags (they replace these) repeats them. */
    static final String MAX_HEAP = "-Xmx1g";
    static final String INITIAL_HEAP = "-Xms1g";

    static final int BATCH = 100;
    /** Where an entry keeps its CRC32C, and where the checksummed bytes resume after it (docs/format.md). */
    private static final int CRC_OFFSET = 4;
    private static final int FLAGS_OFFSET = 8;

    /** The envelope appended, by size. */
    @State(Scope.Benchmark)
    public static class Payload {
        @Param({"small", "typical", "large"})
        public Envelopes payload;

        ExperienceEventEnvelope envelope;
        List<ExperienceEventEnvelope> batch;
        byte[] json;

        @Setup(Level.Trial)
        public void build() {
            envelope = payload.envelope();
            batch = List.of(nCopies(envelope));
            json = Envelopes.json(envelope);
        }
    }

    /** The engine, default settings (page-cache durability, 64 MiB blocks). */
    @State(Scope.Thread)
    public static class Engine {
        Path dir;
        ChronicleExperienceStore store;

        @Setup(Level.Iteration)
        public void open() {
            dir = TempStores.create("append-engine");
            store = ChronicleExperienceStore.open(dir);
        }

        @TearDown(Level.Iteration)
        public void close() {
            store.close();
            TempStores.delete(dir);
        }
    }

    /** A bare Chronicle queue and the engine's entry for the payload. */
    @State(Scope.Thread)
    public static class Raw {
        Path dir;
        SingleChronicleQueue queue;
        ExcerptAppender appender;
        Bytes<?> entry;
        long length;
        /** The entry in a direct buffer, as the engine's encoder holds it when it computes the checksum. */
        ByteBuffer staged;
        final CRC32C crc = new CRC32C();

        @Setup(Level.Trial)
        public void encode(Payload payload) {
            final byte[] bytes = RawJournal.engineEntry(payload.envelope);
            entry = Bytes.allocateDirect(bytes.length);
            entry.write(bytes);
            length = bytes.length;
            staged = ByteBuffer.allocateDirect(bytes.length).put(bytes);
        }

        @Setup(Level.Iteration)
        public void open() {
            dir = TempStores.create("append-raw");
            queue = RawJournal.open(dir, false);
            appender = queue.createAppender();
        }

        @TearDown(Level.Iteration)
        public void close() {
            appender.close();
            queue.close();
            TempStores.delete(dir);
        }

        @TearDown(Level.Trial)
        public void release() {
            entry.releaseLast();
        }
    }

    /** The in-memory store. */
    @State(Scope.Thread)
    public static class Memory {
        InMemoryExperienceStore store;

        @Setup(Level.Iteration)
        public void open() {
            store = new InMemoryExperienceStore();
        }
    }

    /** SQLite, a new database file per iteration. */
    @State(Scope.Thread)
    public static class Sqlite {
        Path dir;
        SqliteLedger db;
        ExperienceEventEnvelope[] envelopes;
        byte[][] json;

        @Setup(Level.Trial)
        public void batch(Payload payload) {
            envelopes = nCopies(payload.envelope);
            json = new byte[BATCH][];
            Arrays.fill(json, payload.json);
        }

        @Setup(Level.Iteration)
        public void open() {
            dir = TempStores.create("append-sqlite");
            db = SqliteLedger.create(dir.resolve("ledger.db"));
        }

        @TearDown(Level.Iteration)
        public void close() throws SQLException {
            db.close();
            TempStores.delete(dir);
        }
    }

    @Benchmark
    public void engine(Payload payload, Engine engine) {
        engine.store.appendEvent(payload.envelope);
    }

    @Benchmark
    public void rawChronicle(Raw raw) {
        try (DocumentContext context = raw.appender.writingDocument()) {
            context.wire().bytes().write(raw.entry, 0, raw.length);
        }
    }

    /**
     * The integrity work of one append and nothing else: the CRC32C of the encoded entry over bytes [0, 4) and
     * [8, end) (docs/format.md), computed from a direct buffer exactly as {@code EntryWriter.finish} does.
     */
    @Benchmark
    public int integrity(Raw raw) {
        final CRC32C crc = raw.crc;
        final ByteBuffer buffer = raw.staged;
        crc.reset();
        buffer.clear();
        buffer.limit(CRC_OFFSET);
        crc.update(buffer);
        buffer.limit((int) raw.length).position(FLAGS_OFFSET);
        crc.update(buffer);
        buffer.clear();
        return (int) crc.getValue();
    }

    @Benchmark
    public void inMemory(Payload payload, Memory memory) {
        memory.store.appendEvent(payload.envelope);
    }

    @Benchmark
    public void sqlite(Payload payload, Sqlite sqlite) throws SQLException {
        sqlite.db.insert(payload.envelope, payload.json);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void engineBatch(Payload payload, Engine engine) {
        engine.store.appendEvents(payload.batch);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void sqliteBatch(Sqlite sqlite) throws SQLException {
        sqlite.db.insertAll(sqlite.envelopes, sqlite.json);
    }

    private static ExperienceEventEnvelope[] nCopies(ExperienceEventEnvelope envelope) {
        final ExperienceEventEnvelope[] copies = new ExperienceEventEnvelope[BATCH];
        Arrays.fill(copies, envelope);
        return copies;
    }
}
