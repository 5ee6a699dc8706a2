package io.experienceledger.model;

import java.util.Objects;

/**
 * Identifies a pack, the scope of a boundary adjustment.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record PackId(String value) {
    public PackId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new PackId(value)}. */
    public static PackId of(String value) {
        return new PackId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
