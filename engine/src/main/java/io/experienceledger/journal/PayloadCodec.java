package io.experienceledger.journal;

import io.experienceledger.model.ActorId;
import io.experienceledger.model.AdapterTrace;
import io.experienceledger.model.ApprovalPointId;
import io.experienceledger.model.ArtifactId;
import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.BackendId;
import io.experienceledger.model.BoundaryTarget;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.CandidateScore;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ConstraintName;
import io.experienceledger.model.ContextItem;
import io.experienceledger.model.ContentHash;
import io.experienceledger.model.ContractResult;
import io.experienceledger.model.ContractResultSnapshot;
import io.experienceledger.model.CorrectionTarget;
import io.experienceledger.model.CriterionId;
import io.experienceledger.model.DataClassification;
import io.experienceledger.model.DecisionStep;
import io.experienceledger.model.DomainId;
import io.experienceledger.model.ExecutionEnv;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.FactContent;
import io.experienceledger.model.FactId;
import io.experienceledger.model.GateDecision;
import io.experienceledger.model.GateId;
import io.experienceledger.model.GateRequest;
import io.experienceledger.model.GateVerdict;
import io.experienceledger.model.HypothesisOutcome;
import io.experienceledger.model.IntentId;
import io.experienceledger.model.KernelPolicy;
import io.experienceledger.model.KernelProposal;
import io.experienceledger.model.LifecycleEvent;
import io.experienceledger.model.LocalReplayTrace;
import io.experienceledger.model.OverrideTarget;
import io.experienceledger.model.PackId;
import io.experienceledger.model.PolicyId;
import io.experienceledger.model.PolicySnapshot;
import io.experienceledger.model.ProposalId;
import io.experienceledger.model.RecallBudgets;
import io.experienceledger.model.RecallConsumer;
import io.experienceledger.model.RecallPolicy;
import io.experienceledger.model.RecallProvenanceEnvelope;
import io.experienceledger.model.RecallQuery;
import io.experienceledger.model.RecallTrace;
import io.experienceledger.model.RecallUse;
import io.experienceledger.model.RemoteReplayTrace;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.RiskTier;
import io.experienceledger.model.RollbackImpact;
import io.experienceledger.model.RollbackRecord;
import io.experienceledger.model.RoutingPolicy;
import io.experienceledger.model.SamplerParams;
import io.experienceledger.model.StopReason;
import io.experienceledger.model.TensionId;
import io.experienceledger.model.TimeoutPolicy;
import io.experienceledger.model.TraceLinkId;
import io.experienceledger.model.UserExperienceEvent;
import net.openhft.chronicle.bytes.BytesOut;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

import static io.experienceledger.journal.PayloadCodes.ARTIFACT_NAMED;
import static io.experienceledger.journal.PayloadCodes.ARTIFACT_OTHER;
import static io.experienceledger.journal.PayloadCodes.ARTIFACT_STATE;
import static io.experienceledger.journal.PayloadCodes.BOUNDARY_GLOBAL;
import static io.experienceledger.journal.PayloadCodes.BOUNDARY_INTENT;
import static io.experienceledger.journal.PayloadCodes.BOUNDARY_KIND;
import static io.experienceledger.journal.PayloadCodes.BOUNDARY_PACK;
import static io.experienceledger.journal.PayloadCodes.BUDGET_NAMED;
import static io.experienceledger.journal.PayloadCodes.BUDGET_OTHER;
import static io.experienceledger.journal.PayloadCodes.CORRECTION_FACT;
import static io.experienceledger.journal.PayloadCodes.CORRECTION_PROPOSAL;
import static io.experienceledger.journal.PayloadCodes.DATA_CLASSIFICATION;
import static io.experienceledger.journal.PayloadCodes.DECISION_STEP;
import static io.experienceledger.journal.PayloadCodes.DOWNGRADE_REASON;
import static io.experienceledger.journal.PayloadCodes.ERROR_CATEGORY;
import static io.experienceledger.journal.PayloadCodes.FACT_CONTENT_KIND;
import static io.experienceledger.journal.PayloadCodes.HYPOTHESIS_OUTCOME;
import static io.experienceledger.journal.PayloadCodes.INVARIANT_CLASS;
import static io.experienceledger.journal.PayloadCodes.OVERRIDE_CONSTRAINT;
import static io.experienceledger.journal.PayloadCodes.OVERRIDE_FACT;
import static io.experienceledger.journal.PayloadCodes.OVERRIDE_PROPOSAL;
import static io.experienceledger.journal.PayloadCodes.POLICY_KERNEL;
import static io.experienceledger.journal.PayloadCodes.POLICY_RECALL;
import static io.experienceledger.journal.PayloadCodes.POLICY_ROUTING;
import static io.experienceledger.journal.PayloadCodes.PROPOSAL_KIND;
import static io.experienceledger.journal.PayloadCodes.RECALL_CONSUMER;
import static io.experienceledger.journal.PayloadCodes.RECALL_STOP_REASON;
import static io.experienceledger.journal.PayloadCodes.RECALL_USE;
import static io.experienceledger.journal.PayloadCodes.REPLAYABILITY;
import static io.experienceledger.journal.PayloadCodes.RISK_TIER;
import static io.experienceledger.journal.PayloadCodes.ROLLBACK_SEVERITY;
import static io.experienceledger.journal.PayloadCodes.STOP_AGENT_REFUSED;
import static io.experienceledger.journal.PayloadCodes.STOP_CONVERGED;
import static io.experienceledger.journal.PayloadCodes.STOP_CRITERIA_MET;
import static io.experienceledger.journal.PayloadCodes.STOP_CYCLE_BUDGET_EXHAUSTED;
import static io.experienceledger.journal.PayloadCodes.STOP_ERROR;
import static io.experienceledger.journal.PayloadCodes.STOP_FACT_BUDGET_EXHAUSTED;
import static io.experienceledger.journal.PayloadCodes.STOP_HITL_GATE_PENDING;
import static io.experienceledger.journal.PayloadCodes.STOP_HUMAN_INTERVENTION_REQUIRED;
import static io.experienceledger.journal.PayloadCodes.STOP_INVARIANT_VIOLATED;
import static io.experienceledger.journal.PayloadCodes.STOP_PROMOTION_REJECTED;
import static io.experienceledger.journal.PayloadCodes.STOP_TIME_BUDGET_EXHAUSTED;
import static io.experienceledger.journal.PayloadCodes.STOP_TOKEN_BUDGET_EXHAUSTED;
import static io.experienceledger.journal.PayloadCodes.STOP_USER_CANCELLED;
import static io.experienceledger.journal.PayloadCodes.TIMEOUT_ACTION;
import static io.experienceledger.journal.PayloadCodes.TRACE_LOCAL;
import static io.experienceledger.journal.PayloadCodes.TRACE_REMOTE;
import static io.experienceledger.journal.PayloadCodes.VERDICT_APPROVE;
import static io.experienceledger.journal.PayloadCodes.VERDICT_REJECT;
import static io.experienceledger.journal.PayloadFields.readBoolean;
import static io.experienceledger.journal.PayloadFields.readCount;
import static io.experienceledger.journal.PayloadFields.readF32;
import static io.experienceledger.journal.PayloadFields.readF32List;
import static io.experienceledger.journal.PayloadFields.readHash;
import static io.experienceledger.journal.PayloadFields.readJson;
import static io.experienceledger.journal.PayloadFields.readList;
import static io.experienceledger.journal.PayloadFields.readOptionalF32;
import static io.experienceledger.journal.PayloadFields.readOptionalHash;
import static io.experienceledger.journal.PayloadFields.readOptionalJson;
import static io.experienceledger.journal.PayloadFields.readOptionalString;
import static io.experienceledger.journal.PayloadFields.readOptionalUnsigned;
import static io.experienceledger.journal.PayloadFields.readPresence;
import static io.experienceledger.journal.PayloadFields.readString;
import static io.experienceledger.journal.PayloadFields.readStringList;
import static io.experienceledger.journal.PayloadFields.readU32;
import static io.experienceledger.journal.PayloadFields.readUnitInterval;
import static io.experienceledger.journal.PayloadFields.readUnsigned;
import static io.experienceledger.journal.PayloadFields.readUnsignedByte;
import static io.experienceledger.journal.PayloadFields.writeBoolean;
import static io.experienceledger.journal.PayloadFields.writeCount;
import static io.experienceledger.journal.PayloadFields.writeF32;
import static io.experienceledger.journal.PayloadFields.writeF32List;
import static io.experienceledger.journal.PayloadFields.writeF64;
import static io.experienceledger.journal.PayloadFields.writeHash;
import static io.experienceledger.journal.PayloadFields.writeJson;
import static io.experienceledger.journal.PayloadFields.writeList;
import static io.experienceledger.journal.PayloadFields.writeOptionalF32;
import static io.experienceledger.journal.PayloadFields.writeOptionalHash;
import static io.experienceledger.journal.PayloadFields.writeOptionalJson;
import static io.experienceledger.journal.PayloadFields.writeOptionalString;
import static io.experienceledger.journal.PayloadFields.writeOptionalUnsigned;
import static io.experienceledger.journal.PayloadFields.writePresence;
import static io.experienceledger.journal.PayloadFields.writeString;
import static io.experienceledger.journal.PayloadFields.writeStringList;
import static io.experienceledger.journal.PayloadFields.writeUnsigned;

