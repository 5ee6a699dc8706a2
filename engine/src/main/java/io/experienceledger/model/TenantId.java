package io.experienceledger.model;

import java.util.Objects;

/**
 * The tenant an envelope belongs to; queries filter on it by exact equality.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record TenantId(String value) {
    public TenantId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new TenantId(value)}. */
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
