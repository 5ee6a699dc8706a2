package io.experienceledger.model;

import java.util.Objects;

/**
 * Identifies a promoted fact.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record FactId(String value) {
    public FactId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new FactId(value)}. */
    public static FactId of(String value) {
        return new FactId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