/**
 * Encodes the event of an envelope as the payload of a journal entry, and decodes it back (payload format
 * {@value PayloadCodes#FORMAT_VERSION}, specified in {@code docs/format-payload.md}).
 *
 * <p>The payload is the event alone: the journal header carries the envelope's id, time, tenant, correlation
 * and the event's kind, so there is no top-level tag. Inside, every record is its fields in the converge
 * declaration order, each in the encoding of {@link PayloadFields}; tagged enums start with a tag byte from
 * {@link PayloadCodes}. There is one {@code write}/{@code read} pair per model type, named after the type.
 *
 * <p>Writing allocates nothing. Reading allocates the model objects (plus the array behind a list of three or
 * more elements and the map the model copies). Decoding trusts nothing: a payload that is truncated, has bytes
 * left over, or holds a byte the format does not allow raises {@link CorruptEntryException} with the offset of
 * the bad item; lengths and counts are checked against the bytes left before anything is allocated.
 */
final class PayloadCodec {
    private static final int MIN_STRING_BYTES = 1;
    /** String maps of at most this many entries are read into an array, not a hash map. */
    private static final int SMALL_MAP = 8;

    private PayloadCodec() {
    }

    // ---------------------------------------------------------------------------------------------------------
    // Entry points

    /** {@link #writeEvent(EntryBuffer, ExperienceEvent)} into Chronicle bytes (tests, tools). */
    static void writeEvent(BytesOut<?> out, ExperienceEvent event) {
        PayloadFields.writeTo(out, buffer -> writeEvent(buffer, event));
    }

    /** {@link #writeUserEvent(EntryBuffer, UserExperienceEvent)} into Chronicle bytes (tests, tools). */
    static void writeUserEvent(BytesOut<?> out, UserExperienceEvent event) {
        PayloadFields.writeTo(out, buffer -> writeUserEvent(buffer, event));
    }

    /** Writes the payload of an engine event; the journal header records {@code event.kind()}. */
    static void writeEvent(EntryBuffer out, ExperienceEvent event) {
        switch (event.kind()) {
            case ProposalCreated -> writeProposalCreated(out, (ExperienceEvent.ProposalCreated) event);
            case ProposalValidated -> writeProposalValidated(out, (ExperienceEvent.ProposalValidated) event);
            case FactPromoted -> writeFactPromoted(out, (ExperienceEvent.FactPromoted) event);
            case RecallExecuted -> writeRecallExecuted(out, (ExperienceEvent.RecallExecuted) event);
            case ReplayTraceRecorded -> writeReplayTraceRecorded(out, (ExperienceEvent.ReplayTraceRecorded) event);
            case ReplayabilityDowngraded ->
                    writeReplayabilityDowngraded(out, (ExperienceEvent.ReplayabilityDowngraded) event);
            case ArtifactStateTransitioned ->
                    writeArtifactStateTransitioned(out, (ExperienceEvent.ArtifactStateTransitioned) event);
            case ArtifactRollbackRecorded ->
                    writeRollbackRecord(out, ((ExperienceEvent.ArtifactRollbackRecorded) event).rollback());
            case BackendInvoked -> writeBackendInvoked(out, (ExperienceEvent.BackendInvoked) event);
            case OutcomeRecorded -> writeOutcomeRecorded(out, (ExperienceEvent.OutcomeRecorded) event);
            case BudgetExceeded -> writeBudgetExceeded(out, (ExperienceEvent.BudgetExceeded) event);
            case PolicySnapshotCaptured ->
                    writePolicySnapshotCaptured(out, (ExperienceEvent.PolicySnapshotCaptured) event);
            case HypothesisResolved -> writeHypothesisResolved(out, (ExperienceEvent.HypothesisResolved) event);
            case GateDecisionRecorded -> writeGateDecisionRecorded(out, (ExperienceEvent.GateDecisionRecorded) event);
        }
    }

    /**
     * Reads the payload of an engine event of {@code kind}. {@code in} must hold exactly the payload, from its
     * read position to its read limit: bytes left after the event are corrupt.
     *
     * @throws CorruptEntryException when the payload is not a valid encoding of a {@code kind} event
     */
    static ExperienceEvent readEvent(EntryInput in, ExperienceEventKind kind) {
        Objects.requireNonNull(kind, "kind");
        final long start = in.readPosition();
        try {
            final ExperienceEvent event = switch (kind) {
                case ProposalCreated -> readProposalCreated(in);
                case ProposalValidated -> readProposalValidated(in);
                case FactPromoted -> readFactPromoted(in);
                case RecallExecuted -> readRecallExecuted(in);
                case ReplayTraceRecorded -> readReplayTraceRecorded(in);
                case ReplayabilityDowngraded -> readReplayabilityDowngraded(in);
                case ArtifactStateTransitioned -> readArtifactStateTransitioned(in);
                case ArtifactRollbackRecorded -> new ExperienceEvent.ArtifactRollbackRecorded(readRollbackRecord(in));
                case BackendInvoked -> readBackendInvoked(in);
                case OutcomeRecorded -> readOutcomeRecorded(in);
                case BudgetExceeded -> readBudgetExceeded(in);
                case PolicySnapshotCaptured -> readPolicySnapshotCaptured(in);
                case HypothesisResolved -> readHypothesisResolved(in);
                case GateDecisionRecorded -> readGateDecisionRecorded(in);
            };
            requireEnd(in);
            return event;
        } catch (CorruptEntryException e) {
            throw e.relativeTo(start);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw rejected(in, start, e);
        }
    }

