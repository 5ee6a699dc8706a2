package io.experienceledger.json;

import io.experienceledger.model.ActorId;
import io.experienceledger.model.AdapterTrace;
import io.experienceledger.model.ApprovalPointId;
import io.experienceledger.model.ArtifactId;
import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.ArtifactQuery;
import io.experienceledger.model.BackendId;
import io.experienceledger.model.BoundaryKind;
import io.experienceledger.model.BoundaryTarget;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.CandidateScore;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ConstraintName;
import io.experienceledger.model.ContentHash;
import io.experienceledger.model.ContextItem;
import io.experienceledger.model.ContractResult;
import io.experienceledger.model.ContractResultSnapshot;
import io.experienceledger.model.CorrectionTarget;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.CriterionId;
import io.experienceledger.model.DataClassification;
import io.experienceledger.model.DecisionStep;
import io.experienceledger.model.DomainId;
import io.experienceledger.model.ErrorCategory;
import io.experienceledger.model.EventId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExecutionEnv;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.FactContent;
import io.experienceledger.model.FactContentKind;
import io.experienceledger.model.FactId;
import io.experienceledger.model.GateDecision;
import io.experienceledger.model.GateId;
import io.experienceledger.model.GateRequest;
import io.experienceledger.model.GateVerdict;
import io.experienceledger.model.GovernedArtifactState;
import io.experienceledger.model.HypothesisOutcome;
import io.experienceledger.model.IntentId;
import io.experienceledger.model.InvariantClass;
import io.experienceledger.model.JsonValue;
import io.experienceledger.model.KernelPolicy;
import io.experienceledger.model.KernelProposal;
import io.experienceledger.model.LifecycleEvent;
import io.experienceledger.model.LocalReplayTrace;
import io.experienceledger.model.OverrideTarget;
import io.experienceledger.model.PackId;
import io.experienceledger.model.PolicyId;
import io.experienceledger.model.PolicySnapshot;
import io.experienceledger.model.ProposalId;
import io.experienceledger.model.ProposalKind;
import io.experienceledger.model.RecallBudgets;
import io.experienceledger.model.RecallConsumer;
import io.experienceledger.model.RecallPolicy;
import io.experienceledger.model.RecallProvenanceEnvelope;
import io.experienceledger.model.RecallQuery;
import io.experienceledger.model.RecallStopReason;
import io.experienceledger.model.RecallTrace;
import io.experienceledger.model.RecallUse;
import io.experienceledger.model.RemoteReplayTrace;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.Replayability;
import io.experienceledger.model.ReplayabilityDowngradeReason;
import io.experienceledger.model.RiskTier;
import io.experienceledger.model.RollbackImpact;
import io.experienceledger.model.RollbackRecord;
import io.experienceledger.model.RollbackSeverity;
import io.experienceledger.model.RoutingPolicy;
import io.experienceledger.model.SamplerParams;
import io.experienceledger.model.StopReason;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TensionId;
import io.experienceledger.model.TimeRange;
import io.experienceledger.model.TimeoutAction;
import io.experienceledger.model.TimeoutPolicy;
import io.experienceledger.model.TraceLinkId;
import io.experienceledger.model.UserExperienceEvent;
import io.experienceledger.model.UserExperienceEventEnvelope;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes model values as canonical converge JSON, byte-identical to {@code serde_json::to_string} of the Rust
 * reference: compact, members in declaration order, the reference's tag layouts, unsigned integers, serde's
 * float layout and string escaping.
 *
 * <p>Everything is appended to one {@link StringBuilder} by hand-written, type-specific methods; there is no
 * reflection. Every {@code Option} is written as {@code null} except {@code OutcomeRecorded.metadata} (omitted
 * when empty) and {@code HypothesisResolved.contradiction_id} (omitted when null).
 */
final class ConvergeJsonWriter {
    private static final int INITIAL_CAPACITY = 512;

    private ConvergeJsonWriter() {
    }

    /**
     * Writes {@code value} in canonical form.
     *
     * @throws IllegalArgumentException if the value is not a converge model type
     * @throws NullPointerException if the value is null
     */
    static String write(Object value) {
        final StringBuilder out = new StringBuilder(INITIAL_CAPACITY);
        write(out, value);
        return out.toString();
    }

    /**
     * Appends {@code value} in canonical form to {@code out}, so that a caller can reuse one builder. On an
     * exception {@code out} is left as it was.
     *
     * @throws IllegalArgumentException if the value is not a converge model type
     * @throws NullPointerException if the value is null
     */
    static void write(StringBuilder out, Object value) {
        Objects.requireNonNull(value, "value");
        final int mark = out.length();
        try {
            dispatch(out, value);
        } catch (RuntimeException e) {
            out.setLength(mark);
            throw e;
        }
    }

    private static void dispatch(StringBuilder out, Object value) {
        if (value instanceof ExperienceEventEnvelope) {
            envelope(out, (ExperienceEventEnvelope) value);
        } else if (value instanceof UserExperienceEventEnvelope) {
            userEnvelope(out, (UserExperienceEventEnvelope) value);
        } else if (value instanceof ExperienceRecord) {
            record(out, (ExperienceRecord) value);
        } else if (value instanceof ExperienceEvent) {
            event(out, (ExperienceEvent) value);
        } else if (value instanceof UserExperienceEvent) {
            userEvent(out, (UserExperienceEvent) value);
        } else if (value instanceof EventQuery) {
            eventQuery(out, (EventQuery) value);
        } else if (value instanceof TimeRange) {
            timeRange(out, (TimeRange) value);
        } else if (value instanceof ArtifactQuery) {
            artifactQuery(out, (ArtifactQuery) value);
        } else if (value instanceof ReplayTrace) {
            replayTrace(out, (ReplayTrace) value);
        } else if (!writeNested(out, value) && !writeEnum(out, value) && !writeId(out, value)) {
            throw new IllegalArgumentException("not a converge model type: " + value.getClass().getName());
        }
    }

    // ---------------------------------------------------------------- dispatch of nested types

