package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.kafka.LedgerShipper;
import io.experienceledger.kafka.ShipStatus;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Shipping a ledger to Kafka against the floor, a bare producer, and what shipping costs the thread that appends.
 * Everything runs in one JVM ({@value #HEAP}) with a real single-node broker ({@link InProcessBroker}) in it, on
 * loopback.
 *
 * <p><b>Throughput.</b> A ledger of {@code entries} typical envelopes ({@link Envelopes#typical}) is written; its
 * entries' record values (the canonical converge JSON {@link LedgerShipper} sends), keys (the tenant) and headers
 * are computed up front, in memory. Each round then times each target once, the targets taking turns going first,
 * on one-partition topics:
 * <ul>
 *   <li>{@code bare}, the baseline: a plain {@code KafkaProducer}, idempotent, {@code acks=all}, with the shipper's
 *       batching ({@code linger.ms=5}, {@code batch.size=262144}), sending those precomputed keys and values (no
 *       headers, no JSON, no transactions), from after its first record was acknowledged (connected) to the end of
 *       {@code flush()}; the time from its creation to that first acknowledgement is recorded too;</li>
 *   <li>{@code bareLz4}: the same with the shipper's compression ({@code compression.type=lz4}; {@code bare} has
 *       Kafka's default, none): the like-for-like baseline;</li>
 *   <li>{@code bareLz4Headers}: that, each record also carrying the shipper's headers (precomputed too): what of
 *       the difference is the record format rather than the shipper;</li>
 *   <li>{@code ship}: a {@link LedgerShipper} that is connected already (it shipped before) ships the
 *       {@code entries} appended to its ledger since, in one {@code shipAvailable()}: reading the journal, encoding
 *       each entry's JSON and headers, the Kafka transactions (default size) with their checkpoints;</li>
 *   <li>{@code shipNew}: a new {@link LedgerShipper} of the first ledger, from {@code build()} to the end of
 *       {@code shipAvailable()}, connecting included (topic check, {@code initTransactions}, reading its
 *       checkpoint): compared with {@code bare} counted from its producer's creation.</li>
 * </ul>
 * {@value #WARMUP_ROUNDS} first rounds warm them up and are not counted; the medians of the counted rounds are
 * reported, and their ratios. The CPU time of the calling thread, of the shipper's reading thread, of the producer's
 * network thread, of the broker's threads and of the threads that are not Java's (GC, JIT), and the bytes the calling thread allocated,
 * are recorded per entry, to show where the time goes: with the broker in the same 2-core machine, throughput is
 * bound by the CPU all of them use together.
 *
 * <p><b>The appending thread.</b> On a new ledger one thread appends the typical envelope at a fixed rate
 * ({@code appendRate} per second, {@value #APPEND_SECONDS} s per phase), each append timed from when it was due (no
 * coordinated omission, as {@link LatencyHarness}), alternately with no shipper and with a {@link LedgerShipper}
 * following the same store in the background ({@code start(10 ms)}, caught up before the phase starts); one phase
 * of each kind per round, their histograms merged by kind, after unrecorded ones ({@value #APPEND_WARMUP_PHASES}
 * with a shipper). The CPU time every thread used during the phases, the appending thread's time waiting for a CPU
 * and the GC and JIT activity are recorded too. The spread between the phases without a shipper is the
 * noise the difference is to be read against. All of it runs twice: with every thread free to run on either CPU,
 * then with the appending thread alone on CPU 1 and every other thread of the process on CPU 0
 * ({@link CorePinning}; skipped where the machine cannot pin).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.experienceledger.bench.ShipHarness [entries] [rounds] [appendRate]
 * </pre>
 * Defaults: 200,000 entries, 3 rounds, 20,000 appends/s; an {@code appendRate} of 0 measures the throughput alone. Restarts itself in a JVM with the Chronicle flags and
 * {@value #HEAP}. Prints {@code name=value} lines, then tables.
 */
public final class ShipHarness extends KafkaHarness {
    static final int DEFAULT_ENTRIES = 200_000;
    static final int DEFAULT_ROUNDS = 3;
    static final int DEFAULT_APPEND_RATE = 20_000;
    static final int APPEND_SECONDS = 5;
    /** Phases of appending with a shipper following before the measured ones, for the JIT. */
    static final int APPEND_WARMUP_PHASES = 2;
    /** Throughput rounds run first and not counted: the JIT is still compiling the Kafka paths in the first. */
    static final int WARMUP_ROUNDS = 2;
    static final String HEAP = "-Xmx2g";
    static final Duration POLL = Duration.ofMillis(10);
    static final String COMMAND = "java -cp bench/target/benchmarks.jar io.experienceledger.bench.ShipHarness";
    /** The percentiles reported for the appending thread. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final String CHILD = "ship.child";
    private static final String OUT = "ship.out";
    /** The throughput targets, in the order they are reported (each round starts with the next one). */
    static final List<String> TARGETS = List.of("bare", "bareLz4", "bareLz4Headers", "ship", "shipNew");

    private ShipHarness(InProcessBroker broker) {
        super(broker);
    }

    /** {@code ShipHarness [entries] [rounds] [appendRate]}: measures in a child JVM and prints what it measured. */
    public static void main(String[] args) {
        final int entries = argument(args, 0, "entries", DEFAULT_ENTRIES);
        final int rounds = argument(args, 1, "rounds", DEFAULT_ROUNDS);
        final int rate = argument(args, 2, "appendRate", DEFAULT_APPEND_RATE, 0);
        main(ShipHarness.class, HEAP, CHILD, OUT, args, broker -> {
            final ShipHarness harness = new ShipHarness(broker);
            harness.measure(entries, rounds, rate);
            return harness;
        });
    }

    /** Runs the harness in a child JVM, as {@link #main} does, and returns its {@code name=value} results. */
    static Properties run(int entries, int rounds, int rate) {
        return results(ShipHarness.class, jvmOptions(HEAP, CHILD), OUT, entries, rounds, rate);
    }

    // ------------------------------------------------------------------------------------------------ measuring

    private void measure(int entries, int rounds, int rate) throws Exception {
        putSettings(entries, rounds);
        throughput(entries, rounds);
        if (rate > 0) {
            appendingThread(rate, rounds, false);
            put("append.pinned", CorePinning.available());
            if (CorePinning.available()) {
                appendingThread(rate, rounds, true);
            }
        }
        put("load.after", Machine.loadAverage());
    }

    /** The throughput rounds: the bare producers against the shippers, same entries, same values. */
    private void throughput(int entries, int rounds) throws Exception {
        final Path dir = TempStores.create("ship-ledger");
        final Path followDir = TempStores.create("ship-follow");
        final String followTopic = "bench-ship-connected";
        broker.createTopic(followTopic, 1);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir);
             ChronicleExperienceStore follow = ChronicleExperienceStore.open(followDir);
             LedgerShipper connected = LedgerShipper.builder(follow, broker.bootstrapServers(), followTopic).build()) {
            final ExperienceEventEnvelope envelope = Envelopes.typical.envelope();
            final long start = System.nanoTime();
            for (int i = 0; i < entries; i++) {
                store.appendEvent(envelope);
            }
            put("ledger.write.ms", fmt("%.0f", (System.nanoTime() - start) / 1e6));
            final Payloads payloads = Payloads.of(store, entries);
            put("value.bytes", fmt("%.1f", (double) payloads.valueBytes / entries));
            put("header.bytes", fmt("%.1f", (double) payloads.headerBytes / entries));
            // the connected shipper connects once, shipping one entry, and then ships N new entries a round
            follow.appendEvent(envelope);
            connected.shipAvailable();
            final Map<String, List<Run>> runs = rounds(TARGETS, WARMUP_ROUNDS, rounds, "ship", "bare",
                    (target, round) -> {
                        final String topic = "bench-" + target.toLowerCase(Locale.ROOT) + "-" + round;
                        switch (target) {
                            case "ship" -> {
                                for (int e = 0; e < entries; e++) {
                                    follow.appendEvent(envelope);
                                }
                                return shipConnected(connected, entries);
                            }
                            case "shipNew" -> {
                                broker.createTopic(topic, 1);
                                final Run run = shipNew(store, topic, entries);
                                broker.deleteTopics(List.of(topic));
                                return run;
                            }
                            default -> {
                                broker.createTopic(topic, 1);
                                final Run run = bare(target, topic, payloads, target.startsWith("bareLz4"),
                                        target.endsWith("Headers"));
                                broker.deleteTopics(List.of(topic));
                                return run;
                            }
                        }
                    });
            final double connect = connectMillis();
            final Map<String, Run> medians = medians(runs, "producer_io");
            final Run bareNew = Run.medianFromNew(runs.get("bare"));
            put("bare.connect.ms", fmt("%.0f", bareNew.connectNanos / 1e6));
            put("bare.new.entries_per_s", fmt("%.0f", bareNew.fromNewPerSecond()));
            put("ship.bare.ratio", fmt("%.3f", medians.get("ship").perSecond() / medians.get("bare").perSecond()));
            put("ship.bareLz4.ratio", fmt("%.3f", medians.get("ship").perSecond()
                    / medians.get("bareLz4").perSecond()));
            put("ship.bareLz4Headers.ratio", fmt("%.3f", medians.get("ship").perSecond()
                    / medians.get("bareLz4Headers").perSecond()));
            put("shipNew.bareNew.ratio", fmt("%.3f", medians.get("shipNew").perSecond()
                    / bareNew.fromNewPerSecond()));
            put("ship.connect.ms", fmt("%.0f", connect));
            throughputTable(entries, rounds, payloads, medians, bareNew, connect);
        } finally {
            TempStores.delete(dir);
            TempStores.delete(followDir);
        }
    }

    /**
     * A bare producer: created, one record sent and acknowledged (connecting, metadata, producer id), then the
     * clock runs over the precomputed keys and values (and headers), no transactions, to the end of
     * {@code flush()}.
     */
    private Run bare(String name, String topic, Payloads payloads, boolean compressed, boolean headers)
            throws Exception {
        final Properties config = broker.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 << 10));
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compressed ? "lz4" : "none");
        final AtomicLong acked = new AtomicLong();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final Callback callback = (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            } else {
                acked.incrementAndGet();
            }
        };
        System.gc();
        final long created = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, null, payloads.keys[0], payloads.values[0])).get();
            final Cpu before = Cpu.now();
            final long start = System.nanoTime();
            for (int i = 0; i < payloads.values.length; i++) {
                producer.send(new ProducerRecord<>(topic, null, payloads.keys[i], payloads.values[i],
                        headers ? Arrays.asList(payloads.headers[i]) : null), callback);
            }
            producer.flush();
            final long end = System.nanoTime();
            final Cpu after = Cpu.now();
            if (failure.get() != null || acked.get() != payloads.values.length) {
                throw new IllegalStateException("the bare producer had " + acked.get() + " of "
                        + payloads.values.length + " sends acknowledged", failure.get());
            }
            return new Run(name, payloads.values.length, end - start, start - created, before, after,
                    PRODUCER_THREAD);
        }
    }

    /** The shipper that is connected already ships the {@code entries} appended since its last pass. */
    private static Run shipConnected(LedgerShipper shipper, long entries) {
        System.gc();
        final Cpu before = Cpu.now();
        final long start = System.nanoTime();
        final long shipped = shipper.shipAvailable();
        final long nanos = System.nanoTime() - start;
        final Cpu after = Cpu.now();
        if (shipped != entries) {
            throw new IllegalStateException("shipped " + shipped + " of " + entries + " entries");
        }
        return new Run("ship", entries, nanos, 0, before, after, PRODUCER_THREAD);
    }

    /** A new shipper ships the whole ledger: everything it does from {@code build()} on, connecting included. */
    private Run shipNew(ChronicleExperienceStore store, String topic, long entries) {
        System.gc();
        final Cpu before = Cpu.now();
        final long start = System.nanoTime();
        try (LedgerShipper shipper = LedgerShipper.builder(store, broker.bootstrapServers(), topic).build()) {
            final long shipped = shipper.shipAvailable();
            final long nanos = System.nanoTime() - start;
            final Cpu after = Cpu.now();
            if (shipped != entries) {
                throw new IllegalStateException("shipped " + shipped + " of " + entries + " entries");
            }
            return new Run("shipNew", entries, nanos, 0, before, after, PRODUCER_THREAD);
        }
    }

    /** What connecting costs a shipper: a pass over an empty ledger (topic check, initTransactions, checkpoint). */
    private double connectMillis() throws Exception {
        final Path dir = TempStores.create("ship-empty");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            broker.createTopic("bench-connect", 1);
            final long start = System.nanoTime();
            try (LedgerShipper shipper = LedgerShipper.builder(store, broker.bootstrapServers(), "bench-connect")
                    .build()) {
                shipper.shipAvailable();
                return (System.nanoTime() - start) / 1e6;
            }
        } finally {
            TempStores.delete(dir);
        }
    }

    /**
     * Append latency with no shipper and with one following the store, alternating phases; {@code pinned}: in each
     * phase the appending thread has CPU 1 to itself and every other thread of the process is on CPU 0
     * ({@link CorePinning}), as a latency-sensitive deployment would pin it.
     */
    private void appendingThread(int rate, int rounds, boolean pinned) throws Exception {
        final String at = pinned ? "append.pinned." : "append.";
        final long count = (long) rate * APPEND_SECONDS;
        final Path dir = TempStores.create("ship-append");
        final String topic = pinned ? "bench-follow-pinned" : "bench-follow";
        broker.createTopic(topic, 1);
        final Map<String, Histogram> merged = new LinkedHashMap<>();
        final Map<String, Phases> byKind = new HashMap<>();
        final Map<String, List<Histogram>> phases = new LinkedHashMap<>();
        long maxLag = 0;
        long maxDrainMillis = 0;
        long shippedWhileAppending = 0;
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir);
             LedgerShipper shipper = LedgerShipper.builder(store, broker.bootstrapServers(), topic).build()) {
            final ExperienceEventEnvelope envelope = Envelopes.typical.envelope();
            // warm-up, not counted: following compiles much (small transactions, one a pass), so it runs longest
            append(store, envelope, rate, count / 2);
            shipper.shipAvailable();
            shipper.start(POLL);
            append(store, envelope, rate, count * APPEND_WARMUP_PHASES);
            shipper.stop();
            for (int round = 1; round <= rounds; round++) {
                final List<String> order = round % 2 == 1 ? List.of("none", "shipping") : List.of("shipping", "none");
                for (String kind : order) {
                    final boolean shipping = kind.equals("shipping");
                    long shippedBefore = 0;
                    if (shipping) {
                        shipper.shipAvailable();
                        shippedBefore = shipper.status().shipped();
                        System.gc();
                        shipper.start(POLL);
                    } else {
                        System.gc();
                    }
                    if (pinned) {
                        CorePinning.isolateCaller(); // after start(): the shipper's new thread moves to CPU 0 too
                    }
                    final long[] schedBefore = schedule();
                    final Cpu before = Cpu.now();
                    final long start = System.nanoTime();
                    final Histogram histogram = append(store, envelope, rate, count);
                    final long nanos = System.nanoTime() - start;
                    final Cpu after = Cpu.now();
                    final long[] schedAfter = schedule();
                    byKind.computeIfAbsent(kind, k -> new Phases()).add(nanos, before, after, schedBefore, schedAfter);
                    if (shipping) {
                        final ShipStatus end = shipper.status();
                        maxLag = Math.max(maxLag, end.lag());
                        shippedWhileAppending += end.shipped() - shippedBefore;
                        maxDrainMillis = Math.max(maxDrainMillis, drain(shipper));
                        shipper.stop();
                        if (shipper.failure().isPresent()) {
                            throw new IllegalStateException("the background shipper failed: "
                                    + shipper.failure().get());
                        }
                    }
                    phases.computeIfAbsent(kind, k -> new ArrayList<>()).add(histogram);
                    merged.computeIfAbsent(kind, k -> new Histogram(histogram.getHighestTrackableValue(), 3))
                            .add(histogram);
                    System.out.printf(Locale.ROOT, "# append round %d, %s%s: p50 %.2f us, p99 %.2f us, p99.9 %.2f us%n",
                            round, kind, pinned ? ", pinned" : "", us(histogram, 50), us(histogram, 99),
                            us(histogram, 99.9));
                }
            }
        } finally {
            if (pinned) {
                CorePinning.release();
            }
            TempStores.delete(dir);
        }
        put(at + "rate", rate);
        put(at + "count", count * rounds);
        put(at + "poll.ms", POLL.toMillis());
        for (double p : PERCENTILES) {
            final String name = "p" + LatencyHarness.trim(p);
            final double none = us(merged.get("none"), p);
            final double shipping = us(merged.get("shipping"), p);
            put(at + "none." + name + ".us", fmt("%.2f", none));
            put(at + "shipping." + name + ".us", fmt("%.2f", shipping));
            put(at + "ratio." + name, fmt("%.3f", shipping / none));
            put(at + "noise." + name, fmt("%.3f", spread(phases.get("none"), p)));
        }
        put(at + "none.max.us", fmt("%.1f", merged.get("none").getMaxValue() / 1000.0));
        put(at + "shipping.max.us", fmt("%.1f", merged.get("shipping").getMaxValue() / 1000.0));
        for (String kind : List.of("none", "shipping")) {
            final Phases stats = byKind.get(kind);
            put(at + kind + ".gc.count", stats.gcCount);
            put(at + kind + ".gc.ms", stats.gcMillis);
            put(at + kind + ".jit.ms", stats.jitMillis);
            put(at + kind + ".runqueue.wait.ms", fmt("%.1f", stats.runqueueNanos / 1e6));
            put(at + kind + ".involuntary.switches", stats.involuntary);
            // CPU used meanwhile, in cores (CPU seconds per second): who competed with the appending thread
            put(at + kind + ".cores.appender", fmt("%.2f", stats.cores(stats.appender)));
            put(at + kind + ".cores.ship_thread", fmt("%.2f", stats.cores(stats.shipThread)));
            put(at + kind + ".cores.producer_io", fmt("%.2f", stats.cores(stats.producer)));
            put(at + kind + ".cores.broker", fmt("%.2f", stats.cores(stats.broker)));
            put(at + kind + ".cores.other", fmt("%.2f", stats.cores(stats.other)));
        }
        put(at + "shipping.shipped", shippedWhileAppending);
        put(at + "shipping.lag.max", maxLag);
        put(at + "shipping.drain.ms.max", maxDrainMillis);
        appendTable(rate, count, rounds, merged, phases, maxLag, pinned);
    }

    /** Appends {@code count} times, one every 1/rate s, each timed from when it was due (HdrHistogram, ns). */
    private static Histogram append(ChronicleExperienceStore store, ExperienceEventEnvelope envelope, int rate,
                                    long count) {
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        final long interval = 1_000_000_000L / rate;
        long due = System.nanoTime() + interval;
        for (long i = 0; i < count; i++) {
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            store.appendEvent(envelope);
            histogram.recordValue(System.nanoTime() - due);
            due += interval;
        }
        return histogram;
    }

    /**
     * The calling thread's time spent runnable but waiting for a CPU (ns), and how often the kernel took the CPU
     * from it ({@code /proc/thread-self}, Linux); zeros elsewhere.
     */
    private static long[] schedule() {
        try {
            final String[] stat = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split("\\s+");
            long involuntary = 0;
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                    involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return new long[] {Long.parseLong(stat[1]), involuntary};
        } catch (IOException | RuntimeException e) {
            return new long[2];
        }
    }

    /** Waits for the background shipper to ship what is left; returns how long that took, in ms. */
    private static long drain(LedgerShipper shipper) throws InterruptedException {
        final long start = System.nanoTime();
        final long deadline = start + Duration.ofSeconds(60).toNanos();
        while (shipper.status().lag() > 0) {
            if (System.nanoTime() > deadline || shipper.failure().isPresent()) {
                throw new IllegalStateException("the background shipper did not catch up: " + shipper.status());
            }
            Thread.sleep(1);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    // ------------------------------------------------------------------------------------------------ output

    private void throughputTable(int entries, int rounds, Payloads payloads, Map<String, Run> medians, Run bareNew,
                                 double connect) {
        table.append(fmt("shipping %,d typical entries (%.0f-byte values, %.0f bytes of headers) to a one-partition"
                        + " topic, median of %d rounds; CPU in ns per entry%n", entries,
                        (double) payloads.valueBytes / entries, (double) payloads.headerBytes / entries, rounds))
                .append(Run.HEADER);
        for (Run run : medians.values()) {
            table.append(run.row((double) payloads.valueBytes / entries));
        }
        final double ship = medians.get("ship").perSecond();
        table.append(fmt("ship / bare: %.2f; ship / bareLz4: %.2f; ship / bareLz4Headers: %.2f (connected: a shipper"
                        + " connected before, a producer with one record acknowledged)%n",
                        ship / medians.get("bare").perSecond(), ship / medians.get("bareLz4").perSecond(),
                        ship / medians.get("bareLz4Headers").perSecond()))
                .append(fmt("shipNew / bare from its creation (%,.0f/s, connecting %.0f ms): %.2f (a new shipper's"
                        + " connecting alone: %.0f ms)%n%n", bareNew.fromNewPerSecond(), bareNew.connectNanos / 1e6,
                        medians.get("shipNew").perSecond() / bareNew.fromNewPerSecond(), connect));
    }

    private void appendTable(int rate, long count, int rounds, Map<String, Histogram> merged,
                             Map<String, List<Histogram>> phases, long maxLag, boolean pinned) {
        table.append(fmt("append latency at %,d/s, %,d appends per phase, %d phases of each (us, from the intended"
                + " start)%s%n%-20s", rate, count, rounds, pinned ? "; the appending thread alone on CPU 1, every"
                + " other thread of the process on CPU 0" : "; every thread on every CPU", "target"));
        for (double p : PERCENTILES) {
            table.append(fmt("%10s", "p" + LatencyHarness.trim(p)));
        }
        table.append(fmt("%10s%n", "max"));
        merged.forEach((kind, h) -> row(kind.equals("none") ? "no shipper" : "shipper following", h));
        table.append(fmt("%-20s", "ratio"));
        for (double p : PERCENTILES) {
            table.append(fmt("%10.2f", us(merged.get("shipping"), p) / us(merged.get("none"), p)));
        }
        table.append(fmt("%n%-20s", "noise (no shipper)"));
        for (double p : PERCENTILES) {
            table.append(fmt("%10.2f", spread(phases.get("none"), p)));
        }
        table.append(fmt("%n(noise: the largest over the smallest value of the phases without a shipper; the"
                + " shipper's lag at a phase's end was at most %,d entries)%n", maxLag));
        table.append(fmt("%-20s%6s%7s%8s%11s%10s%10s%10s%10s%10s%12s%n", "during the phases", "GCs", "GC ms",
                "JIT ms", "CPU wait", "preempted", "appender", "shipper", "net-io", "broker", "GC/JIT/..."));
        for (String kind : List.of("none", "shipping")) {
            final String p = (pinned ? "append.pinned." : "append.") + kind + ".";
            table.append(fmt("%-20s%6s%7s%8s%8s ms%10s%10s%10s%10s%10s%12s%n",
                    kind.equals("none") ? "no shipper" : "shipper following", values.get(p + "gc.count"),
                    values.get(p + "gc.ms"), values.get(p + "jit.ms"), values.get(p + "runqueue.wait.ms"),
                    values.get(p + "involuntary.switches"),
                    values.get(p + "cores.appender"), values.get(p + "cores.ship_thread"),
                    values.get(p + "cores.producer_io"), values.get(p + "cores.broker"),
                    values.get(p + "cores.other")));
        }
        table.append(fmt("(CPU wait: the appending thread runnable but without a CPU, /proc/thread-self/schedstat;"
                + " preempted: involuntary context switches; then the CPU each used, in cores)%n"));
    }

    private void row(String label, Histogram h) {
        table.append(fmt("%-20s", label));
        for (double p : PERCENTILES) {
            table.append(fmt("%10.2f", us(h, p)));
        }
        table.append(fmt("%10.1f%n", h.getMaxValue() / 1000.0));
    }

    /** The largest over the smallest value at {@code percentile} among {@code phases}. */
    static double spread(List<Histogram> phases, double percentile) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Histogram h : phases) {
            min = Math.min(min, h.getValueAtPercentile(percentile));
            max = Math.max(max, h.getValueAtPercentile(percentile));
        }
        return max / min;
    }

    private static double us(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * The keys, values and headers the shipper sends for a ledger's entries (docs/scale-out.md; every entry of this
     * ledger is an engine event appended alone), computed in memory before the baselines run.
     */
    private static final class Payloads {
        final byte[][] keys;
        final byte[][] values;
        final Header[][] headers;
        long valueBytes;
        long headerBytes;

        private Payloads(int entries) {
            keys = new byte[entries][];
            values = new byte[entries][];
            headers = new Header[entries][];
        }

        static Payloads of(ChronicleExperienceStore store, int entries) {
            final Payloads payloads = new Payloads(entries);
            final byte[] ledgerId = store.ledgerId().getBytes(StandardCharsets.UTF_8);
            final int[] next = {0};
            store.scanEntries(-1, (index, batch, record) -> {
                final int i = next[0]++;
                final TenantId tenant = record.tenantId();
                payloads.keys[i] = tenant == null ? null : tenant.value().getBytes(StandardCharsets.UTF_8);
                payloads.values[i] = ConvergeJson.writeAnyEnvelope(record).getBytes(StandardCharsets.UTF_8);
                payloads.valueBytes += payloads.values[i].length;
                final String kind = ((ExperienceRecord.Engine) record).value().event().kind().name();
                payloads.headers[i] = new Header[] {
                    new RecordHeader("experience-ledger.id", ledgerId),
                    new RecordHeader("experience-ledger.position", ascii(Integer.toString(i))),
                    new RecordHeader("experience-ledger.kind", ascii(kind))};
                for (Header header : payloads.headers[i]) {
                    payloads.headerBytes += header.key().length() + header.value().length;
                }
                return true;
            });
            if (next[0] != entries) {
                throw new IllegalStateException("the ledger has " + next[0] + " entries, not " + entries);
            }
            return payloads;
        }

        private static byte[] ascii(String text) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** What the phases of one kind of the appending-thread check added up to, besides their latencies. */
    private static final class Phases {
        long nanos;
        long gcCount;
        long gcMillis;
        long jitMillis;
        long runqueueNanos;
        long involuntary;
        long appender;
        long shipThread;
        long producer;
        long broker;
        long other;

        void add(long phaseNanos, Cpu before, Cpu after, long[] scheduleBefore, long[] scheduleAfter) {
            nanos += phaseNanos;
            gcCount += after.gcCount() - before.gcCount();
            gcMillis += after.gcMillis() - before.gcMillis();
            jitMillis += after.jitMillis() - before.jitMillis();
            runqueueNanos += scheduleAfter[0] - scheduleBefore[0];
            involuntary += scheduleAfter[1] - scheduleBefore[1];
            final long caller = Thread.currentThread().getId();
            final long appenderCpu = after.since(before, id -> id == caller);
            final long shipCpu = after.sinceNamed(before, SHIP_THREAD);
            final long producerCpu = after.sinceNamed(before, PRODUCER_THREAD);
            final long javaCpu = after.since(before, id -> true);
            appender += appenderCpu;
            shipThread += shipCpu;
            producer += producerCpu;
            broker += javaCpu - appenderCpu - shipCpu - producerCpu;
            other += after.process() - before.process() - javaCpu;
        }

        double cores(long cpuNanos) {
            return cpuNanos / (double) nanos;
        }
    }
}
