package io.experienceledger.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What the Kafka harnesses ({@link ShipHarness}, {@link MirrorHarness}) share: a child JVM ({@link Jvm}) with a
 * real broker in it ({@link InProcessBroker}), their {@code name=value} results and their tables, printed, and
 * stored for a parent ({@link Report}) when it asks.
 */
abstract class KafkaHarness {
    /** The name of a Kafka producer's network thread (a prefix: the client id follows). */
    static final String PRODUCER_THREAD = "kafka-producer-network-thread";
    /** The name of {@link io.experienceledger.kafka.LedgerShipper#start}'s thread. */
    static final String SHIP_THREAD = "experience-ledger-ship";
    /** The name prefix of the thread that reads and encodes a shipper's entries ahead of its sends. */
    static final String READ_THREAD = "experience-ledger-ship-read";
    final InProcessBroker broker;
    final Map<String, String> values = new LinkedHashMap<>();
    final StringBuilder table = new StringBuilder();

    KafkaHarness(InProcessBroker broker) {
        this.broker = broker;
    }

    /** Makes a harness on the broker and measures. */
    @FunctionalInterface
    interface Measurement {
        KafkaHarness measure(InProcessBroker broker) throws Exception;
    }

    /**
     * A harness's {@code main}: in the JVM it was started in, starts itself again in a child JVM with the Chronicle
     * flags, a fixed heap ({@code heap}, as {@code -Xmx} and {@code -Xms}) and the system property
     * {@code childProperty} set, and waits for it; in that child, measures ({@link #child}).
     */
    static void main(Class<?> harness, String heap, String childProperty, String outProperty, String[] args,
                     Measurement measurement) {
        if (Boolean.getBoolean(childProperty)) {
            child(outProperty, measurement);
        } else {
            Jvm.run(harness, jvmOptions(heap, childProperty), args);
        }
    }

    /** The options of a harness's child JVM: {@code heap} ({@code -Xmx...}) fixed, and the property that says so. */
    static List<String> jvmOptions(String heap, String childProperty) {
        return List.of(heap, heap.replace("-Xmx", "-Xms"), "-D" + childProperty + "=true");
    }

    /**
     * A harness's {@code main} in its child JVM: starts a broker, measures, prints the results and the tables,
     * writes the results to the file the system property {@code outProperty} names (when set), and exits: 0, or 1
     * after printing what failed.
     */
    static void child(String outProperty, Measurement measurement) {
        int status = 0;
        try (InProcessBroker broker = InProcessBroker.start()) {
            final KafkaHarness harness = measurement.measure(broker);
            harness.values.forEach((k, v) -> System.out.println(k + "=" + v));
            System.out.println();
            System.out.print(harness.table);
            final String out = System.getProperty(outProperty);
            if (out != null) {
                final Properties values = new Properties();
                values.putAll(harness.values);
                MemoryCheck.store(values, Path.of(out));
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        // exits even when a thread of the broker or of a client outlives its close
        System.exit(status);
    }

    /** Runs {@code harness} in a child JVM with {@code jvmOptions} and {@code args}, and returns its results. */
    static Properties results(Class<?> harness, List<String> jvmOptions, String outProperty, int... args) {
        final Path dir = TempStores.create(harness.getSimpleName() + "-results");
        try {
            final Path out = dir.resolve("results.properties");
            final List<String> options = new ArrayList<>(jvmOptions);
            options.add("-D" + outProperty + "=" + out);
            final String[] arguments = new String[args.length];
            for (int i = 0; i < args.length; i++) {
                arguments[i] = Integer.toString(args[i]);
            }
            Jvm.run(harness, options, arguments);
            return MemoryCheck.load(out);
        } finally {
            TempStores.delete(dir);
        }
    }

    /** The positive integer argument {@code index} ({@code name}), {@code fallback} when there are fewer. */
    static int argument(String[] args, int index, String name, int fallback) {
        return argument(args, index, name, fallback, 1);
    }

    /** The integer argument {@code index} ({@code name}), at least {@code min}; {@code fallback} if there are fewer. */
    static int argument(String[] args, int index, String name, int fallback, int min) {
        final int value = args.length > index ? Integer.parseInt(args[index]) : fallback;
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    /** Times one run of a target; {@code round} counts the rounds from 0, the warm-up ones included. */
    @FunctionalInterface
    interface Target {
        Run time(String target, int round) throws Exception;
    }

    /**
     * Throughput rounds: {@code warmupRounds} that are not counted, then {@code rounds} that are, each timing every
     * one of {@code targets} once, starting with the next one each round so that none always runs first. Prints a
     * line a round, ending with the throughput of the target {@code over} over that of {@code under}, and records
     * each counted round's throughput.
     *
     * @return the counted runs of each target, in the order of {@code targets}
     */
    Map<String, List<Run>> rounds(List<String> targets, int warmupRounds, int rounds, String over, String under,
                                  Target timing) throws Exception {
        final Map<String, List<Run>> runs = new LinkedHashMap<>();
        targets.forEach(target -> runs.put(target, new ArrayList<>()));
        for (int round = 1 - warmupRounds; round <= rounds; round++) {
            final StringBuilder line = new StringBuilder(round > 0 ? fmt("# round %d:", round)
                    : fmt("# warm-up round %d (not counted):", round + warmupRounds));
            final Map<String, Run> results = new HashMap<>();
            for (int i = 0; i < targets.size(); i++) {
                final String target = targets.get((round + warmupRounds + i) % targets.size());
                results.put(target, timing.time(target, round + warmupRounds));
            }
            for (String target : targets) {
                line.append(fmt(" %s %,.0f/s", target, results.get(target).perSecond()));
                if (round > 0) {
                    runs.get(target).add(results.get(target));
                }
            }
            System.out.println(line.append(fmt("; %s/%s %.2f", over, under,
                    results.get(over).perSecond() / results.get(under).perSecond())));
        }
        runs.forEach((target, list) -> {
            for (int i = 0; i < list.size(); i++) {
                put(target + ".round." + (i + 1) + ".entries_per_s", fmt("%.0f", list.get(i).perSecond()));
            }
        });
        return runs;
    }

    /**
     * The median run of each target, its results recorded ({@link Run#results}, the client's I/O thread named
     * {@code ioName}).
     */
    Map<String, Run> medians(Map<String, List<Run>> runs, String ioName) {
        final Map<String, Run> medians = new LinkedHashMap<>();
        runs.forEach((target, list) -> medians.put(target, Run.median(list)));
        medians.values().forEach(run -> run.results(this::put, ioName));
        return medians;
    }

    /** Records the run's size, the machine's and the JVM's settings and the load average, before measuring. */
    void putSettings(int entries, int rounds) {
        put("entries", entries);
        put("rounds", rounds);
        put("cores", Runtime.getRuntime().availableProcessors());
        put("jdk", Machine.jdk());
        put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(" + ")));
        put("heap.max.mib", Runtime.getRuntime().maxMemory() >> 20);
        put("load.before", Machine.loadAverage());
    }

    void put(String name, Object value) {
        values.put(name, String.valueOf(value));
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