    private static boolean writeNested(StringBuilder out, Object value) {
        if (value instanceof StopReason) {
            stopReason(out, (StopReason) value);
        } else if (value instanceof ContentHash) {
            hash(out, (ContentHash) value);
        } else if (value instanceof JsonValue) {
            out.append(((JsonValue) value).json());
        } else if (value instanceof KernelProposal) {
            kernelProposal(out, (KernelProposal) value);
        } else if (value instanceof ContractResult) {
            contractResult(out, (ContractResult) value);
        } else if (value instanceof ContractResultSnapshot) {
            contractResultSnapshot(out, (ContractResultSnapshot) value);
        } else if (value instanceof AdapterTrace) {
            adapterTrace(out, (AdapterTrace) value);
        } else if (value instanceof SamplerParams) {
            samplerParams(out, (SamplerParams) value);
        } else if (value instanceof RecallTrace) {
            recallTrace(out, (RecallTrace) value);
        } else if (value instanceof ExecutionEnv) {
            executionEnv(out, (ExecutionEnv) value);
        } else if (value instanceof BudgetResource) {
            budgetResource(out, (BudgetResource) value);
        } else if (value instanceof ArtifactKind) {
            artifactKind(out, (ArtifactKind) value);
        } else if (value instanceof PolicySnapshot) {
            policySnapshot(out, (PolicySnapshot) value);
        } else if (value instanceof KernelPolicy) {
            kernelPolicy(out, (KernelPolicy) value);
        } else if (value instanceof RoutingPolicy) {
            routingPolicy(out, (RoutingPolicy) value);
        } else if (value instanceof RecallPolicy) {
            recallPolicy(out, (RecallPolicy) value);
        } else if (value instanceof RecallBudgets) {
            recallBudgets(out, (RecallBudgets) value);
        } else if (value instanceof RecallQuery) {
            recallQuery(out, (RecallQuery) value);
        } else if (value instanceof RecallProvenanceEnvelope) {
            recallProvenance(out, (RecallProvenanceEnvelope) value);
        } else if (value instanceof CandidateScore) {
            candidateScore(out, (CandidateScore) value);
        } else if (value instanceof LifecycleEvent) {
            lifecycleEvent(out, (LifecycleEvent) value);
        } else if (value instanceof RollbackRecord) {
            rollbackRecord(out, (RollbackRecord) value);
        } else if (value instanceof RollbackImpact) {
            rollbackImpact(out, (RollbackImpact) value);
        } else if (value instanceof GateRequest) {
            gateRequest(out, (GateRequest) value);
        } else if (value instanceof ContextItem) {
            contextItem(out, (ContextItem) value);
        } else if (value instanceof TimeoutPolicy) {
            timeoutPolicy(out, (TimeoutPolicy) value);
        } else if (value instanceof GateDecision) {
            gateDecision(out, (GateDecision) value);
        } else if (value instanceof GateVerdict) {
            gateVerdict(out, (GateVerdict) value);
        } else if (value instanceof FactContent) {
            factContent(out, (FactContent) value);
        } else if (value instanceof OverrideTarget) {
            overrideTarget(out, (OverrideTarget) value);
        } else if (value instanceof CorrectionTarget) {
            correctionTarget(out, (CorrectionTarget) value);
        } else if (value instanceof BoundaryTarget) {
            boundaryTarget(out, (BoundaryTarget) value);
        } else {
            return false;
        }
        return true;
    }

    /** Plain (unit-only) enums: the constant's name, except BoundaryKind, which is snake_case. */
    private static boolean writeEnum(StringBuilder out, Object value) {
        if (value instanceof BoundaryKind) {
            quoted(out, ((BoundaryKind) value).wireName());
            return true;
        }
        if (value instanceof ExperienceEventKind
                || value instanceof DecisionStep
                || value instanceof Replayability
                || value instanceof ReplayabilityDowngradeReason
                || value instanceof HypothesisOutcome
                || value instanceof ProposalKind
                || value instanceof RiskTier
                || value instanceof DataClassification
                || value instanceof GovernedArtifactState
                || value instanceof RollbackSeverity
                || value instanceof RecallUse
                || value instanceof RecallConsumer
                || value instanceof RecallStopReason
                || value instanceof TimeoutAction
                || value instanceof ErrorCategory
                || value instanceof InvariantClass
                || value instanceof FactContentKind) {
            name(out, (Enum<?>) value);
            return true;
        }
        return false;
    }

    /** Identifier newtypes: a bare string. */
    private static boolean writeId(StringBuilder out, Object value) {
        final String text;
        if (value instanceof EventId) {
            text = ((EventId) value).value();
        } else if (value instanceof TenantId) {
            text = ((TenantId) value).value();
        } else if (value instanceof CorrelationId) {
            text = ((CorrelationId) value).value();
        } else if (value instanceof ChainId) {
            text = ((ChainId) value).value();
        } else if (value instanceof TraceLinkId) {
            text = ((TraceLinkId) value).value();
        } else if (value instanceof ProposalId) {
            text = ((ProposalId) value).value();
        } else if (value instanceof FactId) {
            text = ((FactId) value).value();
        } else if (value instanceof ActorId) {
            text = ((ActorId) value).value();
        } else if (value instanceof ArtifactId) {
            text = ((ArtifactId) value).value();
        } else if (value instanceof BackendId) {
            text = ((BackendId) value).value();
        } else if (value instanceof PolicyId) {
            text = ((PolicyId) value).value();
        } else if (value instanceof DomainId) {
            text = ((DomainId) value).value();
        } else if (value instanceof GateId) {
            text = ((GateId) value).value();
        } else if (value instanceof PackId) {
            text = ((PackId) value).value();
        } else if (value instanceof ConstraintName) {
            text = ((ConstraintName) value).value();
        } else if (value instanceof CriterionId) {
            text = ((CriterionId) value).value();
        } else if (value instanceof ApprovalPointId) {
            text = ((ApprovalPointId) value).value();
        } else if (value instanceof IntentId) {
            text = ((IntentId) value).value();
        } else if (value instanceof TensionId) {
            text = ((TensionId) value).value();
        } else {
            return false;
        }
        quoted(out, text);
        return true;
    }

    // ---------------------------------------------------------------- envelopes, records, queries (section 3)

    private static void envelope(StringBuilder out, ExperienceEventEnvelope envelope) {
        envelopeHead(out, envelope.eventId(), envelope.occurredAt(), envelope.tenantId(), envelope.correlationId());
        event(out, envelope.event());
        out.append('}');
    }

    private static void userEnvelope(StringBuilder out, UserExperienceEventEnvelope envelope) {
        envelopeHead(out, envelope.eventId(), envelope.occurredAt(), envelope.tenantId(), envelope.correlationId());
        userEvent(out, envelope.event());
        out.append('}');
    }

    private static void envelopeHead(StringBuilder out, EventId eventId, String occurredAt, TenantId tenantId,
                                      CorrelationId correlationId) {
        out.append("{\"event_id\":");
        quoted(out, eventId.value());
        out.append(",\"occurred_at\":");
        quoted(out, occurredAt);
        out.append(",\"tenant_id\":");
        optString(out, tenantId == null ? null : tenantId.value());
        out.append(",\"correlation_id\":");
        optString(out, correlationId == null ? null : correlationId.value());
        out.append(",\"event\":");
    }

