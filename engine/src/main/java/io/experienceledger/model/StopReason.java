package io.experienceledger.model;

import java.util.List;
import java.util.Objects;

/**
 * Why an engine run stopped (recorded in OutcomeRecorded); distinct from {@link RecallStopReason}.
 * Externally tagged on the wire: unit variants as bare strings, struct variants as {@code {"Name":{...}}}.
 * Counts typed u32 in converge are range-checked; u64 counts are unsigned longs.
 */
public sealed interface StopReason {
    /** The run converged. */
    record Converged() implements StopReason {
    }

    /** All listed criteria were met. */
    record CriteriaMet(List<CriterionId> criteria) implements StopReason {
        public CriteriaMet {
            criteria = Checks.list(criteria, "criteria");
        }
    }

    /** The user cancelled the run. */
    record UserCancelled() implements StopReason {
    }

    /** A human must intervene. */
    record HumanInterventionRequired(List<CriterionId> criteria, List<ApprovalPointId> approvalRefs)
            implements StopReason {
        public HumanInterventionRequired {
            criteria = Checks.list(criteria, "criteria");
            approvalRefs = Checks.list(approvalRefs, "approvalRefs");
        }
    }

    /** The cycle budget (u32 values) ran out. */
    record CycleBudgetExhausted(long cyclesExecuted, long limit) implements StopReason {
        public CycleBudgetExhausted {
            Checks.u32(cyclesExecuted, "cyclesExecuted");
            Checks.u32(limit, "limit");
        }
    }

    /** The fact budget (u32 values) ran out. */
    record FactBudgetExhausted(long factsCount, long limit) implements StopReason {
        public FactBudgetExhausted {
            Checks.u32(factsCount, "factsCount");
            Checks.u32(limit, "limit");
        }
    }

    /** The token budget (unsigned u64 values) ran out. */
    record TokenBudgetExhausted(long tokensConsumed, long limit) implements StopReason {
    }

    /** The time budget (unsigned u64 milliseconds) ran out. */
    record TimeBudgetExhausted(long durationMs, long limitMs) implements StopReason {
    }

    /** An invariant was violated. */
    record InvariantViolated(InvariantClass invariantClass, String name, String reason) implements StopReason {
        public InvariantViolated {
            Objects.requireNonNull(invariantClass, "invariantClass");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A promotion was rejected. */
    record PromotionRejected(String proposalId, String reason) implements StopReason {
        public PromotionRejected {
            Objects.requireNonNull(proposalId, "proposalId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The engine failed. */
    record Error(String message, ErrorCategory category) implements StopReason {
        public Error {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(category, "category");
        }
    }

    /** An agent refused to continue. */
    record AgentRefused(String agentId, String reason) implements StopReason {
        public AgentRefused {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The run waits at a human-in-the-loop gate; {@code cycle} is a u32. */
    record HitlGatePending(String gateId, String proposalId, String summary, String agentId, long cycle)
            implements StopReason {
        public HitlGatePending {
            Objects.requireNonNull(gateId, "gateId");
            Objects.requireNonNull(proposalId, "proposalId");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(agentId, "agentId");
            Checks.u32(cycle, "cycle");
        }
    }
}
