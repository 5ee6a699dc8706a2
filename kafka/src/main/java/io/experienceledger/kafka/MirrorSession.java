package io.experienceledger.kafka;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.MirroredEntry;
import io.experienceledger.store.ExperienceStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One mirror's connection to the cluster and its passes over the topics. Connecting assigns every partition of
 * the topics to a {@code read_committed} consumer (no consumer group: the position is the mirror's own) and seeks
 * each to where the central ledger's latest {@link MirrorPosition} says. A pass reads up to the end offsets the
 * topics had when it began, appending the entries in atomic batches of the central ledger, each committing the
 * position it reached; a batch never ends while a source batch is half read. After any failure the connection is
 * dropped and the next attempt starts again from the position in the ledger, the one truth about what was
 * appended. Not thread-safe: {@link LedgerMirror} runs one pass at a time.
 */
final class MirrorSession implements AutoCloseable {
    static final int DEFAULT_BATCH_ENTRIES = 10_000;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(500);
    /**
     * How long a source batch that is still incomplete, with every partition read to its end, is waited for
     * before it is given up as a gap: the commit markers of one transaction reach its partitions one by one.
     */
    private static final Duration INCOMPLETE_GRACE = Duration.ofSeconds(2);

    private final ChronicleExperienceStore store;
    private final List<String> topics;
    private final Properties clientConfig;
    private final Duration timeout;
    private final int batchEntries;
    private final SkippedRecords skipped;
    private final MirrorMark mark;
    private final Consumer<String> warnings;
    private final PolledRecords polled = new PolledRecords();
    private final SourceBatches sourceBatches = new SourceBatches();
    private final Set<String> ledgers = new HashSet<>();
    private KafkaConsumer<byte[], byte[]> consumer;
    private List<TopicPartition> partitions = List.of();
    private volatile MirrorPosition committed;
    private volatile Map<TopicPartition, Long> endOffsets = Map.of();

    MirrorSession(ChronicleExperienceStore store, List<String> topics, Properties clientConfig, Duration timeout,
                  int batchEntries, SkippedRecords skipped, Consumer<String> warnings) {
        this.store = store;
        this.topics = List.copyOf(topics);
        this.clientConfig = clientConfig;
        this.timeout = timeout;
        this.batchEntries = batchEntries;
        this.skipped = skipped;
        this.mark = new MirrorMark(store.directory());
        this.warnings = warnings;
        this.committed = lastPosition();
    }

    /** The position the central ledger's latest batch note holds; the start when there is none. */
    private MirrorPosition lastPosition() {
        return store.mirroring().lastNote().map(MirrorPosition::decode).orElseGet(MirrorPosition::new);
    }

    /** A record that is not a shipped entry stopped the mirror (no {@code --skip-invalid}). */
    static final class InvalidRecord extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidRecord(String message) {
            super(message);
        }
    }

    /** The stop request came while a source batch was half read: the central ledger's batch is abandoned. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** The position committed last (read from the ledger at connect, then advanced by each commit). */
    MirrorPosition committed() {
        return committed;
    }

    /** The end offsets the last pass read up to (read_committed: the last stable offsets). */
    Map<TopicPartition, Long> endOffsets() {
        return endOffsets;
    }

    /** The distinct ledgers whose entries this session appended. */
    int ledgers() {
        return ledgers.size();
    }

    /**
     * Mirrors every record up to the end offsets the topics have now; retries what can be retried for the
     * session's timeout.
     *
     * @return the entries appended by this call
     * @throws ClusterUnreachable       when the cluster stayed unreachable for the whole timeout
     * @throws InvalidRecord            at a record that is not a shipped entry, everything before it appended
     * @throws ExperienceStoreException for a failure no retry helps (refused, a topic that does not exist)
     */
    long mirrorAvailable(BooleanSupplier stop) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                connect();
                return pass(stop);
            } catch (ExperienceStoreException | InvalidRecord e) {
                disconnect();
                throw e;
            } catch (KafkaException e) {
                disconnect();
                final ShipFailure failure = MirrorFailures.classify(e, topics,
                        clientConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG), timeout.toMillis());
                if (!failure.retriable()) {
                    throw ExperienceStoreException.storageError(failure.message(), e);
                }
                if (stop.getAsBoolean() || System.nanoTime() - deadline > 0) {
                    throw new ClusterUnreachable(failure.message(), e);
                }
            } catch (Stopped e) {
                disconnect();
                return 0;
            }
            sleep();
        }
    }

    private void connect() {
        if (consumer != null) {
            return;
        }
        final MirrorPosition position = lastPosition();
        consumer = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        final List<TopicPartition> assigned = currentPartitions();
        consumer.assign(assigned);
        for (TopicPartition partition : assigned) {
            final long next = position.next(partition);
            if (next >= 0) {
                consumer.seek(partition, next);
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
        partitions = List.copyOf(assigned);
        committed = position;
    }

    /** Every partition of the topics, as the cluster says now (a metadata request, not the consumer's cache). */
    private List<TopicPartition> currentPartitions() {
        final Map<String, List<PartitionInfo>> all = consumer.listTopics(timeout);
        final List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = all.get(topic);
            if (infos == null || infos.isEmpty()) {
                // the list leaves out topics the client may not describe: asked by name, the cluster says so
                infos = consumer.partitionsFor(topic, timeout);
            }
            if (infos == null || infos.isEmpty()) {
                throw ExperienceStoreException.notFound("the topic " + topic + " does not exist on "
                        + clientConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) + ": check --topic");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        return partitions;
    }

    /**
     * Assigns the partitions added to the topics since the last look, each from the committed position (from its
     * beginning when it has none); the others keep their place. True when there were any.
     */
    private boolean assignAdded() {
        final List<TopicPartition> now = currentPartitions();
        final List<TopicPartition> added = new ArrayList<>(now);
        added.removeAll(partitions);
        if (added.isEmpty()) {
            return false;
        }
        consumer.assign(now);
        for (TopicPartition partition : added) {
            final long next = committed.next(partition);
            if (next >= 0) {
                consumer.seek(partition, next);
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
        partitions = List.copyOf(now);
        return true;
    }

    private Properties consumerConfig() {
        final Properties config = new Properties();
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        config.putAll(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    private long pass(BooleanSupplier stop) {
        assignAdded();
        final Map<TopicPartition, Long> targets = consumer.endOffsets(partitions, timeout);
        endOffsets = Map.copyOf(targets);
        long appended = 0;
        long quietSince = System.nanoTime();
        while (!stop.getAsBoolean()) {
            if (polled.isEmpty() && (reached(targets) || poll() == 0)) {
                if (reached(targets)) {
                    break;
                }
                if (System.nanoTime() - quietSince > timeout.toNanos()) {
                    // asks the cluster: fails when it cannot be reached, so that a pass never waits forever
                    consumer.endOffsets(partitions, timeout);
                    quietSince = System.nanoTime();
                }
                continue;
            }
            quietSince = System.nanoTime();
            final Feed feed = new Feed(stop);
            final long count = store.mirroring().append(feed, feed::note);
            appended += count;
            committed = feed.position;
            mark.write(feed.position, topics);
            if (feed.invalid != null) {
                throw new InvalidRecord(feed.invalid);
            }
        }
        return appended;
    }

    /** True when nothing is queued and every partition is read to {@code targets}. */
    private boolean reached(Map<TopicPartition, Long> targets) {
        if (!polled.isEmpty()) {
            return false;
        }
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition, timeout) < targets.getOrDefault(partition, 0L)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when a partition with nothing queued may still have records to fetch (its lag is unknown or above 0):
     * only then can polling bring what continues an open source batch; otherwise it is behind queued records.
     */
    private boolean mayFetchMore() {
        for (TopicPartition partition : partitions) {
            if (!polled.has(partition)) {
                final OptionalLong lag = consumer.currentLag(partition);
                if (lag.isEmpty() || lag.getAsLong() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Polls once; returns how many records were queued. */
    private int poll() {
        int count = 0;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            polled.add(record);
            count++;
        }
        return count;
    }

    /**
     * The entries of one batch of the central ledger, taken from the queue (polling more while a source batch is
     * open), and the position the batch reaches: its note.
     */
    private final class Feed implements Iterator<MirroredEntry> {
        private final BooleanSupplier stop;
        private final MirrorPosition position = committed.copy();
        private MirroredEntry next;
        private long count;
        private String invalid;

        Feed(BooleanSupplier stop) {
            this.stop = stop;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            long waitingSince = -1;
            while (true) {
                final boolean whole = sourceBatches.allWhole();
                if (whole && (count >= batchEntries || stop.getAsBoolean() || polled.isEmpty())) {
                    return false;
                }
                PolledRecords.Polled head = polled.peek(sourceBatches, !whole);
                if (head == null) {
                    // nothing queued continues the open source batches: fetch more before beginning others
                    if (stop.getAsBoolean()) {
                        throw new Stopped();
                    }
                    if (mayFetchMore() && poll() > 0) {
                        waitingSince = -1;
                        continue;
                    }
                    head = polled.peek(sourceBatches, false);
                    if (head == null) {
                        waitingSince = waitingSince < 0 ? System.nanoTime() : waitingSince;
                        if (System.nanoTime() - waitingSince > INCOMPLETE_GRACE.toNanos()
                                && reached(latestEnds()) && !assignAdded()) {
                            warnings.accept(sourceBatches.abandon() + " source batch(es) end without all their"
                                    + " entries in the topics (records deleted before they were mirrored?); their"
                                    + " entries that are there are appended, and stats shows the gap");
                            return false;
                        }
                        continue;
                    }
                }
                if (take(head)) {
                    return true;
                }
                if (invalid != null) {
                    return false;
                }
            }
        }

        /**
         * Takes {@code head}: an entry becomes {@link #next} (true); an invalid record is skipped (false) or, without
         * a file to skip it to, stops the batch before it ({@link #invalid} set, false).
         */
        private boolean take(PolledRecords.Polled head) {
            final ConsumerRecord<byte[], byte[]> record = head.record();
            final MirrorRecords.Decoded decoded = head.decoded();
            if (decoded.invalid() != null) {
                if (skipped == null) {
                    invalid = "invalid record in topic " + record.topic() + ", partition " + record.partition()
                            + ", offset " + record.offset() + ": " + decoded.invalid()
                            + "; everything before it is mirrored (--skip-invalid FILE goes past such records)";
                    return false;
                }
                skipped.write(record, decoded.invalid());
                polled.take(head);
                position.advance(head.partition(), record.offset() + 1);
                position.countSkipped();
                return false;
            }
            polled.take(head);
            position.advance(head.partition(), record.offset() + 1);
            position.countEntry();
            final String ledgerId = decoded.entry().origin().ledgerId();
            if (decoded.batchStart() >= 0) {
                sourceBatches.add(ledgerId, decoded.batchStart(), decoded.batchSize());
            }
            ledgers.add(ledgerId);
            next = decoded.entry();
            count++;
            return true;
        }

        @Override
        public MirroredEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            final MirroredEntry entry = next;
            next = null;
            return entry;
        }

        /**
         * The position this batch reaches: past every record it took, and, for a partition with nothing queued,
         * past what the consumer skipped there too (transaction markers, aborted records).
         */
        byte[] note() {
            final Set<TopicPartition> queued = polled.partitions();
            if (invalid == null) {
                for (TopicPartition partition : partitions) {
                    if (!queued.contains(partition)) {
                        position.advance(partition, consumer.position(partition, timeout));
                    }
                }
            }
            return position.encode();
        }
    }

    /** The end offsets now, for deciding that an incomplete source batch will not complete. */
    private Map<TopicPartition, Long> latestEnds() {
        return consumer.endOffsets(partitions, timeout);
    }

    @Override
    public void close() {
        disconnect();
    }

    private void disconnect() {
        polled.clear();
        sourceBatches.clear();
        if (consumer != null) {
            try {
                consumer.close(Duration.ZERO);
            } catch (RuntimeException ignored) {
                // closing a consumer in an error state: nothing more to do
            }
            consumer = null;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