    private static void record(StringBuilder out, ExperienceRecord record) {
        if (record instanceof ExperienceRecord.Engine) {
            out.append("{\"kind\":\"Engine\",\"value\":");
            envelope(out, ((ExperienceRecord.Engine) record).value());
        } else {
            out.append("{\"kind\":\"User\",\"value\":");
            userEnvelope(out, ((ExperienceRecord.User) record).value());
        }
        out.append('}');
    }

    private static void eventQuery(StringBuilder out, EventQuery query) {
        out.append("{\"tenant_id\":");
        optString(out, query.tenantId() == null ? null : query.tenantId().value());
        out.append(",\"time_range\":");
        if (query.timeRange() == null) {
            out.append("null");
        } else {
            timeRange(out, query.timeRange());
        }
        out.append(",\"kinds\":");
        enumList(out, query.kinds());
        out.append(",\"correlation_id\":");
        optString(out, query.correlationId() == null ? null : query.correlationId().value());
        out.append(",\"chain_id\":");
        optString(out, query.chainId() == null ? null : query.chainId().value());
        out.append(",\"limit\":");
        optUnsigned(out, query.limit());
        out.append('}');
    }

    private static void timeRange(StringBuilder out, TimeRange range) {
        out.append("{\"start\":");
        optString(out, range.start());
        out.append(",\"end\":");
        optString(out, range.end());
        out.append('}');
    }

    private static void artifactQuery(StringBuilder out, ArtifactQuery query) {
        out.append("{\"tenant_id\":");
        optString(out, query.tenantId() == null ? null : query.tenantId().value());
        out.append(",\"artifact_id\":");
        optString(out, query.artifactId() == null ? null : query.artifactId().value());
        out.append(",\"kind\":");
        if (query.kind() == null) {
            out.append("null");
        } else {
            artifactKind(out, query.kind());
        }
        out.append(",\"state\":");
        optName(out, query.state());
        out.append(",\"limit\":");
        optUnsigned(out, query.limit());
        out.append('}');
    }

    // ---------------------------------------------------------------- engine events (3.2)

    private static void event(StringBuilder out, ExperienceEvent event) {
        final ExperienceEventKind kind = event.kind();
        out.append("{\"type\":\"").append(kind.name()).append("\",\"data\":");
        switch (kind) {
            case ProposalCreated -> proposalCreated(out, (ExperienceEvent.ProposalCreated) event);
            case ProposalValidated -> proposalValidated(out, (ExperienceEvent.ProposalValidated) event);
            case FactPromoted -> factPromoted(out, (ExperienceEvent.FactPromoted) event);
            case RecallExecuted -> recallExecuted(out, (ExperienceEvent.RecallExecuted) event);
            case ReplayTraceRecorded -> replayTraceRecorded(out, (ExperienceEvent.ReplayTraceRecorded) event);
            case ReplayabilityDowngraded ->
                    replayabilityDowngraded(out, (ExperienceEvent.ReplayabilityDowngraded) event);
            case ArtifactStateTransitioned ->
                    artifactStateTransitioned(out, (ExperienceEvent.ArtifactStateTransitioned) event);
            case ArtifactRollbackRecorded ->
                    artifactRollbackRecorded(out, (ExperienceEvent.ArtifactRollbackRecorded) event);
            case BackendInvoked -> backendInvoked(out, (ExperienceEvent.BackendInvoked) event);
            case OutcomeRecorded -> outcomeRecorded(out, (ExperienceEvent.OutcomeRecorded) event);
            case BudgetExceeded -> budgetExceeded(out, (ExperienceEvent.BudgetExceeded) event);
            case PolicySnapshotCaptured -> policySnapshotCaptured(out, (ExperienceEvent.PolicySnapshotCaptured) event);
            case HypothesisResolved -> hypothesisResolved(out, (ExperienceEvent.HypothesisResolved) event);
            case GateDecisionRecorded -> gateDecisionRecorded(out, (ExperienceEvent.GateDecisionRecorded) event);
            default -> throw new IllegalStateException("unhandled event kind " + kind);
        }
        out.append('}');
    }

    private static void proposalCreated(StringBuilder out, ExperienceEvent.ProposalCreated e) {
        out.append("{\"proposal\":");
        kernelProposal(out, e.proposal());
        out.append(",\"chain_id\":");
        quoted(out, e.chainId().value());
        out.append(",\"step\":");
        name(out, e.step());
        out.append(",\"policy_snapshot_hash\":");
        optHash(out, e.policySnapshotHash());
        out.append('}');
    }

    private static void proposalValidated(StringBuilder out, ExperienceEvent.ProposalValidated e) {
        out.append("{\"proposal_id\":");
        quoted(out, e.proposalId().value());
        out.append(",\"chain_id\":");
        quoted(out, e.chainId().value());
        out.append(",\"step\":");
        name(out, e.step());
        out.append(",\"contract_results\":[");
        final List<ContractResultSnapshot> results = e.contractResults();
        for (int i = 0; i < results.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            contractResultSnapshot(out, results.get(i));
        }
        out.append("],\"all_passed\":").append(e.allPassed());
        out.append(",\"validator\":");
        quoted(out, e.validator().value());
        out.append('}');
    }

    private static void factPromoted(StringBuilder out, ExperienceEvent.FactPromoted e) {
        out.append("{\"proposal_id\":");
        quoted(out, e.proposalId().value());
        out.append(",\"fact_id\":");
        quoted(out, e.factId().value());
        out.append(",\"promoted_by\":");
        quoted(out, e.promotedBy().value());
        out.append(",\"reason\":");
        quoted(out, e.reason());
        out.append(",\"requires_human\":").append(e.requiresHuman());
        out.append('}');
    }

    private static void recallExecuted(StringBuilder out, ExperienceEvent.RecallExecuted e) {
        out.append("{\"query\":");
        recallQuery(out, e.query());
        out.append(",\"provenance\":");
        recallProvenance(out, e.provenance());
        out.append(",\"trace_link_id\":");
        optString(out, e.traceLinkId() == null ? null : e.traceLinkId().value());
        out.append('}');
    }

    private static void replayTraceRecorded(StringBuilder out, ExperienceEvent.ReplayTraceRecorded e) {
        out.append("{\"trace_link_id\":");
        quoted(out, e.traceLinkId().value());
        out.append(",\"trace_link\":");
        replayTrace(out, e.traceLink());
        out.append('}');
    }

