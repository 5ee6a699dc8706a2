package io.experienceledger.kafka;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.store.ExperienceStoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.TopicPartition;

/**
 * Mirrors Kafka topics that ledgers were shipped to ({@link LedgerShipper}) into one central ledger, exactly once:
 * each record's converge envelope is appended with its origin (the source ledger and position, from the record's
 * headers), and the position reached in the topics is kept in the central ledger in the same atomic batch as the
 * entries it covers, so after a crash at any moment the next mirror goes on from there: no duplicate, no gap. Each
 * partition is appended in offset order, and a source batch lands inside one atomic batch.
 *
 * <pre>{@code
 * try (ChronicleExperienceStore central = ChronicleExperienceStore.open(dir);
 *      LedgerMirror mirror = LedgerMirror.builder(central, "kafka-1:9092", List.of("audit-events")).build()) {
 *     mirror.start(Duration.ofMillis(100));        // mirrors in the background as sources ship
 *     ...
 *     MirrorStatus status = mirror.status();       // entries, position and lag per partition
 *     central.mirroring().queryEvents(query, id);  // one source's entries
 * }
 * }</pre>
 *
 * <p>One mirror per central ledger at a time (the ledger's writer lock sees to that across processes).
 * Thread-safe.
 */
public final class LedgerMirror implements AutoCloseable {
    private final MirrorSession session;
    private final SkippedRecords skipped;
    /** Where warnings go: the builder's, or those given to {@link #start}. */
    private final AtomicReference<Consumer<String>> warnings;
    private final Object passes = new Object();
    private final FollowLoop loop = new FollowLoop("experience-ledger-mirror");

    private LedgerMirror(MirrorSession session, SkippedRecords skipped, AtomicReference<Consumer<String>> warnings) {
        this.session = session;
        this.skipped = skipped;
        this.warnings = warnings;
    }

    /**
     * Settings for mirroring {@code topics} on the cluster at {@code bootstrapServers} ({@code host:port[,…]})
     * into {@code store}, which must be open for writing.
     */
    public static Builder builder(ChronicleExperienceStore store, String bootstrapServers, List<String> topics) {
        return new Builder(store, bootstrapServers, topics);
    }

    /**
     * Mirrors every record up to the end offsets the topics have now (for {@code read_committed}: the last stable
     * offsets), and returns how many entries it appended. Connects first if needed; waits for an unreachable
     * cluster at most the builder's {@code timeout}.
     *
     * @throws ExperienceStoreException a storage error naming what went wrong and what to do; not found for a topic
     *                                  that does not exist; invalid query for a record that is not a shipped entry
     *                                  (everything before it is appended), unless invalid records are skipped
     */
    public long mirrorAvailable() {
        synchronized (passes) {
            try {
                return session.mirrorAvailable(loop::stopRequested);
            } catch (RuntimeException e) {
                throw asStoreException(e);
            }
        }
    }

    /**
     * Mirrors in a background thread: everything in the topics now, then every record as it is committed to them,
     * looking for new ones every {@code pollInterval}. Rides out an unreachable cluster (retrying until it is
     * back); stops on a failure it cannot ride out ({@link MirrorStatus#failure()}), or on {@link #stop()}.
     *
     * @param warnings told, once per outage, when the cluster cannot be reached and the mirror keeps trying, and
     *                 when a source batch is incomplete in the topics
     */
    public void start(Duration pollInterval, Consumer<String> warnings) {
        Objects.requireNonNull(warnings, "warnings");
        this.warnings.set(warnings);
        loop.start(pollInterval, warnings, () -> {
            synchronized (passes) {
                session.mirrorAvailable(loop::stopRequested);
            }
        });
    }

    /** {@link #start(Duration, Consumer)} with the builder's warnings. */
    public void start(Duration pollInterval) {
        start(pollInterval, warnings.get());
    }

    /**
     * Stops the background mirror, if one runs, and waits for it: a batch of the central ledger it has open is
     * committed when no source batch is half read, otherwise abandoned (its records are mirrored again by the next
     * run).
     */
    public void stop() {
        loop.stop();
    }

