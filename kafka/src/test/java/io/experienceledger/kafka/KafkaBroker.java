package io.experienceledger.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node Kafka broker (KRaft, combined mode) started in this JVM for one test class, on loopback:
 * {@code @RegisterExtension static final KafkaBroker BROKER = new KafkaBroker();}. Reads topics back as a
 * {@code read_committed} consumer does, and can stop and restart the broker (same data, same port).
 */
final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {
    /** The user the kit's SASL cluster makes a super user ({@link #secured()}). */
    static final String ADMIN = "plain-admin";
    /** Its password. */
    static final String ADMIN_PASSWORD = "plain-admin-secret";
    /** A user of the SASL cluster with no ACLs: authenticated, authorised for nothing. */
    static final String USER = "plain-user1";
    /** Its password. */
    static final String USER_PASSWORD = "plain-user1-secret";

    private final boolean secured;
    private KafkaClusterTestKit cluster;

    /** A broker with a plaintext listener. */
    KafkaBroker() {
        this(false);
    }

    private KafkaBroker(boolean secured) {
        this.secured = secured;
    }

    /**
     * A broker whose client listener wants SASL/PLAIN and authorises with ACLs: {@link #ADMIN} may do anything,
     * {@link #USER} nothing. {@link #clientConfig()} logs in as {@link #ADMIN}.
     */
    static KafkaBroker secured() {
        return new KafkaBroker(true);
    }

    /** Client properties that log in to a {@link #secured()} broker as {@code user} with {@code password}. */
    static Properties sasl(String user, String password) {
        final Properties config = new Properties();
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "PLAIN");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        return config;
    }

    /** One record as a read_committed consumer sees it. */
    record Read(int partition, long offset, String key, String value, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        final TestKitNodes nodes = new TestKitNodes.Builder()
                .setBrokerSecurityProtocol(secured ? SecurityProtocol.SASL_PLAINTEXT : SecurityProtocol.PLAINTEXT)
                .setControllerSecurityProtocol(secured ? SecurityProtocol.SASL_PLAINTEXT : SecurityProtocol.PLAINTEXT)
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                // the kit defaults to the newest metadata version still in development: run a released one
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .build();
        cluster = new KafkaClusterTestKit.Builder(nodes)
                // on loopback, also after a restart
                .setConfigProp("listeners", nodes.brokerListenerName().value() + "://127.0.0.1:0,"
                        + nodes.controllerListenerName().value() + "://127.0.0.1:0")
                // one node: every internal topic has one replica, or transactions and groups wait forever
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "3")
                // a restarted broker registers again only once its previous session expired (9 s by default)
                .setConfigProp("broker.session.timeout.ms", "2000")
                .setConfigProp("broker.heartbeat.interval.ms", "250")
                // as a released broker runs (the kit turns unstable features on)
                .setConfigProp("unstable.feature.versions.enable", "false")
                .setConfigProp("unstable.api.versions.enable", "false")
                // the build machines have two cores
                .setConfigProp("num.network.threads", "2")
                .setConfigProp("num.io.threads", "2")
                .setConfigProp("background.threads", "2")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** {@code host:port} of the broker. */
    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Client properties that reach the broker, with short timeouts for tests. */
    Properties clientConfig() {
        final Properties config = secured ? sasl(ADMIN, ADMIN_PASSWORD) : new Properties();
        config.put("bootstrap.servers", bootstrapServers());
        return config;
    }

    /** Stops the broker (its data stays), for tests of clients that ride out an outage. */
    void stop() {
        for (BrokerServer broker : cluster.brokers().values()) {
            broker.shutdown();
            broker.awaitShutdown();
        }
    }

    /** Starts the broker again after {@link #stop()}, on the same port with the same data. */
    void restart() throws Exception {
        for (BrokerServer broker : cluster.brokers().values()) {
            broker.startup();
        }
        cluster.waitForReadyBrokers();
    }

    /** Creates {@code topic} with {@code partitions} partitions. */
    void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The bytes the broker holds on disk for {@code topic}'s partitions (its log segments, as Kafka reports them). */
    long bytesOnDisk(String topic) throws Exception {
        try (Admin admin = Admin.create(clientConfig())) {
            long bytes = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(cluster.brokers().keySet())
                    .allDescriptions().get(30, TimeUnit.SECONDS).values()) {
                for (LogDirDescription dir : dirs.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                        if (replica.getKey().topic().equals(topic)) {
                            bytes += replica.getValue().size();
                        }
                    }
                }
            }
            return bytes;
        }
    }

    /** Every record of {@code topic} a read_committed consumer sees now, partition by partition, in offset order. */
    List<Read> readCommitted(String topic) {
        return readCommitted(topic, true);
    }

    /**
     * What a {@code read_committed} consumer reads of {@code topic} right now, while a transaction may be open: up
     * to the first record of the first transaction still open or still being completed.
     */
    List<Read> readCommittedSoFar(String topic) {
        return readCommitted(topic, false);
    }

    private List<Read> readCommitted(String topic, boolean settled) {
        final Properties config = clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            final Map<TopicPartition, Long> end = settled ? settledEnd(topic, consumer, partitions, deadline)
                    : consumer.endOffsets(partitions, Duration.ofSeconds(30));
            final Map<Integer, List<Read>> byPartition = new HashMap<>();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("reading " + topic + " did not reach its end offsets " + end);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    final Map<String, String> headers = new HashMap<>();
                    for (Header header : record.headers()) {
                        if (headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)) != null) {
                            throw new AssertionError("header " + header.key() + " twice in " + record);
                        }
                    }
                    byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(new Read(
                            record.partition(), record.offset(), text(record.key()), text(record.value()), headers));
                }
            }
            final List<Read> all = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                all.addAll(byPartition.getOrDefault(partition.partition(), List.of()));
            }
            return all;
        }
    }

    /**
     * The end offsets of {@code partitions} once no transaction on them is open or being completed: the last stable
     * offset equals the high watermark. {@code commitTransaction} returns once the commit is decided; the markers
     * that end the transaction in each partition are written after that, and until they are, a
     * {@code read_committed} consumer stops before the transaction's records.
     */
    private Map<TopicPartition, Long> settledEnd(String topic, KafkaConsumer<byte[], byte[]> committed,
                                                 List<TopicPartition> partitions, long deadline) {
        final Properties config = clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> uncommitted = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            while (true) {
                final Map<TopicPartition, Long> stable = committed.endOffsets(partitions, Duration.ofSeconds(30));
                final Map<TopicPartition, Long> written = uncommitted.endOffsets(partitions, Duration.ofSeconds(30));
                if (stable.equals(written)) {
                    return stable;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("a transaction on " + topic + " stayed open: stable offsets " + stable
                            + ", written " + written);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + topic + " to settle", e);
                }
            }
        }
    }

    /**
     * Waits until no transaction on {@code topic} is open or being completed, so that a {@code read_committed}
     * consumer (a mirror) sees every committed record.
     */
    void awaitSettled(String topic) {
        final Properties config = clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            settledEnd(topic, consumer, partitionsOf(consumer, topic), System.nanoTime()
                    + TimeUnit.SECONDS.toNanos(60));
        }
    }

    /** The partitions of {@code topic}, in partition order. */
    private static List<TopicPartition> partitionsOf(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        final List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return partitions;
    }

    /** The topics that exist. */
    Set<String> topics() throws Exception {
        try (Admin admin = Admin.create(clientConfig())) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
