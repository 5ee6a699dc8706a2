package io.experienceledger.json;

import static io.experienceledger.json.Member.bool;
import static io.experienceledger.json.Member.opt;
import static io.experienceledger.json.Member.req;
import static io.experienceledger.json.Member.u32;
import static io.experienceledger.json.Member.u64;

import io.experienceledger.model.ContextItem;
import io.experienceledger.model.CriterionId;
import io.experienceledger.model.ErrorCategory;
import io.experienceledger.model.GateDecision;
import io.experienceledger.model.GateRequest;
import io.experienceledger.model.GateVerdict;
import io.experienceledger.model.GovernedArtifactState;
import io.experienceledger.model.InvariantClass;
import io.experienceledger.model.LifecycleEvent;
import io.experienceledger.model.RollbackImpact;
import io.experienceledger.model.RollbackRecord;
import io.experienceledger.model.RollbackSeverity;
import io.experienceledger.model.StopReason;
import io.experienceledger.model.TimeoutAction;
import io.experienceledger.model.TimeoutPolicy;
import java.util.List;

/**
 * Codecs for governed artifacts (spec section 5), human-in-the-loop gates (section 7) and the engine stop reason
 * (section 8).
 */
final class GovernanceCodecs {
    static final ExternallyTagged<GovernedArtifactState> ARTIFACT_STATE =
            ExternallyTagged.units("GovernedArtifactState", GovernedArtifactState.values(), Enum::name);
    static final ExternallyTagged<RollbackSeverity> ROLLBACK_SEVERITY =
            ExternallyTagged.units("RollbackSeverity", RollbackSeverity.values(), Enum::name);
    static final ExternallyTagged<TimeoutAction> TIMEOUT_ACTION =
            ExternallyTagged.units("TimeoutAction", TimeoutAction.values(), Enum::name);
    static final ExternallyTagged<ErrorCategory> ERROR_CATEGORY =
            ExternallyTagged.units("ErrorCategory", ErrorCategory.values(), Enum::name);
    static final ExternallyTagged<InvariantClass> INVARIANT_CLASS =
            ExternallyTagged.units("InvariantClass", InvariantClass.values(), Enum::name);

