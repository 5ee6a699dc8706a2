package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.ExperienceEventEnvelope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Total append throughput of 1, 2 and 4 threads appending the typical envelope flat out to one store, with appends
 * that wait for the journal and with queued appends, measured in alternating rounds: each round runs every thread
 * count of each kind for the same time, each on a new store, one after the other, in one JVM. A thread count's
 * throughput is compared with one thread's of the same round, so that what makes one JVM or one minute faster than
 * another here (a fifth and more) cancels out; the ratio judged is the median of the rounds' ratios over several
 * JVMs, run one after the other. Queued appends are also compared with the higher of one queued and one waiting
 * thread of the same round: what queueing costs, next to waiting. A queued run's time ends when
 * its store has appended every entry queued ({@code flush}). {@code ConcurrentAppendBenchmark} measures the same in
 * JMH, with each thread count in forks of its own.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.experienceledger.bench.ThreadsHarness [seconds a count] [rounds] [jvms]
 * </pre>
 * Prints {@code threads.<n>.ratio} and {@code queued.<n>.ratio} (against one thread of the same kind, the median
 * of every round's), {@code queued.<n>.ratio_to_best_one} (against the higher of one queued and one waiting thread),
 * each with its rounds' range ({@code .min}, {@code .max}) and a 95% interval for the median ({@code .low},
 * {@code .high}), and each JVM's rounds, as properties. Each run also counts the cores its JVM kept busy while the
 * threads appended, in all and by the appending threads, the prefetcher and the drainer
 * ({@code <kind>.<n>.median.cores}, {@code .appending_cores}, ...), and the CPU time an append took
 * ({@code .cpu_ns_per_append}); {@code <kind>.ceiling} is the machine's cores over the cores one thread's run kept
 * busy: what more threads could reach at most. Stores go where {@code -Dbench.dir} says.
 */
public final class ThreadsHarness {
    /**
     * The thread counts of each round, one thread first: the others are compared with it. Every thread comparison of
     * the report uses them.
     */
    static final List<Integer> COUNTS = List.of(1, 2, 4);
    static final double DEFAULT_SECONDS = 1;
    static final int DEFAULT_ROUNDS = 7;
    static final int DEFAULT_JVMS = 3;
    private static final String CHILD = "threads.child";
    /** The name of each appending thread, before its number. */
    private static final String APPENDER = "appender-";
    private static final String OUT = "threads.out";
    /** The heap of a measuring JVM, as {@code ConcurrentAppendBenchmark}'s forks have. */
    private static final List<String> HEAP = List.of(AppendBenchmark.MAX_HEAP, AppendBenchmark.INITIAL_HEAP);
    private static final ExperienceEventEnvelope ENVELOPE = Envelopes.typical.envelope();

    /**
     * The cores of the machine over the cores one thread's run of a kind kept busy, the median of the rounds (a
     * property suffix of the kind): how many times one thread's throughput any number of threads could reach if
     * sharing the work among them cost nothing.
     */
    static final String CEILING = ".ceiling";
    /** Appends per microsecond, all threads' together (a property suffix). */
    static final String APPENDS_PER_US = "appends_per_us";
    /** CPU time per append, in nanoseconds: the cores a run kept busy over its throughput (a property suffix). */
    static final String CPU_NS_PER_APPEND = "cpu_ns_per_append";
    /** The cores of the machine a JVM measured on (a property). */
    private static final String CORES = "cores";
    /** A thread count's ratio to one thread of its kind, in the same round (a property suffix). */
    static final String RATIO = ".ratio";
    /** A queued thread count's ratio to the higher of one queued and one waiting thread, in the same round. */
    static final String RATIO_TO_BEST_ONE = ".ratio_to_best_one";

    /** How the threads append: each kind's properties begin with its prefix; its label names it in tables. */
    enum Appends {
        /** Each append returns once its entry is in the journal. */
        WAITING("threads", "wait"),
        /** Each append returns once its entry is queued; the store's drainer appends it ({@code queuedAppends}). */
        QUEUED("queued", "queued");

        final String prefix;
        final String label;

        Appends(String prefix, String label) {
            this.prefix = prefix;
            this.label = label;
        }
    }

    private ThreadsHarness() {
    }

    public static void main(String[] args) throws Exception {
        final double seconds = args.length > 0 ? Double.parseDouble(args[0]) : DEFAULT_SECONDS;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ROUNDS;
        final int jvms = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_JVMS;
        if (!(seconds > 0) || rounds < 1 || jvms < 1) {
            throw new IllegalArgumentException("usage: ThreadsHarness [seconds a count > 0] [rounds >= 1] [jvms >= 1]");
        }
        if (Boolean.getBoolean(CHILD)) {
            final Properties results = measure((long) (seconds * 1e9), rounds);
            MemoryCheck.store(results, Path.of(System.getProperty(OUT)));
            return;
        }
        final Properties combined = run(seconds, rounds, jvms, List.of());
        combined.stringPropertyNames().stream().sorted().forEach(k -> System.out.println(k + "=" + combined.get(k)));
    }

