package io.experienceledger.model;

import java.util.Objects;

/**
 * Identifies a decision chain inside an engine run.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record ChainId(String value) {
    public ChainId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new ChainId(value)}. */
    public static ChainId of(String value) {
        return new ChainId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
