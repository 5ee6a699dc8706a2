package io.experienceledger.model;

/** The kind of an engine event: the name of its {@link ExperienceEvent} variant. */
public enum ExperienceEventKind {
    ProposalCreated("proposal_created"),
    ProposalValidated("proposal_validated"),
    FactPromoted("fact_promoted"),
    RecallExecuted("recall_executed"),
    ReplayTraceRecorded("trace_link_recorded"),
    ReplayabilityDowngraded("replayability_downgraded"),
    ArtifactStateTransitioned("artifact_state_transitioned"),
    ArtifactRollbackRecorded("artifact_rollback_recorded"),
    BackendInvoked("backend_invoked"),
    OutcomeRecorded("outcome_recorded"),
    BudgetExceeded("budget_exceeded"),
    PolicySnapshotCaptured("policy_snapshot_captured"),
    HypothesisResolved("hypothesis_resolved"),
    GateDecisionRecorded("gate_decision_recorded");

    private final String label;

    ExperienceEventKind(String label) {
        this.label = label;
    }

    /** The reference's snake_case summary label ({@code trace_link_recorded} for ReplayTraceRecorded). */
    public String label() {
        return label;
    }
}
