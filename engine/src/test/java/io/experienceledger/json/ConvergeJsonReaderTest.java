package io.experienceledger.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading valid converge JSON: every example of spec section 11, the reference deserialisation tests of 12.1 and
 * 12.6, defaults, numbers at the edges of their ranges and serde's layout freedoms (member order, unknown members,
 * unit variants as objects). Expected values are built by hand from the spec.
 */
class ConvergeJsonReaderTest {
    private static final String HASH_9F = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String ZERO_HASH = "0".repeat(64);

    /** A minimal BudgetExceeded event document, as the reference tests write it. */
    private static final String CYCLES_EVENT =
            "{\"type\":\"BudgetExceeded\",\"data\":{\"chain_id\":\"c\",\"resource\":\"Cycles\",\"limit\":\"1\",\"observed\":null}}";
    private static final ExperienceEvent CYCLES =
            new ExperienceEvent.BudgetExceeded(ChainId.of("c"), BudgetResource.Named.Cycles, "1", null);

    private static String envelope(String eventId, String event) {
        return "{\"event_id\":" + eventId + ",\"occurred_at\":\"2026-01-01T00:00:00Z\",\"event\":" + event + "}";
    }

    private static ExperienceEvent readEvent(String eventJson) {
        return ConvergeJson.readEnvelope(envelope("\"e\"", eventJson)).event();
    }

    private static ExperienceEvent readData(String type, String data) {
        return readEvent("{\"type\":\"" + type + "\",\"data\":" + data + "}");
    }

    private static LocalReplayTrace localTrace(long seed) {
        return new LocalReplayTrace("abc123", null, "tok123", seed, new SamplerParams(0.0f, 1.0f, null), "v1", null,
                false, new ExecutionEnv("cpu", "ndarray", "f32"));
    }

    private static String localTraceJson(String seed) {
        return """
                {"type":"Local","base_model_hash":"abc123","adapter":null,"tokenizer_hash":"tok123","seed":%s,
                 "sampler":{"temperature":0.0,"top_p":1.0,"top_k":null},"prompt_version":"v1","recall":null,
                 "weights_mutated":false,"execution_env":{"device":"cpu","backend":"ndarray","precision":"f32"}}
                """.formatted(seed);
    }

