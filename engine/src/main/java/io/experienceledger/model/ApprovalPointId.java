package io.experienceledger.model;

import java.util.Objects;

/**
 * Identifies an approval point that needs a human.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record ApprovalPointId(String value) {
    public ApprovalPointId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new ApprovalPointId(value)}. */
    public static ApprovalPointId of(String value) {
        return new ApprovalPointId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
