package io.experienceledger.model;

import java.util.Objects;

/**
 * Identifies one envelope in the ledger. Not unique by contract: the store keeps duplicates.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record EventId(String value) {
    public EventId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new EventId(value)}. */
    public static EventId of(String value) {
        return new EventId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
