package io.experienceledger.model;

import java.util.Objects;

/**
 * Identifies a captured policy.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record PolicyId(String value) {
    public PolicyId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new PolicyId(value)}. */
    public static PolicyId of(String value) {
        return new PolicyId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
