package io.experienceledger.model;

import java.util.Objects;

/**
 * Ties together the envelopes of one run or request.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record CorrelationId(String value) {
    public CorrelationId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new CorrelationId(value)}. */
    public static CorrelationId of(String value) {
        return new CorrelationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
