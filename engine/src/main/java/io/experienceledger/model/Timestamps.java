package io.experienceledger.model;

/**
 * The timestamp values converge itself produces. A timestamp is a plain string everywhere in the model: no format is
 * enforced and the store compares timestamps as text.
 */
public final class Timestamps {
    /** The placeholder new envelopes and lifecycle events carry until a timestamp is set. */
    public static final String EPOCH_PLACEHOLDER = "1970-01-01T00:00:00Z";

    private static final String LOGICAL_ZERO = "lamport:0";

    private Timestamps() {
    }

    /**
     * converge's {@code Timestamp::now()}: the deterministic logical stamp {@code lamport:0}, not the wall clock, so
     * that replays produce the same bytes.
     */
    public static String now() {
        return LOGICAL_ZERO;
    }
}
