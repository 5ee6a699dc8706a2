package io.experienceledger.model;

import java.util.Objects;

/** What an operator override applies to. Adjacently tagged ({@code kind}/{@code id}), PascalCase names. */
public sealed interface OverrideTarget {
    /** A fact. */
    record Fact(FactId id) implements OverrideTarget {
        public Fact {
            Objects.requireNonNull(id, "id");
        }
    }

    /** A proposal. */
    record Proposal(ProposalId id) implements OverrideTarget {
        public Proposal {
            Objects.requireNonNull(id, "id");
        }
    }

    /** A named constraint. */
    record Constraint(ConstraintName id) implements OverrideTarget {
        public Constraint {
            Objects.requireNonNull(id, "id");
        }
    }
}
