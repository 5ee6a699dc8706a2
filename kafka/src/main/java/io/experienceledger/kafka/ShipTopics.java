package io.experienceledger.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a shipper writes when they are missing: the data topic with the partitions and replication
 * asked for (or the broker's defaults), the checkpoint topic compacted with one partition. An existing topic is
 * used as it is.
 */
final class ShipTopics {
    private ShipTopics() {
    }

    /**
     * Makes sure both topics exist.
     *
     * @param partitions        partitions of a new data topic, empty for the broker's default
     * @param replicationFactor replication of new topics, empty for the broker's default
     * @throws ExecutionException   with the admin client's error (unreachable, not authorised, ...)
     * @throws InterruptedException when interrupted while waiting
     */
    static void ensure(Properties clientConfig, String dataTopic, String checkpointTopic,
                       Optional<Integer> partitions, Optional<Short> replicationFactor, Duration timeout)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        final Properties config = new Properties();
        config.putAll(clientConfig);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        final Admin admin = Admin.create(config);
        try {
            final Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!existing.contains(dataTopic)) {
                create(admin, new NewTopic(dataTopic, partitions, replicationFactor), timeout);
            }
            if (!existing.contains(checkpointTopic)) {
                create(admin, new NewTopic(checkpointTopic, Optional.of(1), replicationFactor)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)), timeout);
            }
        } finally {
            // without a wait: calls still pending (an unreachable cluster) are abandoned, not waited for
            admin.close(Duration.ZERO);
        }
    }

    private static void create(Admin admin, NewTopic topic, Duration timeout)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            // another shipper created it meanwhile: use it as it is
        }
    }
}
