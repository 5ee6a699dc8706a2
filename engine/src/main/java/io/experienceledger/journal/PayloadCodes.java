package io.experienceledger.journal;

import io.experienceledger.model.BoundaryKind;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.DataClassification;
import io.experienceledger.model.DecisionStep;
import io.experienceledger.model.ErrorCategory;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.FactContentKind;
import io.experienceledger.model.GovernedArtifactState;
import io.experienceledger.model.HypothesisOutcome;
import io.experienceledger.model.InvariantClass;
import io.experienceledger.model.ProposalKind;
import io.experienceledger.model.RecallConsumer;
import io.experienceledger.model.RecallStopReason;
import io.experienceledger.model.RecallUse;
import io.experienceledger.model.Replayability;
import io.experienceledger.model.ReplayabilityDowngradeReason;
import io.experienceledger.model.RiskTier;
import io.experienceledger.model.RollbackSeverity;
import io.experienceledger.model.TimeoutAction;

/**
 * The code and tag tables of payload format {@value #FORMAT_VERSION}, mirrored one to one by
 * {@code docs/format-payload.md}. Every table is pinned here: changing a code is a format change and needs
 * a new format version.
 *
 * <p>Plain enums get an {@link EnumCodes} table (code = position in the list below, starting at 0).
 * Tagged enums (sealed interfaces) get one tag constant per variant; the unit variants of
 * {@code BudgetResource} and {@code ArtifactKind} share the tag space with their {@code Other} variant.
 */
final class PayloadCodes {
    /** The payload format version this codec writes and reads. */
    static final int FORMAT_VERSION = 1;

    /** Option: the value is absent (converge {@code None}); nothing follows. */
    static final int ABSENT = 0;
    /** Option: the value is present and follows. */
    static final int PRESENT = 1;
    /** Boolean false. */
    static final int FALSE = 0;
    /** Boolean true. */
    static final int TRUE = 1;

    /** Engine event kinds, for the journal header (the payload itself carries no top-level tag). */
    static final EnumCodes<ExperienceEventKind> EVENT_KIND = EnumCodes.pinned(ExperienceEventKind.class,
            ExperienceEventKind.ProposalCreated, ExperienceEventKind.ProposalValidated,
            ExperienceEventKind.FactPromoted, ExperienceEventKind.RecallExecuted,
            ExperienceEventKind.ReplayTraceRecorded, ExperienceEventKind.ReplayabilityDowngraded,
            ExperienceEventKind.ArtifactStateTransitioned, ExperienceEventKind.ArtifactRollbackRecorded,
            ExperienceEventKind.BackendInvoked, ExperienceEventKind.OutcomeRecorded,
            ExperienceEventKind.BudgetExceeded, ExperienceEventKind.PolicySnapshotCaptured,
            ExperienceEventKind.HypothesisResolved, ExperienceEventKind.GateDecisionRecorded);

    static final EnumCodes<DecisionStep> DECISION_STEP = EnumCodes.pinned(DecisionStep.class,
            DecisionStep.Reasoning, DecisionStep.Evaluation, DecisionStep.Planning);
    static final EnumCodes<HypothesisOutcome> HYPOTHESIS_OUTCOME = EnumCodes.pinned(HypothesisOutcome.class,
            HypothesisOutcome.Confirmed, HypothesisOutcome.Falsified, HypothesisOutcome.Superseded,
            HypothesisOutcome.Unresolved);
    static final EnumCodes<Replayability> REPLAYABILITY = EnumCodes.pinned(Replayability.class,
            Replayability.Deterministic, Replayability.BestEffort, Replayability.None);
    static final EnumCodes<ReplayabilityDowngradeReason> DOWNGRADE_REASON = EnumCodes.pinned(
            ReplayabilityDowngradeReason.class,
            ReplayabilityDowngradeReason.RecallEmbedderNotDeterministic,
            ReplayabilityDowngradeReason.RecallCorpusNotContentAddressed,
            ReplayabilityDowngradeReason.RemoteBackendUsed, ReplayabilityDowngradeReason.NoSeedProvided,
            ReplayabilityDowngradeReason.MultipleReasons);
    static final EnumCodes<ProposalKind> PROPOSAL_KIND = EnumCodes.pinned(ProposalKind.class,
            ProposalKind.Claims, ProposalKind.Plan, ProposalKind.Classification, ProposalKind.Evaluation,
            ProposalKind.DraftDocument, ProposalKind.Reasoning);
    static final EnumCodes<RiskTier> RISK_TIER = EnumCodes.pinned(RiskTier.class,
            RiskTier.Low, RiskTier.Medium, RiskTier.High, RiskTier.Critical);
    static final EnumCodes<DataClassification> DATA_CLASSIFICATION = EnumCodes.pinned(DataClassification.class,
            DataClassification.Public, DataClassification.Internal, DataClassification.Confidential,
            DataClassification.Restricted);
    static final EnumCodes<GovernedArtifactState> ARTIFACT_STATE = EnumCodes.pinned(GovernedArtifactState.class,
            GovernedArtifactState.Draft, GovernedArtifactState.Approved, GovernedArtifactState.Active,
            GovernedArtifactState.Quarantined, GovernedArtifactState.Deprecated, GovernedArtifactState.RolledBack);
    static final EnumCodes<RollbackSeverity> ROLLBACK_SEVERITY = EnumCodes.pinned(RollbackSeverity.class,
            RollbackSeverity.Low, RollbackSeverity.Medium, RollbackSeverity.High, RollbackSeverity.Critical);
    static final EnumCodes<RecallUse> RECALL_USE = EnumCodes.pinned(RecallUse.class,
            RecallUse.RuntimeAugmentation, RecallUse.TrainingCandidateSelection);
    static final EnumCodes<RecallConsumer> RECALL_CONSUMER = EnumCodes.pinned(RecallConsumer.class,
            RecallConsumer.Kernel, RecallConsumer.Analytics, RecallConsumer.Trainer);
    static final EnumCodes<RecallStopReason> RECALL_STOP_REASON = EnumCodes.pinned(RecallStopReason.class,
            RecallStopReason.ReachedTopK, RecallStopReason.BudgetExhausted, RecallStopReason.BelowThreshold,
            RecallStopReason.TokenLimitReached, RecallStopReason.LatencyExceeded,
            RecallStopReason.EmbedderNotDeterministic, RecallStopReason.TenantScopeMissing);
    static final EnumCodes<TimeoutAction> TIMEOUT_ACTION = EnumCodes.pinned(TimeoutAction.class,
            TimeoutAction.Reject, TimeoutAction.Approve, TimeoutAction.Escalate);
    static final EnumCodes<ErrorCategory> ERROR_CATEGORY = EnumCodes.pinned(ErrorCategory.class,
            ErrorCategory.Internal, ErrorCategory.Configuration, ErrorCategory.External, ErrorCategory.Resource,
            ErrorCategory.Unknown);
    static final EnumCodes<InvariantClass> INVARIANT_CLASS = EnumCodes.pinned(InvariantClass.class,
            InvariantClass.Structural, InvariantClass.Semantic, InvariantClass.Acceptance);
    static final EnumCodes<FactContentKind> FACT_CONTENT_KIND = EnumCodes.pinned(FactContentKind.class,
            FactContentKind.Claim, FactContentKind.Plan, FactContentKind.Classification, FactContentKind.Evaluation,
            FactContentKind.Document, FactContentKind.Reasoning);
    static final EnumCodes<BoundaryKind> BOUNDARY_KIND = EnumCodes.pinned(BoundaryKind.class,
            BoundaryKind.Authority, BoundaryKind.Forbidden, BoundaryKind.Expiry, BoundaryKind.Reversibility);