    /** The example documents of spec section 11. */
    @Nested
    class SpecExamples {
        @Test
        void budgetExceededWithOtherResource() {
            final String json = """
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
            final ExperienceEventEnvelope expected = new ExperienceEventEnvelope(EventId.of("evt-1"),
                    "2026-04-28T12:00:00Z", null, null, new ExperienceEvent.BudgetExceeded(ChainId.of("c-1"),
                    new BudgetResource.Other("gpu-seconds"), "999", null));
            assertEquals(expected, ConvergeJson.readEnvelope(json));
        }

        @Test
        void budgetExceededCompactCanonicalForm() {
            final String json = "{\"event_id\":\"evt-1\",\"occurred_at\":\"2026-04-28T12:00:00Z\",\"tenant_id\":null,"
                    + "\"correlation_id\":null,\"event\":{\"type\":\"BudgetExceeded\",\"data\":{\"chain_id\":\"c-1\","
                    + "\"resource\":{\"Other\":\"gpu-seconds\"},\"limit\":\"999\",\"observed\":null}}}";
            final ExperienceEventEnvelope expected = new ExperienceEventEnvelope(EventId.of("evt-1"),
                    "2026-04-28T12:00:00Z", null, null, new ExperienceEvent.BudgetExceeded(ChainId.of("c-1"),
                    new BudgetResource.Other("gpu-seconds"), "999", null));
            assertEquals(expected, ConvergeJson.readEnvelope(json));
        }

        private static final String OUTCOME = """
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
                      "stop_reason": %s,
                      "latency_ms": 12,
                      "tokens": 42,
                      "cost_microdollars": null,
                      "backend": "local"%s
                    }
                  }
                }
                """;

        private ExperienceEventEnvelope outcome(StopReason stopReason, Map<String, String> metadata) {
            return new ExperienceEventEnvelope(EventId.of("evt-2"), "2026-04-28T12:00:01Z", TenantId.of("tenant-x"),
                    CorrelationId.of("corr-1"), new ExperienceEvent.OutcomeRecorded(ChainId.of("c-1"),
                    DecisionStep.Planning, false, stopReason, 12L, 42L, null, BackendId.of("local"), metadata));
        }

        @Test
        void outcomeRecordedWithStructStopReasonAndMetadata() {
            final String json = OUTCOME.formatted(
                    "{\"CycleBudgetExhausted\": {\"cycles_executed\": 50, \"limit\": 50}}",
                    ",\n\"metadata\": {\"x-kong-proxy-latency\": \"3\"}");
            assertEquals(outcome(new StopReason.CycleBudgetExhausted(50, 50), Map.of("x-kong-proxy-latency", "3")),
                    ConvergeJson.readEnvelope(json));
        }

        @Test
        void outcomeRecordedWithoutMetadataAndConverged() {
            final String json = OUTCOME.formatted("\"Converged\"", "");
            assertEquals(outcome(new StopReason.Converged(), Map.of()), ConvergeJson.readEnvelope(json));
        }

        @Test
        void replayTraceRecordedWithLocalTrace() {
            final String json = """
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
            final ExperienceEventEnvelope expected = new ExperienceEventEnvelope(EventId.of("evt-3"),
                    "2026-04-28T12:00:02Z", TenantId.of("tenant-x"), null,
                    new ExperienceEvent.ReplayTraceRecorded(TraceLinkId.of("trace-9"), localTrace(42)));
            assertEquals(expected, ConvergeJson.readEnvelope(json));
        }

        @Test
        void hypothesisResolvedWithoutContradiction() {
            final String json = """
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
            final ExperienceEventEnvelope expected = new ExperienceEventEnvelope(EventId.of("evt-5"),
                    "2026-04-28T12:00:04Z", null, CorrelationId.of("corr-1"),
                    new ExperienceEvent.HypothesisResolved(ChainId.of("c-1"), FactId.of("f-1"), DomainId.of("market"),
                            "price will increase", 0.85, HypothesisOutcome.Confirmed, null, 1, 3));
            assertEquals(expected, ConvergeJson.readEnvelope(json));
        }

        @Test
        void gateDecisionRecordedWithRejectVerdict() {
            final String json = """
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
            final GateRequest request = new GateRequest(GateId.of("hitl-1"), ProposalId.of("prop-1"), "Ship it",
                    "planner", null, List.of(new ContextItem("ARR", "$120k")), 3, "lamport:0",
                    new TimeoutPolicy(1800, TimeoutAction.Reject));
            final GateDecision decision = new GateDecision(GateId.of("hitl-1"), new GateVerdict.Reject("too risky"),
                    "admin", "lamport:0");
            final ExperienceEventEnvelope expected = new ExperienceEventEnvelope(EventId.of("evt-6"),
                    "2026-04-28T12:00:05Z", TenantId.of("tenant-x"), null,
                    new ExperienceEvent.GateDecisionRecorded(request, decision));
            assertEquals(expected, ConvergeJson.readEnvelope(json));
        }

        private static final String USER_CORRECTION = """
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

        private static final UserExperienceEventEnvelope USER_CORRECTION_VALUE = new UserExperienceEventEnvelope(
                EventId.of("user-evt-1"), "2026-04-28T12:00:06Z", TenantId.of("tenant-x"), CorrelationId.of("corr-7"),
                new UserExperienceEvent.UserCorrection(new CorrectionTarget.Fact(FactId.of("fact-1")),
                        ActorId.of("operator-1"), null, ContentHash.of(HASH_9F),
                        new FactContent(FactContentKind.Claim, "corrected claim", null), "source was stale"));

        @Test
        void userCorrection() {
            assertEquals(USER_CORRECTION_VALUE, ConvergeJson.readUserEnvelope(USER_CORRECTION));
        }

        @Test
        void userCorrectionThroughReadAnyEnvelope() {
            assertEquals(new ExperienceRecord.User(USER_CORRECTION_VALUE),
                    ConvergeJson.readAnyEnvelope(USER_CORRECTION));
        }

        @Test
        void userOverrideTargetIsAdjacentlyTaggedWithPascalCaseNames() {
            final String json = """
                    {"event_id":"u","occurred_at":"t","event":{"type":"UserOverrideIssued","data":{
                      "target":{"kind":"Constraint","id":"budget"},"actor":"operator-1",
                      "policy_snapshot_hash":null,"reason":"r"}}}
                    """;
            assertEquals(new UserExperienceEvent.UserOverrideIssued(new OverrideTarget.Constraint(
                            ConstraintName.of("budget")), ActorId.of("operator-1"), null, "r"),
                    ConvergeJson.readUserEnvelope(json).event());
        }

        @Test
        void eventQuery() {
            final String json = """
                    {
                      "tenant_id": "tenant-x",
                      "time_range": {"start": "2026-04-28T00:00:00Z", "end": null},
                      "kinds": ["OutcomeRecorded", "BudgetExceeded"],
                      "correlation_id": null,
                      "chain_id": "c-1",
                      "limit": 10
                    }
                    """;
            final EventQuery expected = new EventQuery(TenantId.of("tenant-x"),
                    new TimeRange("2026-04-28T00:00:00Z", null),
                    List.of(ExperienceEventKind.OutcomeRecorded, ExperienceEventKind.BudgetExceeded), null,
                    ChainId.of("c-1"), 10L);
            assertEquals(expected, ConvergeJson.readQuery(json));
        }

        @Test
        void minimalEventQuery() {
            assertEquals(EventQuery.all(), ConvergeJson.readQuery("{\"kinds\":[]}"));
        }

        @Test
        void recordWrappingUserBoundaryAdjusted() {
            final String json = """
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
            final ExperienceRecord expected = new ExperienceRecord.User(new UserExperienceEventEnvelope(
                    EventId.of("user-evt-2"), "2026-04-28T12:00:07Z", null, null,
                    new UserExperienceEvent.UserBoundaryAdjusted(BoundaryKind.Authority,
                            new BoundaryTarget.Pack(PackId.of("pack-1")), ActorId.of("operator-1"), null,
                            new JsonValue("{\"limit\":100}"), new JsonValue("{\"limit\":50}"), "reduce autonomy")));
            assertEquals(expected, ConvergeJson.readRecord(json));
        }

        @Test
        void recordWrappingEngineEnvelope() {
            final String json = "{\"kind\":\"Engine\",\"value\":" + envelope("\"evt-1\"", CYCLES_EVENT) + "}";
            assertEquals(new ExperienceRecord.Engine(new ExperienceEventEnvelope(EventId.of("evt-1"),
                    "2026-01-01T00:00:00Z", null, null, CYCLES)), ConvergeJson.readRecord(json));
        }

        @Test
        void engineEnvelopeThroughReadAnyEnvelope() {
            assertEquals(new ExperienceRecord.Engine(new ExperienceEventEnvelope(EventId.of("evt-1"),
                    "2026-01-01T00:00:00Z", null, null, CYCLES)),
                    ConvergeJson.readAnyEnvelope(envelope("\"evt-1\"", CYCLES_EVENT)));
        }

        @Test
        void policySnapshotCapturedWithRecallPolicy() {
            final String data = "{\"policy_id\":\"pol-recall\",\"policy\":{\"type\":\"Recall\",\"policy\":{\"enabled\":true,"
                    + "\"max_k_total\":5,\"max_tokens_injection\":500,\"min_score_threshold\":0.5,\"budgets\":"
                    + "{\"max_latency_ms\":100,\"max_embedding_calls\":3,\"max_tokens_per_candidate\":100},"
                    + "\"allowed_uses\":[\"RuntimeAugmentation\"],\"prior_weight\":1.0}},\"snapshot_hash\":"
                    + "\"0000000000000000000000000000000000000000000000000000000000000000\",\"captured_by\":\"engine\"}";
            final ExperienceEvent expected = new ExperienceEvent.PolicySnapshotCaptured(PolicyId.of("pol-recall"),
                    new PolicySnapshot.Recall(new RecallPolicy(true, 5, 500, 0.5, new RecallBudgets(100, 3, 100),
                            List.of(RecallUse.RuntimeAugmentation), 1.0)), ContentHash.ZERO, ActorId.of("engine"));
            assertEquals(expected, readData("PolicySnapshotCaptured", data));
        }
    }

    /** The deserialisation tests of {@code crates/core/src/experience_store.rs} (spec 12.1). */
    @Nested
    class ReferenceExperienceStoreTests {
        @Test
        void envelopeUnpackWithAllFields() {
            final String json = """
                    {
                        "event_id": "evt-1",
                        "occurred_at": "2026-04-28T12:00:00Z",
                        "tenant_id": "tenant-x",
                        "correlation_id": "corr-1",
                        "event": {
                            "type": "BudgetExceeded",
                            "data": {
                                "chain_id": "c-1",
                                "resource": "Tokens",
                                "limit": "999",
                                "observed": "500"
                            }
                        }
                    }
                    """;
            assertEquals(new ExperienceEventEnvelope(EventId.of("evt-1"), "2026-04-28T12:00:00Z",
                    TenantId.of("tenant-x"), CorrelationId.of("corr-1"), new ExperienceEvent.BudgetExceeded(
                    ChainId.of("c-1"), BudgetResource.Named.Tokens, "999", "500")), ConvergeJson.readEnvelope(json));
        }

        @Test
        void envelopeUnpackMissingOptionalFields() {
            final String json = """
                    {
                        "event_id": "evt-minimal",
                        "occurred_at": "2026-01-01T00:00:00Z",
                        "tenant_id": null,
                        "correlation_id": null,
                        "event": {
                            "type": "BudgetExceeded",
                            "data": {"chain_id": "c", "resource": "Cycles", "limit": "1", "observed": null}
                        }
                    }
                    """;
            assertEquals(new ExperienceEventEnvelope(EventId.of("evt-minimal"), "2026-01-01T00:00:00Z", null, null,
                    CYCLES), ConvergeJson.readEnvelope(json));
        }

        @Test
        void envelopeUnpackMissingOptionalKeysEntirely() {
            final String json = """
                    {
                        "event_id": "evt-sparse",
                        "occurred_at": "2026-01-01T00:00:00Z",
                        "event": {
                            "type": "BudgetExceeded",
                            "data": {"chain_id": "c", "resource": "Facts", "limit": "10", "observed": null}
                        }
                    }
                    """;
            assertEquals(new ExperienceEventEnvelope(EventId.of("evt-sparse"), "2026-01-01T00:00:00Z", null, null,
                    new ExperienceEvent.BudgetExceeded(ChainId.of("c"), BudgetResource.Named.Facts, "10", null)),
                    ConvergeJson.readEnvelope(json));
        }

        @Test
        void optionalMemberAbsentInsideEventData() {
            final String json = envelope("\"e\"",
                    "{\"type\":\"BudgetExceeded\",\"data\":{\"chain_id\":\"c\",\"resource\":\"Cycles\",\"limit\":\"1\"}}");
            assertEquals(CYCLES, ConvergeJson.readEnvelope(json).event());
        }

        @Test
        void edgeCaseEmptyEventId() {
            assertEquals(EventId.of(""), ConvergeJson.readEnvelope(envelope("\"\"", CYCLES_EVENT)).eventId());
        }

        @Test
        void edgeCaseSpecialCharactersInIds() {
            final String json = "{\"event_id\":\"evt-\uD83D\uDE80-/\\\\\\\"'\",\"occurred_at\":\"t\","
                    + "\"tenant_id\":\"tenant-@#$%^&*()\",\"correlation_id\":\"corr-\\n\\t\\r\",\"event\":"
                    + CYCLES_EVENT + "}";
            final ExperienceEventEnvelope read = ConvergeJson.readEnvelope(json);
            assertEquals("evt-\uD83D\uDE80-/\\\"'", read.eventId().value());
            assertEquals("tenant-@#$%^&*()", read.tenantId().value());
            assertEquals("corr-\n\t\r", read.correlationId().value());
        }

        @Test
        void edgeCaseSpecialCharactersAsEscapes() {
            final String json = "{\"event_id\":\"evt-\\ud83d\\ude80-\\/\\u005c\\u0022'\",\"occurred_at\":\"t\","
                    + "\"correlation_id\":\"corr-\\u000a\\u0009\\u000d\\u0000\\b\\f\",\"event\":" + CYCLES_EVENT + "}";
            final ExperienceEventEnvelope read = ConvergeJson.readEnvelope(json);
            assertEquals("evt-\uD83D\uDE80-/\\\"'", read.eventId().value());
            assertEquals("corr-\n\t\r\0\b\f", read.correlationId().value());
        }

        @Test
        void edgeCaseVeryLongStrings() {
            final String json = "{\"event_id\":\"" + "x".repeat(10_000) + "\",\"occurred_at\":\"t\",\"tenant_id\":\""
                    + "y".repeat(5_000) + "\",\"correlation_id\":\"" + "z".repeat(3_000) + "\",\"event\":"
                    + CYCLES_EVENT + "}";
            final ExperienceEventEnvelope read = ConvergeJson.readEnvelope(json);
            assertEquals("x".repeat(10_000), read.eventId().value());
            assertEquals(5_000, read.tenantId().value().length());
            assertEquals(3_000, read.correlationId().value().length());
        }

        @Test
        void edgeCaseUnicodeInIds() {
            final String json = "{\"event_id\":\"evt-中文-العربية-русский\",\"occurred_at\":\"t\","
                    + "\"tenant_id\":\"テナント-यन्त्र\",\"correlation_id\":\"相関-συσχέτιση\",\"event\":"
                    + CYCLES_EVENT + "}";
            final ExperienceEventEnvelope read = ConvergeJson.readEnvelope(json);
            assertEquals("evt-中文-العربية-русский", read.eventId().value());
            assertEquals("テナント-यन्त्र", read.tenantId().value());
            assertEquals("相関-συσχέτιση", read.correlationId().value());
        }

        @Test
        void extraUnknownFieldsIgnored() {
            final String json = """
                    {
                        "event_id": "evt-1",
                        "occurred_at": "2026-01-01T00:00:00Z",
                        "tenant_id": null,
                        "correlation_id": null,
                        "event": {"type": "BudgetExceeded", "data": {"chain_id": "c", "resource": "Cycles", "limit": "1", "observed": null}},
                        "unknown_field": "ignored",
                        "another_extra": 42
                    }
                    """;
            assertEquals(EventId.of("evt-1"), ConvergeJson.readEnvelope(json).eventId());
        }

        @Test
        void everyEventKindReads() {
            final StringBuilder kinds = new StringBuilder();
            for (String name : List.of("ProposalCreated", "ProposalValidated", "FactPromoted", "RecallExecuted",
                    "ReplayTraceRecorded", "ReplayabilityDowngraded", "ArtifactStateTransitioned",
                    "ArtifactRollbackRecorded", "BackendInvoked", "OutcomeRecorded", "BudgetExceeded",
                    "PolicySnapshotCaptured", "HypothesisResolved", "GateDecisionRecorded")) {
                kinds.append(kinds.length() == 0 ? "" : ",").append('"').append(name).append('"');
            }
            assertEquals(List.of(ExperienceEventKind.values()),
                    ConvergeJson.readQuery("{\"kinds\":[" + kinds + "]}").kinds());
        }

        @Test
        void everyArtifactKindReads() {
            final String data = "{\"artifact_id\":\"a\",\"artifact_kind\":%s,\"event\":{\"from_state\":\"Draft\","
                    + "\"to_state\":\"Approved\",\"timestamp\":\"t\",\"actor\":\"x\",\"reason\":\"r\","
                    + "\"ticket_ref\":null,\"tenant_id\":null}}";
            final Map<String, ArtifactKind> cases = new LinkedHashMap<>();
            cases.put("\"Adapter\"", ArtifactKind.Named.Adapter);
            cases.put("\"Pack\"", ArtifactKind.Named.Pack);
            cases.put("\"Policy\"", ArtifactKind.Named.Policy);
            cases.put("\"TruthFile\"", ArtifactKind.Named.TruthFile);
            cases.put("\"EvalSuite\"", ArtifactKind.Named.EvalSuite);
            cases.put("{\"Other\":\"custom\"}", new ArtifactKind.Other("custom"));
            cases.forEach((json, kind) -> assertEquals(new ExperienceEvent.ArtifactStateTransitioned(
                    ArtifactId.of("a"), kind, new LifecycleEvent(GovernedArtifactState.Draft,
                    GovernedArtifactState.Approved, "t", "x", "r", null, null)),
                    readData("ArtifactStateTransitioned", data.formatted(json)), json));
        }

        @Test
        void userEventsOfTheBidirectionalVariantsRead() {
            final String rejected = "{\"event_id\":\"u\",\"occurred_at\":\"t\",\"event\":{\"type\":\"UserApprovalRejected\","
                    + "\"data\":{\"gate_request_id\":\"gate-1\",\"actor\":\"operator-1\",\"policy_snapshot_hash\":null,"
                    + "\"reason\":\"not enough evidence\"}}}";
            assertEquals(new UserExperienceEvent.UserApprovalRejected(GateId.of("gate-1"), ActorId.of("operator-1"),
                    null, "not enough evidence"), ConvergeJson.readUserEnvelope(rejected).event());
            final String granted = "{\"event_id\":\"u\",\"occurred_at\":\"t\",\"event\":{\"type\":\"UserApprovalGranted\","
                    + "\"data\":{\"gate_request_id\":\"gate-1\",\"actor\":\"operator-1\",\"policy_snapshot_hash\":\""
                    + HASH_9F + "\"}}}";
            assertEquals(new UserExperienceEvent.UserApprovalGranted(GateId.of("gate-1"), ActorId.of("operator-1"),
                    ContentHash.of(HASH_9F), null), ConvergeJson.readUserEnvelope(granted).event());
        }
    }

    /** The serialisation tests elsewhere in the reference (spec 12.6), read side. */
    @Nested
    class ReferenceRelatedTests {
        @Test
        void artifactStateAndSeverityStrings() {
            final String[] states = {"Draft", "Approved", "Active", "Quarantined", "Deprecated", "RolledBack"};
            for (int i = 0; i < states.length; i++) {
                final String data = "{\"rollback\":{\"artifact_id\":\"a\",\"previous_state\":\"" + states[i] + "\","
                        + "\"rolled_back_at\":\"t\",\"actor\":\"x\",\"reason\":\"r\",\"impact\":{\"affected_count\":null,"
                        + "\"quality_issues\":[],\"invalidates_outputs\":false,\"severity\":\"Low\","
                        + "\"affected_tenants\":[]},\"incident_ref\":null,\"tenant_id\":null}}";
                final ExperienceEvent.ArtifactRollbackRecorded read =
                        (ExperienceEvent.ArtifactRollbackRecorded) readData("ArtifactRollbackRecorded", data);
                assertEquals(GovernedArtifactState.values()[i], read.rollback().previousState());
            }
            final String[] severities = {"Low", "Medium", "High", "Critical"};
            for (int i = 0; i < severities.length; i++) {
                final String data = "{\"rollback\":{\"artifact_id\":\"a\",\"previous_state\":\"Active\","
                        + "\"rolled_back_at\":\"t\",\"actor\":\"x\",\"reason\":\"r\",\"impact\":{"
                        + "\"quality_issues\":[],\"invalidates_outputs\":false,\"severity\":\"" + severities[i] + "\","
                        + "\"affected_tenants\":[]}}}";
                final ExperienceEvent.ArtifactRollbackRecorded read =
                        (ExperienceEvent.ArtifactRollbackRecorded) readData("ArtifactRollbackRecorded", data);
                assertEquals(RollbackSeverity.values()[i], read.rollback().impact().severity());
            }
        }

        @Test
        void lifecycleEventReads() {
            final String data = "{\"artifact_id\":\"adapter-1\",\"artifact_kind\":\"Adapter\",\"event\":{"
                    + "\"from_state\":\"Approved\",\"to_state\":\"Active\",\"timestamp\":\"1970-01-01T00:00:00Z\","
                    + "\"actor\":\"ops\",\"reason\":\"go live\",\"ticket_ref\":\"JIRA-1\",\"tenant_id\":\"t-1\"}}";
            assertEquals(new ExperienceEvent.ArtifactStateTransitioned(ArtifactId.of("adapter-1"),
                    ArtifactKind.Named.Adapter, new LifecycleEvent(GovernedArtifactState.Approved,
                    GovernedArtifactState.Active, "1970-01-01T00:00:00Z", "ops", "go live", "JIRA-1", "t-1")),
                    readData("ArtifactStateTransitioned", data));
        }

        @Test
        void rollbackRecordAndImpactRead() {
            final String data = "{\"rollback\":{\"artifact_id\":\"adapter-1\",\"previous_state\":\"Active\","
                    + "\"rolled_back_at\":\"2026-04-28T12:00:00Z\",\"actor\":\"ops\",\"reason\":\"regression\","
                    + "\"impact\":{\"affected_count\":18446744073709551615,\"quality_issues\":[\"drift\",\"bias\"],"
                    + "\"invalidates_outputs\":true,\"severity\":\"Critical\",\"affected_tenants\":[\"t-1\"]},"
                    + "\"incident_ref\":\"INC-7\",\"tenant_id\":\"t-1\"}}";
            assertEquals(new ExperienceEvent.ArtifactRollbackRecorded(new RollbackRecord("adapter-1",
                    GovernedArtifactState.Active, "2026-04-28T12:00:00Z", "ops", "regression",
                    new RollbackImpact(-1L, List.of("drift", "bias"), true, RollbackSeverity.Critical,
                            List.of("t-1")), "INC-7", "t-1")), readData("ArtifactRollbackRecorded", data));
        }

        @Test
        void contentHashAcceptsUppercaseAndNormalisesToLowercase() {
            final String upper = HASH_9F.toUpperCase(java.util.Locale.ROOT);
            final String data = "{\"policy_id\":\"p\",\"policy\":{\"type\":\"Kernel\",\"policy\":{\"adapter_id\":null,"
                    + "\"recall_enabled\":false,\"recall_max_candidates\":5,\"recall_min_score\":0.7,\"seed\":null,"
                    + "\"requires_human\":false,\"required_truths\":[]}},\"snapshot_hash\":\"" + upper + "\","
                    + "\"captured_by\":\"engine\"}";
            final ExperienceEvent.PolicySnapshotCaptured read =
                    (ExperienceEvent.PolicySnapshotCaptured) readData("PolicySnapshotCaptured", data);
            assertEquals(HASH_9F, read.snapshotHash().hex());
            assertEquals(new PolicySnapshot.Kernel(KernelPolicy.defaults()), read.policy());
        }

        @Test
        void unitIntervalAcceptsThreeQuarters() {
            final ExperienceEvent.HypothesisResolved read = (ExperienceEvent.HypothesisResolved) readData(
                    "HypothesisResolved", hypothesis("0.75"));
            assertEquals(0.75, read.confidence());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "1", "0.0", "1.0", "-0.0", "1e-300", "0.9999999999", "1E0"})
        void unitIntervalAcceptsTheClosedRange(String confidence) {
            final ExperienceEvent.HypothesisResolved read = (ExperienceEvent.HypothesisResolved) readData(
                    "HypothesisResolved", hypothesis(confidence));
            assertEquals(Double.parseDouble(confidence), read.confidence());
        }

        @Test
        void unitIntervalMinusZeroKeepsItsSign() {
            final ExperienceEvent.HypothesisResolved read = (ExperienceEvent.HypothesisResolved) readData(
                    "HypothesisResolved", hypothesis("-0.0"));
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(read.confidence()));
        }

        @Test
        void gateRequestAndDecisionReadWithAndWithoutReason() {
            assertEquals(new GateVerdict.Reject("too risky"), verdict("{\"Reject\":{\"reason\":\"too risky\"}}"));
            assertEquals(new GateVerdict.Reject(null), verdict("{\"Reject\":{\"reason\":null}}"));
            assertEquals(new GateVerdict.Reject(null), verdict("{\"Reject\":{}}"));
            assertEquals(new GateVerdict.Approve(), verdict("\"Approve\""));
            assertEquals(new GateVerdict.Approve(), verdict("{\"Approve\":null}"));
        }

        @Test
        void everyEngineStopReasonReads() {
            assertEquals(new StopReason.Converged(), stopReason("\"Converged\""));
            assertEquals(new StopReason.UserCancelled(), stopReason("{\"UserCancelled\":null}"));
            assertEquals(new StopReason.CriteriaMet(List.of(CriterionId.of("goal1"), CriterionId.of("goal2"))),
                    stopReason("{\"CriteriaMet\":{\"criteria\":[\"goal1\",\"goal2\"]}}"));
            assertEquals(new StopReason.HumanInterventionRequired(List.of(CriterionId.of("c")),
                            List.of(ApprovalPointId.of("ap-1"))),
                    stopReason("{\"HumanInterventionRequired\":{\"criteria\":[\"c\"],\"approval_refs\":[\"ap-1\"]}}"));
            assertEquals(new StopReason.CycleBudgetExhausted(4294967295L, 0),
                    stopReason("{\"CycleBudgetExhausted\":{\"cycles_executed\":4294967295,\"limit\":0}}"));
            assertEquals(new StopReason.FactBudgetExhausted(10, 5),
                    stopReason("{\"FactBudgetExhausted\":{\"facts_count\":10,\"limit\":5}}"));
            assertEquals(new StopReason.TokenBudgetExhausted(-1L, 9007199254740993L),
                    stopReason("{\"TokenBudgetExhausted\":{\"tokens_consumed\":18446744073709551615,"
                            + "\"limit\":9007199254740993}}"));
            assertEquals(new StopReason.TimeBudgetExhausted(1500, 1000),
                    stopReason("{\"TimeBudgetExhausted\":{\"duration_ms\":1500,\"limit_ms\":1000}}"));
            assertEquals(new StopReason.InvariantViolated(InvariantClass.Semantic, "n", "r"),
                    stopReason("{\"InvariantViolated\":{\"class\":\"Semantic\",\"name\":\"n\",\"reason\":\"r\"}}"));
            assertEquals(new StopReason.PromotionRejected("p-1", "r"),
                    stopReason("{\"PromotionRejected\":{\"proposal_id\":\"p-1\",\"reason\":\"r\"}}"));
            assertEquals(new StopReason.Error("boom", ErrorCategory.External),
                    stopReason("{\"Error\":{\"message\":\"boom\",\"category\":\"External\"}}"));
            assertEquals(new StopReason.AgentRefused("a", "r"),
                    stopReason("{\"AgentRefused\":{\"agent_id\":\"a\",\"reason\":\"r\"}}"));
            assertEquals(new StopReason.HitlGatePending("g", "p", "s", "a", 7),
                    stopReason("{\"HitlGatePending\":{\"gate_id\":\"g\",\"proposal_id\":\"p\",\"summary\":\"s\","
                            + "\"agent_id\":\"a\",\"cycle\":7}}"));
        }
    }

    /** Members with serde defaults (spec 1.2): absent gives the default. */
    @Nested
    class Defaults {
        @Test
        void absentMetadataIsEmpty() {
            final ExperienceEvent.OutcomeRecorded read = (ExperienceEvent.OutcomeRecorded) readData("OutcomeRecorded",
                    "{\"chain_id\":\"c\",\"step\":\"Reasoning\",\"passed\":true}");
            assertEquals(new ExperienceEvent.OutcomeRecorded(ChainId.of("c"), DecisionStep.Reasoning, true, null,
                    null, null, null, null, Map.of()), read);
        }

        @Test
        void provenanceDefaults() {
            final ExperienceEvent.RecallExecuted read = (ExperienceEvent.RecallExecuted) readData("RecallExecuted",
                    "{\"query\":{\"query_text\":\"q\",\"top_k\":3},\"provenance\":" + provenance("") + "}");
            assertEquals(new RecallQuery("q", 3, null, null), read.query());
            assertEquals(new RecallProvenanceEnvelope("qh", "eih", "eh", "emb", "esh", "cf", "psh",
                    RecallUse.RuntimeAugmentation, List.of(), List.of(new CandidateScore("c-1", 0.5)), 10, 1, null,
                    7, "t", "unsigned"), read.provenance());
            assertNull(read.traceLinkId());
        }

        @Test
        void provenanceWithEveryMemberGiven() {
            final ExperienceEvent.RecallExecuted read = (ExperienceEvent.RecallExecuted) readData("RecallExecuted",
                    "{\"query\":{\"query_text\":\"q\",\"top_k\":3,\"step_context\":\"Evaluation\",\"tenant_scope\":\"t\"},"
                            + "\"provenance\":" + provenance(",\"purpose\":\"TrainingCandidateSelection\","
                            + "\"consumers\":[\"Kernel\",\"Trainer\"],\"stop_reason\":\"BelowThreshold\","
                            + "\"signature\":\"sha256:abc\"") + ",\"trace_link_id\":\"tl\"}");
            assertEquals(new RecallQuery("q", 3, DecisionStep.Evaluation, "t"), read.query());
            assertEquals(new RecallProvenanceEnvelope("qh", "eih", "eh", "emb", "esh", "cf", "psh",
                    RecallUse.TrainingCandidateSelection, List.of(RecallConsumer.Kernel, RecallConsumer.Trainer),
                    List.of(new CandidateScore("c-1", 0.5)), 10, 1, RecallStopReason.BelowThreshold, 7, "t",
                    "sha256:abc"), read.provenance());
            assertEquals(TraceLinkId.of("tl"), read.traceLinkId());
        }

        @Test
        void recallPolicyDefaults() {
            final String data = "{\"policy_id\":\"p\",\"policy\":{\"type\":\"Recall\",\"policy\":{\"enabled\":false,"
                    + "\"max_k_total\":5,\"max_tokens_injection\":500,\"min_score_threshold\":0.5,\"budgets\":"
                    + "{\"max_latency_ms\":100,\"max_embedding_calls\":3,\"max_tokens_per_candidate\":100}}},"
                    + "\"snapshot_hash\":\"" + ZERO_HASH + "\",\"captured_by\":\"engine\"}";
            final ExperienceEvent.PolicySnapshotCaptured read =
                    (ExperienceEvent.PolicySnapshotCaptured) readData("PolicySnapshotCaptured", data);
            assertEquals(new PolicySnapshot.Recall(RecallPolicy.defaults()), read.policy());
        }
    }

    /** Integers read exactly over their whole range, floats as serde reads them. */
    @Nested
    class NumberRanges {
        @Test
        void u64MaximumAndTwoToTheFiftyThreePlusOneReadExactly() {
            assertEquals(localTrace(-1L), ConvergeJson.readReplayTrace(localTraceJson("18446744073709551615")));
            assertEquals(localTrace(9007199254740993L),
                    ConvergeJson.readReplayTrace(localTraceJson("9007199254740993")));
            assertEquals(localTrace(Long.MIN_VALUE),
                    ConvergeJson.readReplayTrace(localTraceJson("9223372036854775808")));
            assertEquals(localTrace(0), ConvergeJson.readReplayTrace(localTraceJson("0")));
        }

        @Test
        void usizeLimitUpToU64Maximum() {
            assertEquals(-1L, ConvergeJson.readQuery("{\"kinds\":[],\"limit\":18446744073709551615}").limit());
            assertEquals(0L, ConvergeJson.readQuery("{\"kinds\":[],\"limit\":0}").limit());
        }

        @Test
        void u32Maximum() {
            final ExperienceEvent.HypothesisResolved read = (ExperienceEvent.HypothesisResolved) readData(
                    "HypothesisResolved", hypothesis("1").replace("\"formed_cycle\":1", "\"formed_cycle\":4294967295"));
            assertEquals(4294967295L, read.formedCycle());
        }

        @Test
        void f32FieldsHoldTheNearestFloat() {
            final String json = "{\"type\":\"Remote\",\"provider_name\":\"p\",\"provider_model_id\":\"m\","
                    + "\"request_fingerprint\":\"rq\",\"response_fingerprint\":\"rs\",\"temperature\":0.7,\"top_p\":1,"
                    + "\"max_tokens\":4096,\"provider_metadata\":{},\"retried\":false,\"retry_reasons\":[],"
                    + "\"replayability\":\"None\"}";
            final RemoteReplayTrace read = (RemoteReplayTrace) ConvergeJson.readReplayTrace(json);
            assertEquals(0.7f, read.temperature());
            assertEquals(1.0f, read.topP());
            assertEquals(Replayability.None, read.replayability());
        }

        @Test
        void integersAreAcceptedForFloatFields() {
            final String json = localTraceJson("1").replace("\"temperature\":0.0", "\"temperature\":0")
                    .replace("\"top_p\":1.0", "\"top_p\":1");
            assertEquals(localTrace(1), ConvergeJson.readReplayTrace(json));
        }

        @Test
        void randomUnsignedLimitsReadExactly() {
            final long seed = 0x5EED_0001L;
            final Random random = new Random(seed);
            for (int i = 0; i < 2_000; i++) {
                final long value = switch (i % 4) {
                    case 0 -> random.nextLong();
                    case 1 -> random.nextLong() >>> random.nextInt(64);
                    case 2 -> (1L << 53) + random.nextInt(1_000) - 500;
                    default -> -1L - random.nextInt(1_000);
                };
                final String text = Long.toUnsignedString(value);
                assertEquals(value, ConvergeJson.readQuery("{\"kinds\":[],\"limit\":" + text + "}").limit(),
                        "seed " + seed + ", limit " + text);
            }
        }

        @Test
        void randomFloatsReadAsTheFloatWhoseShortestTextWasGiven() {
            final long seed = 0x5EED_0002L;
            final Random random = new Random(seed);
            for (int i = 0; i < 2_000; i++) {
                final float value = Float.intBitsToFloat(random.nextInt());
                if (!Float.isFinite(value)) {
                    continue;
                }
                final String text = Float.toString(value);
                final String json = localTraceJson("1").replace("\"temperature\":0.0", "\"temperature\":" + text);
                final LocalReplayTrace read = (LocalReplayTrace) ConvergeJson.readReplayTrace(json);
                assertEquals(Float.floatToIntBits(value), Float.floatToIntBits(read.sampler().temperature()),
                        "seed " + seed + ", temperature " + text);
            }
        }
    }

    /** What serde accepts beyond the canonical layout: any member order, unknown and repeated members, unit variants as objects, any whitespace and escapes. */
    @Nested
    class LayoutFreedoms {
        @Test
        void tagAfterContent() {
            assertEquals(CYCLES, readEvent("{\"data\":{\"chain_id\":\"c\",\"resource\":\"Cycles\",\"limit\":\"1\","
                    + "\"observed\":null},\"type\":\"BudgetExceeded\"}"));
        }

        @Test
        void recordKindAfterValueAndEnvelopeMembersReversed() {
            final String json = "{\"value\":{\"event\":" + CYCLES_EVENT + ",\"correlation_id\":\"c\",\"tenant_id\":null,"
                    + "\"occurred_at\":\"t\",\"event_id\":\"e\"},\"kind\":\"Engine\"}";
            assertEquals(new ExperienceRecord.Engine(new ExperienceEventEnvelope(EventId.of("e"), "t", null,
                    CorrelationId.of("c"), CYCLES)), ConvergeJson.readRecord(json));
        }

        @Test
        void unknownMembersInsideTaggedEnumsAreIgnored() {
            assertEquals(CYCLES, readEvent("{\"type\":\"BudgetExceeded\",\"note\":[1,{\"x\":null}],\"data\":"
                    + "{\"chain_id\":\"c\",\"resource\":\"Cycles\",\"extra\":1,\"limit\":\"1\",\"observed\":null}}"));
            final String trace = localTraceJson("42").replace("\"type\":\"Local\"", "\"type\":\"Local\",\"x\":1");
            assertEquals(localTrace(42), ConvergeJson.readReplayTrace(trace));
        }

        @Test
        void internalTagMayComeLast() {
            final String json = "{\"base_model_hash\":\"abc123\",\"tokenizer_hash\":\"tok123\",\"seed\":42,"
                    + "\"sampler\":{\"temperature\":0.0,\"top_p\":1.0},\"prompt_version\":\"v1\","
                    + "\"weights_mutated\":false,\"execution_env\":{\"device\":\"cpu\",\"backend\":\"ndarray\","
                    + "\"precision\":\"f32\"},\"type\":\"Local\"}";
            assertEquals(localTrace(42), ConvergeJson.readReplayTrace(json));
        }

        @Test
        void unitVariantsMayBeWrittenAsObjectsWithNull() {
            assertEquals(new ExperienceEvent.BudgetExceeded(ChainId.of("c"), BudgetResource.Named.Tokens, "1", null),
                    readData("BudgetExceeded", "{\"chain_id\":\"c\",\"resource\":{\"Tokens\":null},\"limit\":\"1\"}"));
            final ExperienceEvent.OutcomeRecorded read = (ExperienceEvent.OutcomeRecorded) readData("OutcomeRecorded",
                    "{\"chain_id\":\"c\",\"step\":{\"Planning\":null},\"passed\":true,\"stop_reason\":{\"Converged\":null}}");
            assertEquals(DecisionStep.Planning, read.step());
            assertEquals(new StopReason.Converged(), read.stopReason());
        }

        @Test
        void snakeCaseUnitVariantAsObject() {
            final String json = "{\"event_id\":\"u\",\"occurred_at\":\"t\",\"event\":{\"type\":\"UserBoundaryAdjusted\","
                    + "\"data\":{\"boundary\":{\"expiry\":null},\"target\":{\"scope\":\"global\",\"pack_id\":\"ignored\"},"
                    + "\"actor\":\"a\",\"previous_value\":null,\"new_value\":[1,2.50],\"reason\":\"r\"}}}";
            assertEquals(new UserExperienceEvent.UserBoundaryAdjusted(BoundaryKind.Expiry, new BoundaryTarget.Global(),
                    ActorId.of("a"), null, JsonValue.NULL, new JsonValue("[1,2.5]"), "r"),
                    ConvergeJson.readUserEnvelope(json).event());
        }

        @Test
        void boundaryTargetIntentAndCorrectionTargetProposal() {
            final String json = "{\"event_id\":\"u\",\"occurred_at\":\"t\",\"event\":{\"type\":\"UserBoundaryAdjusted\","
                    + "\"data\":{\"boundary\":\"reversibility\",\"target\":{\"intent_id\":\"i-1\",\"scope\":\"intent\"},"
                    + "\"actor\":\"a\",\"policy_snapshot_hash\":\"" + ZERO_HASH + "\",\"previous_value\":true,"
                    + "\"new_value\":\"x\",\"reason\":\"r\"}}}";
            assertEquals(new UserExperienceEvent.UserBoundaryAdjusted(BoundaryKind.Reversibility,
                    new BoundaryTarget.Intent(IntentId.of("i-1")), ActorId.of("a"), ContentHash.ZERO,
                    new JsonValue("true"), new JsonValue("\"x\""), "r"), ConvergeJson.readUserEnvelope(json).event());
            final String correction = "{\"event_id\":\"u\",\"occurred_at\":\"t\",\"event\":{\"type\":\"UserCorrection\","
                    + "\"data\":{\"target\":{\"kind\":\"proposal\",\"proposal_id\":\"p-1\"},\"actor\":\"a\","
                    + "\"original_content\":\"" + ZERO_HASH + "\",\"corrected_content\":{\"kind\":\"Document\","
                    + "\"content\":\"c\",\"structured\":{\"b\":1,\"a\":[true,null]}},\"reason\":\"r\"}}}";
            assertEquals(new UserExperienceEvent.UserCorrection(new CorrectionTarget.Proposal(ProposalId.of("p-1")),
                    ActorId.of("a"), null, ContentHash.ZERO, new FactContent(FactContentKind.Document, "c",
                    new JsonValue("{\"b\":1,\"a\":[true,null]}")), "r"),
                    ConvergeJson.readUserEnvelope(correction).event());
        }

        @Test
        void overrideTargetIdBeforeKind() {
            final String json = "{\"event_id\":\"u\",\"occurred_at\":\"t\",\"event\":{\"data\":{\"target\":"
                    + "{\"id\":\"f-1\",\"kind\":\"Fact\"},\"actor\":\"a\",\"reason\":\"r\"},\"type\":\"UserOverrideIssued\"}}";
            assertEquals(new UserExperienceEvent.UserOverrideIssued(new OverrideTarget.Fact(FactId.of("f-1")),
                    ActorId.of("a"), null, "r"), ConvergeJson.readUserEnvelope(json).event());
        }

        @Test
        void repeatedMapKeyKeepsFirstPositionAndLastValue() {
            final ExperienceEvent.OutcomeRecorded read = (ExperienceEvent.OutcomeRecorded) readData("OutcomeRecorded",
                    "{\"chain_id\":\"c\",\"step\":\"Reasoning\",\"passed\":true,\"metadata\":{\"a\":\"1\",\"b\":\"2\","
                            + "\"a\":\"3\"}}");
            assertEquals(List.of("a", "b"), new ArrayList<>(read.metadata().keySet()));
            assertEquals("3", read.metadata().get("a"));
            assertEquals("2", read.metadata().get("b"));
        }

        @Test
        void duplicateUnknownMembersAreIgnored() {
            assertEquals(CYCLES, readEvent("{\"type\":\"BudgetExceeded\",\"x\":1,\"x\":2,\"data\":{\"chain_id\":\"c\","
                    + "\"resource\":\"Cycles\",\"limit\":\"1\",\"y\":1,\"y\":2}}"));
        }

        @Test
        void loneSurrogateInsideAnIgnoredMemberIsAccepted() {
            assertEquals(CYCLES, readEvent("{\"type\":\"BudgetExceeded\",\"x\":\"\\ud800\",\"data\":{\"chain_id\":\"c\","
                    + "\"resource\":\"Cycles\",\"limit\":\"1\",\"y\":{\"z\":\"\\udc00\"}}}"));
        }

        @Test
        void whitespaceEverywhere() {
            final String json = " \t\r\n{ \"kinds\" \n:\r[ \"FactPromoted\" ,\t\"BudgetExceeded\" ] , \"limit\" : 3 }\n ";
            assertEquals(new EventQuery(null, null, List.of(ExperienceEventKind.FactPromoted,
                    ExperienceEventKind.BudgetExceeded), null, null, 3L), ConvergeJson.readQuery(json));
        }

        @Test
        void randomMemberOrderAndWhitespaceReadTheSameValue() {
            final long seed = 0x5EED_0003L;
            final Random random = new Random(seed);
            final Map<String, Object> document = outcomeDocument();
            final ExperienceEventEnvelope expected = new ExperienceEventEnvelope(EventId.of("evt-2"), "t",
                    TenantId.of("tenant-x"), null, new ExperienceEvent.OutcomeRecorded(ChainId.of("c-1"),
                    DecisionStep.Planning, false, new StopReason.TokenBudgetExhausted(-2L, 5L), 12L, null, 7L,
                    BackendId.of("local"), Map.of("k1", "v1", "k2", "v2")));
            for (int i = 0; i < 300; i++) {
                final StringBuilder json = new StringBuilder();
                writeShuffled(json, document, random);
                assertEquals(expected, ConvergeJson.readEnvelope(json.toString()), "seed " + seed + ": " + json);
            }
        }

        @Test
        void randomIdentifierStringsReadBackExactly() {
            final long seed = 0x5EED_0004L;
            final Random random = new Random(seed);
            for (int i = 0; i < 1_000; i++) {
                final StringBuilder value = new StringBuilder();
                final int length = random.nextInt(20);
                for (int j = 0; j < length; j++) {
                    appendRandomCodePoint(value, random);
                }
                final String id = value.toString();
                final StringBuilder json = new StringBuilder();
                appendEscapedRandomly(json, id, random);
                assertEquals(id, ConvergeJson.readEnvelope(envelope(json.toString(), CYCLES_EVENT)).eventId().value(),
                        "seed " + seed + ", iteration " + i);
            }
        }
    }

    /** The remaining model types and reader entry points. */
    @Nested
    class OtherTypes {
        @Test
        void proposalCreatedWithEveryPart() {
            final String data = "{\"proposal\":{\"id\":\"p-1\",\"kind\":\"Claims\",\"payload\":\"test\","
                    + "\"structured_payload\":{\"n\":1.50,\"m\":1e2},\"trace_link\":{\"type\":\"Local\","
                    + "\"base_model_hash\":\"abc\",\"adapter\":{\"adapter_id\":\"ad\",\"adapter_hash\":\"ah\",\"merged\":true},"
                    + "\"tokenizer_hash\":\"tok\",\"seed\":42,\"sampler\":{\"temperature\":0.2,\"top_p\":0.9,\"top_k\":40},"
                    + "\"prompt_version\":\"v1\",\"recall\":{\"corpus_fingerprint\":\"cf\",\"candidate_ids\":[\"a\",\"b\"],"
                    + "\"candidate_scores\":[0.5,1],\"injected_count\":2},\"weights_mutated\":false,"
                    + "\"execution_env\":{\"device\":\"cuda\",\"backend\":\"candle\",\"precision\":\"bf16\"}},"
                    + "\"contract_results\":[{\"name\":\"grounded-answering\",\"passed\":true,\"failure_reason\":null},"
                    + "{\"name\":\"schema\",\"passed\":false,\"failure_reason\":\"missing\"}],\"requires_human\":true,"
                    + "\"confidence\":0.9},\"chain_id\":\"c-1\",\"step\":\"Planning\",\"policy_snapshot_hash\":null}";
            final KernelProposal proposal = new KernelProposal("p-1", ProposalKind.Claims, "test",
                    new JsonValue("{\"n\":1.5,\"m\":100.0}"), new LocalReplayTrace("abc",
                    new AdapterTrace("ad", "ah", true), "tok", 42, new SamplerParams(0.2f, 0.9f, 40L), "v1",
                    new RecallTrace("cf", List.of("a", "b"), List.of(0.5f, 1.0f), 2), false,
                    new ExecutionEnv("cuda", "candle", "bf16")), List.of(
                    new ContractResult("grounded-answering", true, null), new ContractResult("schema", false, "missing")),
                    true, 0.9f);
            assertEquals(new ExperienceEvent.ProposalCreated(proposal, ChainId.of("c-1"), DecisionStep.Planning, null),
                    readData("ProposalCreated", data));
        }

        @Test
        void structuredPayloadNullIsNone() {
            final String data = "{\"proposal\":{\"id\":\"p\",\"kind\":\"Plan\",\"payload\":\"\",\"structured_payload\":null,"
                    + "\"trace_link\":" + localTraceJson("1") + ",\"contract_results\":[],\"requires_human\":false,"
                    + "\"confidence\":null},\"chain_id\":\"c\",\"step\":\"Reasoning\"}";
            final ExperienceEvent.ProposalCreated read = (ExperienceEvent.ProposalCreated) readData("ProposalCreated",
                    data);
            assertNull(read.proposal().structuredPayload());
            assertNull(read.proposal().confidence());
        }

        @Test
        void proposalValidatedFactPromotedBackendInvokedAndDowngrade() {
            assertEquals(new ExperienceEvent.ProposalValidated(ProposalId.of("p"), ChainId.of("c"),
                    DecisionStep.Evaluation, List.of(new ContractResultSnapshot("n", false, "why")), false,
                    ActorId.of("v")), readData("ProposalValidated", "{\"proposal_id\":\"p\",\"chain_id\":\"c\","
                    + "\"step\":\"Evaluation\",\"contract_results\":[{\"name\":\"n\",\"passed\":false,"
                    + "\"failure_reason\":\"why\"}],\"all_passed\":false,\"validator\":\"v\"}"));
            assertEquals(new ExperienceEvent.FactPromoted(ProposalId.of("p"), FactId.of("f"), ActorId.of("engine"),
                    "validated", false), readData("FactPromoted", "{\"proposal_id\":\"p\",\"fact_id\":\"f\","
                    + "\"promoted_by\":\"engine\",\"reason\":\"validated\",\"requires_human\":false}"));
            assertEquals(new ExperienceEvent.BackendInvoked(BackendId.of("b"), BackendId.of("ad"),
                    TraceLinkId.of("t"), DecisionStep.Reasoning, ContentHash.ZERO), readData("BackendInvoked",
                    "{\"backend_name\":\"b\",\"adapter_id\":\"ad\",\"trace_link_id\":\"t\",\"step\":\"Reasoning\","
                            + "\"policy_snapshot_hash\":\"" + ZERO_HASH + "\"}"));
            assertEquals(new ExperienceEvent.ReplayabilityDowngraded(TraceLinkId.of("t"), Replayability.Deterministic,
                    Replayability.None, ReplayabilityDowngradeReason.MultipleReasons), readData(
                    "ReplayabilityDowngraded", "{\"trace_link_id\":\"t\",\"from\":\"Deterministic\",\"to\":\"None\","
                            + "\"reason\":\"MultipleReasons\"}"));
        }

        @Test
        void hypothesisWithContradiction() {
            final ExperienceEvent.HypothesisResolved read = (ExperienceEvent.HypothesisResolved) readData(
                    "HypothesisResolved", hypothesis("1").replace("\"outcome\":\"Confirmed\"",
                            "\"outcome\":\"Falsified\",\"contradiction_id\":\"tension-1\""));
            assertEquals(TensionId.of("tension-1"), read.contradictionId());
            assertEquals(HypothesisOutcome.Falsified, read.outcome());
        }

        @Test
        void routingPolicyWithEnumKeyedMaps() {
            final String data = "{\"policy_id\":\"p\",\"policy\":{\"policy\":{\"truth_preferences\":{\"t\":\"local\"},"
                    + "\"risk_tier_backends\":{\"High\":[\"local\"],\"Low\":[\"remote\",\"local\"]},"
                    + "\"data_classification_backends\":{\"Restricted\":[]},\"default_backend\":\"local\"},"
                    + "\"type\":\"Routing\"},\"snapshot_hash\":\"" + ZERO_HASH + "\",\"captured_by\":\"engine\"}";
            final ExperienceEvent.PolicySnapshotCaptured read =
                    (ExperienceEvent.PolicySnapshotCaptured) readData("PolicySnapshotCaptured", data);
            final Map<RiskTier, List<String>> tiers = new LinkedHashMap<>();
            tiers.put(RiskTier.High, List.of("local"));
            tiers.put(RiskTier.Low, List.of("remote", "local"));
            assertEquals(new PolicySnapshot.Routing(new RoutingPolicy(Map.of("t", "local"), tiers,
                    Map.of(DataClassification.Restricted, List.of()), "local")), read.policy());
            final List<String> high = ((PolicySnapshot.Routing) read.policy()).policy().riskTierBackends()
                    .get(RiskTier.High);
            assertThrows(UnsupportedOperationException.class, () -> high.add("x"));
        }

        @Test
        void defaultRoutingPolicy() {
            final String data = "{\"policy_id\":\"p\",\"policy\":{\"type\":\"Routing\",\"policy\":{\"truth_preferences\":{},"
                    + "\"risk_tier_backends\":{},\"data_classification_backends\":{},\"default_backend\":\"local\"}},"
                    + "\"snapshot_hash\":\"" + ZERO_HASH + "\",\"captured_by\":\"engine\"}";
            assertEquals(new PolicySnapshot.Routing(RoutingPolicy.defaults()),
                    ((ExperienceEvent.PolicySnapshotCaptured) readData("PolicySnapshotCaptured", data)).policy());
        }

        @Test
        void remoteTraceWithMetadata() {
            final String json = "{\"type\":\"Remote\",\"provider_name\":\"openrouter\",\"provider_model_id\":\"m\","
                    + "\"request_fingerprint\":\"rq\",\"response_fingerprint\":\"rs\",\"temperature\":0.0,\"top_p\":0.95,"
                    + "\"max_tokens\":18446744073709551615,\"provider_metadata\":{\"cost\":\"0.1\"},\"retried\":true,"
                    + "\"retry_reasons\":[\"429\"],\"replayability\":\"BestEffort\"}";
            final ReplayTrace expected = new RemoteReplayTrace("openrouter", "m", "rq", "rs", 0.0f, 0.95f, -1L,
                    Map.of("cost", "0.1"), true, List.of("429"), Replayability.BestEffort);
            assertEquals(expected, ConvergeJson.readReplayTrace(json));
        }

        @Test
        void artifactQueryMembersAreAllOptional() {
            assertEquals(new ArtifactQuery(null, null, null, null, null), ConvergeJsonReader.readArtifactQuery("{}"));
            assertEquals(new ArtifactQuery(TenantId.of("t"), ArtifactId.of("a"), new ArtifactKind.Other("x"),
                    GovernedArtifactState.RolledBack, 3L), ConvergeJsonReader.readArtifactQuery("{\"tenant_id\":\"t\","
                    + "\"artifact_id\":\"a\",\"kind\":{\"Other\":\"x\"},\"state\":\"RolledBack\",\"limit\":3}"));
        }

        @Test
        void readValueOfScalars() {
            assertEquals(JsonValue.NULL, ConvergeJson.readValue(" null "));
            assertEquals(new JsonValue("\"x\""), ConvergeJson.readValue("\"x\""));
        }

        @Test
        void readAnyEnvelopeFallsBackToTheEngineReaderForErrors() {
            final ConvergeJsonException error = assertThrows(ConvergeJsonException.class,
                    () -> ConvergeJson.readAnyEnvelope("{\"event_id\":\"e\",\"occurred_at\":\"t\"}"));
            assertEquals("missing field `event`", error.getMessage());
            final ExperienceRecord read = ConvergeJson.readAnyEnvelope(envelope("\"e\"", CYCLES_EVENT));
            assertInstanceOf(ExperienceRecord.Engine.class, read);
        }
    }

    private static String hypothesis(String confidence) {
        return "{\"chain_id\":\"c\",\"fact_id\":\"f\",\"domain\":\"d\",\"claim\":\"x\",\"confidence\":" + confidence
                + ",\"outcome\":\"Confirmed\",\"formed_cycle\":1,\"resolved_cycle\":2}";
    }

    private static String provenance(String extra) {
        return "{\"query_hash\":\"qh\",\"embedding_input_hash\":\"eih\",\"embedding_hash\":\"eh\",\"embedder_id\":\"emb\","
                + "\"embedder_settings_hash\":\"esh\",\"corpus_fingerprint\":\"cf\",\"policy_snapshot_hash\":\"psh\","
                + "\"candidate_scores\":[{\"id\":\"c-1\",\"score\":0.5}],\"candidates_searched\":10,"
                + "\"candidates_returned\":1,\"latency_ms\":7,\"timestamp\":\"t\"" + extra + "}";
    }

    private static GateVerdict verdict(String json) {
        final String data = "{\"request\":{\"gate_id\":\"g\",\"proposal_id\":\"p\",\"summary\":\"s\",\"agent_id\":\"a\","
                + "\"context_data\":[],\"cycle\":0,\"requested_at\":\"t\",\"timeout\":{\"timeout_secs\":"
                + "18446744073709551615,\"action\":\"Escalate\"}},\"decision\":{\"gate_id\":\"g\",\"verdict\":" + json
                + ",\"decided_by\":\"d\",\"decided_at\":\"t\"}}";
        final ExperienceEvent.GateDecisionRecorded read =
                (ExperienceEvent.GateDecisionRecorded) readData("GateDecisionRecorded", data);
        assertEquals(new GateRequest(GateId.of("g"), ProposalId.of("p"), "s", "a", null, List.of(), 0, "t",
                new TimeoutPolicy(-1L, TimeoutAction.Escalate)), read.request());
        return read.decision().verdict();
    }

    private static StopReason stopReason(String json) {
        return ((ExperienceEvent.OutcomeRecorded) readData("OutcomeRecorded",
                "{\"chain_id\":\"c\",\"step\":\"Reasoning\",\"passed\":true,\"stop_reason\":" + json + "}")).stopReason();
    }

    /** The document of {@link LayoutFreedoms#randomMemberOrderAndWhitespaceReadTheSameValue}, as nested maps. */
    private static Map<String, Object> outcomeDocument() {
        final Map<String, Object> stop = new LinkedHashMap<>();
        stop.put("tokens_consumed", "#18446744073709551614");
        stop.put("limit", "#5");
        final Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("k1", "v1");
        metadata.put("k2", "v2");
        final Map<String, Object> data = new LinkedHashMap<>();
        data.put("chain_id", "c-1");
        data.put("step", "Planning");
        data.put("passed", Boolean.FALSE);
        data.put("stop_reason", Map.of("TokenBudgetExhausted", stop));
        data.put("latency_ms", "#12");
        data.put("tokens", null);
        data.put("cost_microdollars", "#7");
        data.put("backend", "local");
        data.put("metadata", metadata);
        data.put("unknown", List.of("#1", Boolean.TRUE));
        final Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "OutcomeRecorded");
        event.put("data", data);
        final Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("event_id", "evt-2");
        envelope.put("occurred_at", "t");
        envelope.put("tenant_id", "tenant-x");
        envelope.put("event", event);
        return envelope;
    }

    /** Writes a test document (maps, lists, strings, "#number" strings, booleans, null) in random order and spacing. */
    private static void writeShuffled(StringBuilder out, Object value, Random random) {
        space(out, random);
        if (value instanceof Map<?, ?> map) {
            final List<Map.Entry<?, ?>> members = new ArrayList<>(map.entrySet());
            Collections.shuffle(members, random);
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                space(out, random);
                out.append('"').append(members.get(i).getKey()).append('"');
                space(out, random);
                out.append(':');
                writeShuffled(out, members.get(i).getValue(), random);
            }
            space(out, random);
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeShuffled(out, list.get(i), random);
            }
            out.append(']');
        } else if (value instanceof String s && s.startsWith("#")) {
            out.append(s.substring(1));
        } else if (value instanceof String s) {
            appendEscapedRandomly(out, s, random);
        } else {
            out.append(value);
        }
        space(out, random);
    }

    private static void space(StringBuilder out, Random random) {
        final String whitespace = " \t\r\n";
        for (int n = random.nextInt(3); n > 0; n--) {
            out.append(whitespace.charAt(random.nextInt(whitespace.length())));
        }
    }

    private static void appendRandomCodePoint(StringBuilder out, Random random) {
        switch (random.nextInt(5)) {
            case 0 -> out.append((char) random.nextInt(0x20));
            case 1 -> out.append("\"\\/'".charAt(random.nextInt(4)));
            case 2 -> out.append((char) (0x20 + random.nextInt(0x5F)));
            case 3 -> out.appendCodePoint(0x10000 + random.nextInt(0x100000 - 0x10000));
            default -> {
                final int c = 0x80 + random.nextInt(0xD800 - 0x80);
                out.append((char) c);
            }
        }
    }

    /** Writes {@code value} as a JSON string, choosing at random between raw characters and escapes where allowed. */
    private static void appendEscapedRandomly(StringBuilder out, String value, Random random) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            final boolean mustEscape = c < 0x20 || c == '"' || c == '\\';
            final boolean pair = Character.isHighSurrogate(c);
            if (mustEscape || random.nextInt(4) == 0) {
                out.append(String.format("\\u%04x", (int) c));
                if (pair) {
                    out.append(String.format("\\u%04x", (int) value.charAt(++i)));
                }
            } else {
                out.append(c);
                if (pair) {
                    out.append(value.charAt(++i));
                }
            }
        }
        out.append('"');
    }

    @Test
    void readersAreUsableFromManyThreads() throws InterruptedException {
        final List<Thread> threads = new ArrayList<>();
        final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            final Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 500; i++) {
                        assertEquals(CYCLES, ConvergeJson.readEnvelope(envelope("\"e" + i + "\"", CYCLES_EVENT)).event());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(failures.isEmpty(), failures::toString);
    }
}
