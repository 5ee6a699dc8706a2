package io.experienceledger.model;

import java.util.Objects;

/**
 * Identifies a kernel proposal.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record ProposalId(String value) {
    public ProposalId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new ProposalId(value)}. */
    public static ProposalId of(String value) {
        return new ProposalId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
