package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.json.JsonOutput;
import io.experienceledger.merkle.TreeHead;
import java.nio.charset.StandardCharsets;
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
 * Building the ledger's Merkle tree from the journal; one operation is one pass over {@code entries} entries
 * (divide by {@code entries} for the time per entry).
 * <ul>
 *   <li>{@code treeCatchUp}: the tree's catch-up on a store open for writing whose tree was deleted: every entry
 *       read, written as its export line, hashed into a leaf and the leaves and levels written to
 *       {@code DIR/index/tree} (what the first head of an existing ledger costs, and per entry what every later
 *       one costs);</li>
 *   <li>{@code exportLines}: the baseline without the tree: every entry read and written as its export line in
 *       UTF-8, what {@code ledger export} does before it writes, and what any hashing of the canonical JSON needs
 *       first.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {TreeBenchmark.MAX_HEAP, TreeBenchmark.INITIAL_HEAP})
public class TreeBenchmark extends ChronicleJvm {
    static final String MAX_HEAP = "-Xmx1g";
    static final String INITIAL_HEAP = "-Xms1g";

    /** A ledger of {@code entries} typical envelopes over 16 tenants, written once per fork. */
    @State(Scope.Benchmark)
    public static class Ledger {
        @Param("200000")
        public int entries;

        Path dir;

        @Setup(Level.Trial)
        public void write() {
            dir = TempStores.create("tree");
            ScanBenchmark.writeTypical(dir, entries);
        }

        @TearDown(Level.Trial)
        public void delete() {
            TempStores.delete(dir);
        }
    }

    /** The ledger open for writing, its tree deleted before every operation (not timed). */
    @State(Scope.Thread)
    public static class WithoutTree {
        ChronicleExperienceStore store;

        @Setup(Level.Invocation)
        public void reopen(Ledger ledger) {
            close();
            TempStores.delete(ledger.dir.resolve("index").resolve("tree"));
            store = ChronicleExperienceStore.open(ledger.dir);
        }

        @TearDown(Level.Trial)
        public void close() {
            if (store != null) {
                store.close();
                store = null;
            }
        }
    }

    /** The ledger open for reading. */
    @State(Scope.Thread)
    public static class Reader {
        ChronicleExperienceStore store;
        final JsonOutput line = new JsonOutput();

        @Setup(Level.Trial)
        public void open(Ledger ledger) {
            store = ChronicleExperienceStore.builder(ledger.dir).readOnly().open();
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    @Benchmark
    public TreeHead treeCatchUp(WithoutTree ledger) {
        return ledger.store.tree().head();
    }

    @Benchmark
    public long exportLines(Reader reader) {
        final long[] bytes = new long[1];
        reader.store.scan(-1, (index, record) -> {
            reader.line.reset();
            ConvergeJson.writeAnyEnvelope(reader.line, record);
            bytes[0] += reader.line.size();
            return true;
        });
        return bytes[0];
    }
}
