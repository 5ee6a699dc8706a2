package io.experienceledger.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The compacted topic where shippers keep their {@link ShipCheckpoint}s, one key per (ledger, topic): written in the
 * same transaction as the records a checkpoint covers, and read back, {@code read_committed}, when a shipper
 * starts, so that it resumes exactly after what was committed (the way Kafka Connect's exactly-once source
 * connectors keep their offsets, KIP-618).
 */
final class CheckpointTopic {
    private final String name;
    private final byte[] key;

    CheckpointTopic(String name, String ledgerId, String topic) {
        this.name = name;
        this.key = (ledgerId + "/" + topic).getBytes(StandardCharsets.UTF_8);
    }

    /** The topic's name. */
    String name() {
        return name;
    }

    /** The record that commits {@code checkpoint} along with the transaction it is sent in. */
    ProducerRecord<byte[], byte[]> record(ShipCheckpoint checkpoint) {
        return new ProducerRecord<>(name, 0, key, checkpoint.encode());
    }

    /**
     * The last committed checkpoint of this (ledger, topic), or {@link ShipCheckpoint#START}. Reads the topic up to
     * its high watermark as it is now, committed records only: this shipper's own transactions are all ended (its
     * producer was just initialised), but another shipper's open transaction holds back what a
     * {@code read_committed} consumer may read, also of the records after it, so the read waits until that
     * transaction ends (transactions are short: one pass of a shipper).
     *
     * @throws TimeoutException when the topic cannot be read within {@code timeout}
     */
    ShipCheckpoint lastCommitted(Properties clientConfig, Duration timeout) {
        final Properties config = new Properties();
        config.putAll(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        final long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final TopicPartition partition = new TopicPartition(name, 0);
            final long endOffset = highWatermark(clientConfig, partition, timeout);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            ShipCheckpoint last = ShipCheckpoint.START;
            while (consumer.position(partition, remaining(deadline)) < endOffset) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(remaining(deadline))) {
                    if (record.key() != null && Arrays.equals(record.key(), key) && record.value() != null) {
                        last = ShipCheckpoint.decode(record.value());
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading " + name + " took longer than " + timeout.toMillis() + " ms");
                }
            }
            return last;
        }
    }

    /** The offset after the last record written to {@code partition}, committed or not. */
    private static long highWatermark(Properties clientConfig, TopicPartition partition, Duration timeout) {
        final Properties config = new Properties();
        config.putAll(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_UNCOMMITTED.toString().toLowerCase());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final Map<TopicPartition, Long> end = consumer.endOffsets(List.of(partition), timeout);
            return end.get(partition);
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
