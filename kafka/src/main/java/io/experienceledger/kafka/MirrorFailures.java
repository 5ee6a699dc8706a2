package io.experienceledger.kafka;

import java.util.List;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.config.ConfigException;

/** What a mirroring failure means for the user: one sentence, and whether trying again can help. */
final class MirrorFailures {
    private MirrorFailures() {
    }

    static ShipFailure classify(Throwable failure, List<String> topics, Object bootstrapServers, long timeoutMillis) {
        final AuthorizationException refused = ShipFailure.find(failure, AuthorizationException.class);
        if (refused != null) {
            return new ShipFailure(false, "not authorised: " + refused.getMessage() + " (the mirror reads "
                    + String.join(", ", topics) + ": grant READ and DESCRIBE on them)");
        }
        final AuthenticationException unauthenticated = ShipFailure.find(failure, AuthenticationException.class);
        if (unauthenticated != null) {
            return new ShipFailure(false, "authentication failed: " + unauthenticated.getMessage()
                    + " (check the security settings of --client-config)");
        }
        final RuntimeException setting = ShipFailure.find(failure, ConfigException.class) != null
                ? ShipFailure.find(failure, ConfigException.class) : ShipFailure.find(failure, InvalidTopicException.class);
        if (setting != null) {
            return new ShipFailure(false, "the cluster refused the mirror's settings: " + setting.getMessage());
        }
        final boolean timeout = ShipFailure.find(failure, TimeoutException.class) != null;
        final String cause = ShipFailure.innermost(failure).getMessage();
        return new ShipFailure(true, (timeout ? "the Kafka cluster at " + bootstrapServers + " did not answer within "
                + timeoutMillis + " ms" : "reading from " + bootstrapServers + " failed")
                + (cause == null ? "" : ": " + cause) + "; check --bootstrap-servers and that the brokers are up");
    }
}
