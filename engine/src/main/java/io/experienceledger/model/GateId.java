package io.experienceledger.model;

import java.util.Objects;

/**
 * Identifies a human-in-the-loop gate (request).
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record GateId(String value) {
    public GateId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new GateId(value)}. */
    public static GateId of(String value) {
        return new GateId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