    private static void replayabilityDowngraded(StringBuilder out, ExperienceEvent.ReplayabilityDowngraded e) {
        out.append("{\"trace_link_id\":");
        quoted(out, e.traceLinkId().value());
        out.append(",\"from\":");
        name(out, e.from());
        out.append(",\"to\":");
        name(out, e.to());
        out.append(",\"reason\":");
        name(out, e.reason());
        out.append('}');
    }

    private static void artifactStateTransitioned(StringBuilder out, ExperienceEvent.ArtifactStateTransitioned e) {
        out.append("{\"artifact_id\":");
        quoted(out, e.artifactId().value());
        out.append(",\"artifact_kind\":");
        artifactKind(out, e.artifactKind());
        out.append(",\"event\":");
        lifecycleEvent(out, e.event());
        out.append('}');
    }

    private static void artifactRollbackRecorded(StringBuilder out, ExperienceEvent.ArtifactRollbackRecorded e) {
        out.append("{\"rollback\":");
        rollbackRecord(out, e.rollback());
        out.append('}');
    }

    private static void backendInvoked(StringBuilder out, ExperienceEvent.BackendInvoked e) {
        out.append("{\"backend_name\":");
        quoted(out, e.backendName().value());
        out.append(",\"adapter_id\":");
        optString(out, e.adapterId() == null ? null : e.adapterId().value());
        out.append(",\"trace_link_id\":");
        quoted(out, e.traceLinkId().value());
        out.append(",\"step\":");
        name(out, e.step());
        out.append(",\"policy_snapshot_hash\":");
        optHash(out, e.policySnapshotHash());
        out.append('}');
    }

    private static void outcomeRecorded(StringBuilder out, ExperienceEvent.OutcomeRecorded e) {
        out.append("{\"chain_id\":");
        quoted(out, e.chainId().value());
        out.append(",\"step\":");
        name(out, e.step());
        out.append(",\"passed\":").append(e.passed());
        out.append(",\"stop_reason\":");
        if (e.stopReason() == null) {
            out.append("null");
        } else {
            stopReason(out, e.stopReason());
        }
        out.append(",\"latency_ms\":");
        optUnsigned(out, e.latencyMs());
        out.append(",\"tokens\":");
        optUnsigned(out, e.tokens());
        out.append(",\"cost_microdollars\":");
        optUnsigned(out, e.costMicrodollars());
        out.append(",\"backend\":");
        optString(out, e.backend() == null ? null : e.backend().value());
        if (!e.metadata().isEmpty()) {
            out.append(",\"metadata\":");
            stringMap(out, e.metadata());
        }
        out.append('}');
    }

    private static void budgetExceeded(StringBuilder out, ExperienceEvent.BudgetExceeded e) {
        out.append("{\"chain_id\":");
        quoted(out, e.chainId().value());
        out.append(",\"resource\":");
        budgetResource(out, e.resource());
        out.append(",\"limit\":");
        quoted(out, e.limit());
        out.append(",\"observed\":");
        optString(out, e.observed());
        out.append('}');
    }

    private static void policySnapshotCaptured(StringBuilder out, ExperienceEvent.PolicySnapshotCaptured e) {
        out.append("{\"policy_id\":");
        quoted(out, e.policyId().value());
        out.append(",\"policy\":");
        policySnapshot(out, e.policy());
        out.append(",\"snapshot_hash\":");
        hash(out, e.snapshotHash());
        out.append(",\"captured_by\":");
        quoted(out, e.capturedBy().value());
        out.append('}');
    }

    private static void hypothesisResolved(StringBuilder out, ExperienceEvent.HypothesisResolved e) {
        out.append("{\"chain_id\":");
        quoted(out, e.chainId().value());
        out.append(",\"fact_id\":");
        quoted(out, e.factId().value());
        out.append(",\"domain\":");
        quoted(out, e.domain().value());
        out.append(",\"claim\":");
        quoted(out, e.claim());
        out.append(",\"confidence\":");
        JsonNumbers.appendF64(out, e.confidence());
        out.append(",\"outcome\":");
        name(out, e.outcome());
        if (e.contradictionId() != null) {
            out.append(",\"contradiction_id\":");
            quoted(out, e.contradictionId().value());
        }
        out.append(",\"formed_cycle\":");
        unsigned(out, e.formedCycle());
        out.append(",\"resolved_cycle\":");
        unsigned(out, e.resolvedCycle());
        out.append('}');
    }

    private static void gateDecisionRecorded(StringBuilder out, ExperienceEvent.GateDecisionRecorded e) {
        out.append("{\"request\":");
        gateRequest(out, e.request());
        out.append(",\"decision\":");
        gateDecision(out, e.decision());
        out.append('}');
    }

    // ---------------------------------------------------------------- user events (3.16)

    private static void userEvent(StringBuilder out, UserExperienceEvent event) {
        if (event instanceof UserExperienceEvent.UserApprovalGranted) {
            final UserExperienceEvent.UserApprovalGranted e = (UserExperienceEvent.UserApprovalGranted) event;
            out.append("{\"type\":\"UserApprovalGranted\",\"data\":");
            approval(out, e.gateRequestId(), e.actor(), e.policySnapshotHash(), e.reason());
        } else if (event instanceof UserExperienceEvent.UserApprovalRejected) {
            final UserExperienceEvent.UserApprovalRejected e = (UserExperienceEvent.UserApprovalRejected) event;
            out.append("{\"type\":\"UserApprovalRejected\",\"data\":");
            approval(out, e.gateRequestId(), e.actor(), e.policySnapshotHash(), e.reason());
        } else if (event instanceof UserExperienceEvent.UserOverrideIssued) {
            out.append("{\"type\":\"UserOverrideIssued\",\"data\":");
            userOverrideIssued(out, (UserExperienceEvent.UserOverrideIssued) event);
        } else if (event instanceof UserExperienceEvent.UserCorrection) {
            out.append("{\"type\":\"UserCorrection\",\"data\":");
            userCorrection(out, (UserExperienceEvent.UserCorrection) event);
        } else if (event instanceof UserExperienceEvent.UserBoundaryAdjusted) {
            out.append("{\"type\":\"UserBoundaryAdjusted\",\"data\":");
            userBoundaryAdjusted(out, (UserExperienceEvent.UserBoundaryAdjusted) event);
        } else {
            throw new IllegalArgumentException("not a converge model type: " + event.getClass().getName());
        }
        out.append('}');
    }

    private static void approval(StringBuilder out, GateId gateRequestId, ActorId actor, ContentHash policyHash,
                                 String reason) {
        out.append("{\"gate_request_id\":");
        quoted(out, gateRequestId.value());
        out.append(",\"actor\":");
        quoted(out, actor.value());
        out.append(",\"policy_snapshot_hash\":");
        optHash(out, policyHash);
        out.append(",\"reason\":");
        optString(out, reason);
        out.append('}');
    }