    static final StructCodec<LifecycleEvent> LIFECYCLE_EVENT = StructCodec.of("struct LifecycleEvent",
            v -> new LifecycleEvent(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6)),
            req("from_state", ARTIFACT_STATE, LifecycleEvent::fromState),
            req("to_state", ARTIFACT_STATE, LifecycleEvent::toState),
            req("timestamp", Scalars.STRING, LifecycleEvent::timestamp),
            req("actor", Scalars.STRING, LifecycleEvent::actor),
            req("reason", Scalars.STRING, LifecycleEvent::reason),
            opt("ticket_ref", Scalars.STRING, LifecycleEvent::ticketRef),
            opt("tenant_id", Scalars.STRING, LifecycleEvent::tenantId));

    static final StructCodec<RollbackImpact> ROLLBACK_IMPACT = StructCodec.of("struct RollbackImpact",
            v -> new RollbackImpact(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
            opt("affected_count", Scalars.U64, RollbackImpact::affectedCount),
            req("quality_issues", Scalars.STRING_LIST, RollbackImpact::qualityIssues),
            bool("invalidates_outputs", RollbackImpact::invalidatesOutputs),
            req("severity", ROLLBACK_SEVERITY, RollbackImpact::severity),
            req("affected_tenants", Scalars.STRING_LIST, RollbackImpact::affectedTenants));

    static final StructCodec<RollbackRecord> ROLLBACK_RECORD = StructCodec.of("struct RollbackRecord",
            v -> new RollbackRecord(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7)),
            req("artifact_id", Scalars.STRING, RollbackRecord::artifactId),
            req("previous_state", ARTIFACT_STATE, RollbackRecord::previousState),
            req("rolled_back_at", Scalars.STRING, RollbackRecord::rolledBackAt),
            req("actor", Scalars.STRING, RollbackRecord::actor),
            req("reason", Scalars.STRING, RollbackRecord::reason),
            req("impact", ROLLBACK_IMPACT, RollbackRecord::impact),
            opt("incident_ref", Scalars.STRING, RollbackRecord::incidentRef),
            opt("tenant_id", Scalars.STRING, RollbackRecord::tenantId));

    static final StructCodec<ContextItem> CONTEXT_ITEM = StructCodec.of("struct ContextItem",
            v -> new ContextItem(v.get(0), v.get(1)),
            req("label", Scalars.STRING, ContextItem::label),
            req("value", Scalars.STRING, ContextItem::value));

    static final StructCodec<TimeoutPolicy> TIMEOUT_POLICY = StructCodec.of("struct TimeoutPolicy",
            v -> new TimeoutPolicy(v.get(0), v.get(1)),
            u64("timeout_secs", TimeoutPolicy::timeoutSecs),
            req("action", TIMEOUT_ACTION, TimeoutPolicy::action));

    static final StructCodec<GateRequest> GATE_REQUEST = StructCodec.of("struct GateRequest",
            v -> new GateRequest(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7),
                    v.get(8)),
            req("gate_id", Identifiers.GATE_ID, GateRequest::gateId),
            req("proposal_id", Identifiers.PROPOSAL_ID, GateRequest::proposalId),
            req("summary", Scalars.STRING, GateRequest::summary),
            req("agent_id", Scalars.STRING, GateRequest::agentId),
            opt("rationale", Scalars.STRING, GateRequest::rationale),
            req("context_data", Scalars.listOf(CONTEXT_ITEM), GateRequest::contextData),
            u32("cycle", GateRequest::cycle),
            req("requested_at", Scalars.STRING, GateRequest::requestedAt),
            req("timeout", TIMEOUT_POLICY, GateRequest::timeout));

    static final ExternallyTagged<GateVerdict> GATE_VERDICT = ExternallyTagged.<GateVerdict>builder("GateVerdict")
            .unit("Approve", new GateVerdict.Approve())
            .struct("Reject", GateVerdict.Reject.class,
                    v -> new GateVerdict.Reject(v.get(0)),
                    opt("reason", Scalars.STRING, GateVerdict.Reject::reason))
            .build();

    static final StructCodec<GateDecision> GATE_DECISION = StructCodec.of("struct GateDecision",
            v -> new GateDecision(v.get(0), v.get(1), v.get(2), v.get(3)),
            req("gate_id", Identifiers.GATE_ID, GateDecision::gateId),
            req("verdict", GATE_VERDICT, GateDecision::verdict),
            req("decided_by", Scalars.STRING, GateDecision::decidedBy),
            req("decided_at", Scalars.STRING, GateDecision::decidedAt));

    private static final Codec<List<CriterionId>> CRITERIA = Scalars.listOf(Identifiers.CRITERION_ID);

    static final ExternallyTagged<StopReason> STOP_REASON = ExternallyTagged.<StopReason>builder("StopReason")
            .unit("Converged", new StopReason.Converged())
            .struct("CriteriaMet", StopReason.CriteriaMet.class,
                    v -> new StopReason.CriteriaMet(v.get(0)),
                    req("criteria", CRITERIA, StopReason.CriteriaMet::criteria))
            .unit("UserCancelled", new StopReason.UserCancelled())
            .struct("HumanInterventionRequired", StopReason.HumanInterventionRequired.class,
                    v -> new StopReason.HumanInterventionRequired(v.get(0), v.get(1)),
                    req("criteria", CRITERIA, StopReason.HumanInterventionRequired::criteria),
                    req("approval_refs", Scalars.listOf(Identifiers.APPROVAL_POINT_ID),
                            StopReason.HumanInterventionRequired::approvalRefs))
            .struct("CycleBudgetExhausted", StopReason.CycleBudgetExhausted.class,
                    v -> new StopReason.CycleBudgetExhausted(v.get(0), v.get(1)),
                    u32("cycles_executed", StopReason.CycleBudgetExhausted::cyclesExecuted),
                    u32("limit", StopReason.CycleBudgetExhausted::limit))
            .struct("FactBudgetExhausted", StopReason.FactBudgetExhausted.class,
                    v -> new StopReason.FactBudgetExhausted(v.get(0), v.get(1)),
                    u32("facts_count", StopReason.FactBudgetExhausted::factsCount),
                    u32("limit", StopReason.FactBudgetExhausted::limit))
            .struct("TokenBudgetExhausted", StopReason.TokenBudgetExhausted.class,
                    v -> new StopReason.TokenBudgetExhausted(v.get(0), v.get(1)),
                    u64("tokens_consumed", StopReason.TokenBudgetExhausted::tokensConsumed),
                    u64("limit", StopReason.TokenBudgetExhausted::limit))
            .struct("TimeBudgetExhausted", StopReason.TimeBudgetExhausted.class,
                    v -> new StopReason.TimeBudgetExhausted(v.get(0), v.get(1)),
                    u64("duration_ms", StopReason.TimeBudgetExhausted::durationMs),
                    u64("limit_ms", StopReason.TimeBudgetExhausted::limitMs))
            .struct("InvariantViolated", StopReason.InvariantViolated.class,
                    v -> new StopReason.InvariantViolated(v.get(0), v.get(1), v.get(2)),
                    req("class", INVARIANT_CLASS, StopReason.InvariantViolated::invariantClass),
                    req("name", Scalars.STRING, StopReason.InvariantViolated::name),
                    req("reason", Scalars.STRING, StopReason.InvariantViolated::reason))
            .struct("PromotionRejected", StopReason.PromotionRejected.class,
                    v -> new StopReason.PromotionRejected(v.get(0), v.get(1)),
                    req("proposal_id", Scalars.STRING, StopReason.PromotionRejected::proposalId),
                    req("reason", Scalars.STRING, StopReason.PromotionRejected::reason))
            .struct("Error", StopReason.Error.class,
                    v -> new StopReason.Error(v.get(0), v.get(1)),
                    req("message", Scalars.STRING, StopReason.Error::message),
                    req("category", ERROR_CATEGORY, StopReason.Error::category))
            .struct("AgentRefused", StopReason.AgentRefused.class,
                    v -> new StopReason.AgentRefused(v.get(0), v.get(1)),
                    req("agent_id", Scalars.STRING, StopReason.AgentRefused::agentId),
                    req("reason", Scalars.STRING, StopReason.AgentRefused::reason))
            .struct("HitlGatePending", StopReason.HitlGatePending.class,
                    v -> new StopReason.HitlGatePending(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
                    req("gate_id", Scalars.STRING, StopReason.HitlGatePending::gateId),
                    req("proposal_id", Scalars.STRING, StopReason.HitlGatePending::proposalId),
                    req("summary", Scalars.STRING, StopReason.HitlGatePending::summary),
                    req("agent_id", Scalars.STRING, StopReason.HitlGatePending::agentId),
                    u32("cycle", StopReason.HitlGatePending::cycle))
            .build();

    private GovernanceCodecs() {
    }
}
