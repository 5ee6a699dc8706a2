package io.experienceledger.model;

import java.util.Objects;

/**
 * Identifies a success criterion of an engine run.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record CriterionId(String value) {
    public CriterionId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new CriterionId(value)}. */
    public static CriterionId of(String value) {
        return new CriterionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
