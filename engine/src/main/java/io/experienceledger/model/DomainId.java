package io.experienceledger.model;

import java.util.Objects;

/**
 * The domain a hypothesis belongs to.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record DomainId(String value) {
    public DomainId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new DomainId(value)}. */
    public static DomainId of(String value) {
        return new DomainId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