    /**
     * Measures in {@code jvms} child JVMs, one after the other, each started with {@code options} besides its heap,
     * and puts their rounds together.
     */
    static Properties run(double seconds, int rounds, int jvms, List<String> options) {
        final List<Properties> each = new ArrayList<>();
        for (int jvm = 1; jvm <= jvms; jvm++) {
            each.add(child(seconds, rounds, options));
        }
        final Properties combined = combine(each, rounds);
        combined.setProperty("seconds", fmt(seconds));
        return combined;
    }

    /**
     * The rounds of every JVM ({@code <kind>.<n>.round.<r>.appends_per_us}, {@code rounds} each) put together: each
     * JVM's rounds under {@code jvm.<j>.}, and for each kind and thread count the median throughput of all rounds and
     * the median, lowest and highest of its rounds' ratios to one thread's throughput of the same kind in the same
     * round ({@code <kind>.<n>.ratio}); for queued appends also to the higher of one queued and one waiting thread's
     * ({@code queued.<n>.ratio_to_best_one}). Each median ratio comes with a 95% interval for it ({@code .low},
     * {@code .high}: {@link JvmRounds#medianInterval}).
     */
    static Properties combine(List<Properties> jvms, int rounds) {
        final Properties combined = new Properties();
        final Map<String, List<Double>> values = new LinkedHashMap<>();
        final int one = COUNTS.get(0);
        for (int jvm = 1; jvm <= jvms.size(); jvm++) {
            final Properties results = jvms.get(jvm - 1);
            for (int round = 1; round <= rounds; round++) {
                final double bestOne = Math.max(rate(results, Appends.WAITING, one, round),
                        rate(results, Appends.QUEUED, one, round));
                for (Appends kind : Appends.values()) {
                    final double oneOfKind = rate(results, kind, one, round);
                    for (int count : COUNTS) {
                        final double rate = rate(results, kind, count, round);
                        combined.setProperty("jvm." + jvm + "." + rateKey(kind, count, round), fmt(rate));
                        final String key = kind.prefix + "." + count;
                        values.computeIfAbsent(medianKey(kind, count, APPENDS_PER_US), k -> new ArrayList<>())
                                .add(rate);
                        values.computeIfAbsent(key + RATIO, k -> new ArrayList<>()).add(rate / oneOfKind);
                        if (kind == Appends.QUEUED) {
                            values.computeIfAbsent(key + RATIO_TO_BEST_ONE, k -> new ArrayList<>()).add(rate / bestOne);
                        }
                        busy(results, kind, count, round, rate).forEach((suffix, value) -> values
                                .computeIfAbsent(medianKey(kind, count, suffix), k -> new ArrayList<>()).add(value));
                    }
                    final String cores = results.getProperty(CORES);
                    final String busyOne = results.getProperty(busyKey(kind, one, round, Busy.ALL));
                    if (cores != null && busyOne != null) {
                        values.computeIfAbsent(kind.prefix + CEILING, k -> new ArrayList<>())
                                .add(Integer.parseInt(cores) / Double.parseDouble(busyOne));
                    }
                }
            }
        }
        combined.setProperty("jvms", Integer.toString(jvms.size()));
        combined.setProperty("rounds", Integer.toString(rounds));
        values.forEach((key, all) -> {
            combined.setProperty(key, fmt(JvmRounds.median(all)));
            if (!key.contains(".median.")) {
                combined.setProperty(key + ".min", fmt(all.stream().min(Double::compare).orElseThrow()));
                combined.setProperty(key + ".max", fmt(all.stream().max(Double::compare).orElseThrow()));
                final double[] interval = JvmRounds.medianInterval(all);
                combined.setProperty(key + ".low", fmt(interval[0]));
                combined.setProperty(key + ".high", fmt(interval[1]));
            }
        });
        return combined;
    }

    /**
     * What one run of {@code count} threads kept busy, by property suffix, with the CPU time an append took
     * ({@code cpu_ns_per_append}: the cores busy over the throughput); empty for a JVM that did not count it.
     */
    private static Map<String, Double> busy(Properties results, Appends kind, int count, int round, double rate) {
        final Map<String, Double> busy = new LinkedHashMap<>();
        for (Busy each : Busy.values()) {
            final String value = results.getProperty(busyKey(kind, count, round, each));
            if (value != null) {
                busy.put(each.suffix, Double.parseDouble(value));
            }
        }
        if (busy.containsKey(Busy.ALL.suffix)) {
            busy.put(CPU_NS_PER_APPEND, busy.get(Busy.ALL.suffix) * 1_000 / rate);
        }
        return busy;
    }

    private static double rate(Properties results, Appends kind, int count, int round) {
        final String value = results.getProperty(rateKey(kind, count, round));
        if (value == null) {
            throw new IllegalStateException("a JVM reported no round " + round + " of " + count + " threads ("
                    + kind.prefix + ")");
        }
        return Double.parseDouble(value);
    }