    private static void userOverrideIssued(StringBuilder out, UserExperienceEvent.UserOverrideIssued e) {
        out.append("{\"target\":");
        overrideTarget(out, e.target());
        out.append(",\"actor\":");
        quoted(out, e.actor().value());
        out.append(",\"policy_snapshot_hash\":");
        optHash(out, e.policySnapshotHash());
        out.append(",\"reason\":");
        quoted(out, e.reason());
        out.append('}');
    }

    private static void userCorrection(StringBuilder out, UserExperienceEvent.UserCorrection e) {
        out.append("{\"target\":");
        correctionTarget(out, e.target());
        out.append(",\"actor\":");
        quoted(out, e.actor().value());
        out.append(",\"policy_snapshot_hash\":");
        optHash(out, e.policySnapshotHash());
        out.append(",\"original_content\":");
        hash(out, e.originalContent());
        out.append(",\"corrected_content\":");
        factContent(out, e.correctedContent());
        out.append(",\"reason\":");
        quoted(out, e.reason());
        out.append('}');
    }

    private static void userBoundaryAdjusted(StringBuilder out, UserExperienceEvent.UserBoundaryAdjusted e) {
        out.append("{\"boundary\":");
        quoted(out, e.boundary().wireName());
        out.append(",\"target\":");
        boundaryTarget(out, e.target());
        out.append(",\"actor\":");
        quoted(out, e.actor().value());
        out.append(",\"policy_snapshot_hash\":");
        optHash(out, e.policySnapshotHash());
        out.append(",\"previous_value\":").append(e.previousValue().json());
        out.append(",\"new_value\":").append(e.newValue().json());
        out.append(",\"reason\":");
        quoted(out, e.reason());
        out.append('}');
    }

    private static void overrideTarget(StringBuilder out, OverrideTarget target) {
        if (target instanceof OverrideTarget.Fact) {
            out.append("{\"kind\":\"Fact\",\"id\":");
            quoted(out, ((OverrideTarget.Fact) target).id().value());
        } else if (target instanceof OverrideTarget.Proposal) {
            out.append("{\"kind\":\"Proposal\",\"id\":");
            quoted(out, ((OverrideTarget.Proposal) target).id().value());
        } else {
            out.append("{\"kind\":\"Constraint\",\"id\":");
            quoted(out, ((OverrideTarget.Constraint) target).id().value());
        }
        out.append('}');
    }

    private static void correctionTarget(StringBuilder out, CorrectionTarget target) {
        if (target instanceof CorrectionTarget.Fact) {
            out.append("{\"kind\":\"fact\",\"fact_id\":");
            quoted(out, ((CorrectionTarget.Fact) target).factId().value());
        } else if (target instanceof CorrectionTarget.Proposal) {
            out.append("{\"kind\":\"proposal\",\"proposal_id\":");
            quoted(out, ((CorrectionTarget.Proposal) target).proposalId().value());
        } else {
            throw new IllegalArgumentException("not a converge model type: " + target.getClass().getName());
        }
        out.append('}');
    }

    private static void boundaryTarget(StringBuilder out, BoundaryTarget target) {
        if (target instanceof BoundaryTarget.Pack) {
            out.append("{\"scope\":\"pack\",\"pack_id\":");
            quoted(out, ((BoundaryTarget.Pack) target).packId().value());
            out.append('}');
        } else if (target instanceof BoundaryTarget.Intent) {
            out.append("{\"scope\":\"intent\",\"intent_id\":");
            quoted(out, ((BoundaryTarget.Intent) target).intentId().value());
            out.append('}');
        } else if (target instanceof BoundaryTarget.Global) {
            out.append("{\"scope\":\"global\"}");
        } else {
            throw new IllegalArgumentException("not a converge model type: " + target.getClass().getName());
        }
    }

    private static void factContent(StringBuilder out, FactContent content) {
        out.append("{\"kind\":");
        name(out, content.kind());
        out.append(",\"content\":");
        quoted(out, content.content());
        out.append(",\"structured\":");
        optJson(out, content.structured());
        out.append('}');
    }

    // ---------------------------------------------------------------- external enums (3.4, 3.6, 7.3, 8.1)

    private static void budgetResource(StringBuilder out, BudgetResource resource) {
        if (resource instanceof BudgetResource.Named) {
            name(out, (BudgetResource.Named) resource);
        } else {
            out.append("{\"Other\":");
            quoted(out, ((BudgetResource.Other) resource).name());
            out.append('}');
        }
    }

    private static void artifactKind(StringBuilder out, ArtifactKind kind) {
        if (kind instanceof ArtifactKind.Named) {
            name(out, (ArtifactKind.Named) kind);
        } else {
            out.append("{\"Other\":");
            quoted(out, ((ArtifactKind.Other) kind).name());
            out.append('}');
        }
    }

    private static void gateVerdict(StringBuilder out, GateVerdict verdict) {
        if (verdict instanceof GateVerdict.Approve) {
            out.append("\"Approve\"");
        } else {
            out.append("{\"Reject\":{\"reason\":");
            optString(out, ((GateVerdict.Reject) verdict).reason());
            out.append("}}");
        }
    }

