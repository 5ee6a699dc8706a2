package io.experienceledger.kafka;

/** The cluster cannot be reached, or answers too slowly: trying again later can succeed. */
final class ClusterUnreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClusterUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
