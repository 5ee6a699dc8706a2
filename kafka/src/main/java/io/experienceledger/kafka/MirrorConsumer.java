package io.experienceledger.kafka;

import io.experienceledger.store.ExperienceStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A mirror's {@code read_committed} consumer: every partition of its topics assigned (no consumer group: the
 * position is the mirror's own, kept in the central ledger), each sought to a {@link MirrorPosition}, and the
 * records polled and not yet taken ({@link PolledRecords}).
 */
final class MirrorConsumer implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final List<String> topics;
    private final Object bootstrapServers;
    private final Duration timeout;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PolledRecords polled = new PolledRecords();
    private List<TopicPartition> partitions = List.of();

    /** A consumer with the client settings {@code clientConfig}, the mirror's own over them. */
    MirrorConsumer(List<String> topics, Properties clientConfig, Duration timeout) {
        this.topics = topics;
        this.bootstrapServers = clientConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
        this.timeout = timeout;
        final Properties config = new Properties();
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        config.putAll(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Assigns the partitions added to the topics since the last look (all of them the first time), each from
     * {@code position} (from its beginning when it has none there); the others keep their place.
     *
     * @return true when there were any
     * @throws ExperienceStoreException not found when a topic does not exist
     */
    boolean assignAdded(MirrorPosition position) {
        final List<TopicPartition> now = currentPartitions();
        final List<TopicPartition> added = new ArrayList<>(now);
        added.removeAll(partitions);
        if (added.isEmpty()) {
            return false;
        }
        consumer.assign(now);
        for (TopicPartition partition : added) {
            final long next = position.next(partition);
            if (next >= 0) {
                consumer.seek(partition, next);
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
        partitions = List.copyOf(now);
        return true;
    }

    /** Every partition of the topics, as the cluster says now (a metadata request, not the consumer's cache). */
    private List<TopicPartition> currentPartitions() {
        final Map<String, List<PartitionInfo>> all = consumer.listTopics(timeout);
        final List<TopicPartition> found = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = all.get(topic);
            if (infos == null || infos.isEmpty()) {
                // the list leaves out topics the client may not describe: asked by name, the cluster says so
                infos = consumer.partitionsFor(topic, timeout);
            }
            if (infos == null || infos.isEmpty()) {
                throw ExperienceStoreException.notFound("the topic " + topic + " does not exist on "
                        + bootstrapServers + ": check --topic");
            }
            infos.forEach(info -> found.add(new TopicPartition(info.topic(), info.partition())));
        }
        return found;
    }

    List<TopicPartition> partitions() {
        return partitions;
    }

    PolledRecords polled() {
        return polled;
    }

    /** The end offsets of every partition now (read_committed: the last stable offsets). */
    Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions, timeout);
    }

    /** The offset of the next record the consumer will fetch from {@code partition}. */
    long position(TopicPartition partition) {
        return consumer.position(partition, timeout);
    }

    /** True when nothing is queued and every partition is read to {@code targets}. */
    boolean reached(Map<TopicPartition, Long> targets) {
        if (!polled.isEmpty()) {
            return false;
        }
        for (TopicPartition partition : partitions) {
            if (position(partition) < targets.getOrDefault(partition, 0L)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when a partition with nothing queued may still have records to fetch (its lag is unknown or above 0):
     * only then can polling bring what continues an open source batch; otherwise it is behind queued records.
     */
    boolean mayFetchMore() {
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
    int poll() {
        int count = 0;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            polled.add(record);
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        polled.clear();
        try {
            consumer.close(Duration.ZERO);
        } catch (RuntimeException ignored) {
            // closing a consumer in an error state: nothing more to do
        }
    }
}
