package io.experienceledger.bench;

import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) started in this JVM on loopback, as the
 * kafka module's tests start theirs ({@code KafkaBroker} there, which bench cannot see): Kafka's own test kit, its
 * data in a temporary directory that {@link #close()} deletes. Replication 1 everywhere, so transactions work on
 * one node.
 */
final class InProcessBroker implements AutoCloseable {
    private static final int TIMEOUT_SECONDS = 60;
    private final KafkaClusterTestKit cluster;

    private InProcessBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats and starts the broker, and waits until it is ready. */
    static InProcessBroker start() throws Exception {
        final TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        final KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "1")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return new InProcessBroker(cluster);
    }

    /** {@code host:port} of the broker. */
    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Client properties that reach the broker. */
    Properties clientConfig() {
        final Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers());
        return config;
    }

    /** Creates {@code topic} with {@code partitions} partitions, replication 1. */
    void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Deletes {@code topics} (their log segments go, so that rounds do not pile data up on disk). */
    void deleteTopics(Collection<String> topics) throws Exception {
        try (Admin admin = Admin.create(clientConfig())) {
            admin.deleteTopics(topics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("stopping the broker failed: " + e.getMessage(), e);
        }
    }
}
