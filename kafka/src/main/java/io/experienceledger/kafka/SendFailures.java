package io.experienceledger.kafka;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.KafkaException;

/**
 * The first send of a pass that failed, with the entry it carried, so that the error names it: the producer
 * reports failed sends on its own thread, and the transaction they belong to can then only be aborted.
 */
final class SendFailures {
    private volatile Failed first;

    /** A send of the entry at {@code position} ({@code record}, or the checkpoint when null) failed. */
    static final class Failed extends KafkaException {
        private static final long serialVersionUID = 1L;
        private final String entry;

        Failed(String entry, Exception cause) {
            super("sending " + entry + " failed: " + cause.getMessage(), cause);
            this.entry = entry;
        }

        /** Which entry: {@code the entry at position N (event_id X)} or {@code the checkpoint}. */
        String entry() {
            return entry;
        }
    }

    /** The callback of the send of the entry at {@code position} with {@code eventId} (null: the checkpoint). */
    Callback callback(long position, String eventId) {
        return (metadata, exception) -> {
            if (exception != null && first == null) {
                first = new Failed(eventId == null ? "the checkpoint"
                        : "the entry at position " + position + " (event_id " + eventId + ")", exception);
            }
        };
    }

    /** Throws the first failure, if a send failed. */
    void rethrow() {
        final Failed failed = first;
        if (failed != null) {
            throw failed;
        }
    }
}