    /** Writes the payload of a user event; the journal header records {@code UserEventKind.of(event)}. */
    static void writeUserEvent(EntryBuffer out, UserExperienceEvent event) {
        switch (UserEventKind.of(event)) {
            case UserApprovalGranted -> {
                final UserExperienceEvent.UserApprovalGranted e = (UserExperienceEvent.UserApprovalGranted) event;
                writeApproval(out, e.gateRequestId(), e.actor(), e.policySnapshotHash(), e.reason());
            }
            case UserApprovalRejected -> {
                final UserExperienceEvent.UserApprovalRejected e = (UserExperienceEvent.UserApprovalRejected) event;
                writeApproval(out, e.gateRequestId(), e.actor(), e.policySnapshotHash(), e.reason());
            }
            case UserOverrideIssued -> writeUserOverrideIssued(out, (UserExperienceEvent.UserOverrideIssued) event);
            case UserCorrection -> writeUserCorrection(out, (UserExperienceEvent.UserCorrection) event);
            case UserBoundaryAdjusted ->
                    writeUserBoundaryAdjusted(out, (UserExperienceEvent.UserBoundaryAdjusted) event);
        }
    }

    /**
     * Reads the payload of a user event of {@code kind}, under the same rules as {@link #readEvent}.
     *
     * @throws CorruptEntryException when the payload is not a valid encoding of a {@code kind} event
     */
    static UserExperienceEvent readUserEvent(EntryInput in, UserEventKind kind) {
        Objects.requireNonNull(kind, "kind");
        final long start = in.readPosition();
        try {
            final UserExperienceEvent event = switch (kind) {
                case UserApprovalGranted -> new UserExperienceEvent.UserApprovalGranted(new GateId(readString(in)),
                        new ActorId(readString(in)), readOptionalHash(in), readOptionalString(in));
                case UserApprovalRejected -> new UserExperienceEvent.UserApprovalRejected(new GateId(readString(in)),
                        new ActorId(readString(in)), readOptionalHash(in), readOptionalString(in));
                case UserOverrideIssued -> readUserOverrideIssued(in);
                case UserCorrection -> readUserCorrection(in);
                case UserBoundaryAdjusted -> readUserBoundaryAdjusted(in);
            };
            requireEnd(in);
            return event;
        } catch (CorruptEntryException e) {
            throw e.relativeTo(start);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw rejected(in, start, e);
        }
    }

    private static void requireEnd(EntryInput in) {
        if (in.readRemaining() != 0) {
            throw new CorruptEntryException(in.readRemaining() + " byte(s) left after the event", in.readPosition());
        }
    }

