package io.experienceledger.model;

import java.util.Objects;

/**
 * Identifies an intent, the scope of a boundary adjustment.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record IntentId(String value) {
    public IntentId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new IntentId(value)}. */
    public static IntentId of(String value) {
        return new IntentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
