package io.experienceledger.kafka;

import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.InvalidTxnTimeoutException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * What a shipping failure means for the user: one sentence saying what happened and what to do, and whether trying
 * again can help (a broker that is down or slow) or cannot (fenced, refused, too large, misconfigured).
 *
 * @param retriable whether a later attempt can succeed
 * @param message   what happened and what to do
 */
record ShipFailure(boolean retriable, String message) {
    /** Classifies {@code failure}, looking through its causes. */
    static ShipFailure classify(Throwable failure, String transactionalId, String topic, String checkpointTopic,
                                Object bootstrapServers, long timeoutMillis) {
        final SendFailures.Failed send = find(failure, SendFailures.Failed.class);
        final String entry = send == null ? null : send.entry();
        if (find(failure, ProducerFencedException.class) != null
                || find(failure, InvalidProducerEpochException.class) != null) {
            return fatal("another shipper with transactional id " + transactionalId + " took over (this one was"
                    + " fenced): run one shipper per ledger and topic, or give each its own --transactional-id");
        }
        if (find(failure, TransactionalIdAuthorizationException.class) != null) {
            return fatal("not authorised to use transactional id " + transactionalId
                    + ": grant WRITE and DESCRIBE on it (or choose another with --transactional-id)");
        }
        final AuthorizationException refused = find(failure, AuthorizationException.class);
        if (refused != null) {
            return fatal("not authorised: " + refused.getMessage() + " (the shipper writes to " + topic + " and "
                    + checkpointTopic + ", creates them when missing, and reads " + checkpointTopic + ")");
        }
        final AuthenticationException unauthenticated = find(failure, AuthenticationException.class);
        if (unauthenticated != null) {
            return fatal("authentication failed: " + unauthenticated.getMessage()
                    + " (check the security settings of --client-config)");
        }
        if (find(failure, RecordTooLargeException.class) != null) {
            return fatal((entry == null ? "a record" : entry) + " is larger than Kafka accepts: raise max.request.size"
                    + " in --client-config, and the topic's max.message.bytes (the broker's message.max.bytes)");
        }
        final Throwable setting = firstOf(failure, ConfigException.class, InvalidConfigurationException.class,
                InvalidTopicException.class, InvalidTxnTimeoutException.class, UnsupportedVersionException.class,
                IllegalArgumentException.class);
        if (setting != null) {
            return fatal("the cluster refused the shipper's settings: " + setting.getMessage());
        }
        final boolean timeout = find(failure, TimeoutException.class) != null
                || find(failure, org.apache.kafka.common.errors.TimeoutException.class) != null;
        final String cause = innermost(failure).getMessage();
        return new ShipFailure(true, (timeout ? "the Kafka cluster at " + bootstrapServers + " did not answer within "
                + timeoutMillis + " ms" : "shipping to " + bootstrapServers + " failed")
                + (entry == null ? "" : " (" + entry + ")") + (cause == null ? "" : ": " + cause)
                + "; check --bootstrap-servers and that the brokers are up");
    }

    private static ShipFailure fatal(String message) {
        return new ShipFailure(false, message);
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @SafeVarargs
    private static Throwable firstOf(Throwable failure, Class<? extends Throwable>... types) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }

    static Throwable innermost(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
