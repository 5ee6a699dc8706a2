package io.experienceledger.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An engine-side event: one of fourteen variants, each a record nested here. Adjacently tagged on the wire
 * ({@code {"type":"<Variant>","data":{...}}}). Nullable components are the converge {@code Option}s.
 */
public sealed interface ExperienceEvent {
    /** The kind of this event: the name of its variant. */
    ExperienceEventKind kind();

    /** A kernel proposal was created. {@code policySnapshotHash} may be null. */
    record ProposalCreated(KernelProposal proposal, ChainId chainId, DecisionStep step,
                           ContentHash policySnapshotHash) implements ExperienceEvent {
        public ProposalCreated {
            Objects.requireNonNull(proposal, "proposal");
            Objects.requireNonNull(chainId, "chainId");
            Objects.requireNonNull(step, "step");
        }

        @Override
        public ExperienceEventKind kind() {
            return ExperienceEventKind.ProposalCreated;
        }
    }

    /** A proposal went through contract validation. */
    record ProposalValidated(ProposalId proposalId, ChainId chainId, DecisionStep step,
                             List<ContractResultSnapshot> contractResults, boolean allPassed, ActorId validator)
            implements ExperienceEvent {
        public ProposalValidated {
            Objects.requireNonNull(proposalId, "proposalId");
            Objects.requireNonNull(chainId, "chainId");
            Objects.requireNonNull(step, "step");
            contractResults = Checks.list(contractResults, "contractResults");
            Objects.requireNonNull(validator, "validator");
        }

        @Override
        public ExperienceEventKind kind() {
            return ExperienceEventKind.ProposalValidated;
        }
    }

