package io.experienceledger.kafka;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.store.ExperienceStoreException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/**
 * Ships a ledger to an Apache Kafka topic, exactly once as a {@code read_committed} consumer sees it: every
 * committed entry becomes one record (the record format is in docs/scale-out.md), in append order, each atomic
 * batch of the ledger inside one Kafka transaction, and where to resume is committed to Kafka in the same
 * transaction as the records it covers. After a crash at any moment the next shipper goes on from there: no
 * duplicate, no gap.
 *
 * <pre>{@code
 * try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir);
 *      LedgerShipper shipper = LedgerShipper.builder(store, "kafka-1:9092", "audit-events").build()) {
 *     shipper.start(Duration.ofMillis(100));   // ships in the background, as the application appends
 *     ...
 *     ShipStatus status = shipper.status();    // shipped, lag
 * }
 * }</pre>
 *
 * <p>One shipper per ledger and topic at a time: a second one with the same transactional id fences the first,
 * which stops with an error. Thread-safe.
 */
public final class LedgerShipper implements AutoCloseable {
    private final ChronicleExperienceStore store;
    private final ShipSession session;
    private final Object passes = new Object();
    private final FollowLoop loop = new FollowLoop("experience-ledger-ship");

    private LedgerShipper(ChronicleExperienceStore store, ShipSession session) {
        this.store = store;
        this.session = session;
    }

    /**
     * Settings for shipping {@code store} to {@code topic} on the cluster at {@code bootstrapServers}
     * ({@code host:port[,host:port…]}).
     */
    public static Builder builder(ChronicleExperienceStore store, String bootstrapServers, String topic) {
        return new Builder(store, bootstrapServers, topic);
    }

    /**
     * Ships every entry committed in the ledger now that is not shipped yet, and returns how many it shipped.
     * Connects first if needed; waits for an unreachable cluster at most the builder's {@code timeout}.
     *
     * @throws ExperienceStoreException a storage error naming what went wrong and what to do
     */
    public long shipAvailable() {
        synchronized (passes) {
            try {
                return session.shipAvailable(loop::stopRequested);
            } catch (ClusterUnreachable e) {
                throw ExperienceStoreException.storageError(e.getMessage(), e);
            }
        }
    }

    /**
     * Ships in a background thread: everything committed now, then every entry as it is appended, looking for new
     * ones every {@code pollInterval}. Rides out an unreachable cluster (retrying until it is back); stops on a
     * failure it cannot ride out ({@link ShipStatus#failure()}), or on {@link #stop()}.
     *
     * @param warnings told, once per outage, when the cluster cannot be reached and the shipper keeps trying
     */
    public void start(Duration pollInterval, Consumer<String> warnings) {
        loop.start(pollInterval, warnings, () -> {
            synchronized (passes) {
                session.shipAvailable(loop::stopRequested);
            }
        });
    }

    /** {@link #start(Duration, Consumer)} that drops the warnings. */
    public void start(Duration pollInterval) {
        start(pollInterval, warning -> { });
    }

    /**
     * Stops the background shipper, if one runs, and waits for it: a transaction it has open is aborted (its
     * entries are shipped again by the next run), one it was committing is finished.
     */
    public void stop() {
        loop.stop();
    }

    /** Why the background shipper stopped on its own, if it did. */
    public Optional<String> failure() {
        return loop.failure().map(FollowLoop::describe);
    }

    /** What is shipped and what is not yet (the lag is counted by reading the unshipped entries). */
    public ShipStatus status() {
        final ShipCheckpoint committed = session.committed();
        final long[] lag = new long[1];
        store.scanEntries(committed.journalIndex(), (index, batch, record) -> {
            lag[0]++;
            return true;
        });
        return new ShipStatus(session.topic(), committed.position(), committed.journalIndex(), lag[0],
                loop.running(), failure().orElse(null));
    }

    /** Stops the background shipper and disconnects. The store stays open: it is the caller's. */
    @Override
    public void close() {
        stop();
        synchronized (passes) {
            session.close();
        }
    }

    /**
     * Waits up to {@code timeout} for the background shipper to stop on its own (a failure) or through
     * {@link #stop()}; true when it is no longer running.
     */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return loop.awaitStopped(timeout);
    }

    /** Checks that {@code name} is a legal topic name; IllegalArgumentException otherwise. */
    static void validTopic(String name) {
        try {
            Topic.validate(name);
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Settings of a {@link LedgerShipper}, validated by {@link #build()}. docs/scale-out.md lists them. */
    public static final class Builder {
        private final ChronicleExperienceStore store;
        private final String topic;
        private final Properties clientConfig = new Properties();
        private String transactionalId;
        private String checkpointTopic = ShipSession.DEFAULT_CHECKPOINT_TOPIC;
        private Integer partitions;
        private Short replicationFactor;
        private int transactionEntries = ShipSession.DEFAULT_TRANSACTION_ENTRIES;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder(ChronicleExperienceStore store, String bootstrapServers, String topic) {
            this.store = Objects.requireNonNull(store, "store");
            this.topic = Objects.requireNonNull(topic, "topic");
            clientConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                    Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        }

        /**
         * Kafka client properties (security, timeouts, compression, ...), applied over the shipper's defaults. The
         * serializers, idempotence and the transactional id are the shipper's and cannot be set here.
         */
        public Builder clientConfig(Properties properties) {
            for (String name : properties.stringPropertyNames()) {
                clientConfig.put(name, properties.getProperty(name));
            }
            return this;
        }

        /** The producer's transactional id; default {@code experience-ledger-ship-<ledger id>-<topic>}. */
        public Builder transactionalId(String value) {
            this.transactionalId = Objects.requireNonNull(value, "transactionalId");
            return this;
        }

        /** The compacted topic that holds where each shipper resumes; default {@code experience-ledger.checkpoints}. */
        public Builder checkpointTopic(String value) {
            this.checkpointTopic = Objects.requireNonNull(value, "checkpointTopic");
            return this;
        }

        /** Partitions of the topic when it has to be created; default the broker's {@code num.partitions}. */
        public Builder partitions(int value) {
            this.partitions = value;
            return this;
        }

        /** Replication of topics the shipper creates; default the broker's {@code default.replication.factor}. */
        public Builder replicationFactor(short value) {
            this.replicationFactor = value;
            return this;
        }

        /** Entries after which a transaction is committed at the next batch boundary; default 50,000. */
        public Builder transactionEntries(int value) {
            this.transactionEntries = value;
            return this;
        }

        /** How long to wait for an unreachable cluster before giving up (except in the background); default 30 s. */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /**
         * The shipper; it connects on first use.
         *
         * @throws IllegalArgumentException when a setting is out of its range or a topic name is not legal
         */
        public LedgerShipper build() {
            validTopic(topic);
            validTopic(checkpointTopic);
            if (topic.equals(checkpointTopic)) {
                throw new IllegalArgumentException("the checkpoint topic must not be the topic shipped to: " + topic);
            }
            if (partitions != null && partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
            }
            if (replicationFactor != null && replicationFactor < 1) {
                throw new IllegalArgumentException("replicationFactor must be at least 1, was " + replicationFactor);
            }
            if (transactionEntries < 1) {
                throw new IllegalArgumentException("transactionEntries must be at least 1, was " + transactionEntries);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            final String id = transactionalId != null ? transactionalId
                    : "experience-ledger-ship-" + store.ledgerId() + "-" + topic;
            return new LedgerShipper(store, new ShipSession(store, topic, checkpointTopic, id, clientConfig,
                    Optional.ofNullable(partitions), Optional.ofNullable(replicationFactor), transactionEntries,
                    timeout));
        }
    }
}
