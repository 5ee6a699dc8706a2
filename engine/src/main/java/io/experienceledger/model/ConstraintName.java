package io.experienceledger.model;

import java.util.Objects;

/**
 * Names a constraint an operator can override.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record ConstraintName(String value) {
    public ConstraintName {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new ConstraintName(value)}. */
    public static ConstraintName of(String value) {
        return new ConstraintName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