    /** A proposal was promoted to a fact. */
    record FactPromoted(ProposalId proposalId, FactId factId, ActorId promotedBy, String reason,
                        boolean requiresHuman) implements ExperienceEvent {
        public FactPromoted {
            Objects.requireNonNull(proposalId, "proposalId");
            Objects.requireNonNull(factId, "factId");
            Objects.requireNonNull(promotedBy, "promotedBy");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public ExperienceEventKind kind() {
            return ExperienceEventKind.FactPromoted;
        }
    }

    /** A recall ran. {@code traceLinkId} may be null and registers nothing. */
    record RecallExecuted(RecallQuery query, RecallProvenanceEnvelope provenance, TraceLinkId traceLinkId)
            implements ExperienceEvent {
        public RecallExecuted {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(provenance, "provenance");
        }

        @Override
        public ExperienceEventKind kind() {
            return ExperienceEventKind.RecallExecuted;
        }
    }

    /** A replay trace was recorded; the store registers it under {@code traceLinkId} (last write wins). */
    record ReplayTraceRecorded(TraceLinkId traceLinkId, ReplayTrace traceLink) implements ExperienceEvent {
        public ReplayTraceRecorded {
            Objects.requireNonNull(traceLinkId, "traceLinkId");
            Objects.requireNonNull(traceLink, "traceLink");
        }

        @Override
        public ExperienceEventKind kind() {
            return ExperienceEventKind.ReplayTraceRecorded;
        }
    }

    /** A trace's replayability was downgraded (the registered trace is not changed). */
    record ReplayabilityDowngraded(TraceLinkId traceLinkId, Replayability from, Replayability to,
                                   ReplayabilityDowngradeReason reason) implements ExperienceEvent {
        public ReplayabilityDowngraded {
            Objects.requireNonNull(traceLinkId, "traceLinkId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public ExperienceEventKind kind() {
            return ExperienceEventKind.ReplayabilityDowngraded;
        }
    }

    /** A governed artifact changed state. */
    record ArtifactStateTransitioned(ArtifactId artifactId, ArtifactKind artifactKind, LifecycleEvent event)
            implements ExperienceEvent {
        public ArtifactStateTransitioned {
            Objects.requireNonNull(artifactId, "artifactId");
            Objects.requireNonNull(artifactKind, "artifactKind");
            Objects.requireNonNull(event, "event");
        }

        @Override
        public ExperienceEventKind kind() {
            return ExperienceEventKind.ArtifactStateTransitioned;
        }
    }

    /** A governed artifact was rolled back. */
    record ArtifactRollbackRecorded(RollbackRecord rollback) implements ExperienceEvent {
        public ArtifactRollbackRecorded {
            Objects.requireNonNull(rollback, "rollback");
        }

        @Override
        public ExperienceEventKind kind() {
            return ExperienceEventKind.ArtifactRollbackRecorded;
        }
    }

    /** An inference backend was invoked. {@code adapterId} and {@code policySnapshotHash} may be null. */
    record BackendInvoked(BackendId backendName, BackendId adapterId, TraceLinkId traceLinkId, DecisionStep step,
                          ContentHash policySnapshotHash) implements ExperienceEvent {
        public BackendInvoked {
            Objects.requireNonNull(backendName, "backendName");
            Objects.requireNonNull(traceLinkId, "traceLinkId");
            Objects.requireNonNull(step, "step");
        }

        @Override
        public ExperienceEventKind kind() {
            return ExperienceEventKind.BackendInvoked;
        }
    }

    /**
     * The outcome of a step. {@code stopReason}, the unsigned counters and {@code backend} may be null;
     * {@code metadata} is never null (empty when there is none) and keeps its insertion order.
     */
    record OutcomeRecorded(ChainId chainId, DecisionStep step, boolean passed, StopReason stopReason,
                           Long latencyMs, Long tokens, Long costMicrodollars, BackendId backend,
                           Map<String, String> metadata) implements ExperienceEvent {
        public OutcomeRecorded {
            Objects.requireNonNull(chainId, "chainId");
            Objects.requireNonNull(step, "step");
            metadata = Checks.map(metadata, "metadata");
        }

        @Override
        public ExperienceEventKind kind() {
            return ExperienceEventKind.OutcomeRecorded;
        }
    }

    /** A budget was exceeded. {@code observed} may be null. */
    record BudgetExceeded(ChainId chainId, BudgetResource resource, String limit, String observed)
            implements ExperienceEvent {
        public BudgetExceeded {
            Objects.requireNonNull(chainId, "chainId");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(limit, "limit");
        }

        @Override
        public ExperienceEventKind kind() {
            return ExperienceEventKind.BudgetExceeded;
        }
    }

    /** A policy snapshot was captured. */
    record PolicySnapshotCaptured(PolicyId policyId, PolicySnapshot policy, ContentHash snapshotHash,
                                  ActorId capturedBy) implements ExperienceEvent {
        public PolicySnapshotCaptured {
            Objects.requireNonNull(policyId, "policyId");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(snapshotHash, "snapshotHash");
            Objects.requireNonNull(capturedBy, "capturedBy");
        }

        @Override
        public ExperienceEventKind kind() {
            return ExperienceEventKind.PolicySnapshotCaptured;
        }
    }

    /**
     * A hypothesis was resolved. {@code confidence} is in [0, 1]; {@code contradictionId} may be null (then
     * omitted on the wire); the cycles are u32. Its chain id is not consulted by chain filters.
     */
    record HypothesisResolved(ChainId chainId, FactId factId, DomainId domain, String claim, double confidence,
                              HypothesisOutcome outcome, TensionId contradictionId, long formedCycle,
                              long resolvedCycle) implements ExperienceEvent {
        public HypothesisResolved {
            Objects.requireNonNull(chainId, "chainId");
            Objects.requireNonNull(factId, "factId");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(claim, "claim");
            Checks.unitInterval(confidence, "confidence");
            Objects.requireNonNull(outcome, "outcome");
            Checks.u32(formedCycle, "formedCycle");
            Checks.u32(resolvedCycle, "resolvedCycle");
        }

        @Override
        public ExperienceEventKind kind() {
            return ExperienceEventKind.HypothesisResolved;
        }
    }

    /** A human-in-the-loop gate decision was recorded. */
    record GateDecisionRecorded(GateRequest request, GateDecision decision) implements ExperienceEvent {
        public GateDecisionRecorded {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(decision, "decision");
        }

        @Override
        public ExperienceEventKind kind() {
            return ExperienceEventKind.GateDecisionRecorded;
        }
    }
}
