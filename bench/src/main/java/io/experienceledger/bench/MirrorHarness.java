package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.Origin;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.kafka.LedgerMirror;
import io.experienceledger.kafka.LedgerShipper;
import io.experienceledger.model.EventId;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Mirroring Kafka topics into a central ledger against the floor, a bare consumer that appends what it reads, and
 * how long an entry takes from a source ledger to the central one. Everything runs in a JVM ({@value #HEAP}) with a
 * real single-node broker ({@link InProcessBroker}) in it, on loopback.
 *
 * <p><b>Throughput.</b> A source ledger of {@code entries} typical envelopes ({@link Envelopes#typical}) is shipped
 * once by a {@link LedgerShipper} to a one-partition topic. Each round then times each target once, the targets
 * taking turns going first, each reading the whole topic into a new, empty ledger:
 * <ul>
 *   <li>{@code bare}, the baseline: a plain {@code KafkaConsumer}, {@code read_committed}, with the mirror's
 *       {@code max.poll.records} (assigned the partition, from its beginning, no group), whose records' values are
 *       appended as {@code ledger append} appends the lines of a file: each parsed once
 *       ({@code ConvergeJson.readAnyEnvelope}) and streamed into one {@code appendBatch}, which validates them (no
 *       origins, no positions, no headers read); timed from its first records polled (connected) to the end of the
 *       batch; the time from its creation to those first records is recorded too;</li>
 *   <li>{@code mirror}: a new {@link LedgerMirror} from {@code build()} to the end of {@code mirrorAvailable()},
 *       connecting included: decoding each record (headers, JSON, validation), the central ledger's batches with
 *       their notes (the position reached in the topic). A new mirror's connecting alone (a pass over an empty
 *       topic) is measured apart.</li>
 * </ul>
 * {@value #WARMUP_ROUNDS} first rounds warm them up and are not counted; the medians of the counted rounds are
 * reported, and their ratio, and the ratio of each target's best round (the one the machine disturbed least), with
 * the CPU time per entry split as {@link Run} does (a consumer outside a group has no network thread: its I/O is in
 * the calling thread) and the bytes the calling thread allocated.
 *
 * <p><b>End to end.</b> A source ledger with a {@link LedgerShipper} following it ({@code start(}{@value
 * #SHIP_POLL_MS}{@code  ms)}) and a central ledger with a {@link LedgerMirror} following the topic
 * ({@code start(}{@value #MIRROR_POLL_MS}{@code  ms)}); one thread appends typical envelopes, each with its own
 * event id, {@code rate} times a second to the source, and a reader thread tails the central ledger
 * ({@code mirroring().scan}, looking again every {@value #READER_PARK_US} us when it found nothing) and records for
 * each entry the time from just before its append to when the scan saw it (HdrHistogram): the time until it is
 * visible to scans and queries of the central ledger. The entry is found by its origin's position, and its event id
 * is checked. {@value #WARMUP_SECONDS} s of appending come first, not recorded; then {@code rounds} phases of
 * {@value #PHASE_SECONDS} s, merged, with no pause between.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.experienceledger.bench.MirrorHarness [entries] [rounds] [rate] [jvms]
 * </pre>
 * Defaults: 200,000 entries, 5 rounds, 2,000 appends/s, 3 JVMs. Restarts itself in {@code jvms} JVMs, one after the
 * other, with the Chronicle flags and {@value #HEAP}: the first measures throughput and end to end (none with a
 * rate of 0), the others throughput only, each with a broker of its own. A target's throughput varies more from
 * one JVM to the next than between the rounds of one JVM here; the judged ratio is of each target's best round in
 * any JVM ({@link JvmRounds}). Each JVM prints {@code name=value} lines, then tables; the last lines put the JVMs
 * together.
 */
public final class MirrorHarness extends KafkaHarness {
    static final int DEFAULT_ENTRIES = 200_000;
    /** Five: whole rounds are slowed down by the machine for seconds at a time, and the best of each is judged. */
    static final int DEFAULT_ROUNDS = 5;
    static final int DEFAULT_RATE = 2_000;
    /** Three: a target's throughput varies more from one JVM to the next than between one JVM's rounds. */
    static final int DEFAULT_JVMS = 3;
    /** Throughput rounds run first and not counted: the JIT is still compiling the Kafka paths in the first. */
    static final int WARMUP_ROUNDS = 2;
    static final int WARMUP_SECONDS = 5;
    static final int PHASE_SECONDS = 5;
    static final long SHIP_POLL_MS = 10;
    static final long MIRROR_POLL_MS = 10;
    /** How long the reader of the central ledger waits before looking again when it found nothing new. */
    static final long READER_PARK_US = 200;
    static final String HEAP = "-Xmx2g";
    static final String COMMAND = "java -cp bench/target/benchmarks.jar io.experienceledger.bench.MirrorHarness";
    /** The percentiles reported for the end-to-end latency. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9};
    /** The throughput targets, in the order they are reported (each round starts with the next one). */
    static final List<String> TARGETS = List.of("bare", "mirror");
    /** The consumer's {@code max.poll.records}: the mirror's own. */
    static final int MAX_POLL_RECORDS = 2000;
    private static final String CHILD = "mirror.child";
    private static final String OUT = "mirror.out";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** The name of {@link LedgerMirror#start}'s thread. */
    private static final String MIRROR_THREAD = "experience-ledger-mirror";
    private static final String READER_THREAD = "mirror-harness-reader";

    private MirrorHarness(InProcessBroker broker) {
        super(broker);
    }

    /**
     * {@code MirrorHarness [entries] [rounds] [rate] [jvms]}: measures in {@code jvms} child JVMs, one after the
     * other, and prints what each measured and what they measured together ({@link JvmRounds}).
     */
    public static void main(String[] args) {
        final int entries = argument(args, 0, "entries", DEFAULT_ENTRIES);
        final int rounds = argument(args, 1, "rounds", DEFAULT_ROUNDS);
        final int rate = argument(args, 2, "rate", DEFAULT_RATE, 0);
        if (Boolean.getBoolean(CHILD)) {
            child(OUT, broker -> {
                final MirrorHarness harness = new MirrorHarness(broker);
                harness.measure(entries, rounds, rate);
                return harness;
            });
        } else {
            final Properties results = run(entries, rounds, rate, argument(args, 3, "jvms", DEFAULT_JVMS));
            System.out.println(acrossJvms(results));
        }
    }

    /**
     * Runs the harness in {@code jvms} child JVMs, one after the other: the first measures throughput and, unless
     * {@code rate} is 0, the end-to-end latency; the others throughput only. Returns their results together
     * ({@link JvmRounds#combine}).
     */
    static Properties run(int entries, int rounds, int rate, int jvms) {
        final List<Properties> each = new ArrayList<>();
        for (int jvm = 1; jvm <= jvms; jvm++) {
            System.out.println(fmt("# JVM %d of %d%s", jvm, jvms, jvm == 1 ? "" : ", throughput only"));
            each.add(results(MirrorHarness.class, jvmOptions(HEAP, CHILD), OUT, entries, rounds,
                    jvm == 1 ? rate : 0));
        }
        return JvmRounds.combine(each, "mirror", "bare");
    }

    /** A line saying each JVM's best rounds, and the best of all and their ratio. */
    static String acrossJvms(Properties results) {
        final int jvms = Integer.parseInt(results.getProperty("jvms"));
        final StringBuilder line = new StringBuilder("best rounds of each JVM (mirror / bare entries/s):");
        for (int jvm = 1; jvm <= jvms; jvm++) {
            line.append(fmt(" %s / %s", results.getProperty("jvm." + jvm + ".mirror.best.entries_per_s"),
                    results.getProperty("jvm." + jvm + ".bare.best.entries_per_s")));
            line.append(jvm < jvms ? ";" : "");
        }
        return line.append(fmt("%nmirror / bare, each one's best round of %d JVMs: %s (%s vs %s/s); of the medians"
                        + " of all rounds: %s", jvms, results.getProperty("mirror.bare.best.ratio"),
                results.getProperty("mirror.best.entries_per_s"), results.getProperty("bare.best.entries_per_s"),
                results.getProperty("mirror.bare.all.ratio"))).toString();
    }

    private void measure(int entries, int rounds, int rate) throws Exception {
        putSettings(entries, rounds);
        throughput(entries, rounds);
        if (rate > 0) {
            endToEnd(rate, rounds);
        }
        put("load.after", Machine.loadAverage());
    }

    // ------------------------------------------------------------------------------------------------ throughput

    /** The throughput rounds: the bare consumer against new mirrors, reading the same topic. */
    private void throughput(int entries, int rounds) throws Exception {
        final Path sourceDir = TempStores.create("mirror-source");
        final String topic = "bench-mirror";
        broker.createTopic(topic, 1);
        try (ChronicleExperienceStore source = ChronicleExperienceStore.open(sourceDir)) {
            final ExperienceEventEnvelope envelope = Envelopes.typical.envelope();
            for (int i = 0; i < entries; i++) {
                source.appendEvent(envelope);
            }
            final long start = System.nanoTime();
            try (LedgerShipper shipper = LedgerShipper.builder(source, broker.bootstrapServers(), topic).build()) {
                final long shipped = shipper.shipAvailable();
                if (shipped != entries) {
                    throw new IllegalStateException("shipped " + shipped + " of " + entries + " entries");
                }
            }
            put("ship.ms", fmt("%.0f", (System.nanoTime() - start) / 1e6));
        } finally {
            TempStores.delete(sourceDir);
        }
        final RecordBytes bytes = new RecordBytes();
        final Map<String, List<Run>> runs = rounds(TARGETS, WARMUP_ROUNDS, rounds, "mirror", "bare",
                (target, round) -> target.equals("bare") ? bare(topic, entries, bytes) : mirror(topic, entries));
        final double connect = connectMillis();
        final double valueBytes = (double) bytes.values / bytes.records;
        put("value.bytes", fmt("%.1f", valueBytes));
        put("header.bytes", fmt("%.1f", (double) bytes.headers / bytes.records));
        final Map<String, Run> medians = medians(runs, "consumer_io");
        final Run bareNew = Run.medianFromNew(runs.get("bare"));
        final double mirror = medians.get("mirror").perSecond();
        put("bare.connect.ms", fmt("%.0f", bareNew.connectNanos / 1e6));
        put("bare.new.entries_per_s", fmt("%.0f", bareNew.fromNewPerSecond()));
        put("mirror.connect.ms", fmt("%.0f", connect));
        put("mirror.bare.ratio", fmt("%.3f", mirror / medians.get("bare").perSecond()));
        final Run bestMirror = Run.best(runs.get("mirror"));
        final Run bestBare = Run.best(runs.get("bare"));
        put("mirror.best.entries_per_s", fmt("%.0f", bestMirror.perSecond()));
        put("bare.best.entries_per_s", fmt("%.0f", bestBare.perSecond()));
        put("mirror.bare.best.ratio", fmt("%.3f", bestMirror.perSecond() / bestBare.perSecond()));
        put("mirror.bareNew.ratio", fmt("%.3f", mirror / bareNew.fromNewPerSecond()));
        table.append(fmt("mirroring %,d typical entries (%.0f-byte values, %.0f bytes of headers) from a one-partition"
                        + " topic, median of %d rounds; CPU in ns per entry (net-io: none, a consumer outside a"
                        + " group does its I/O in the caller)%n", entries, valueBytes,
                        (double) bytes.headers / bytes.records, rounds))
                .append(Run.HEADER);
        for (Run run : medians.values()) {
            table.append(run.row(valueBytes));
        }
        table.append(fmt("mirror / bare: %.2f (bare from its first records polled; mirror from build(), connecting"
                        + " included); of each one's best round: %.2f (%,.0f vs %,.0f/s)%n",
                        mirror / medians.get("bare").perSecond(), bestMirror.perSecond() / bestBare.perSecond(),
                        bestMirror.perSecond(), bestBare.perSecond()))
                .append(fmt("mirror / bare from its creation (%,.0f/s, connecting %.0f ms): %.2f (a new mirror's"
                        + " connecting alone: %.0f ms)%n%n", bareNew.fromNewPerSecond(), bareNew.connectNanos / 1e6,
                        mirror / bareNew.fromNewPerSecond(), connect));
    }

    /**
     * A bare consumer: created, assigned the partition from its beginning, polled until records come (connected);
     * then the clock runs while they and the rest of the topic, to its end offset, are appended to a new ledger as
     * {@code ledger append} appends the lines of a file: parsed and streamed into one atomic batch.
     */
    private Run bare(String topic, long entries, RecordBytes bytes) {
        final Path dir = TempStores.create("mirror-bare");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            final Properties config = broker.clientConfig();
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
            System.gc();
            final long created = System.nanoTime();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                final TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                final long end = consumer.endOffsets(List.of(partition)).get(partition);
                final Lines lines = new Lines(consumer, partition, end, bytes.records == 0 ? bytes : null);
                lines.hasNext();
                final Cpu before = Cpu.now();
                final long start = System.nanoTime();
                final long appended = store.appendBatch(lines);
                final long nanos = System.nanoTime() - start;
                final Cpu after = Cpu.now();
                if (appended != entries) {
                    throw new IllegalStateException("the bare consumer appended " + appended + " of " + entries
                            + " entries");
                }
                return new Run("bare", entries, nanos, start - created, before, after, null);
            }
        } finally {
            TempStores.delete(dir);
        }
    }

    /** A new mirror mirrors the whole topic into a new ledger: everything from {@code build()} on. */
    private Run mirror(String topic, long entries) {
        final Path dir = TempStores.create("mirror-central");
        try (ChronicleExperienceStore central = ChronicleExperienceStore.open(dir)) {
            System.gc();
            final Cpu before = Cpu.now();
            final long start = System.nanoTime();
            try (LedgerMirror mirror = LedgerMirror.builder(central, broker.bootstrapServers(), List.of(topic))
                    .build()) {
                final long mirrored = mirror.mirrorAvailable();
                final long nanos = System.nanoTime() - start;
                final Cpu after = Cpu.now();
                if (mirrored != entries) {
                    throw new IllegalStateException("mirrored " + mirrored + " of " + entries + " entries");
                }
                return new Run("mirror", entries, nanos, 0, before, after, null);
            }
        } finally {
            TempStores.delete(dir);
        }
    }

    /** What connecting costs a new mirror: a pass over an empty topic (partitions, seeks, end offsets). */
    private double connectMillis() throws Exception {
        final Path dir = TempStores.create("mirror-empty");
        broker.createTopic("bench-mirror-empty", 1);
        try (ChronicleExperienceStore central = ChronicleExperienceStore.open(dir)) {
            final long start = System.nanoTime();
            try (LedgerMirror mirror = LedgerMirror.builder(central, broker.bootstrapServers(),
                    List.of("bench-mirror-empty")).build()) {
                mirror.mirrorAvailable();
                return (System.nanoTime() - start) / 1e6;
            }
        } finally {
            TempStores.delete(dir);
        }
    }

    /** The bytes of the records' values and headers, counted by the first bare run. */
    private static final class RecordBytes {
        long records;
        long values;
        long headers;
    }

    /**
     * The envelopes of a partition's records, up to its end offset, polled as they are needed: each value parsed
     * as {@code ledger append} parses a line.
     */
    private static final class Lines implements Iterator<ExperienceRecord> {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final TopicPartition partition;
        private final long end;
        private final RecordBytes bytes;
        private final long deadline = System.nanoTime() + DEADLINE.toNanos();
        private Iterator<ConsumerRecord<byte[], byte[]>> polled = Collections.emptyIterator();

        /** @param bytes where to count the records' bytes, or null */
        Lines(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long end, RecordBytes bytes) {
            this.consumer = consumer;
            this.partition = partition;
            this.end = end;
            this.bytes = bytes;
        }

        @Override
        public boolean hasNext() {
            while (!polled.hasNext()) {
                if (consumer.position(partition) >= end) {
                    return false;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the bare consumer did not reach offset " + end + " of "
                            + partition + " in " + DEADLINE.toSeconds() + " s");
                }
                polled = consumer.poll(POLL).iterator();
            }
            return true;
        }

        @Override
        public ExperienceRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            final ConsumerRecord<byte[], byte[]> record = polled.next();
            if (bytes != null) {
                bytes.records++;
                bytes.values += record.value().length;
                for (Header header : record.headers()) {
                    bytes.headers += header.key().length() + header.value().length;
                }
            }
            return ConvergeJson.readAnyEnvelope(new String(record.value(), StandardCharsets.UTF_8));
        }
    }

    // ------------------------------------------------------------------------------------------------ end to end

    /** Appends at {@code rate} to a shipped source ledger; times each entry until the central ledger shows it. */
    private void endToEnd(int rate, int rounds) throws Exception {
        final long warmup = (long) rate * WARMUP_SECONDS;
        final long perPhase = (long) rate * PHASE_SECONDS;
        final long total = warmup + perPhase * rounds;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rate " + rate + " is too high for " + rounds + " phases");
        }
        final String topic = "bench-end-to-end";
        broker.createTopic(topic, 1);
        final Path sourceDir = TempStores.create("mirror-e2e-source");
        final Path centralDir = TempStores.create("mirror-e2e-central");
        final Tail tail;
        final Cpu before;
        final Cpu after;
        final long nanos;
        try (ChronicleExperienceStore source = ChronicleExperienceStore.open(sourceDir);
             ChronicleExperienceStore central = ChronicleExperienceStore.open(centralDir);
             LedgerShipper shipper = LedgerShipper.builder(source, broker.bootstrapServers(), topic).build();
             LedgerMirror mirror = LedgerMirror.builder(central, broker.bootstrapServers(), List.of(topic))
                     .build()) {
            shipper.start(Duration.ofMillis(SHIP_POLL_MS));
            mirror.start(Duration.ofMillis(MIRROR_POLL_MS));
            tail = new Tail(central, source.ledgerId(), new AtomicLongArray((int) total), warmup, perPhase, rounds);
            final Thread reader = new Thread(tail, READER_THREAD);
            reader.setDaemon(true);
            reader.start();
            final ExperienceEventEnvelope typical = Envelopes.typical.envelope();
            final long interval = 1_000_000_000L / rate;
            Cpu measuredFrom = null;
            long start = 0;
            long due = System.nanoTime() + interval;
            for (long i = 0; i < total; i++) {
                final ExperienceEventEnvelope envelope = new ExperienceEventEnvelope(new EventId(eventId(i)),
                        typical.occurredAt(), typical.tenantId(), typical.correlationId(), typical.event());
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (i == warmup) {
                    measuredFrom = Cpu.now();
                    start = System.nanoTime();
                }
                tail.appendedAt.set((int) i, System.nanoTime());
                source.appendEvent(envelope);
                due += interval;
            }
            final long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (tail.seen < total) {
                if (tail.failure != null || shipper.failure().isPresent() || mirror.failure().isPresent()
                        || System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the central ledger shows " + tail.seen + " of " + total
                            + " entries; reader: " + tail.failure + "; shipper: " + shipper.status()
                            + "; mirror: " + mirror.status(), tail.failure);
                }
                Thread.sleep(1);
            }
            nanos = System.nanoTime() - start;
            after = Cpu.now();
            before = measuredFrom;
            tail.stop = true;
            reader.join();
            shipper.stop();
            mirror.stop();
        } finally {
            TempStores.delete(sourceDir);
            TempStores.delete(centralDir);
        }
        final Histogram merged = new Histogram(tail.phases[0].getHighestTrackableValue(), 3);
        for (int phase = 0; phase < rounds; phase++) {
            final Histogram h = tail.phases[phase];
            merged.add(h);
            System.out.printf(Locale.ROOT, "# end-to-end phase %d: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    phase + 1, ms(h, 50), ms(h, 99), h.getMaxValue() / 1e6);
            put("latency.phase." + (phase + 1) + ".p50.ms", fmt("%.2f", ms(h, 50)));
            put("latency.phase." + (phase + 1) + ".p99.ms", fmt("%.2f", ms(h, 99)));
        }
        put("latency.rate", rate);
        put("latency.entries", merged.getTotalCount());
        put("latency.phases", rounds);
        put("latency.phase.seconds", PHASE_SECONDS);
        put("latency.warmup.entries", warmup);
        put("latency.ship.poll.ms", SHIP_POLL_MS);
        put("latency.mirror.poll.ms", MIRROR_POLL_MS);
        put("latency.reader.park.us", READER_PARK_US);
        for (double p : PERCENTILES) {
            put("latency.p" + LatencyHarness.trim(p) + ".ms", fmt("%.2f", ms(merged, p)));
        }
        put("latency.max.ms", fmt("%.2f", merged.getMaxValue() / 1e6));
        put("latency.gc.count", after.gcCount() - before.gcCount());
        put("latency.gc.ms", after.gcMillis() - before.gcMillis());
        final long caller = Thread.currentThread().getId();
        final Map<String, Long> cores = new LinkedHashMap<>();
        cores.put("appender", after.since(before, id -> id == caller));
        cores.put("ship_thread", after.sinceNamed(before, SHIP_THREAD));
        cores.put("producer_io", after.sinceNamed(before, PRODUCER_THREAD));
        cores.put("mirror_thread", after.sinceNamed(before, MIRROR_THREAD));
        cores.put("reader", after.sinceNamed(before, READER_THREAD));
        final long named = cores.values().stream().mapToLong(Long::longValue).sum();
        final long java = after.since(before, id -> true);
        cores.put("broker", java - named);
        cores.put("other", after.process() - before.process() - java);
        cores.forEach((name, cpu) -> put("latency.cores." + name, fmt("%.2f", cpu / (double) nanos)));
        latencyTable(rate, rounds, merged);
    }

    private void latencyTable(int rate, int rounds, Histogram merged) {
        table.append(fmt("end to end, from the append to a source ledger to the entry visible in the central"
                        + " ledger, at %,d appends/s, %d phases of %d s (%,d entries); shipper start(%d ms), mirror"
                        + " start(%d ms) (ms)%n%-20s", rate, rounds, PHASE_SECONDS, merged.getTotalCount(),
                        SHIP_POLL_MS, MIRROR_POLL_MS, ""));
        for (double p : PERCENTILES) {
            table.append(fmt("%10s", "p" + LatencyHarness.trim(p)));
        }
        table.append(fmt("%10s%n%-20s", "max", "source to central"));
        for (double p : PERCENTILES) {
            table.append(fmt("%10.2f", ms(merged, p)));
        }
        table.append(fmt("%10.2f%n", merged.getMaxValue() / 1e6))
                .append(fmt("CPU meanwhile, in cores: appender %s, shipper %s, its producer's net-io %s, mirror %s,"
                                + " reader %s, broker %s, GC/JIT/... %s; %s GCs, %s ms%n",
                        values.get("latency.cores.appender"), values.get("latency.cores.ship_thread"),
                        values.get("latency.cores.producer_io"), values.get("latency.cores.mirror_thread"),
                        values.get("latency.cores.reader"), values.get("latency.cores.broker"),
                        values.get("latency.cores.other"), values.get("latency.gc.count"),
                        values.get("latency.gc.ms")));
    }

    /** The event id of the {@code i}-th entry appended to the source ledger. */
    private static String eventId(long i) {
        return String.format(Locale.ROOT, "evt-%09d", i);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    /**
     * Tails the central ledger, recording for each entry mirrored from the source ledger the time since it was
     * appended there (ns); entries of the warm-up are checked but not recorded.
     */
    private static final class Tail implements Runnable {
        final AtomicLongArray appendedAt;
        final Histogram[] phases;
        volatile long seen;
        volatile RuntimeException failure;
        volatile boolean stop;
        private final ChronicleExperienceStore central;
        private final String sourceId;
        private final long warmup;
        private final long perPhase;

        Tail(ChronicleExperienceStore central, String sourceId, AtomicLongArray appendedAt, long warmup,
             long perPhase, int phases) {
            this.central = central;
            this.sourceId = sourceId;
            this.appendedAt = appendedAt;
            this.warmup = warmup;
            this.perPhase = perPhase;
            this.phases = new Histogram[phases];
            for (int i = 0; i < phases; i++) {
                this.phases[i] = new Histogram(DEADLINE.toNanos(), 3);
            }
        }

        @Override
        public void run() {
            try {
                long after = -1;
                while (!stop && seen < appendedAt.length()) {
                    final long before = seen;
                    after = central.mirroring().scan(after, this::visit);
                    if (seen == before) {
                        LockSupport.parkNanos(READER_PARK_US * 1000);
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        private boolean visit(long journalIndex, long batch, ExperienceRecord record, Origin origin) {
            final long now = System.nanoTime();
            if (origin == null || !origin.ledgerId().equals(sourceId) || origin.position() != seen) {
                throw new IllegalStateException("entry " + seen + " of the central ledger has the origin " + origin
                        + ", not position " + seen + " of " + sourceId);
            }
            final String id = ((ExperienceRecord.Engine) record).value().eventId().value();
            if (!id.equals(eventId(seen))) {
                throw new IllegalStateException("entry " + seen + " of the central ledger has the event id " + id);
            }
            if (seen >= warmup) {
                phases[(int) ((seen - warmup) / perPhase)].recordValue(now - appendedAt.get((int) seen));
            }
            seen++;
            return true;
        }
    }
}