    private static void stopReason(StringBuilder out, StopReason reason) {
        if (reason instanceof StopReason.Converged) {
            out.append("\"Converged\"");
            return;
        }
        if (reason instanceof StopReason.UserCancelled) {
            out.append("\"UserCancelled\"");
            return;
        }
        if (reason instanceof StopReason.CycleBudgetExhausted) {
            final StopReason.CycleBudgetExhausted r = (StopReason.CycleBudgetExhausted) reason;
            out.append("{\"CycleBudgetExhausted\":{\"cycles_executed\":");
            unsigned(out, r.cyclesExecuted());
            out.append(",\"limit\":");
            unsigned(out, r.limit());
        } else if (reason instanceof StopReason.CriteriaMet) {
            out.append("{\"CriteriaMet\":{\"criteria\":");
            criteria(out, ((StopReason.CriteriaMet) reason).criteria());
        } else if (reason instanceof StopReason.HumanInterventionRequired) {
            final StopReason.HumanInterventionRequired r = (StopReason.HumanInterventionRequired) reason;
            out.append("{\"HumanInterventionRequired\":{\"criteria\":");
            criteria(out, r.criteria());
            out.append(",\"approval_refs\":[");
            final List<ApprovalPointId> refs = r.approvalRefs();
            for (int i = 0; i < refs.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                quoted(out, refs.get(i).value());
            }
            out.append(']');
        } else if (reason instanceof StopReason.FactBudgetExhausted) {
            final StopReason.FactBudgetExhausted r = (StopReason.FactBudgetExhausted) reason;
            out.append("{\"FactBudgetExhausted\":{\"facts_count\":");
            unsigned(out, r.factsCount());
            out.append(",\"limit\":");
            unsigned(out, r.limit());
        } else if (reason instanceof StopReason.TokenBudgetExhausted) {
            final StopReason.TokenBudgetExhausted r = (StopReason.TokenBudgetExhausted) reason;
            out.append("{\"TokenBudgetExhausted\":{\"tokens_consumed\":");
            unsigned(out, r.tokensConsumed());
            out.append(",\"limit\":");
            unsigned(out, r.limit());
        } else if (reason instanceof StopReason.TimeBudgetExhausted) {
            final StopReason.TimeBudgetExhausted r = (StopReason.TimeBudgetExhausted) reason;
            out.append("{\"TimeBudgetExhausted\":{\"duration_ms\":");
            unsigned(out, r.durationMs());
            out.append(",\"limit_ms\":");
            unsigned(out, r.limitMs());
        } else if (reason instanceof StopReason.InvariantViolated) {
            final StopReason.InvariantViolated r = (StopReason.InvariantViolated) reason;
            out.append("{\"InvariantViolated\":{\"class\":");
            name(out, r.invariantClass());
            out.append(",\"name\":");
            quoted(out, r.name());
            out.append(",\"reason\":");
            quoted(out, r.reason());
        } else if (reason instanceof StopReason.PromotionRejected) {
            final StopReason.PromotionRejected r = (StopReason.PromotionRejected) reason;
            out.append("{\"PromotionRejected\":{\"proposal_id\":");
            quoted(out, r.proposalId());
            out.append(",\"reason\":");
            quoted(out, r.reason());
        } else if (reason instanceof StopReason.Error) {
            final StopReason.Error r = (StopReason.Error) reason;
            out.append("{\"Error\":{\"message\":");
            quoted(out, r.message());
            out.append(",\"category\":");
            name(out, r.category());
        } else if (reason instanceof StopReason.AgentRefused) {
            final StopReason.AgentRefused r = (StopReason.AgentRefused) reason;
            out.append("{\"AgentRefused\":{\"agent_id\":");
            quoted(out, r.agentId());
            out.append(",\"reason\":");
            quoted(out, r.reason());
        } else if (reason instanceof StopReason.HitlGatePending) {
            final StopReason.HitlGatePending r = (StopReason.HitlGatePending) reason;
            out.append("{\"HitlGatePending\":{\"gate_id\":");
            quoted(out, r.gateId());
            out.append(",\"proposal_id\":");
            quoted(out, r.proposalId());
            out.append(",\"summary\":");
            quoted(out, r.summary());
            out.append(",\"agent_id\":");
            quoted(out, r.agentId());
            out.append(",\"cycle\":");
            unsigned(out, r.cycle());
        } else {
            throw new IllegalArgumentException("not a converge model type: " + reason.getClass().getName());
        }
        out.append("}}");
    }

    private static void criteria(StringBuilder out, List<CriterionId> criteria) {
        out.append('[');
        for (int i = 0; i < criteria.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quoted(out, criteria.get(i).value());
        }
        out.append(']');
    }

    // ---------------------------------------------------------------- kernel boundary (section 4)

    private static void kernelProposal(StringBuilder out, KernelProposal p) {
        out.append("{\"id\":");
        quoted(out, p.id());
        out.append(",\"kind\":");
        name(out, p.kind());
        out.append(",\"payload\":");
        quoted(out, p.payload());
        out.append(",\"structured_payload\":");
        optJson(out, p.structuredPayload());
        out.append(",\"trace_link\":");
        replayTrace(out, p.traceLink());
        out.append(",\"contract_results\":[");
        final List<ContractResult> results = p.contractResults();
        for (int i = 0; i < results.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            contractResult(out, results.get(i));
        }
        out.append("],\"requires_human\":").append(p.requiresHuman());
        out.append(",\"confidence\":");
        if (p.confidence() == null) {
            out.append("null");
        } else {
            JsonNumbers.appendF32(out, p.confidence());
        }
        out.append('}');
    }

    private static void contractResult(StringBuilder out, ContractResult r) {
        contractFields(out, r.name(), r.passed(), r.failureReason());
    }

    private static void contractResultSnapshot(StringBuilder out, ContractResultSnapshot r) {
        contractFields(out, r.name(), r.passed(), r.failureReason());
    }

    private static void contractFields(StringBuilder out, String name, boolean passed, String failureReason) {
        out.append("{\"name\":");
        quoted(out, name);
        out.append(",\"passed\":").append(passed);
        out.append(",\"failure_reason\":");
        optString(out, failureReason);
        out.append('}');
    }

    private static void replayTrace(StringBuilder out, ReplayTrace trace) {
        if (trace instanceof LocalReplayTrace) {
            localTrace(out, (LocalReplayTrace) trace);
        } else {
            remoteTrace(out, (RemoteReplayTrace) trace);
        }
    }

    private static void localTrace(StringBuilder out, LocalReplayTrace t) {
        out.append("{\"type\":\"Local\",\"base_model_hash\":");
        quoted(out, t.baseModelHash());
        out.append(",\"adapter\":");
        if (t.adapter() == null) {
            out.append("null");
        } else {
            adapterTrace(out, t.adapter());
        }
        out.append(",\"tokenizer_hash\":");
        quoted(out, t.tokenizerHash());
        out.append(",\"seed\":");
        unsigned(out, t.seed());
        out.append(",\"sampler\":");
        samplerParams(out, t.sampler());
        out.append(",\"prompt_version\":");
        quoted(out, t.promptVersion());
        out.append(",\"recall\":");
        if (t.recall() == null) {
            out.append("null");
        } else {
            recallTrace(out, t.recall());
        }
        out.append(",\"weights_mutated\":").append(t.weightsMutated());
        out.append(",\"execution_env\":");
        executionEnv(out, t.executionEnv());
        out.append('}');
    }

    private static void remoteTrace(StringBuilder out, RemoteReplayTrace t) {
        out.append("{\"type\":\"Remote\",\"provider_name\":");
        quoted(out, t.providerName());
        out.append(",\"provider_model_id\":");
        quoted(out, t.providerModelId());
        out.append(",\"request_fingerprint\":");
        quoted(out, t.requestFingerprint());
        out.append(",\"response_fingerprint\":");
        quoted(out, t.responseFingerprint());
        out.append(",\"temperature\":");
        JsonNumbers.appendF32(out, t.temperature());
        out.append(",\"top_p\":");
        JsonNumbers.appendF32(out, t.topP());
        out.append(",\"max_tokens\":");
        unsigned(out, t.maxTokens());
        out.append(",\"provider_metadata\":");
        stringMap(out, t.providerMetadata());
        out.append(",\"retried\":").append(t.retried());
        out.append(",\"retry_reasons\":");
        stringList(out, t.retryReasons());
        out.append(",\"replayability\":");
        name(out, t.replayability());
        out.append('}');
    }

