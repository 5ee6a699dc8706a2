package io.experienceledger.model;

import java.util.Objects;

/**
 * Names an inference backend or adapter.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record BackendId(String value) {
    public BackendId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new BackendId(value)}. */
    public static BackendId of(String value) {
        return new BackendId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
