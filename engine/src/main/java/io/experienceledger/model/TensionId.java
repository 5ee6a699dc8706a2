package io.experienceledger.model;

import java.util.Objects;

/**
 * Identifies a contradiction (tension) between facts.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record TensionId(String value) {
    public TensionId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new TensionId(value)}. */
    public static TensionId of(String value) {
        return new TensionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
