package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.ExperienceEventEnvelope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Total append throughput of 1, 2 and 4 threads appending the typical envelope flat out to one store (appends that
 * wait for the journal), measured in alternating rounds: each round runs every thread count for the same time, each
 * on a new store, one after the other, in one JVM. A thread count's throughput is compared with one thread's of the
 * same round, so that what makes one JVM or one minute faster than another here (a fifth and more) cancels out; the
 * ratio judged is the median of the rounds' ratios over several JVMs, run one after the other.
 * {@code ConcurrentAppendBenchmark} measures the same in JMH, with each thread count in forks of its own.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.experienceledger.bench.ThreadsHarness [seconds a count] [rounds] [jvms]
 * </pre>
 * Prints {@code threads.<n>.ratio} (against one thread, the median of every round's), and each JVM's rounds, as
 * properties. Stores go where {@code -Dbench.dir} says.
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
    private static final String OUT = "threads.out";
    /** The heap of a measuring JVM, as {@code ConcurrentAppendBenchmark}'s forks have. */
    private static final List<String> HEAP = List.of(AppendBenchmark.MAX_HEAP, AppendBenchmark.INITIAL_HEAP);
    private static final ExperienceEventEnvelope ENVELOPE = Envelopes.typical.envelope();

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
     * The rounds of every JVM ({@code threads.<n>.round.<r>.appends_per_us}, {@code rounds} each) put together:
     * each JVM's rounds under {@code jvm.<j>.}, and for each thread count the median throughput of all rounds and
     * the median, lowest and highest of its rounds' ratios to one thread's throughput in the same round.
     */
    static Properties combine(List<Properties> jvms, int rounds) {
        final Properties combined = new Properties();
        final Map<Integer, List<Double>> ratios = new LinkedHashMap<>();
        final Map<Integer, List<Double>> rates = new LinkedHashMap<>();
        for (int jvm = 1; jvm <= jvms.size(); jvm++) {
            final Properties results = jvms.get(jvm - 1);
            for (int count : COUNTS) {
                for (int round = 1; round <= rounds; round++) {
                    final double rate = rate(results, count, round);
                    combined.setProperty("jvm." + jvm + "." + rateKey(count, round), fmt(rate));
                    rates.computeIfAbsent(count, c -> new ArrayList<>()).add(rate);
                    ratios.computeIfAbsent(count, c -> new ArrayList<>()).add(rate / rate(results, COUNTS.get(0), round));
                }
            }
        }
        combined.setProperty("jvms", Integer.toString(jvms.size()));
        combined.setProperty("rounds", Integer.toString(rounds));
        rates.forEach((count, values) -> combined.setProperty("threads." + count + ".median.appends_per_us",
                fmt(JvmRounds.median(values))));
        ratios.forEach((count, values) -> {
            combined.setProperty("threads." + count + ".ratio", fmt(JvmRounds.median(values)));
            combined.setProperty("threads." + count + ".ratio.min", fmt(values.stream().min(Double::compare)
                    .orElseThrow()));
            combined.setProperty("threads." + count + ".ratio.max", fmt(values.stream().max(Double::compare)
                    .orElseThrow()));
        });
        return combined;
    }

    private static double rate(Properties results, int count, int round) {
        final String value = results.getProperty(rateKey(count, round));
        if (value == null) {
            throw new IllegalStateException("a JVM reported no round " + round + " of " + count + " threads");
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
        for (int count : COUNTS) { // every path compiled before the first counted round
            appendFlatOut(count, nanos);
        }
        final Properties results = new Properties();
        for (int round = 1; round <= rounds; round++) {
            for (int count : COUNTS) {
                final double rate = appendFlatOut(count, nanos);
                results.setProperty(rateKey(count, round), fmt(rate));
                System.out.println(rateKey(count, round) + "=" + fmt(rate));
            }
        }
        return results;
    }

    private static String rateKey(int count, int round) {
        return "threads." + count + ".round." + round + ".appends_per_us";
    }

    /** Appends per microsecond of {@code threads} threads appending to one new store for {@code nanos}. */
    static double appendFlatOut(int threads, long nanos) throws InterruptedException {
        final Path dir = TempStores.create("threads");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
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
                }, "appender-" + t);
                thread.start();
                running.add(thread);
            }
            ready.await();
            final long start = System.nanoTime();
            go.countDown();
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            stop.set(true);
            for (Thread thread : running) {
                thread.join();
            }
            final long elapsed = System.nanoTime() - start;
            return Arrays.stream(appended).sum() * 1_000.0 / elapsed;
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