    private static CorruptEntryException rejected(EntryInput in, long start, RuntimeException e) {
        final CorruptEntryException corrupt = new CorruptEntryException("decoded value rejected: " + e.getMessage(),
                in.readPosition() - start);
        corrupt.initCause(e);
        return corrupt;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Engine events

    static void writeProposalCreated(EntryBuffer out, ExperienceEvent.ProposalCreated e) {
        writeKernelProposal(out, e.proposal());
        writeString(out, e.chainId().value());
        DECISION_STEP.write(out, e.step());
        writeOptionalHash(out, e.policySnapshotHash());
    }

    static ExperienceEvent.ProposalCreated readProposalCreated(EntryInput in) {
        return new ExperienceEvent.ProposalCreated(readKernelProposal(in), new ChainId(readString(in)),
                DECISION_STEP.read(in), readOptionalHash(in));
    }

    static void writeProposalValidated(EntryBuffer out, ExperienceEvent.ProposalValidated e) {
        writeString(out, e.proposalId().value());
        writeString(out, e.chainId().value());
        DECISION_STEP.write(out, e.step());
        writeList(out, e.contractResults(), PayloadCodec::writeContractResultSnapshot);
        writeBoolean(out, e.allPassed());
        writeString(out, e.validator().value());
    }

    static ExperienceEvent.ProposalValidated readProposalValidated(EntryInput in) {
        return new ExperienceEvent.ProposalValidated(new ProposalId(readString(in)), new ChainId(readString(in)),
                DECISION_STEP.read(in), readList(in, PayloadCodec::readContractResultSnapshot, 3),
                readBoolean(in), new ActorId(readString(in)));
    }

    static void writeFactPromoted(EntryBuffer out, ExperienceEvent.FactPromoted e) {
        writeString(out, e.proposalId().value());
        writeString(out, e.factId().value());
        writeString(out, e.promotedBy().value());
        writeString(out, e.reason());
        writeBoolean(out, e.requiresHuman());
    }

    static ExperienceEvent.FactPromoted readFactPromoted(EntryInput in) {
        return new ExperienceEvent.FactPromoted(new ProposalId(readString(in)), new FactId(readString(in)),
                new ActorId(readString(in)), readString(in), readBoolean(in));
    }

    static void writeRecallExecuted(EntryBuffer out, ExperienceEvent.RecallExecuted e) {
        writeRecallQuery(out, e.query());
        writeRecallProvenance(out, e.provenance());
        writeOptionalString(out, e.traceLinkId() == null ? null : e.traceLinkId().value());
    }

    static ExperienceEvent.RecallExecuted readRecallExecuted(EntryInput in) {
        final RecallQuery query = readRecallQuery(in);
        final RecallProvenanceEnvelope provenance = readRecallProvenance(in);
        final String traceLinkId = readOptionalString(in);
        return new ExperienceEvent.RecallExecuted(query, provenance,
                traceLinkId == null ? null : new TraceLinkId(traceLinkId));
    }

    static void writeReplayTraceRecorded(EntryBuffer out, ExperienceEvent.ReplayTraceRecorded e) {
        writeString(out, e.traceLinkId().value());
        writeReplayTrace(out, e.traceLink());
    }

    static ExperienceEvent.ReplayTraceRecorded readReplayTraceRecorded(EntryInput in) {
        return new ExperienceEvent.ReplayTraceRecorded(new TraceLinkId(readString(in)), readReplayTrace(in));
    }

    static void writeReplayabilityDowngraded(EntryBuffer out, ExperienceEvent.ReplayabilityDowngraded e) {
        writeString(out, e.traceLinkId().value());
        REPLAYABILITY.write(out, e.from());
        REPLAYABILITY.write(out, e.to());
        DOWNGRADE_REASON.write(out, e.reason());
    }

    static ExperienceEvent.ReplayabilityDowngraded readReplayabilityDowngraded(EntryInput in) {
        return new ExperienceEvent.ReplayabilityDowngraded(new TraceLinkId(readString(in)), REPLAYABILITY.read(in),
                REPLAYABILITY.read(in), DOWNGRADE_REASON.read(in));
    }

    static void writeArtifactStateTransitioned(EntryBuffer out, ExperienceEvent.ArtifactStateTransitioned e) {
        writeString(out, e.artifactId().value());
        writeArtifactKind(out, e.artifactKind());
        writeLifecycleEvent(out, e.event());
    }

    static ExperienceEvent.ArtifactStateTransitioned readArtifactStateTransitioned(EntryInput in) {
        return new ExperienceEvent.ArtifactStateTransitioned(new ArtifactId(readString(in)), readArtifactKind(in),
                readLifecycleEvent(in));
    }

    static void writeBackendInvoked(EntryBuffer out, ExperienceEvent.BackendInvoked e) {
        writeString(out, e.backendName().value());
        writeOptionalString(out, e.adapterId() == null ? null : e.adapterId().value());
        writeString(out, e.traceLinkId().value());
        DECISION_STEP.write(out, e.step());
        writeOptionalHash(out, e.policySnapshotHash());
    }

    static ExperienceEvent.BackendInvoked readBackendInvoked(EntryInput in) {
        final BackendId backendName = new BackendId(readString(in));
        final String adapterId = readOptionalString(in);
        return new ExperienceEvent.BackendInvoked(backendName, adapterId == null ? null : new BackendId(adapterId),
                new TraceLinkId(readString(in)), DECISION_STEP.read(in), readOptionalHash(in));
    }

    static void writeOutcomeRecorded(EntryBuffer out, ExperienceEvent.OutcomeRecorded e) {
        writeString(out, e.chainId().value());
        DECISION_STEP.write(out, e.step());
        writeBoolean(out, e.passed());
        if (writePresence(out, e.stopReason())) {
            writeStopReason(out, e.stopReason());
        }
        writeOptionalUnsigned(out, e.latencyMs());
        writeOptionalUnsigned(out, e.tokens());
        writeOptionalUnsigned(out, e.costMicrodollars());
        writeOptionalString(out, e.backend() == null ? null : e.backend().value());
        writeStringMap(out, e.metadata());
    }

    static ExperienceEvent.OutcomeRecorded readOutcomeRecorded(EntryInput in) {
        final ChainId chainId = new ChainId(readString(in));
        final DecisionStep step = DECISION_STEP.read(in);
        final boolean passed = readBoolean(in);
        final StopReason stopReason = readPresence(in) ? readStopReason(in) : null;
        final Long latencyMs = readOptionalUnsigned(in);
        final Long tokens = readOptionalUnsigned(in);
        final Long cost = readOptionalUnsigned(in);
        final String backend = readOptionalString(in);
        return new ExperienceEvent.OutcomeRecorded(chainId, step, passed, stopReason, latencyMs, tokens, cost,
                backend == null ? null : new BackendId(backend), readStringMap(in));
    }

    static void writeBudgetExceeded(EntryBuffer out, ExperienceEvent.BudgetExceeded e) {
        writeString(out, e.chainId().value());
        writeBudgetResource(out, e.resource());
        writeString(out, e.limit());
        writeOptionalString(out, e.observed());
    }

    static ExperienceEvent.BudgetExceeded readBudgetExceeded(EntryInput in) {
        return new ExperienceEvent.BudgetExceeded(new ChainId(readString(in)), readBudgetResource(in),
                readString(in), readOptionalString(in));
    }

    static void writePolicySnapshotCaptured(EntryBuffer out, ExperienceEvent.PolicySnapshotCaptured e) {
        writeString(out, e.policyId().value());
        writePolicySnapshot(out, e.policy());
        writeHash(out, e.snapshotHash());
        writeString(out, e.capturedBy().value());
    }

    static ExperienceEvent.PolicySnapshotCaptured readPolicySnapshotCaptured(EntryInput in) {
        return new ExperienceEvent.PolicySnapshotCaptured(new PolicyId(readString(in)), readPolicySnapshot(in),
                readHash(in), new ActorId(readString(in)));
    }

    static void writeHypothesisResolved(EntryBuffer out, ExperienceEvent.HypothesisResolved e) {
        writeString(out, e.chainId().value());
        writeString(out, e.factId().value());
        writeString(out, e.domain().value());
        writeString(out, e.claim());
        writeF64(out, e.confidence());
        HYPOTHESIS_OUTCOME.write(out, e.outcome());
        writeOptionalString(out, e.contradictionId() == null ? null : e.contradictionId().value());
        writeUnsigned(out, e.formedCycle());
        writeUnsigned(out, e.resolvedCycle());
    }

    static ExperienceEvent.HypothesisResolved readHypothesisResolved(EntryInput in) {
        final ChainId chainId = new ChainId(readString(in));
        final FactId factId = new FactId(readString(in));
        final DomainId domain = new DomainId(readString(in));
        final String claim = readString(in);
        final double confidence = readUnitInterval(in);
        final HypothesisOutcome outcome = HYPOTHESIS_OUTCOME.read(in);
        final String contradiction = readOptionalString(in);
        return new ExperienceEvent.HypothesisResolved(chainId, factId, domain, claim, confidence, outcome,
                contradiction == null ? null : new TensionId(contradiction), readU32(in), readU32(in));
    }

    static void writeGateDecisionRecorded(EntryBuffer out, ExperienceEvent.GateDecisionRecorded e) {
        writeGateRequest(out, e.request());
        writeGateDecision(out, e.decision());
    }

    static ExperienceEvent.GateDecisionRecorded readGateDecisionRecorded(EntryInput in) {
        return new ExperienceEvent.GateDecisionRecorded(readGateRequest(in), readGateDecision(in));
    }

    // ---------------------------------------------------------------------------------------------------------
    // User events

    private static void writeApproval(EntryBuffer out, GateId gateRequestId, ActorId actor,
                                      ContentHash policySnapshotHash, String reason) {
        writeString(out, gateRequestId.value());
        writeString(out, actor.value());
        writeOptionalHash(out, policySnapshotHash);
        writeOptionalString(out, reason);
    }

    static void writeUserOverrideIssued(EntryBuffer out, UserExperienceEvent.UserOverrideIssued e) {
        writeOverrideTarget(out, e.target());
        writeString(out, e.actor().value());
        writeOptionalHash(out, e.policySnapshotHash());
        writeString(out, e.reason());
    }

    static UserExperienceEvent.UserOverrideIssued readUserOverrideIssued(EntryInput in) {
        return new UserExperienceEvent.UserOverrideIssued(readOverrideTarget(in), new ActorId(readString(in)),
                readOptionalHash(in), readString(in));
    }

    static void writeUserCorrection(EntryBuffer out, UserExperienceEvent.UserCorrection e) {
        writeCorrectionTarget(out, e.target());
        writeString(out, e.actor().value());
        writeOptionalHash(out, e.policySnapshotHash());
        writeHash(out, e.originalContent());
        writeFactContent(out, e.correctedContent());
        writeString(out, e.reason());
    }

    static UserExperienceEvent.UserCorrection readUserCorrection(EntryInput in) {
        return new UserExperienceEvent.UserCorrection(readCorrectionTarget(in), new ActorId(readString(in)),
                readOptionalHash(in), readHash(in), readFactContent(in), readString(in));
    }

    static void writeUserBoundaryAdjusted(EntryBuffer out, UserExperienceEvent.UserBoundaryAdjusted e) {
        BOUNDARY_KIND.write(out, e.boundary());
        writeBoundaryTarget(out, e.target());
        writeString(out, e.actor().value());
        writeOptionalHash(out, e.policySnapshotHash());
        writeJson(out, e.previousValue());
        writeJson(out, e.newValue());
        writeString(out, e.reason());
    }

    static UserExperienceEvent.UserBoundaryAdjusted readUserBoundaryAdjusted(EntryInput in) {
        return new UserExperienceEvent.UserBoundaryAdjusted(BOUNDARY_KIND.read(in), readBoundaryTarget(in),
                new ActorId(readString(in)), readOptionalHash(in), readJson(in), readJson(in), readString(in));
    }

    static void writeOverrideTarget(EntryBuffer out, OverrideTarget target) {
        if (target instanceof OverrideTarget.Fact fact) {
            out.writeByte((byte) OVERRIDE_FACT);
            writeString(out, fact.id().value());
        } else if (target instanceof OverrideTarget.Proposal proposal) {
            out.writeByte((byte) OVERRIDE_PROPOSAL);
            writeString(out, proposal.id().value());
        } else {
            out.writeByte((byte) OVERRIDE_CONSTRAINT);
            writeString(out, ((OverrideTarget.Constraint) target).id().value());
        }
    }

    static OverrideTarget readOverrideTarget(EntryInput in) {
        final long at = in.readPosition();
        final int tag = readUnsignedByte(in);
        return switch (tag) {
            case OVERRIDE_FACT -> new OverrideTarget.Fact(new FactId(readString(in)));
            case OVERRIDE_PROPOSAL -> new OverrideTarget.Proposal(new ProposalId(readString(in)));
            case OVERRIDE_CONSTRAINT -> new OverrideTarget.Constraint(new ConstraintName(readString(in)));
            default -> throw unknownTag("OverrideTarget", tag, at);
        };
    }

    static void writeCorrectionTarget(EntryBuffer out, CorrectionTarget target) {
        if (target instanceof CorrectionTarget.Fact fact) {
            out.writeByte((byte) CORRECTION_FACT);
            writeString(out, fact.factId().value());
        } else {
            out.writeByte((byte) CORRECTION_PROPOSAL);
            writeString(out, ((CorrectionTarget.Proposal) target).proposalId().value());
        }
    }

    static CorrectionTarget readCorrectionTarget(EntryInput in) {
        final long at = in.readPosition();
        final int tag = readUnsignedByte(in);
        return switch (tag) {
            case CORRECTION_FACT -> new CorrectionTarget.Fact(new FactId(readString(in)));
            case CORRECTION_PROPOSAL -> new CorrectionTarget.Proposal(new ProposalId(readString(in)));
            default -> throw unknownTag("CorrectionTarget", tag, at);
        };
    }

    static void writeBoundaryTarget(EntryBuffer out, BoundaryTarget target) {
        if (target instanceof BoundaryTarget.Pack pack) {
            out.writeByte((byte) BOUNDARY_PACK);
            writeString(out, pack.packId().value());
        } else if (target instanceof BoundaryTarget.Intent intent) {
            out.writeByte((byte) BOUNDARY_INTENT);
            writeString(out, intent.intentId().value());
        } else {
            out.writeByte((byte) BOUNDARY_GLOBAL);
        }
    }

    static BoundaryTarget readBoundaryTarget(EntryInput in) {
        final long at = in.readPosition();
        final int tag = readUnsignedByte(in);
        return switch (tag) {
            case BOUNDARY_PACK -> new BoundaryTarget.Pack(new PackId(readString(in)));
            case BOUNDARY_INTENT -> new BoundaryTarget.Intent(new IntentId(readString(in)));
            case BOUNDARY_GLOBAL -> new BoundaryTarget.Global();
            default -> throw unknownTag("BoundaryTarget", tag, at);
        };
    }

    static void writeFactContent(EntryBuffer out, FactContent content) {
        FACT_CONTENT_KIND.write(out, content.kind());
        writeString(out, content.content());
        writeOptionalJson(out, content.structured());
    }

    static FactContent readFactContent(EntryInput in) {
        return new FactContent(FACT_CONTENT_KIND.read(in), readString(in), readOptionalJson(in));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Kernel boundary types

    static void writeKernelProposal(EntryBuffer out, KernelProposal p) {
        writeString(out, p.id());
        PROPOSAL_KIND.write(out, p.kind());
        writeString(out, p.payload());
        writeOptionalJson(out, p.structuredPayload());
        writeReplayTrace(out, p.traceLink());
        writeList(out, p.contractResults(), PayloadCodec::writeContractResult);
        writeBoolean(out, p.requiresHuman());
        writeOptionalF32(out, p.confidence());
    }

    static KernelProposal readKernelProposal(EntryInput in) {
        return new KernelProposal(readString(in), PROPOSAL_KIND.read(in), readString(in), readOptionalJson(in),
                readReplayTrace(in), readList(in, PayloadCodec::readContractResult, 3), readBoolean(in),
                readOptionalF32(in));
    }

    static void writeContractResult(EntryBuffer out, ContractResult r) {
        writeString(out, r.name());
        writeBoolean(out, r.passed());
        writeOptionalString(out, r.failureReason());
    }

    static ContractResult readContractResult(EntryInput in) {
        return new ContractResult(readString(in), readBoolean(in), readOptionalString(in));
    }

    static void writeContractResultSnapshot(EntryBuffer out, ContractResultSnapshot r) {
        writeString(out, r.name());
        writeBoolean(out, r.passed());
        writeOptionalString(out, r.failureReason());
    }

    static ContractResultSnapshot readContractResultSnapshot(EntryInput in) {
        return new ContractResultSnapshot(readString(in), readBoolean(in), readOptionalString(in));
    }

    static void writeReplayTrace(EntryBuffer out, ReplayTrace trace) {
        if (trace instanceof LocalReplayTrace local) {
            out.writeByte((byte) TRACE_LOCAL);
            writeLocalReplayTrace(out, local);
        } else {
            out.writeByte((byte) TRACE_REMOTE);
            writeRemoteReplayTrace(out, (RemoteReplayTrace) trace);
        }
    }

    static ReplayTrace readReplayTrace(EntryInput in) {
        final long at = in.readPosition();
        final int tag = readUnsignedByte(in);
        return switch (tag) {
            case TRACE_LOCAL -> readLocalReplayTrace(in);
            case TRACE_REMOTE -> readRemoteReplayTrace(in);
            default -> throw unknownTag("ReplayTrace", tag, at);
        };
    }

    static void writeLocalReplayTrace(EntryBuffer out, LocalReplayTrace t) {
        writeString(out, t.baseModelHash());
        if (writePresence(out, t.adapter())) {
            writeAdapterTrace(out, t.adapter());
        }
        writeString(out, t.tokenizerHash());
        writeUnsigned(out, t.seed());
        writeSamplerParams(out, t.sampler());
        writeString(out, t.promptVersion());
        if (writePresence(out, t.recall())) {
            writeRecallTrace(out, t.recall());
        }
        writeBoolean(out, t.weightsMutated());
        writeExecutionEnv(out, t.executionEnv());
    }

    static LocalReplayTrace readLocalReplayTrace(EntryInput in) {
        return new LocalReplayTrace(readString(in), readPresence(in) ? readAdapterTrace(in) : null, readString(in),
                readUnsigned(in), readSamplerParams(in), readString(in), readPresence(in) ? readRecallTrace(in) : null,
                readBoolean(in), readExecutionEnv(in));
    }

    static void writeAdapterTrace(EntryBuffer out, AdapterTrace a) {
        writeString(out, a.adapterId());
        writeString(out, a.adapterHash());
        writeBoolean(out, a.merged());
    }

    static AdapterTrace readAdapterTrace(EntryInput in) {
        return new AdapterTrace(readString(in), readString(in), readBoolean(in));
    }

    static void writeSamplerParams(EntryBuffer out, SamplerParams s) {
        writeF32(out, s.temperature());
        writeF32(out, s.topP());
        writeOptionalUnsigned(out, s.topK());
    }

    static SamplerParams readSamplerParams(EntryInput in) {
        return new SamplerParams(readF32(in), readF32(in), readOptionalUnsigned(in));
    }

    static void writeRecallTrace(EntryBuffer out, RecallTrace r) {
        writeString(out, r.corpusFingerprint());
        writeStringList(out, r.candidateIds());
        writeF32List(out, r.candidateScores());
        writeUnsigned(out, r.injectedCount());
    }

    static RecallTrace readRecallTrace(EntryInput in) {
        return new RecallTrace(readString(in), readStringList(in), readF32List(in), readUnsigned(in));
    }

    static void writeExecutionEnv(EntryBuffer out, ExecutionEnv e) {
        writeString(out, e.device());
        writeString(out, e.backend());
        writeString(out, e.precision());
    }

    static ExecutionEnv readExecutionEnv(EntryInput in) {
        return new ExecutionEnv(readString(in), readString(in), readString(in));
    }

    static void writeRemoteReplayTrace(EntryBuffer out, RemoteReplayTrace t) {
        writeString(out, t.providerName());
        writeString(out, t.providerModelId());
        writeString(out, t.requestFingerprint());
        writeString(out, t.responseFingerprint());
        writeF32(out, t.temperature());
        writeF32(out, t.topP());
        writeUnsigned(out, t.maxTokens());
        writeStringMap(out, t.providerMetadata());
        writeBoolean(out, t.retried());
        writeStringList(out, t.retryReasons());
        REPLAYABILITY.write(out, t.replayability());
    }

    static RemoteReplayTrace readRemoteReplayTrace(EntryInput in) {
        return new RemoteReplayTrace(readString(in), readString(in), readString(in), readString(in), readF32(in),
                readF32(in), readUnsigned(in), readStringMap(in), readBoolean(in), readStringList(in),
                REPLAYABILITY.read(in));
    }

    static void writeKernelPolicy(EntryBuffer out, KernelPolicy p) {
        writeOptionalString(out, p.adapterId());
        writeBoolean(out, p.recallEnabled());
        writeUnsigned(out, p.recallMaxCandidates());
        writeF32(out, p.recallMinScore());
        writeOptionalUnsigned(out, p.seed());
        writeBoolean(out, p.requiresHuman());
        writeStringList(out, p.requiredTruths());
    }

    static KernelPolicy readKernelPolicy(EntryInput in) {
        return new KernelPolicy(readOptionalString(in), readBoolean(in), readUnsigned(in), readF32(in),
                readOptionalUnsigned(in), readBoolean(in), readStringList(in));
    }

    static void writeRoutingPolicy(EntryBuffer out, RoutingPolicy p) {
        writeStringMap(out, p.truthPreferences());
        writeEntries(out, p.riskTierBackends());
        writeEntries(out, p.dataClassificationBackends());
        writeString(out, p.defaultBackend());
    }

    static RoutingPolicy readRoutingPolicy(EntryInput in) {
        final Map<String, String> truthPreferences = readStringMap(in);
        final int riskTiers = readCount(in, 2);
        final Map<RiskTier, List<String>> riskTierBackends = new LinkedHashMap<>(2 * riskTiers);
        for (int i = 0; i < riskTiers; i++) {
            final long at = in.readPosition();
            if (riskTierBackends.put(RISK_TIER.read(in), readStringList(in)) != null) {
                throw new CorruptEntryException("duplicate RiskTier key", at);
            }
        }
        final int classifications = readCount(in, 2);
        final Map<DataClassification, List<String>> classificationBackends = new LinkedHashMap<>(2 * classifications);
        for (int i = 0; i < classifications; i++) {
            final long at = in.readPosition();
            if (classificationBackends.put(DATA_CLASSIFICATION.read(in), readStringList(in)) != null) {
                throw new CorruptEntryException("duplicate DataClassification key", at);
            }
        }
        return new RoutingPolicy(truthPreferences, riskTierBackends, classificationBackends, readString(in));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Governed artifact types

    static void writeArtifactKind(EntryBuffer out, ArtifactKind kind) {
        if (kind instanceof ArtifactKind.Named named) {
            ARTIFACT_NAMED.write(out, named);
        } else {
            out.writeByte((byte) ARTIFACT_OTHER);
            writeString(out, ((ArtifactKind.Other) kind).name());
        }
    }

    static ArtifactKind readArtifactKind(EntryInput in) {
        final long at = in.readPosition();
        final int tag = readUnsignedByte(in);
        if (tag == ARTIFACT_OTHER) {
            return new ArtifactKind.Other(readString(in));
        }
        final ArtifactKind.Named named = ARTIFACT_NAMED.constant(tag);
        if (named == null) {
            throw unknownTag("ArtifactKind", tag, at);
        }
        return named;
    }

    static void writeLifecycleEvent(EntryBuffer out, LifecycleEvent e) {
        ARTIFACT_STATE.write(out, e.fromState());
        ARTIFACT_STATE.write(out, e.toState());
        writeString(out, e.timestamp());
        writeString(out, e.actor());
        writeString(out, e.reason());
        writeOptionalString(out, e.ticketRef());
        writeOptionalString(out, e.tenantId());
    }

    static LifecycleEvent readLifecycleEvent(EntryInput in) {
        return new LifecycleEvent(ARTIFACT_STATE.read(in), ARTIFACT_STATE.read(in), readString(in), readString(in),
                readString(in), readOptionalString(in), readOptionalString(in));
    }

    static void writeRollbackRecord(EntryBuffer out, RollbackRecord r) {
        writeString(out, r.artifactId());
        ARTIFACT_STATE.write(out, r.previousState());
        writeString(out, r.rolledBackAt());
        writeString(out, r.actor());
        writeString(out, r.reason());
        writeRollbackImpact(out, r.impact());
        writeOptionalString(out, r.incidentRef());
        writeOptionalString(out, r.tenantId());
    }

    static RollbackRecord readRollbackRecord(EntryInput in) {
        return new RollbackRecord(readString(in), ARTIFACT_STATE.read(in), readString(in), readString(in),
                readString(in), readRollbackImpact(in), readOptionalString(in), readOptionalString(in));
    }

    static void writeRollbackImpact(EntryBuffer out, RollbackImpact i) {
        writeOptionalUnsigned(out, i.affectedCount());
        writeStringList(out, i.qualityIssues());
        writeBoolean(out, i.invalidatesOutputs());
        ROLLBACK_SEVERITY.write(out, i.severity());
        writeStringList(out, i.affectedTenants());
    }

    static RollbackImpact readRollbackImpact(EntryInput in) {
        return new RollbackImpact(readOptionalUnsigned(in), readStringList(in), readBoolean(in),
                ROLLBACK_SEVERITY.read(in), readStringList(in));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Recall types

    static void writeRecallQuery(EntryBuffer out, RecallQuery q) {
        writeString(out, q.queryText());
        writeUnsigned(out, q.topK());
        if (writePresence(out, q.stepContext())) {
            DECISION_STEP.write(out, q.stepContext());
        }
        writeOptionalString(out, q.tenantScope());
    }

    static RecallQuery readRecallQuery(EntryInput in) {
        return new RecallQuery(readString(in), readUnsigned(in), readPresence(in) ? DECISION_STEP.read(in) : null,
                readOptionalString(in));
    }

    static void writeRecallProvenance(EntryBuffer out, RecallProvenanceEnvelope p) {
        writeString(out, p.queryHash());
        writeString(out, p.embeddingInputHash());
        writeString(out, p.embeddingHash());
        writeString(out, p.embedderId());
        writeString(out, p.embedderSettingsHash());
        writeString(out, p.corpusFingerprint());
        writeString(out, p.policySnapshotHash());
        RECALL_USE.write(out, p.purpose());
        writeList(out, p.consumers(), PayloadCodec::writeRecallConsumer);
        writeList(out, p.candidateScores(), PayloadCodec::writeCandidateScore);
        writeUnsigned(out, p.candidatesSearched());
        writeUnsigned(out, p.candidatesReturned());
        if (writePresence(out, p.stopReason())) {
            RECALL_STOP_REASON.write(out, p.stopReason());
        }
        writeUnsigned(out, p.latencyMs());
        writeString(out, p.timestamp());
        writeString(out, p.signature());
    }

    static RecallProvenanceEnvelope readRecallProvenance(EntryInput in) {
        return new RecallProvenanceEnvelope(readString(in), readString(in), readString(in), readString(in),
                readString(in), readString(in), readString(in), RECALL_USE.read(in),
                readList(in, PayloadCodec::readRecallConsumer, 1), readList(in, PayloadCodec::readCandidateScore, 9),
                readUnsigned(in), readUnsigned(in), readPresence(in) ? RECALL_STOP_REASON.read(in) : null,
                readUnsigned(in), readString(in), readString(in));
    }

    static void writeRecallConsumer(EntryBuffer out, RecallConsumer consumer) {
        RECALL_CONSUMER.write(out, consumer);
    }

    static RecallConsumer readRecallConsumer(EntryInput in) {
        return RECALL_CONSUMER.read(in);
    }

    static void writeRecallUse(EntryBuffer out, RecallUse use) {
        RECALL_USE.write(out, use);
    }

    static RecallUse readRecallUse(EntryInput in) {
        return RECALL_USE.read(in);
    }

    static void writeCandidateScore(EntryBuffer out, CandidateScore s) {
        writeString(out, s.id());
        writeF64(out, s.score());
    }

    static CandidateScore readCandidateScore(EntryInput in) {
        return new CandidateScore(readString(in), readUnitInterval(in));
    }

    static void writeRecallPolicy(EntryBuffer out, RecallPolicy p) {
        writeBoolean(out, p.enabled());
        writeUnsigned(out, p.maxKTotal());
        writeUnsigned(out, p.maxTokensInjection());
        writeF64(out, p.minScoreThreshold());
        writeUnsigned(out, p.budgets().maxLatencyMs());
        writeUnsigned(out, p.budgets().maxEmbeddingCalls());
        writeUnsigned(out, p.budgets().maxTokensPerCandidate());
        writeList(out, p.allowedUses(), PayloadCodec::writeRecallUse);
        writeF64(out, p.priorWeight());
    }

    static RecallPolicy readRecallPolicy(EntryInput in) {
        return new RecallPolicy(readBoolean(in), readUnsigned(in), readUnsigned(in), readUnitInterval(in),
                new RecallBudgets(readUnsigned(in), readUnsigned(in), readUnsigned(in)),
                readList(in, PayloadCodec::readRecallUse, 1), readUnitInterval(in));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Policy snapshots, budgets, gates, stop reasons

    static void writePolicySnapshot(EntryBuffer out, PolicySnapshot snapshot) {
        if (snapshot instanceof PolicySnapshot.Kernel kernel) {
            out.writeByte((byte) POLICY_KERNEL);
            writeKernelPolicy(out, kernel.policy());
        } else if (snapshot instanceof PolicySnapshot.Routing routing) {
            out.writeByte((byte) POLICY_ROUTING);
            writeRoutingPolicy(out, routing.policy());
        } else {
            out.writeByte((byte) POLICY_RECALL);
            writeRecallPolicy(out, ((PolicySnapshot.Recall) snapshot).policy());
        }
    }

    static PolicySnapshot readPolicySnapshot(EntryInput in) {
        final long at = in.readPosition();
        final int tag = readUnsignedByte(in);
        return switch (tag) {
            case POLICY_KERNEL -> new PolicySnapshot.Kernel(readKernelPolicy(in));
            case POLICY_ROUTING -> new PolicySnapshot.Routing(readRoutingPolicy(in));
            case POLICY_RECALL -> new PolicySnapshot.Recall(readRecallPolicy(in));
            default -> throw unknownTag("PolicySnapshot", tag, at);
        };
    }

    static void writeBudgetResource(EntryBuffer out, BudgetResource resource) {
        if (resource instanceof BudgetResource.Named named) {
            BUDGET_NAMED.write(out, named);
        } else {
            out.writeByte((byte) BUDGET_OTHER);
            writeString(out, ((BudgetResource.Other) resource).name());
        }
    }

    static BudgetResource readBudgetResource(EntryInput in) {
        final long at = in.readPosition();
        final int tag = readUnsignedByte(in);
        if (tag == BUDGET_OTHER) {
            return new BudgetResource.Other(readString(in));
        }
        final BudgetResource.Named named = BUDGET_NAMED.constant(tag);
        if (named == null) {
            throw unknownTag("BudgetResource", tag, at);
        }
        return named;
    }

    static void writeGateRequest(EntryBuffer out, GateRequest r) {
        writeString(out, r.gateId().value());
        writeString(out, r.proposalId().value());
        writeString(out, r.summary());
        writeString(out, r.agentId());
        writeOptionalString(out, r.rationale());
        writeList(out, r.contextData(), PayloadCodec::writeContextItem);
        writeUnsigned(out, r.cycle());
        writeString(out, r.requestedAt());
        writeUnsigned(out, r.timeout().timeoutSecs());
        TIMEOUT_ACTION.write(out, r.timeout().action());
    }

    static GateRequest readGateRequest(EntryInput in) {
        return new GateRequest(new GateId(readString(in)), new ProposalId(readString(in)), readString(in),
                readString(in), readOptionalString(in), readList(in, PayloadCodec::readContextItem, 2), readU32(in),
                readString(in), new TimeoutPolicy(readUnsigned(in), TIMEOUT_ACTION.read(in)));
    }

    static void writeContextItem(EntryBuffer out, ContextItem item) {
        writeString(out, item.label());
        writeString(out, item.value());
    }

    static ContextItem readContextItem(EntryInput in) {
        return new ContextItem(readString(in), readString(in));
    }

    static void writeGateDecision(EntryBuffer out, GateDecision d) {
        writeString(out, d.gateId().value());
        if (d.verdict() instanceof GateVerdict.Reject reject) {
            out.writeByte((byte) VERDICT_REJECT);
            writeOptionalString(out, reject.reason());
        } else {
            out.writeByte((byte) VERDICT_APPROVE);
        }
        writeString(out, d.decidedBy());
        writeString(out, d.decidedAt());
    }

    static GateDecision readGateDecision(EntryInput in) {
        final GateId gateId = new GateId(readString(in));
        final long at = in.readPosition();
        final int tag = readUnsignedByte(in);
        final GateVerdict verdict = switch (tag) {
            case VERDICT_APPROVE -> new GateVerdict.Approve();
            case VERDICT_REJECT -> new GateVerdict.Reject(readOptionalString(in));
            default -> throw unknownTag("GateVerdict", tag, at);
        };
        return new GateDecision(gateId, verdict, readString(in), readString(in));
    }

    static void writeStopReason(EntryBuffer out, StopReason reason) {
        if (reason instanceof StopReason.Converged) {
            out.writeByte((byte) STOP_CONVERGED);
        } else if (reason instanceof StopReason.CriteriaMet r) {
            out.writeByte((byte) STOP_CRITERIA_MET);
            writeList(out, r.criteria(), PayloadCodec::writeCriterionId);
        } else if (reason instanceof StopReason.UserCancelled) {
            out.writeByte((byte) STOP_USER_CANCELLED);
        } else if (reason instanceof StopReason.HumanInterventionRequired r) {
            out.writeByte((byte) STOP_HUMAN_INTERVENTION_REQUIRED);
            writeList(out, r.criteria(), PayloadCodec::writeCriterionId);
            writeList(out, r.approvalRefs(), PayloadCodec::writeApprovalPointId);
        } else if (reason instanceof StopReason.CycleBudgetExhausted r) {
            out.writeByte((byte) STOP_CYCLE_BUDGET_EXHAUSTED);
            writeUnsigned(out, r.cyclesExecuted());
            writeUnsigned(out, r.limit());
        } else if (reason instanceof StopReason.FactBudgetExhausted r) {
            out.writeByte((byte) STOP_FACT_BUDGET_EXHAUSTED);
            writeUnsigned(out, r.factsCount());
            writeUnsigned(out, r.limit());
        } else if (reason instanceof StopReason.TokenBudgetExhausted r) {
            out.writeByte((byte) STOP_TOKEN_BUDGET_EXHAUSTED);
            writeUnsigned(out, r.tokensConsumed());
            writeUnsigned(out, r.limit());
        } else if (reason instanceof StopReason.TimeBudgetExhausted r) {
            out.writeByte((byte) STOP_TIME_BUDGET_EXHAUSTED);
            writeUnsigned(out, r.durationMs());
            writeUnsigned(out, r.limitMs());
        } else {
            writeStopReasonWithText(out, reason);
        }
    }

    private static void writeStopReasonWithText(EntryBuffer out, StopReason reason) {
        if (reason instanceof StopReason.InvariantViolated r) {
            out.writeByte((byte) STOP_INVARIANT_VIOLATED);
            INVARIANT_CLASS.write(out, r.invariantClass());
            writeString(out, r.name());
            writeString(out, r.reason());
        } else if (reason instanceof StopReason.PromotionRejected r) {
            out.writeByte((byte) STOP_PROMOTION_REJECTED);
            writeString(out, r.proposalId());
            writeString(out, r.reason());
        } else if (reason instanceof StopReason.Error r) {
            out.writeByte((byte) STOP_ERROR);
            writeString(out, r.message());
            ERROR_CATEGORY.write(out, r.category());
        } else if (reason instanceof StopReason.AgentRefused r) {
            out.writeByte((byte) STOP_AGENT_REFUSED);
            writeString(out, r.agentId());
            writeString(out, r.reason());
        } else {
            final StopReason.HitlGatePending r = (StopReason.HitlGatePending) reason;
            out.writeByte((byte) STOP_HITL_GATE_PENDING);
            writeString(out, r.gateId());
            writeString(out, r.proposalId());
            writeString(out, r.summary());
            writeString(out, r.agentId());
            writeUnsigned(out, r.cycle());
        }
    }

    static StopReason readStopReason(EntryInput in) {
        final long at = in.readPosition();
        final int tag = readUnsignedByte(in);
        return switch (tag) {
            case STOP_CONVERGED -> new StopReason.Converged();
            case STOP_CRITERIA_MET -> new StopReason.CriteriaMet(readList(in, PayloadCodec::readCriterionId,
                    MIN_STRING_BYTES));
            case STOP_USER_CANCELLED -> new StopReason.UserCancelled();
            case STOP_HUMAN_INTERVENTION_REQUIRED -> new StopReason.HumanInterventionRequired(
                    readList(in, PayloadCodec::readCriterionId, MIN_STRING_BYTES),
                    readList(in, PayloadCodec::readApprovalPointId, MIN_STRING_BYTES));
            case STOP_CYCLE_BUDGET_EXHAUSTED -> new StopReason.CycleBudgetExhausted(readU32(in), readU32(in));
            case STOP_FACT_BUDGET_EXHAUSTED -> new StopReason.FactBudgetExhausted(readU32(in), readU32(in));
            case STOP_TOKEN_BUDGET_EXHAUSTED -> new StopReason.TokenBudgetExhausted(readUnsigned(in), readUnsigned(in));
            case STOP_TIME_BUDGET_EXHAUSTED -> new StopReason.TimeBudgetExhausted(readUnsigned(in), readUnsigned(in));
            case STOP_INVARIANT_VIOLATED -> new StopReason.InvariantViolated(INVARIANT_CLASS.read(in), readString(in),
                    readString(in));
            case STOP_PROMOTION_REJECTED -> new StopReason.PromotionRejected(readString(in), readString(in));
            case STOP_ERROR -> new StopReason.Error(readString(in), ERROR_CATEGORY.read(in));
            case STOP_AGENT_REFUSED -> new StopReason.AgentRefused(readString(in), readString(in));
            case STOP_HITL_GATE_PENDING -> new StopReason.HitlGatePending(readString(in), readString(in),
                    readString(in), readString(in), readU32(in));
            default -> throw unknownTag("StopReason", tag, at);
        };
    }

    static void writeCriterionId(EntryBuffer out, CriterionId id) {
        writeString(out, id.value());
    }

    static CriterionId readCriterionId(EntryInput in) {
        return new CriterionId(readString(in));
    }

    static void writeApprovalPointId(EntryBuffer out, ApprovalPointId id) {
        writeString(out, id.value());
    }

    static ApprovalPointId readApprovalPointId(EntryInput in) {
        return new ApprovalPointId(readString(in));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Maps

    /**
     * Writes a string map: its entry count, then key and value of each entry in iteration order. Iterates with
     * {@code forEach} and the buffer's own {@link MapEntryWriter}, which allocates nothing (an entry-set iterator
     * over the model's unmodifiable maps allocates wrappers, and a capturing lambda allocates itself).
     */
    static void writeStringMap(EntryBuffer out, Map<String, String> map) {
        writeEntries(out, map);
    }

    private static void writeEntries(EntryBuffer out, Map<?, ?> map) {
        writeCount(out, map.size());
        if (map.isEmpty()) {
            return;
        }
        BiConsumer<Object, Object> writer = out.mapEntryWriter();
        if (writer == null) {
            writer = new MapEntryWriter(out);
            out.mapEntryWriter(writer);
        }
        map.forEach(writer);
    }

    /**
     * Reads a string map keeping the written order; a repeated key is corrupt. A map of a few entries, the usual
     * case, is read into an array ({@link DecodedStringMap}) instead of a hash map the model would copy again.
     */
    @SuppressWarnings("unchecked")
    static Map<String, String> readStringMap(EntryInput in) {
        final int count = readCount(in, 2);
        if (count == 0) {
            return Map.of();
        }
        if (count <= SMALL_MAP) {
            final Map.Entry<String, String>[] entries = new Map.Entry[count];
            for (int i = 0; i < count; i++) {
                final long at = in.readPosition();
                final String key = readString(in);
                for (int j = 0; j < i; j++) {
                    if (entries[j].getKey().equals(key)) {
                        throw new CorruptEntryException("duplicate map key", at);
                    }
                }
                entries[i] = new AbstractMap.SimpleImmutableEntry<>(key, readString(in));
            }
            return new DecodedStringMap(entries);
        }
        final Map<String, String> map = new LinkedHashMap<>(2 * count);
        for (int i = 0; i < count; i++) {
            final long at = in.readPosition();
            if (map.put(readString(in), readString(in)) != null) {
                throw new CorruptEntryException("duplicate map key", at);
            }
        }
        return map;
    }

    private static CorruptEntryException unknownTag(String type, int tag, long at) {
        return new CorruptEntryException("unknown " + type + " tag " + tag, at);
    }

    /**
     * Writes one map entry to the buffer it belongs to: a string key and value, or a RiskTier or
     * DataClassification key and a string list. Made once per buffer; no map value is itself a map, so it is
     * never re-entered.
     */
    private static final class MapEntryWriter implements BiConsumer<Object, Object> {
        private final EntryBuffer out;

        MapEntryWriter(EntryBuffer out) {
            this.out = out;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void accept(Object key, Object value) {
            if (key instanceof String text) {
                writeString(out, text);
                writeString(out, (String) value);
            } else if (key instanceof RiskTier tier) {
                RISK_TIER.write(out, tier);
                writeStringList(out, (List<String>) value);
            } else {
                DATA_CLASSIFICATION.write(out, (DataClassification) key);
                writeStringList(out, (List<String>) value);
            }
        }
    }
}
