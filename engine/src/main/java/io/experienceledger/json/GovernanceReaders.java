package io.experienceledger.json;

import static io.experienceledger.json.StructReader.opt;
import static io.experienceledger.json.StructReader.req;

import io.experienceledger.model.ApprovalPointId;
import io.experienceledger.model.ContextItem;
import io.experienceledger.model.CriterionId;
import io.experienceledger.model.ErrorCategory;
import io.experienceledger.model.GateDecision;
import io.experienceledger.model.GateId;
import io.experienceledger.model.GateRequest;
import io.experienceledger.model.GateVerdict;
import io.experienceledger.model.GovernedArtifactState;
import io.experienceledger.model.InvariantClass;
import io.experienceledger.model.LifecycleEvent;
import io.experienceledger.model.ProposalId;
import io.experienceledger.model.RollbackImpact;
import io.experienceledger.model.RollbackRecord;
import io.experienceledger.model.RollbackSeverity;
import io.experienceledger.model.StopReason;
import io.experienceledger.model.TimeoutAction;
import io.experienceledger.model.TimeoutPolicy;

/**
 * Readers for governed artifacts (spec section 5), human-in-the-loop gates (section 7) and the engine stop reason
 * (section 8).
 */
final class GovernanceReaders {
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

    static final StructReader<LifecycleEvent> LIFECYCLE_EVENT = StructReader.of("struct LifecycleEvent",
            v -> new LifecycleEvent(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6)),
            req("from_state", ARTIFACT_STATE),
            req("to_state", ARTIFACT_STATE),
            req("timestamp", Scalars::string),
            req("actor", Scalars::string),
            req("reason", Scalars::string),
            opt("ticket_ref", Scalars::string),
            opt("tenant_id", Scalars::string));

    static final StructReader<RollbackImpact> ROLLBACK_IMPACT = StructReader.of("struct RollbackImpact",
            v -> new RollbackImpact(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
            opt("affected_count", Scalars::u64),
            req("quality_issues", Scalars.listOf(Scalars::string)),
            req("invalidates_outputs", Scalars::bool),
            req("severity", ROLLBACK_SEVERITY),
            req("affected_tenants", Scalars.listOf(Scalars::string)));

    static final StructReader<RollbackRecord> ROLLBACK_RECORD = StructReader.of("struct RollbackRecord",
            v -> new RollbackRecord(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7)),
            req("artifact_id", Scalars::string),
            req("previous_state", ARTIFACT_STATE),
            req("rolled_back_at", Scalars::string),
            req("actor", Scalars::string),
            req("reason", Scalars::string),
            req("impact", ROLLBACK_IMPACT),
            opt("incident_ref", Scalars::string),
            opt("tenant_id", Scalars::string));

    static final StructReader<ContextItem> CONTEXT_ITEM = StructReader.of("struct ContextItem",
            v -> new ContextItem(v.get(0), v.get(1)),
            req("label", Scalars::string),
            req("value", Scalars::string));

    static final StructReader<TimeoutPolicy> TIMEOUT_POLICY = StructReader.of("struct TimeoutPolicy",
            v -> new TimeoutPolicy(v.get(0), v.get(1)),
            req("timeout_secs", Scalars::u64),
            req("action", TIMEOUT_ACTION));

    static final StructReader<GateRequest> GATE_REQUEST = StructReader.of("struct GateRequest",
            v -> new GateRequest(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7),
                    v.get(8)),
            req("gate_id", (node, path) -> new GateId(Scalars.string(node, path))),
            req("proposal_id", (node, path) -> new ProposalId(Scalars.string(node, path))),
            req("summary", Scalars::string),
            req("agent_id", Scalars::string),
            opt("rationale", Scalars::string),
            req("context_data", Scalars.listOf(CONTEXT_ITEM)),
            req("cycle", Scalars::u32),
            req("requested_at", Scalars::string),
            req("timeout", TIMEOUT_POLICY));

    static final ExternallyTagged<GateVerdict> GATE_VERDICT = ExternallyTagged.<GateVerdict>builder("GateVerdict")
            .unit("Approve", new GateVerdict.Approve())
            .struct("Reject", StructReader.of("struct variant GateVerdict::Reject",
                    v -> new GateVerdict.Reject(v.get(0)),
                    opt("reason", Scalars::string)))
            .build();

    static final StructReader<GateDecision> GATE_DECISION = StructReader.of("struct GateDecision",
            v -> new GateDecision(v.get(0), v.get(1), v.get(2), v.get(3)),
            req("gate_id", (node, path) -> new GateId(Scalars.string(node, path))),
            req("verdict", GATE_VERDICT),
            req("decided_by", Scalars::string),
            req("decided_at", Scalars::string));

    private static final Decoder<java.util.List<CriterionId>> CRITERIA =
            Scalars.listOf((node, path) -> new CriterionId(Scalars.string(node, path)));

    static final ExternallyTagged<StopReason> STOP_REASON = ExternallyTagged.<StopReason>builder("StopReason")
            .unit("Converged", new StopReason.Converged())
            .struct("CriteriaMet", variant("CriteriaMet",
                    v -> new StopReason.CriteriaMet(v.get(0)),
                    req("criteria", CRITERIA)))
            .unit("UserCancelled", new StopReason.UserCancelled())
            .struct("HumanInterventionRequired", variant("HumanInterventionRequired",
                    v -> new StopReason.HumanInterventionRequired(v.get(0), v.get(1)),
                    req("criteria", CRITERIA),
                    req("approval_refs", Scalars.listOf((node, path) ->
                            new ApprovalPointId(Scalars.string(node, path))))))
            .struct("CycleBudgetExhausted", variant("CycleBudgetExhausted",
                    v -> new StopReason.CycleBudgetExhausted(v.get(0), v.get(1)),
                    req("cycles_executed", Scalars::u32),
                    req("limit", Scalars::u32)))
            .struct("FactBudgetExhausted", variant("FactBudgetExhausted",
                    v -> new StopReason.FactBudgetExhausted(v.get(0), v.get(1)),
                    req("facts_count", Scalars::u32),
                    req("limit", Scalars::u32)))
            .struct("TokenBudgetExhausted", variant("TokenBudgetExhausted",
                    v -> new StopReason.TokenBudgetExhausted(v.get(0), v.get(1)),
                    req("tokens_consumed", Scalars::u64),
                    req("limit", Scalars::u64)))
            .struct("TimeBudgetExhausted", variant("TimeBudgetExhausted",
                    v -> new StopReason.TimeBudgetExhausted(v.get(0), v.get(1)),
                    req("duration_ms", Scalars::u64),
                    req("limit_ms", Scalars::u64)))
            .struct("InvariantViolated", variant("InvariantViolated",
                    v -> new StopReason.InvariantViolated(v.get(0), v.get(1), v.get(2)),
                    req("class", INVARIANT_CLASS),
                    req("name", Scalars::string),
                    req("reason", Scalars::string)))
            .struct("PromotionRejected", variant("PromotionRejected",
                    v -> new StopReason.PromotionRejected(v.get(0), v.get(1)),
                    req("proposal_id", Scalars::string),
                    req("reason", Scalars::string)))
            .struct("Error", variant("Error",
                    v -> new StopReason.Error(v.get(0), v.get(1)),
                    req("message", Scalars::string),
                    req("category", ERROR_CATEGORY)))
            .struct("AgentRefused", variant("AgentRefused",
                    v -> new StopReason.AgentRefused(v.get(0), v.get(1)),
                    req("agent_id", Scalars::string),
                    req("reason", Scalars::string)))
            .struct("HitlGatePending", variant("HitlGatePending",
                    v -> new StopReason.HitlGatePending(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
                    req("gate_id", Scalars::string),
                    req("proposal_id", Scalars::string),
                    req("summary", Scalars::string),
                    req("agent_id", Scalars::string),
                    req("cycle", Scalars::u32)))
            .build();

    private GovernanceReaders() {
    }

    private static StructReader<StopReason> variant(String name, StructReader.Builder<StopReason> builder,
                                                    StructReader.Field... fields) {
        return StructReader.of("struct variant StopReason::" + name, builder, fields);
    }
}
