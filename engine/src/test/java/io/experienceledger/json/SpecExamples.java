package io.experienceledger.json;

import io.experienceledger.model.ActorId;
import io.experienceledger.model.BackendId;
import io.experienceledger.model.BoundaryKind;
import io.experienceledger.model.BoundaryTarget;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ContentHash;
import io.experienceledger.model.ContextItem;
import io.experienceledger.model.CorrectionTarget;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.DecisionStep;
import io.experienceledger.model.DomainId;
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
import io.experienceledger.model.HypothesisOutcome;
import io.experienceledger.model.JsonValue;
import io.experienceledger.model.LocalReplayTrace;
import io.experienceledger.model.PackId;
import io.experienceledger.model.PolicyId;
import io.experienceledger.model.PolicySnapshot;
import io.experienceledger.model.ProposalId;
import io.experienceledger.model.RecallBudgets;
import io.experienceledger.model.RecallPolicy;
import io.experienceledger.model.RecallUse;
import io.experienceledger.model.SamplerParams;
import io.experienceledger.model.StopReason;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TimeRange;
import io.experienceledger.model.TimeoutAction;
import io.experienceledger.model.TimeoutPolicy;
import io.experienceledger.model.TraceLinkId;
import io.experienceledger.model.UserExperienceEvent;
import io.experienceledger.model.UserExperienceEventEnvelope;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The example documents of spec section 11, copied verbatim (pretty-printed as in the spec), each paired with the
 * model value it denotes, built here with the model constructors. {@link #compact(String)} turns the spec text into
 * the canonical compact form by removing whitespace outside strings, an oracle independent of the writer.
 * Shared by the writer and reader tests.
 */
final class SpecExamples {

    /**
     * A spec example: its section, its text as printed in the spec, the value it denotes, the codec of the value's
     * type, and the public reader of that type.
     */
    record Example<T>(String section, String specText, T value, Codec<T> codec, Function<String, T> reader) {
        @Override
        public String toString() {
            return section;
        }
    }

    /** Verbatim from the spec. */
    static final String EX_11_1 = """
            {
              "event_id": "evt-1",
              "occurred_at": "2026-04-28T12:00:00Z",
              "tenant_id": null,
              "correlation_id": null,
              "event": {
                "type": "BudgetExceeded",
                "data": {
                  "chain_id": "c-1",
                  "resource": {"Other": "gpu-seconds"},
                  "limit": "999",
                  "observed": null
                }
              }
            }
            """;

    /** Verbatim from the spec. */
    static final String EX_11_2 = """
            {
              "event_id": "evt-2",
              "occurred_at": "2026-04-28T12:00:01Z",
              "tenant_id": "tenant-x",
              "correlation_id": "corr-1",
              "event": {
                "type": "OutcomeRecorded",
                "data": {
                  "chain_id": "c-1",
                  "step": "Planning",
                  "passed": false,
                  "stop_reason": {"CycleBudgetExhausted": {"cycles_executed": 50, "limit": 50}},
                  "latency_ms": 12,
                  "tokens": 42,
                  "cost_microdollars": null,
                  "backend": "local",
                  "metadata": {"x-kong-proxy-latency": "3"}
                }
              }
            }
            """;

    /** Verbatim from the spec. */
    static final String EX_11_3 = """
            {
              "event_id": "evt-3",
              "occurred_at": "2026-04-28T12:00:02Z",
              "tenant_id": "tenant-x",
              "correlation_id": null,
              "event": {
                "type": "ReplayTraceRecorded",
                "data": {
                  "trace_link_id": "trace-9",
                  "trace_link": {
                    "type": "Local",
                    "base_model_hash": "abc123",
                    "adapter": null,
                    "tokenizer_hash": "tok123",
                    "seed": 42,
                    "sampler": {"temperature": 0.0, "top_p": 1.0, "top_k": null},
                    "prompt_version": "v1",
                    "recall": null,
                    "weights_mutated": false,
                    "execution_env": {"device": "cpu", "backend": "ndarray", "precision": "f32"}
                  }
                }
              }
            }
            """;

    /** Verbatim from the spec. */
    static final String EX_11_4 = """
            {
              "event_id": "evt-5",
              "occurred_at": "2026-04-28T12:00:04Z",
              "tenant_id": null,
              "correlation_id": "corr-1",
              "event": {
                "type": "HypothesisResolved",
                "data": {
                  "chain_id": "c-1",
                  "fact_id": "f-1",
                  "domain": "market",
                  "claim": "price will increase",
                  "confidence": 0.85,
                  "outcome": "Confirmed",
                  "formed_cycle": 1,
                  "resolved_cycle": 3
                }
              }
            }
            """;

    /** Verbatim from the spec. */
    static final String EX_11_5 = """
            {
              "event_id": "evt-6",
              "occurred_at": "2026-04-28T12:00:05Z",
              "tenant_id": "tenant-x",
              "correlation_id": null,
              "event": {
                "type": "GateDecisionRecorded",
                "data": {
                  "request": {
                    "gate_id": "hitl-1",
                    "proposal_id": "prop-1",
                    "summary": "Ship it",
                    "agent_id": "planner",
                    "rationale": null,
                    "context_data": [{"label": "ARR", "value": "$120k"}],
                    "cycle": 3,
                    "requested_at": "lamport:0",
                    "timeout": {"timeout_secs": 1800, "action": "Reject"}
                  },
                  "decision": {
                    "gate_id": "hitl-1",
                    "verdict": {"Reject": {"reason": "too risky"}},
                    "decided_by": "admin",
                    "decided_at": "lamport:0"
                  }
                }
              }
            }
            """;

    /** Verbatim from the spec. */
    static final String EX_11_6 = """
            {
              "event_id": "user-evt-1",
              "occurred_at": "2026-04-28T12:00:06Z",
              "tenant_id": "tenant-x",
              "correlation_id": "corr-7",
              "event": {
                "type": "UserCorrection",
                "data": {
                  "target": {"kind": "fact", "fact_id": "fact-1"},
                  "actor": "operator-1",
                  "policy_snapshot_hash": null,
                  "original_content": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                  "corrected_content": {"kind": "Claim", "content": "corrected claim", "structured": null},
                  "reason": "source was stale"
                }
              }
            }
            """;

    /** Verbatim from the spec. */
    static final String EX_11_7 = """
            {
              "tenant_id": "tenant-x",
              "time_range": {"start": "2026-04-28T00:00:00Z", "end": null},
              "kinds": ["OutcomeRecorded", "BudgetExceeded"],
              "correlation_id": null,
              "chain_id": "c-1",
              "limit": 10
            }
            """;

    /** Verbatim from the spec. */
    static final String EX_11_8 = """
            {
              "kind": "User",
              "value": {
                "event_id": "user-evt-2",
                "occurred_at": "2026-04-28T12:00:07Z",
                "tenant_id": null,
                "correlation_id": null,
                "event": {
                  "type": "UserBoundaryAdjusted",
                  "data": {
                    "boundary": "authority",
                    "target": {"scope": "pack", "pack_id": "pack-1"},
                    "actor": "operator-1",
                    "policy_snapshot_hash": null,
                    "previous_value": {"limit": 100},
                    "new_value": {"limit": 50},
                    "reason": "reduce autonomy"
                  }
                }
              }
            }
            """;

    /** Verbatim from the spec. */
    static final String EX_11_1_COMPACT = """
            {"event_id":"evt-1","occurred_at":"2026-04-28T12:00:00Z","tenant_id":null,"correlation_id":null,"event":{"type":"BudgetExceeded","data":{"chain_id":"c-1","resource":{"Other":"gpu-seconds"},"limit":"999","observed":null}}}""";

    /** Verbatim from the spec. */
    static final String POLICY_SNAPSHOT_PAYLOAD_COMPACT = """
            {"policy_id":"pol-recall","policy":{"type":"Recall","policy":{"enabled":true,"max_k_total":5,"max_tokens_injection":500,"min_score_threshold":0.5,"budgets":{"max_latency_ms":100,"max_embedding_calls":3,"max_tokens_per_candidate":100},"allowed_uses":["RuntimeAugmentation"],"prior_weight":1.0}},"snapshot_hash":"0000000000000000000000000000000000000000000000000000000000000000","captured_by":"engine"}""";

    private SpecExamples() {
    }

    /** Spec 11.1: engine envelope, BudgetExceeded with an {@code Other} resource, no tenant or correlation. */
    static ExperienceEventEnvelope example111() {
        return new ExperienceEventEnvelope(EventId.of("evt-1"), "2026-04-28T12:00:00Z", null, null,
                new ExperienceEvent.BudgetExceeded(ChainId.of("c-1"), new BudgetResource.Other("gpu-seconds"), "999", null));
    }

    /** Spec 11.2: engine envelope, OutcomeRecorded with a struct stop reason and one metadata entry. */
    static ExperienceEventEnvelope example112() {
        return new ExperienceEventEnvelope(EventId.of("evt-2"), "2026-04-28T12:00:01Z", TenantId.of("tenant-x"),
                CorrelationId.of("corr-1"), new ExperienceEvent.OutcomeRecorded(ChainId.of("c-1"), DecisionStep.Planning,
                        false, new StopReason.CycleBudgetExhausted(50, 50), 12L, 42L, null, BackendId.of("local"),
                        Map.of("x-kong-proxy-latency", "3")));
    }

    /** Spec 11.3: engine envelope, ReplayTraceRecorded with a local trace. */
    static ExperienceEventEnvelope example113() {
        return new ExperienceEventEnvelope(EventId.of("evt-3"), "2026-04-28T12:00:02Z", TenantId.of("tenant-x"), null,
                new ExperienceEvent.ReplayTraceRecorded(TraceLinkId.of("trace-9"),
                        new LocalReplayTrace("abc123", null, "tok123", 42, new SamplerParams(0.0f, 1.0f, null), "v1", null,
                                false, new ExecutionEnv("cpu", "ndarray", "f32"))));
    }

    /** Spec 11.4: engine envelope, HypothesisResolved without contradiction. */
    static ExperienceEventEnvelope example114() {
        return new ExperienceEventEnvelope(EventId.of("evt-5"), "2026-04-28T12:00:04Z", null, CorrelationId.of("corr-1"),
                new ExperienceEvent.HypothesisResolved(ChainId.of("c-1"), FactId.of("f-1"), DomainId.of("market"),
                        "price will increase", 0.85, HypothesisOutcome.Confirmed, null, 1, 3));
    }

    /** Spec 11.5: engine envelope, GateDecisionRecorded with a Reject verdict. */
    static ExperienceEventEnvelope example115() {
        final GateRequest request = new GateRequest(GateId.of("hitl-1"), ProposalId.of("prop-1"), "Ship it", "planner",
                null, List.of(new ContextItem("ARR", "$120k")), 3, "lamport:0",
                new TimeoutPolicy(1800, TimeoutAction.Reject));
        final GateDecision decision = new GateDecision(GateId.of("hitl-1"), new GateVerdict.Reject("too risky"), "admin",
                "lamport:0");
        return new ExperienceEventEnvelope(EventId.of("evt-6"), "2026-04-28T12:00:05Z", TenantId.of("tenant-x"), null,
                new ExperienceEvent.GateDecisionRecorded(request, decision));
    }

    /** Spec 11.6: user envelope, UserCorrection of a fact. */
    static UserExperienceEventEnvelope example116() {
        return new UserExperienceEventEnvelope(EventId.of("user-evt-1"), "2026-04-28T12:00:06Z", TenantId.of("tenant-x"),
                CorrelationId.of("corr-7"), new UserExperienceEvent.UserCorrection(
                        new CorrectionTarget.Fact(FactId.of("fact-1")), ActorId.of("operator-1"), null,
                        ContentHash.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                        new FactContent(FactContentKind.Claim, "corrected claim", null), "source was stale"));
    }

    /** Spec 11.7: an event query. */
    static EventQuery example117() {
        return new EventQuery(TenantId.of("tenant-x"), new TimeRange("2026-04-28T00:00:00Z", null),
                List.of(ExperienceEventKind.OutcomeRecorded, ExperienceEventKind.BudgetExceeded), null, ChainId.of("c-1"),
                10L);
    }

    /** Spec 11.8: a record wrapping a user envelope with a UserBoundaryAdjusted event of pack scope. */
    static ExperienceRecord example118() {
        return new ExperienceRecord.User(new UserExperienceEventEnvelope(EventId.of("user-evt-2"), "2026-04-28T12:00:07Z",
                null, null, new UserExperienceEvent.UserBoundaryAdjusted(BoundaryKind.Authority,
                        new BoundaryTarget.Pack(PackId.of("pack-1")), ActorId.of("operator-1"), null,
                        new JsonValue("{\"limit\":100}"), new JsonValue("{\"limit\":50}"), "reduce autonomy")));
    }

    /** The PolicySnapshotCaptured event whose {@code data} is {@link #POLICY_SNAPSHOT_PAYLOAD_COMPACT}. */
    static ExperienceEvent.PolicySnapshotCaptured policySnapshotPayloadExample() {
        return new ExperienceEvent.PolicySnapshotCaptured(PolicyId.of("pol-recall"),
                new PolicySnapshot.Recall(new RecallPolicy(true, 5, 500, 0.5, new RecallBudgets(100, 3, 100),
                        List.of(RecallUse.RuntimeAugmentation), 1.0)),
                ContentHash.ZERO, ActorId.of("engine"));
    }

    /** The eight pretty-printed examples of section 11 with their values. */
    static List<Example<?>> all() {
        return List.of(
                new Example<>("11.1", EX_11_1, example111(), EnvelopeCodecs.ENGINE_ENVELOPE, ConvergeJson::readEnvelope),
                new Example<>("11.2", EX_11_2, example112(), EnvelopeCodecs.ENGINE_ENVELOPE, ConvergeJson::readEnvelope),
                new Example<>("11.3", EX_11_3, example113(), EnvelopeCodecs.ENGINE_ENVELOPE, ConvergeJson::readEnvelope),
                new Example<>("11.4", EX_11_4, example114(), EnvelopeCodecs.ENGINE_ENVELOPE, ConvergeJson::readEnvelope),
                new Example<>("11.5", EX_11_5, example115(), EnvelopeCodecs.ENGINE_ENVELOPE, ConvergeJson::readEnvelope),
                new Example<>("11.6", EX_11_6, example116(), EnvelopeCodecs.USER_ENVELOPE, ConvergeJson::readUserEnvelope),
                new Example<>("11.7", EX_11_7, example117(), EnvelopeCodecs.EVENT_QUERY, ConvergeJson::readQuery),
                new Example<>("11.8", EX_11_8, example118(), EnvelopeCodecs.RECORD, ConvergeJson::readRecord));
    }

    /** Removes every whitespace character outside JSON strings (string contents, escapes included, are kept). */
    static String compact(String json) {
        final StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            final char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
