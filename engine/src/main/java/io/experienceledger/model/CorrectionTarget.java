package io.experienceledger.model;

import java.util.Objects;

/** What a user correction applies to. Internally tagged ({@code kind}), snake_case names. */
public sealed interface CorrectionTarget {
    /** The label the reference uses in recall summaries: {@code fact} or {@code proposal}. */
    String label();

    /** A fact: {@code {"kind":"fact","fact_id":...}}. */
    record Fact(FactId factId) implements CorrectionTarget {
        public Fact {
            Objects.requireNonNull(factId, "factId");
        }

        @Override
        public String label() {
            return "fact";
        }
    }

    /** A proposal: {@code {"kind":"proposal","proposal_id":...}}. */
    record Proposal(ProposalId proposalId) implements CorrectionTarget {
        public Proposal {
            Objects.requireNonNull(proposalId, "proposalId");
        }

        @Override
        public String label() {
            return "proposal";
        }
    }
}