    private static Properties child(double seconds, int rounds, List<String> extraOptions) {
        final Path dir = TempStores.create("threads-results");
        try {
            final Path out = dir.resolve("results.properties");
            final List<String> options = new ArrayList<>(HEAP);
            options.addAll(extraOptions);
            options.add("-D" + CHILD + "=true");
            options.add("-D" + OUT + "=" + out);
            Jvm.run(ThreadsHarness.class, options, Double.toString(seconds), Integer.toString(rounds), "1");
            return MemoryCheck.load(out);
        } finally {
            TempStores.delete(dir);
        }
    }

    /** In this JVM: one warm-up round, then {@code rounds} rounds of every thread count. */
    static Properties measure(long nanos, int rounds) throws InterruptedException {
        for (Appends kind : Appends.values()) { // every path compiled before the first counted round
            for (int count : COUNTS) {
                appendFlatOut(kind, count, nanos);
            }
        }
        final Properties results = new Properties();
        results.setProperty(CORES, Integer.toString(Machine.cores()));
        for (int round = 1; round <= rounds; round++) {
            for (Appends kind : Appends.values()) {
                for (int count : COUNTS) {
                    final FlatOut run = appendFlatOut(kind, count, nanos);
                    results.setProperty(rateKey(kind, count, round), fmt(run.appendsPerUs()));
                    for (Busy busy : Busy.values()) {
                        results.setProperty(busyKey(kind, count, round, busy), fmt(run.cores().get(busy)));
                    }
                    System.out.println(rateKey(kind, count, round) + "=" + fmt(run.appendsPerUs()) + " on "
                            + fmt(run.cores().get(Busy.ALL)) + " cores");
                }
            }
        }
        return results;
    }

    static String rateKey(Appends kind, int count, int round) {
        return kind.prefix + "." + count + ".round." + round + "." + APPENDS_PER_US;
    }

    static String busyKey(Appends kind, int count, int round, Busy busy) {
        return kind.prefix + "." + count + ".round." + round + "." + busy.suffix;
    }

    /** {@code <kind>.<count>.median.<suffix>}: the median over the rounds of one of a thread count's figures. */
    static String medianKey(Appends kind, int count, String suffix) {
        return kind.prefix + "." + count + ".median." + suffix;
    }

    /** One run's throughput and the cores its JVM kept busy meanwhile, in all and by kind of thread. */
    record FlatOut(double appendsPerUs, Map<Busy, Double> cores) {
    }

    /**
     * What a run kept busy, as a property suffix: the cores in all (process CPU time over wall time, the JIT and the
     * collector included), or those of the threads whose names begin with a prefix.
     */
    enum Busy {
        ALL("cores", null),
        APPENDING("appending_cores", APPENDER),
        PREFETCHER("prefetcher_cores", "ledger-prefetch"),
        DRAINER("drainer_cores", "ledger-drainer");

        final String suffix;
        /** The names of the threads counted; null for the whole process. */
        private final String threads;

        Busy(String suffix, String threads) {
            this.suffix = suffix;
            this.threads = threads;
        }

        /** The cores these threads kept busy between {@code before} and {@code after}, {@code nanos} apart. */
        double between(Cpu before, Cpu after, double nanos) {
            return (threads == null ? after.process() - before.process() : after.sinceNamed(before, threads)) / nanos;
        }
    }

    /**
     * Appends per microsecond of {@code threads} threads appending to one new store for {@code nanos}; with queued
     * appends, until the store has appended what they queued. The cores busy are counted while the threads append
     * (a queued run's drain after they stop is left out).
     */
    static FlatOut appendFlatOut(Appends kind, int threads, long nanos) throws InterruptedException {
        final Path dir = TempStores.create("threads");
        final ChronicleExperienceStore.Builder builder = ChronicleExperienceStore.builder(dir);
        try (ChronicleExperienceStore store = kind == Appends.QUEUED ? builder.queuedAppends().open() : builder.open()) {
            final AtomicBoolean stop = new AtomicBoolean();
            final CountDownLatch ready = new CountDownLatch(threads);
            final CountDownLatch go = new CountDownLatch(1);
            final long[] appended = new long[threads];
            final List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int own = t;
                final Thread thread = new Thread(() -> {
                    ready.countDown();
                    awaitQuietly(go);
                    long n = 0;
                    while (!stop.get()) {
                        store.appendEvent(ENVELOPE);
                        n++;
                    }
                    appended[own] = n;
                }, APPENDER + t);
                thread.start();
                running.add(thread);
            }
            ready.await();
            final Cpu cpuBefore = Cpu.now();
            final long start = System.nanoTime();
            go.countDown();
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            final Cpu cpuAfter = Cpu.now();
            final double appending = System.nanoTime() - start;
            stop.set(true);
            for (Thread thread : running) {
                thread.join();
            }
            store.flush();
            final long elapsed = System.nanoTime() - start;
            final Map<Busy, Double> cores = new EnumMap<>(Busy.class);
            for (Busy busy : Busy.values()) {
                cores.put(busy, busy.between(cpuBefore, cpuAfter, appending));
            }
            return new FlatOut(Arrays.stream(appended).sum() * 1_000.0 / elapsed, cores);
        } finally {
            TempStores.delete(dir);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
