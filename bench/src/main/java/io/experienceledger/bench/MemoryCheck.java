package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.LedgerStats;
import io.experienceledger.merkle.TreeHead;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.workload.SyntheticWorkload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A large ledger in a small heap: a child JVM with {@value #HEAP} writes {@code events} envelopes of the synthetic
 * workload (default 10,000,000), then a second one opens the ledger and answers {@link AuditQuery}'s queries. Both
 * report time and heap; the second also the bytes per entry of the journal and of the side index, then builds the
 * Merkle tree (the time of its catch-up from nothing) and, after opening the store again, times the digest and
 * inclusion proofs and the tree's bytes on disk.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.experienceledger.bench.MemoryCheck [events]
 * </pre>
 */
public final class MemoryCheck {
    static final String HEAP = "-Xmx256m";
    private static final int REPEAT = 20;

    private MemoryCheck() {
    }

    /**
     * What the two JVMs measured.
     *
     * @param values  the measurements by name (see {@link #write} and {@link #query})
     */
    record Result(long events, Properties values) {
        double number(String name) {
            return Double.parseDouble(values.getProperty(name));
        }
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].startsWith("--")) {
            final Path dir = Path.of(args[1]);
            final long events = Long.parseLong(args[2]);
            final Properties out = args[0].equals("--write") ? write(dir, events) : query(dir, events);
            store(out, Path.of(args[3]));
            return;
        }
        final long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        final Result result = run(events);
        result.values().stringPropertyNames().stream().sorted()
                .forEach(k -> System.out.println(k + " = " + result.values().getProperty(k)));
    }

    /** Writes and queries a ledger of {@code events} envelopes, each phase in its own JVM with {@value #HEAP}. */
    static Result run(long events) {
        final Path dir = TempStores.create("memory-check");
        try {
            final Path ledger = dir.resolve("ledger");
            final Properties values = new Properties();
            for (String phase : List.of("--write", "--query")) {
                final Path out = dir.resolve(phase.substring(2) + ".properties");
                Jvm.run(MemoryCheck.class, List.of(HEAP, "-XX:+UseSerialGC"), phase, ledger.toString(),
                        Long.toString(events), out.toString());
                values.putAll(load(out));
            }
            return new Result(events, values);
        } finally {
            TempStores.delete(dir);
        }
    }

    private static Properties write(Path dir, long events) {
        final long start = System.nanoTime();
        final SyntheticWorkload workload = AuditQuery.workload();
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            for (long i = 0; i < events; i++) {
                AuditQuery.append(store, workload.next());
            }
        }
        final Properties out = new Properties();
        out.setProperty("write.seconds", seconds(start));
        out.setProperty("write.heap.peak.mib", mib(peakHeap()));
        return out;
    }

    private static Properties query(Path dir, long events) {
        final AuditQuery queries = AuditQuery.choose(events);
        final Properties out = new Properties();
        long start = System.nanoTime();
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            out.setProperty("open.seconds", seconds(start));
            start = System.nanoTime();
            final List<ExperienceEventEnvelope> first = store.queryEvents(queries.audit());
            out.setProperty("audit.first.ms", millis(start));
            out.setProperty("audit.hits", Integer.toString(first.size()));
            start = System.nanoTime();
            for (int i = 0; i < REPEAT; i++) {
                store.queryEvents(queries.audit());
            }
            out.setProperty("audit.ms", String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e6 / REPEAT));
            start = System.nanoTime();
            final int runHits = store.queryEvents(queries.correlation()).size();
            out.setProperty("correlation.ms", millis(start));
            out.setProperty("correlation.hits", Integer.toString(runHits));
            out.setProperty("query", queries.describe());
            final LedgerStats stats = store.stats();
            out.setProperty("entries", Long.toString(stats.entries()));
            out.setProperty("journal.bytes", Long.toString(stats.journalBytes()));
            out.setProperty("index.bytes", Long.toString(stats.indexBytes()));
            out.setProperty("index.entries", Long.toString(stats.indexedEntries()));
            System.gc();
            out.setProperty("query.heap.used.mib", mib(usedHeap()));
            out.setProperty("query.heap.peak.mib", mib(peakHeap()));
            out.setProperty("heap.max.mib", mib(Runtime.getRuntime().maxMemory()));
            start = System.nanoTime();
            final TreeHead head = store.tree().head();
            out.setProperty("tree.catchup.seconds", seconds(start));
            out.setProperty("tree.size", Long.toString(head.size()));
        }
        out.putAll(tree(dir));
        return out;
    }

    /**
     * A store opened again after its tree was caught up: the time of its first digest (opening the tree's files
     * included), of the next ones, and of inclusion proofs of random entries; the tree's bytes on disk.
     */
    private static Properties tree(Path dir) {
        final Properties out = new Properties();
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            long start = System.nanoTime();
            final String digest = store.digest();
            out.setProperty("tree.digest.first.ms", millis(start));
            start = System.nanoTime();
            for (int i = 0; i < REPEAT; i++) {
                store.digest();
            }
            out.setProperty("tree.digest.ms", String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e6
                    / REPEAT));
            final TreeHead head = TreeHead.parse(digest);
            final java.util.Random random = new java.util.Random(1);
            start = System.nanoTime();
            final long leaf = (long) (random.nextDouble() * head.size());
            final List<byte[]> path = store.tree().inclusion(leaf, head.size());
            out.setProperty("tree.proof.first.ms", millis(start));
            out.setProperty("tree.proof.hashes", Integer.toString(path.size()));
            start = System.nanoTime();
            for (int i = 0; i < REPEAT; i++) {
                store.tree().inclusion((long) (random.nextDouble() * head.size()), head.size());
            }
            out.setProperty("tree.proof.ms", String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e6
                    / REPEAT));
        }
        out.setProperty("tree.bytes", Long.toString(TempStores.sizeOf(dir.resolve("index").resolve("tree"))));
        return out;
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String seconds(long start) {
        return String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9);
    }

    private static String millis(long start) {
        return String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e6);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    /** Writes a child JVM's results for its parent ({@link #load}). */
    static void store(Properties values, Path file) {
        try (Writer writer = Files.newBufferedWriter(file)) {
            values.store(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the results a child JVM {@linkplain #store stored}. */
    static Properties load(Path file) {
        final Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            values.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