    private static void adapterTrace(StringBuilder out, AdapterTrace a) {
        out.append("{\"adapter_id\":");
        quoted(out, a.adapterId());
        out.append(",\"adapter_hash\":");
        quoted(out, a.adapterHash());
        out.append(",\"merged\":").append(a.merged());
        out.append('}');
    }

    private static void samplerParams(StringBuilder out, SamplerParams s) {
        out.append("{\"temperature\":");
        JsonNumbers.appendF32(out, s.temperature());
        out.append(",\"top_p\":");
        JsonNumbers.appendF32(out, s.topP());
        out.append(",\"top_k\":");
        optUnsigned(out, s.topK());
        out.append('}');
    }

    private static void recallTrace(StringBuilder out, RecallTrace r) {
        out.append("{\"corpus_fingerprint\":");
        quoted(out, r.corpusFingerprint());
        out.append(",\"candidate_ids\":");
        stringList(out, r.candidateIds());
        out.append(",\"candidate_scores\":[");
        final List<Float> scores = r.candidateScores();
        for (int i = 0; i < scores.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonNumbers.appendF32(out, scores.get(i));
        }
        out.append("],\"injected_count\":");
        unsigned(out, r.injectedCount());
        out.append('}');
    }

    private static void executionEnv(StringBuilder out, ExecutionEnv e) {
        out.append("{\"device\":");
        quoted(out, e.device());
        out.append(",\"backend\":");
        quoted(out, e.backend());
        out.append(",\"precision\":");
        quoted(out, e.precision());
        out.append('}');
    }

    private static void policySnapshot(StringBuilder out, PolicySnapshot snapshot) {
        if (snapshot instanceof PolicySnapshot.Kernel) {
            out.append("{\"type\":\"Kernel\",\"policy\":");
            kernelPolicy(out, ((PolicySnapshot.Kernel) snapshot).policy());
        } else if (snapshot instanceof PolicySnapshot.Routing) {
            out.append("{\"type\":\"Routing\",\"policy\":");
            routingPolicy(out, ((PolicySnapshot.Routing) snapshot).policy());
        } else {
            out.append("{\"type\":\"Recall\",\"policy\":");
            recallPolicy(out, ((PolicySnapshot.Recall) snapshot).policy());
        }
        out.append('}');
    }

    private static void kernelPolicy(StringBuilder out, KernelPolicy p) {
        out.append("{\"adapter_id\":");
        optString(out, p.adapterId());
        out.append(",\"recall_enabled\":").append(p.recallEnabled());
        out.append(",\"recall_max_candidates\":");
        unsigned(out, p.recallMaxCandidates());
        out.append(",\"recall_min_score\":");
        JsonNumbers.appendF32(out, p.recallMinScore());
        out.append(",\"seed\":");
        optUnsigned(out, p.seed());
        out.append(",\"requires_human\":").append(p.requiresHuman());
        out.append(",\"required_truths\":");
        stringList(out, p.requiredTruths());
        out.append('}');
    }

    private static void routingPolicy(StringBuilder out, RoutingPolicy p) {
        out.append("{\"truth_preferences\":");
        stringMap(out, p.truthPreferences());
        out.append(",\"risk_tier_backends\":");
        enumKeyedLists(out, p.riskTierBackends());
        out.append(",\"data_classification_backends\":");
        enumKeyedLists(out, p.dataClassificationBackends());
        out.append(",\"default_backend\":");
        quoted(out, p.defaultBackend());
        out.append('}');
    }

    // ---------------------------------------------------------------- governed artifacts (section 5)

    private static void lifecycleEvent(StringBuilder out, LifecycleEvent e) {
        out.append("{\"from_state\":");
        name(out, e.fromState());
        out.append(",\"to_state\":");
        name(out, e.toState());
        out.append(",\"timestamp\":");
        quoted(out, e.timestamp());
        out.append(",\"actor\":");
        quoted(out, e.actor());
        out.append(",\"reason\":");
        quoted(out, e.reason());
        out.append(",\"ticket_ref\":");
        optString(out, e.ticketRef());
        out.append(",\"tenant_id\":");
        optString(out, e.tenantId());
        out.append('}');
    }

    private static void rollbackRecord(StringBuilder out, RollbackRecord r) {
        out.append("{\"artifact_id\":");
        quoted(out, r.artifactId());
        out.append(",\"previous_state\":");
        name(out, r.previousState());
        out.append(",\"rolled_back_at\":");
        quoted(out, r.rolledBackAt());
        out.append(",\"actor\":");
        quoted(out, r.actor());
        out.append(",\"reason\":");
        quoted(out, r.reason());
        out.append(",\"impact\":");
        rollbackImpact(out, r.impact());
        out.append(",\"incident_ref\":");
        optString(out, r.incidentRef());
        out.append(",\"tenant_id\":");
        optString(out, r.tenantId());
        out.append('}');
    }

    private static void rollbackImpact(StringBuilder out, RollbackImpact i) {
        out.append("{\"affected_count\":");
        optUnsigned(out, i.affectedCount());
        out.append(",\"quality_issues\":");
        stringList(out, i.qualityIssues());
        out.append(",\"invalidates_outputs\":").append(i.invalidatesOutputs());
        out.append(",\"severity\":");
        name(out, i.severity());
        out.append(",\"affected_tenants\":");
        stringList(out, i.affectedTenants());
        out.append('}');
    }

    // ---------------------------------------------------------------- recall (section 6)

    private static void recallQuery(StringBuilder out, RecallQuery q) {
        out.append("{\"query_text\":");
        quoted(out, q.queryText());
        out.append(",\"top_k\":");
        unsigned(out, q.topK());
        out.append(",\"step_context\":");
        optName(out, q.stepContext());
        out.append(",\"tenant_scope\":");
        optString(out, q.tenantScope());
        out.append('}');
    }