    /**
     * Waits up to {@code timeout} for the background mirror to stop on its own (a failure) or through
     * {@link #stop()}; true when it is no longer running.
     */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return loop.awaitStopped(timeout);
    }

    /** Why the background mirror stopped on its own, if it did. */
    public Optional<String> failure() {
        return loop.failure().map(FollowLoop::describe);
    }

    /** The failure that stopped the background mirror, if one did, with its converge variant (for exit codes). */
    Optional<ExperienceStoreException> failureCause() {
        return loop.failure().map(LedgerMirror::asStoreException);
    }

    /** The number of distinct source ledgers whose entries this mirror appended since it was built. */
    public int ledgersMirrored() {
        return session.ledgers();
    }

    /** What is mirrored, and how far each partition is read. */
    public MirrorStatus status() {
        final MirrorPosition committed = session.committed();
        final Map<TopicPartition, Long> ends = session.endOffsets();
        final List<MirrorStatus.Partition> partitions = new ArrayList<>();
        committed.offsets().forEach((partition, offset) -> partitions.add(new MirrorStatus.Partition(
                partition.topic(), partition.partition(), offset, ends.getOrDefault(partition, -1L))));
        ends.forEach((partition, end) -> {
            if (committed.next(partition) < 0) {
                partitions.add(new MirrorStatus.Partition(partition.topic(), partition.partition(), 0, end));
            }
        });
        return new MirrorStatus(committed.entries(), committed.skipped(), partitions, loop.running(),
                failure().orElse(null));
    }

    /** Stops the background mirror and disconnects. The store stays open: it is the caller's. */
    @Override
    public void close() {
        stop();
        synchronized (passes) {
            session.close();
            if (skipped != null) {
                skipped.close();
            }
        }
    }

    /** A failure of a pass as the API reports it: the store's exception with the converge variant. */
    private static ExperienceStoreException asStoreException(RuntimeException failure) {
        if (failure instanceof ExperienceStoreException known) {
            return known;
        }
        if (failure instanceof MirrorSession.InvalidRecord) {
            return ExperienceStoreException.invalidQuery(failure.getMessage());
        }
        return ExperienceStoreException.storageError(FollowLoop.describe(failure), failure);
    }

    /** Settings of a {@link LedgerMirror}, validated by {@link #build()}. docs/scale-out.md lists them. */
    public static final class Builder {
        private final ChronicleExperienceStore store;
        private final List<String> topics;
        private final Properties clientConfig = new Properties();
        private Path skipInvalid;
        private int batchEntries = MirrorSession.DEFAULT_BATCH_ENTRIES;
        private Duration timeout = Duration.ofSeconds(30);
        private Consumer<String> warnings = warning -> { };

        private Builder(ChronicleExperienceStore store, String bootstrapServers, List<String> topics) {
            this.store = Objects.requireNonNull(store, "store");
            this.topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
            clientConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                    Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        }

        /**
         * Kafka client properties (security, timeouts, fetch sizes, ...), applied over the mirror's defaults. The
         * isolation level ({@code read_committed}), offset handling and deserializers are the mirror's.
         */
        public Builder clientConfig(Properties properties) {
            for (String name : properties.stringPropertyNames()) {
                clientConfig.put(name, properties.getProperty(name));
            }
            return this;
        }

        /**
         * Goes past records that are not shipped entries, writing each to {@code file} (one JSON object a line:
         * topic, partition, offset, reason, value), instead of stopping at the first one.
         */
        public Builder skipInvalid(Path file) {
            this.skipInvalid = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Entries after which a batch of the central ledger is committed, once no source batch is open. */
        public Builder batchEntries(int value) {
            this.batchEntries = value;
            return this;
        }

        /** How long to wait for an unreachable cluster before giving up (except in the background); default 30 s. */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /**
         * Told when a source batch turns out incomplete in the topics (its missing entries are reported as a gap),
         * and by a background mirror when the cluster cannot be reached; default: dropped.
         */
        public Builder warnings(Consumer<String> value) {
            this.warnings = Objects.requireNonNull(value, "warnings");
            return this;
        }

        /**
         * The mirror; it connects on first use.
         *
         * @throws IllegalArgumentException when a setting is out of its range or a topic name is not legal
         */
        public LedgerMirror build() {
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("at least one topic to mirror is needed");
            }
            topics.forEach(LedgerShipper::validTopic);
            if (topics.stream().distinct().count() != topics.size()) {
                throw new IllegalArgumentException("a topic is named twice: " + topics);
            }
            if (batchEntries < 1) {
                throw new IllegalArgumentException("batchEntries must be at least 1, was " + batchEntries);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            final SkippedRecords skipped = skipInvalid == null ? null : new SkippedRecords(skipInvalid);
            final AtomicReference<Consumer<String>> sink = new AtomicReference<>(warnings);
            return new LedgerMirror(new MirrorSession(store, topics, clientConfig, timeout, batchEntries, skipped,
                    warning -> sink.get().accept(warning)), skipped, sink);
        }
    }
}