    /** BudgetResource unit variants: tags 0 to 5; {@link #BUDGET_OTHER} is tag 6. */
    static final EnumCodes<BudgetResource.Named> BUDGET_NAMED = EnumCodes.pinned(BudgetResource.Named.class,
            BudgetResource.Named.EngineBudget, BudgetResource.Named.Tokens, BudgetResource.Named.Facts,
            BudgetResource.Named.Cycles, BudgetResource.Named.Time, BudgetResource.Named.Cost);
    /** BudgetResource {@code Other(String)}: the tag, then the string. */
    static final int BUDGET_OTHER = 6;

    /** ArtifactKind unit variants: tags 0 to 4; {@link #ARTIFACT_OTHER} is tag 5. */
    static final EnumCodes<ArtifactKind.Named> ARTIFACT_NAMED = EnumCodes.pinned(ArtifactKind.Named.class,
            ArtifactKind.Named.Adapter, ArtifactKind.Named.Pack, ArtifactKind.Named.Policy,
            ArtifactKind.Named.TruthFile, ArtifactKind.Named.EvalSuite);
    /** ArtifactKind {@code Other(String)}: the tag, then the string. */
    static final int ARTIFACT_OTHER = 5;

    static final int POLICY_KERNEL = 0;
    static final int POLICY_ROUTING = 1;
    static final int POLICY_RECALL = 2;

    static final int TRACE_LOCAL = 0;
    static final int TRACE_REMOTE = 1;

    static final int OVERRIDE_FACT = 0;
    static final int OVERRIDE_PROPOSAL = 1;
    static final int OVERRIDE_CONSTRAINT = 2;

    static final int CORRECTION_FACT = 0;
    static final int CORRECTION_PROPOSAL = 1;

    static final int BOUNDARY_PACK = 0;
    static final int BOUNDARY_INTENT = 1;
    static final int BOUNDARY_GLOBAL = 2;

    static final int VERDICT_APPROVE = 0;
    static final int VERDICT_REJECT = 1;

    static final int STOP_CONVERGED = 0;
    static final int STOP_CRITERIA_MET = 1;
    static final int STOP_USER_CANCELLED = 2;
    static final int STOP_HUMAN_INTERVENTION_REQUIRED = 3;
    static final int STOP_CYCLE_BUDGET_EXHAUSTED = 4;
    static final int STOP_FACT_BUDGET_EXHAUSTED = 5;
    static final int STOP_TOKEN_BUDGET_EXHAUSTED = 6;
    static final int STOP_TIME_BUDGET_EXHAUSTED = 7;
    static final int STOP_INVARIANT_VIOLATED = 8;
    static final int STOP_PROMOTION_REJECTED = 9;
    static final int STOP_ERROR = 10;
    static final int STOP_AGENT_REFUSED = 11;
    static final int STOP_HITL_GATE_PENDING = 12;

    private PayloadCodes() {
    }
}