    private static void recallProvenance(StringBuilder out, RecallProvenanceEnvelope p) {
        out.append("{\"query_hash\":");
        quoted(out, p.queryHash());
        out.append(",\"embedding_input_hash\":");
        quoted(out, p.embeddingInputHash());
        out.append(",\"embedding_hash\":");
        quoted(out, p.embeddingHash());
        out.append(",\"embedder_id\":");
        quoted(out, p.embedderId());
        out.append(",\"embedder_settings_hash\":");
        quoted(out, p.embedderSettingsHash());
        out.append(",\"corpus_fingerprint\":");
        quoted(out, p.corpusFingerprint());
        out.append(",\"policy_snapshot_hash\":");
        quoted(out, p.policySnapshotHash());
        out.append(",\"purpose\":");
        name(out, p.purpose());
        out.append(",\"consumers\":");
        enumList(out, p.consumers());
        out.append(",\"candidate_scores\":[");
        final List<CandidateScore> scores = p.candidateScores();
        for (int i = 0; i < scores.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            candidateScore(out, scores.get(i));
        }
        out.append("],\"candidates_searched\":");
        unsigned(out, p.candidatesSearched());
        out.append(",\"candidates_returned\":");
        unsigned(out, p.candidatesReturned());
        out.append(",\"stop_reason\":");
        optName(out, p.stopReason());
        out.append(",\"latency_ms\":");
        unsigned(out, p.latencyMs());
        out.append(",\"timestamp\":");
        quoted(out, p.timestamp());
        out.append(",\"signature\":");
        quoted(out, p.signature());
        out.append('}');
    }

    private static void candidateScore(StringBuilder out, CandidateScore c) {
        out.append("{\"id\":");
        quoted(out, c.id());
        out.append(",\"score\":");
        JsonNumbers.appendF64(out, c.score());
        out.append('}');
    }

    private static void recallPolicy(StringBuilder out, RecallPolicy p) {
        out.append("{\"enabled\":").append(p.enabled());
        out.append(",\"max_k_total\":");
        unsigned(out, p.maxKTotal());
        out.append(",\"max_tokens_injection\":");
        unsigned(out, p.maxTokensInjection());
        out.append(",\"min_score_threshold\":");
        JsonNumbers.appendF64(out, p.minScoreThreshold());
        out.append(",\"budgets\":");
        recallBudgets(out, p.budgets());
        out.append(",\"allowed_uses\":");
        enumList(out, p.allowedUses());
        out.append(",\"prior_weight\":");
        JsonNumbers.appendF64(out, p.priorWeight());
        out.append('}');
    }

    private static void recallBudgets(StringBuilder out, RecallBudgets b) {
        out.append("{\"max_latency_ms\":");
        unsigned(out, b.maxLatencyMs());
        out.append(",\"max_embedding_calls\":");
        unsigned(out, b.maxEmbeddingCalls());
        out.append(",\"max_tokens_per_candidate\":");
        unsigned(out, b.maxTokensPerCandidate());
        out.append('}');
    }

    // ---------------------------------------------------------------- gates (section 7)

    private static void gateRequest(StringBuilder out, GateRequest r) {
        out.append("{\"gate_id\":");
        quoted(out, r.gateId().value());
        out.append(",\"proposal_id\":");
        quoted(out, r.proposalId().value());
        out.append(",\"summary\":");
        quoted(out, r.summary());
        out.append(",\"agent_id\":");
        quoted(out, r.agentId());
        out.append(",\"rationale\":");
        optString(out, r.rationale());
        out.append(",\"context_data\":[");
        final List<ContextItem> items = r.contextData();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            contextItem(out, items.get(i));
        }
        out.append("],\"cycle\":");
        unsigned(out, r.cycle());
        out.append(",\"requested_at\":");
        quoted(out, r.requestedAt());
        out.append(",\"timeout\":");
        timeoutPolicy(out, r.timeout());
        out.append('}');
    }

    private static void contextItem(StringBuilder out, ContextItem item) {
        out.append("{\"label\":");
        quoted(out, item.label());
        out.append(",\"value\":");
        quoted(out, item.value());
        out.append('}');
    }

    private static void timeoutPolicy(StringBuilder out, TimeoutPolicy t) {
        out.append("{\"timeout_secs\":");
        unsigned(out, t.timeoutSecs());
        out.append(",\"action\":");
        name(out, t.action());
        out.append('}');
    }

    private static void gateDecision(StringBuilder out, GateDecision d) {
        out.append("{\"gate_id\":");
        quoted(out, d.gateId().value());
        out.append(",\"verdict\":");
        gateVerdict(out, d.verdict());
        out.append(",\"decided_by\":");
        quoted(out, d.decidedBy());
        out.append(",\"decided_at\":");
        quoted(out, d.decidedAt());
        out.append('}');
    }

    // ---------------------------------------------------------------- scalars

    private static void quoted(StringBuilder out, String text) {
        JsonStrings.appendQuoted(out, text);
    }

    private static void optString(StringBuilder out, String text) {
        if (text == null) {
            out.append("null");
        } else {
            JsonStrings.appendQuoted(out, text);
        }
    }

    /** Enum names are plain identifiers: no escaping needed. */
    private static void name(StringBuilder out, Enum<?> constant) {
        out.append('"').append(constant.name()).append('"');
    }

    private static void optName(StringBuilder out, Enum<?> constant) {
        if (constant == null) {
            out.append("null");
        } else {
            name(out, constant);
        }
    }

    private static void unsigned(StringBuilder out, long value) {
        if (value >= 0) {
            out.append(value);
        } else {
            out.append(Long.toUnsignedString(value));
        }
    }

    private static void optUnsigned(StringBuilder out, Long value) {
        if (value == null) {
            out.append("null");
        } else {
            unsigned(out, value);
        }
    }

    /** Content hashes are 64 lowercase hex digits: no escaping needed. */
    private static void hash(StringBuilder out, ContentHash hash) {
        out.append('"').append(hash.hex()).append('"');
    }

    private static void optHash(StringBuilder out, ContentHash hash) {
        if (hash == null) {
            out.append("null");
        } else {
            hash(out, hash);
        }
    }

    private static void optJson(StringBuilder out, JsonValue value) {
        out.append(value == null ? "null" : value.json());
    }

    private static void stringList(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonStrings.appendQuoted(out, values.get(i));
        }
        out.append(']');
    }

    private static void enumList(StringBuilder out, List<? extends Enum<?>> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            name(out, values.get(i));
        }
        out.append(']');
    }

    private static void stringMap(StringBuilder out, Map<String, String> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonStrings.appendQuoted(out, entry.getKey());
            out.append(':');
            JsonStrings.appendQuoted(out, entry.getValue());
        }
        out.append('}');
    }

    private static void enumKeyedLists(StringBuilder out, Map<? extends Enum<?>, List<String>> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<? extends Enum<?>, List<String>> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            name(out, entry.getKey());
            out.append(':');
            stringList(out, entry.getValue());
        }
        out.append('}');
    }
}
