package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.LedgerStats;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
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
 * Reading every entry of a ledger in append order; one operation is one pass over {@code entries} entries
 * (divide the score by {@code entries} for the time per entry).
 * <ul>
 *   <li>{@code engineHeaders}: the engine's header-only pass: {@link ChronicleExperienceStore#queryEventsByScan} of a
 *       tenant that has no entries, so every header is read and matched and no payload is decoded (what a query
 *       the index cannot plan costs);</li>
 *   <li>{@code engineStats}: {@link ChronicleExperienceStore#stats()}, a header-only pass that also counts every
 *       entry by tenant and kind;</li>
 *   <li>{@code engineDecode}: {@link ChronicleExperienceStore#scan}, every entry decoded into its envelope;</li>
 *   <li>{@code rawChronicle}: a bare Chronicle tailer over the same journal, reading each document's length and
 *       kind byte: what a user of Chronicle Queue would write;</li>
 *   <li>{@code mappedFiles}: the same read of the journal's files mapped without Chronicle: the floor of any
 *       reader.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
public class ScanBenchmark extends ChronicleJvm {
    private static final EventQuery NO_MATCH = EventQuery.all().withTenant(TenantId.of("tenant-absent"));

    /** A ledger of {@code entries} typical envelopes over 16 tenants, written once per fork. */
    @State(Scope.Benchmark)
    public static class Ledger {
        @Param("1000000")
        public int entries;

        Path dir;

        @Setup(Level.Trial)
        public void write() {
            dir = TempStores.create("scan");
            writeTypical(dir, entries);
        }

        @TearDown(Level.Trial)
        public void delete() {
            TempStores.delete(dir);
        }
    }

    /** The ledger opened by the engine. */
    @State(Scope.Thread)
    public static class Engine {
        ChronicleExperienceStore store;

        @Setup(Level.Trial)
        public void open(Ledger ledger) {
            store = ChronicleExperienceStore.builder(ledger.dir).readOnly().open();
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    /** The ledger's journal opened as a bare Chronicle queue. */
    @State(Scope.Thread)
    public static class Raw {
        SingleChronicleQueue queue;

        @Setup(Level.Trial)
        public void open(Ledger ledger) {
            queue = RawJournal.open(RawJournal.journalOf(ledger.dir), true);
        }

        @TearDown(Level.Trial)
        public void close() {
            queue.close();
        }
    }

    /** Appends {@code entries} typical envelopes to a new ledger in {@code dir}, tenants tenant-0 .. tenant-15 in turn. */
    static void writeTypical(Path dir, int entries) {
        final ExperienceEventEnvelope typical = Envelopes.typical.envelope();
        final ExperienceEventEnvelope[] byTenant = new ExperienceEventEnvelope[16];
        for (int t = 0; t < byTenant.length; t++) {
            byTenant[t] = typical.withTenant("tenant-" + t);
        }
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            for (int i = 0; i < entries; i++) {
                store.appendEvent(byTenant[i & 15]);
            }
        }
    }

    @Benchmark
    public List<ExperienceEventEnvelope> engineHeaders(Engine engine) {
        return engine.store.queryEventsByScan(NO_MATCH);
    }

    @Benchmark
    public LedgerStats engineStats(Engine engine) {
        return engine.store.stats();
    }

    @Benchmark
    public long engineDecode(Engine engine) {
        final long[] seen = new long[1];
        engine.store.scan(-1, (index, record) -> count(seen, record));
        return seen[0];
    }

    /**
     * The floor under both: the journal's files mapped with plain {@code FileChannel.map} and their documents' header
     * words read in order (length, metadata and not-complete bits; 4-byte aligned), each data document's length and
     * kind byte summed, with no Chronicle code at all.
     */
    @Benchmark
    public long mappedFiles(Mapped mapped) {
        long sum = 0;
        long documents = 0;
        for (MappedByteBuffer file : mapped.files) {
            final int limit = file.capacity() - 4;
            int position = 0;
            while (position < limit) {
                position = (position + 3) & ~3;
                final int word = file.getInt(position);
                if (word == 0 || (word & 0x8000_0000) != 0) {
                    break;
                }
                final int length = word & 0x3FFF_FFFF;
                if ((word & 0x4000_0000) == 0) {
                    sum += length + file.get(position + 4 + 3);
                    documents++;
                }
                position += 4 + length;
            }
        }
        if (documents != mapped.documents) {
            throw new IllegalStateException("read " + documents + " documents of " + mapped.documents);
        }
        return sum;
    }

    /** The ledger's journal files, each mapped whole (up to 2 GiB) with {@code FileChannel.map}. */
    @State(Scope.Thread)
    public static class Mapped {
        final List<MappedByteBuffer> files = new ArrayList<>();
        long documents;

        @Setup(Level.Trial)
        public void map(Ledger ledger) throws IOException {
            final List<Path> cycles;
            try (Stream<Path> listed = Files.list(RawJournal.journalOf(ledger.dir))) {
                cycles = listed.filter(f -> f.getFileName().toString().endsWith(".cq4")).sorted().toList();
            }
            for (Path cycle : cycles) {
                try (FileChannel channel = FileChannel.open(cycle)) {
                    final MappedByteBuffer file = channel.map(FileChannel.MapMode.READ_ONLY, 0,
                            Math.min(channel.size(), Integer.MAX_VALUE - 8));
                    file.order(ByteOrder.LITTLE_ENDIAN);
                    files.add(file);
                }
            }
            try (SingleChronicleQueue queue = RawJournal.open(RawJournal.journalOf(ledger.dir), true);
                 ExcerptTailer tailer = queue.createTailer()) {
                while (true) {
                    try (DocumentContext context = tailer.readingDocument()) {
                        if (!context.isPresent()) {
                            break;
                        }
                        documents++;
                    }
                }
            }
        }
    }

    @Benchmark
    public long rawChronicle(Raw raw) {
        long sum = 0;
        try (ExcerptTailer tailer = raw.queue.createTailer()) {
            while (true) {
                try (DocumentContext context = tailer.readingDocument()) {
                    if (!context.isPresent()) {
                        return sum;
                    }
                    final Bytes<?> bytes = context.wire().bytes();
                    sum += bytes.readRemaining() + bytes.readByte(bytes.readPosition() + 3);
                }
            }
        }
    }

    private static boolean count(long[] seen, ExperienceRecord record) {
        seen[0] += record instanceof ExperienceRecord.Engine ? 1 : 0;
        return true;
    }
}
