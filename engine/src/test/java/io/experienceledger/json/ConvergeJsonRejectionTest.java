package io.experienceledger.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Documents the reference rejects, and the message each one gets: {@code <path>: <problem>} with the problem in
 * serde's words. Expected messages are written from the spec and serde's error texts.
 */
class ConvergeJsonRejectionTest {
    private static final String CYCLES_DATA = "{\"chain_id\":\"c\",\"resource\":\"Cycles\",\"limit\":\"1\",\"observed\":null}";
    private static final String CYCLES_EVENT = "{\"type\":\"BudgetExceeded\",\"data\":" + CYCLES_DATA + "}";
    private static final String ENGINE_KINDS = "`ProposalCreated`, `ProposalValidated`, `FactPromoted`, "
            + "`RecallExecuted`, `ReplayTraceRecorded`, `ReplayabilityDowngraded`, `ArtifactStateTransitioned`, "
            + "`ArtifactRollbackRecorded`, `BackendInvoked`, `OutcomeRecorded`, `BudgetExceeded`, "
            + "`PolicySnapshotCaptured`, `HypothesisResolved`, `GateDecisionRecorded`";
    private static final String USER_KINDS = "`UserApprovalGranted`, `UserApprovalRejected`, `UserOverrideIssued`, "
            + "`UserCorrection`, `UserBoundaryAdjusted`";
    private static final String UNIT_INTERVAL = "value must be finite and in the inclusive range 0.0..=1.0";
    private static final String HASH_64 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static String envelope(String members) {
        return "{\"event_id\":\"e\",\"occurred_at\":\"t\"" + members + "}";
    }

    private static String event(String type, String data) {
        return envelope(",\"event\":{\"type\":\"" + type + "\",\"data\":" + data + "}");
    }

    private static String outcome(String members) {
        return event("OutcomeRecorded", "{\"chain_id\":\"c\",\"step\":\"Reasoning\",\"passed\":true" + members + "}");
    }

    private static String hypothesis(String confidence, String formedCycle) {
        return event("HypothesisResolved", "{\"chain_id\":\"c\",\"fact_id\":\"f\",\"domain\":\"d\",\"claim\":\"x\","
                + "\"confidence\":" + confidence + ",\"outcome\":\"Confirmed\",\"formed_cycle\":" + formedCycle
                + ",\"resolved_cycle\":2}");
    }

    private static String policy(String type, String policy) {
        return event("PolicySnapshotCaptured", "{\"policy_id\":\"p\",\"policy\":{\"type\":\"" + type + "\",\"policy\":"
                + policy + "},\"snapshot_hash\":\"" + "0".repeat(64) + "\",\"captured_by\":\"engine\"}");
    }

    private static String recallPolicy(String threshold, String extra) {
        return policy("Recall", "{\"enabled\":true,\"max_k_total\":5,\"max_tokens_injection\":500,"
                + "\"min_score_threshold\":" + threshold + ",\"budgets\":{\"max_latency_ms\":100,"
                + "\"max_embedding_calls\":3,\"max_tokens_per_candidate\":100}" + extra + "}");
    }

    private static String snapshotHash(String hash) {
        return event("PolicySnapshotCaptured", "{\"policy_id\":\"p\",\"policy\":{\"type\":\"Kernel\",\"policy\":"
                + "{\"recall_enabled\":false,\"recall_max_candidates\":5,\"recall_min_score\":0.7,\"requires_human\":false,"
                + "\"required_truths\":[]}},\"snapshot_hash\":" + hash + ",\"captured_by\":\"engine\"}");
    }

    private static String userEvent(String type, String data) {
        return envelope(",\"event\":{\"type\":\"" + type + "\",\"data\":" + data + "}");
    }

    private static String boundary(String members) {
        return userEvent("UserBoundaryAdjusted", "{\"boundary\":\"authority\",\"target\":{\"scope\":\"global\"},"
                + "\"actor\":\"a\",\"reason\":\"r\"" + members + "}");
    }

    private static String provenance(String extra) {
        return event("RecallExecuted", "{\"query\":{\"query_text\":\"q\",\"top_k\":3},\"provenance\":{\"query_hash\":\"qh\","
                + "\"embedding_input_hash\":\"eih\",\"embedding_hash\":\"eh\",\"embedder_id\":\"emb\","
                + "\"embedder_settings_hash\":\"esh\",\"corpus_fingerprint\":\"cf\",\"policy_snapshot_hash\":\"psh\","
                + "\"candidates_searched\":10,\"candidates_returned\":1,\"latency_ms\":7,\"timestamp\":\"t\"" + extra
                + "}}");
    }

    private static String trace(String members) {
        return "{\"type\":\"Local\",\"base_model_hash\":\"abc\",\"tokenizer_hash\":\"tok\",\"sampler\":"
                + "{\"temperature\":0.0,\"top_p\":1.0},\"prompt_version\":\"v1\",\"weights_mutated\":false,"
                + "\"execution_env\":{\"device\":\"cpu\",\"backend\":\"ndarray\",\"precision\":\"f32\"}" + members + "}";
    }

    private static String gate(String verdict) {
        return event("GateDecisionRecorded", "{\"request\":{\"gate_id\":\"g\",\"proposal_id\":\"p\",\"summary\":\"s\","
                + "\"agent_id\":\"a\",\"context_data\":[],\"cycle\":4294967296,\"requested_at\":\"t\",\"timeout\":"
                + "{\"timeout_secs\":1,\"action\":\"Reject\"}},\"decision\":{\"gate_id\":\"g\",\"verdict\":" + verdict
                + ",\"decided_by\":\"d\",\"decided_at\":\"t\"}}");
    }

    /** The reader entry points a rejection case goes through. */
    private enum Reader {
        ENVELOPE(ConvergeJson::readEnvelope),
        USER(ConvergeJson::readUserEnvelope),
        ANY(ConvergeJson::readAnyEnvelope),
        QUERY(ConvergeJson::readQuery),
        RECORD(ConvergeJson::readRecord),
        TRACE(ConvergeJson::readReplayTrace),
        VALUE(ConvergeJson::readValue);

        private final Consumer<String> read;

        Reader(Consumer<String> read) {
            this.read = read;
        }
    }

    private static Arguments reject(String name, Reader reader, String json, String path, String problem) {
        return Arguments.of(name, reader, json, path, problem);
    }

    static Stream<Arguments> rejections() {
        final List<Arguments> cases = new ArrayList<>();
        // Spec 12.1: the reference's malformed-envelope tests.
        cases.add(reject("missing event_id", Reader.ENVELOPE, "{\"occurred_at\":\"t\",\"tenant_id\":null,"
                + "\"correlation_id\":null,\"event\":" + CYCLES_EVENT + "}", "", "missing field `event_id`"));
        cases.add(reject("missing occurred_at", Reader.ENVELOPE, "{\"event_id\":\"evt-1\",\"event\":" + CYCLES_EVENT
                + "}", "", "missing field `occurred_at`"));
        cases.add(reject("missing event", Reader.ENVELOPE, envelope(",\"tenant_id\":null,\"correlation_id\":null"), "",
                "missing field `event`"));
        cases.add(reject("numeric event_id", Reader.ENVELOPE, "{\"event_id\":12345,\"occurred_at\":\"t\",\"event\":"
                + CYCLES_EVENT + "}", "event_id", "invalid type: integer `12345`, expected a string"));
        cases.add(reject("null event_id", Reader.ENVELOPE, "{\"event_id\":null,\"occurred_at\":\"t\",\"event\":"
                + CYCLES_EVENT + "}", "event_id", "invalid type: null, expected a string"));
        // Wrong JSON type for structs and enums.
        cases.add(reject("document is a string", Reader.ENVELOPE, "\"x\"", "",
                "invalid type: string \"x\", expected struct ExperienceEventEnvelope"));
        cases.add(reject("event is a string", Reader.ENVELOPE, envelope(",\"event\":\"x\""), "event",
                "invalid type: string \"x\", expected adjacently tagged enum ExperienceEvent"));
        cases.add(reject("data is a number", Reader.ENVELOPE, event("BudgetExceeded", "5"), "event.data",
                "invalid type: integer `5`, expected struct variant ExperienceEvent::BudgetExceeded"));
        cases.add(reject("data is null", Reader.ENVELOPE, event("BudgetExceeded", "null"), "event.data",
                "invalid type: null, expected struct variant ExperienceEvent::BudgetExceeded"));
        cases.add(reject("trace is a number", Reader.TRACE, "5", "",
                "invalid type: integer `5`, expected internally tagged enum ReplayTrace"));
        cases.add(reject("tag is a number", Reader.ENVELOPE, envelope(",\"event\":{\"type\":5,\"data\":{}}"),
                "event.type", "invalid type: integer `5`, expected variant identifier"));
        cases.add(reject("plain enum is a number", Reader.ENVELOPE, event("OutcomeRecorded",
                "{\"chain_id\":\"c\",\"step\":5,\"passed\":true}"), "event.data.step",
                "invalid type: integer `5`, expected enum DecisionStep"));
        cases.add(reject("bool is a string", Reader.ENVELOPE, event("OutcomeRecorded",
                "{\"chain_id\":\"c\",\"step\":\"Planning\",\"passed\":\"yes\"}"), "event.data.passed",
                "invalid type: string \"yes\", expected a boolean"));
        cases.add(reject("list is a map", Reader.QUERY, "{\"kinds\":{}}", "kinds",
                "invalid type: map, expected a sequence"));
        cases.add(reject("string is a list", Reader.ENVELOPE, "{\"event_id\":[],\"occurred_at\":\"t\"}", "event_id",
                "invalid type: sequence, expected a string"));
        cases.add(reject("string is a bool", Reader.ENVELOPE, "{\"event_id\":true}", "event_id",
                "invalid type: boolean `true`, expected a string"));
        cases.add(reject("string is a float", Reader.ENVELOPE, "{\"event_id\":1.5}", "event_id",
                "invalid type: floating point `1.5`, expected a string"));
        cases.add(reject("string escapes in the unexpected value", Reader.ENVELOPE,
                event("OutcomeRecorded", "{\"chain_id\":\"c\",\"step\":\"Planning\",\"passed\":\"a\\\"\\\\\\n\\u0001\"}"),
                "event.data.passed", "invalid type: string \"a\\\"\\\\\\n\\u{1}\", expected a boolean"));
        // Missing and duplicate members.
        cases.add(reject("missing data", Reader.ENVELOPE, envelope(",\"event\":{\"type\":\"BudgetExceeded\"}"),
                "event", "missing field `data`"));
        cases.add(reject("missing type", Reader.ENVELOPE, envelope(",\"event\":{\"data\":" + CYCLES_DATA + "}"),
                "event", "missing field `type`"));
        cases.add(reject("missing member of event data", Reader.ENVELOPE,
                event("BudgetExceeded", "{\"resource\":\"Cycles\",\"limit\":\"1\"}"), "event.data",
                "missing field `chain_id`"));
        cases.add(reject("first missing member in declaration order", Reader.ENVELOPE,
                event("BudgetExceeded", "{\"chain_id\":\"c\"}"), "event.data", "missing field `resource`"));
        cases.add(reject("record value missing", Reader.RECORD, "{\"kind\":\"Engine\"}", "",
                "missing field `value`"));
        cases.add(reject("record kind missing", Reader.RECORD, "{\"value\":{}}", "", "missing field `kind`"));
        cases.add(reject("duplicate event_id", Reader.ENVELOPE, "{\"event_id\":\"a\",\"event_id\":\"b\"}", "",
                "duplicate field `event_id`"));
        cases.add(reject("duplicate tenant_id", Reader.ENVELOPE, envelope(",\"tenant_id\":\"a\",\"tenant_id\":null,"
                + "\"event\":" + CYCLES_EVENT), "", "duplicate field `tenant_id`"));
        cases.add(reject("duplicate member of event data", Reader.ENVELOPE, event("BudgetExceeded",
                "{\"chain_id\":\"c\",\"chain_id\":\"c\",\"resource\":\"Cycles\",\"limit\":\"1\"}"), "event.data",
                "duplicate field `chain_id`"));
        cases.add(reject("duplicate adjacent tag", Reader.ENVELOPE, envelope(",\"event\":{\"type\":\"BudgetExceeded\","
                + "\"data\":" + CYCLES_DATA + ",\"type\":\"BudgetExceeded\"}"), "event", "duplicate field `type`"));
        cases.add(reject("duplicate adjacent content", Reader.ENVELOPE, envelope(",\"event\":{\"data\":" + CYCLES_DATA
                + ",\"data\":" + CYCLES_DATA + ",\"type\":\"BudgetExceeded\"}"), "event", "duplicate field `data`"));
        cases.add(reject("duplicate internal tag", Reader.TRACE, trace(",\"seed\":1,\"type\":\"Local\""), "",
                "duplicate field `type`"));
        cases.add(reject("duplicate member of an internally tagged variant", Reader.TRACE,
                trace(",\"seed\":1,\"seed\":2"), "", "duplicate field `seed`"));
        cases.add(reject("duplicate member of a struct variant", Reader.ENVELOPE, outcome(",\"stop_reason\":"
                + "{\"CycleBudgetExhausted\":{\"limit\":1,\"limit\":1,\"cycles_executed\":1}}"),
                "event.data.stop_reason.CycleBudgetExhausted", "duplicate field `limit`"));
        cases.add(reject("missing internal tag", Reader.TRACE, "{\"seed\":1}", "", "missing field `type`"));
        cases.add(reject("first bad member in document order wins", Reader.ENVELOPE,
                "{\"occurred_at\":5,\"event_id\":5}", "occurred_at", "invalid type: integer `5`, expected a string"));
        cases.add(reject("type error before missing member", Reader.ENVELOPE, "{\"occurred_at\":5}", "occurred_at",
                "invalid type: integer `5`, expected a string"));
        // Unknown variants and enum shapes.
        cases.add(reject("unknown event type", Reader.ENVELOPE, event("Foo", "{}"), "event.type",
                "unknown variant `Foo`, expected one of " + ENGINE_KINDS));
        cases.add(reject("engine event read as user envelope", Reader.USER, event("BudgetExceeded", CYCLES_DATA),
                "event.type", "unknown variant `BudgetExceeded`, expected one of " + USER_KINDS));
        cases.add(reject("unknown user event type", Reader.ANY, userEvent("UserFoo", "{}"), "event.type",
                "unknown variant `UserFoo`, expected one of " + USER_KINDS));
        cases.add(reject("variant names are case-sensitive", Reader.ENVELOPE, event("BudgetExceeded",
                "{\"chain_id\":\"c\",\"resource\":\"tokens\",\"limit\":\"1\"}"), "event.data.resource",
                "unknown variant `tokens`, expected one of `EngineBudget`, `Tokens`, `Facts`, `Cycles`, `Time`, "
                        + "`Cost`, `Other`"));
        cases.add(reject("bare Other", Reader.ENVELOPE, event("BudgetExceeded",
                "{\"chain_id\":\"c\",\"resource\":\"Other\",\"limit\":\"1\"}"), "event.data.resource",
                "invalid type: unit variant, expected newtype variant"));
        cases.add(reject("Other with null", Reader.ENVELOPE, event("BudgetExceeded",
                "{\"chain_id\":\"c\",\"resource\":{\"Other\":null},\"limit\":\"1\"}"), "event.data.resource.Other",
                "invalid type: null, expected a string"));
        cases.add(reject("external enum as empty object", Reader.ENVELOPE, event("BudgetExceeded",
                "{\"chain_id\":\"c\",\"resource\":{},\"limit\":\"1\"}"), "event.data.resource",
                "invalid value: map, expected map with a single key"));
        cases.add(reject("external enum with two keys", Reader.ENVELOPE, event("BudgetExceeded",
                "{\"chain_id\":\"c\",\"resource\":{\"Tokens\":null,\"Cost\":null},\"limit\":\"1\"}"),
                "event.data.resource", "invalid value: map, expected map with a single key"));
        cases.add(reject("unit variant with content", Reader.ENVELOPE, event("BudgetExceeded",
                "{\"chain_id\":\"c\",\"resource\":{\"Tokens\":5},\"limit\":\"1\"}"), "event.data.resource.Tokens",
                "invalid type: integer `5`, expected unit"));
        cases.add(reject("unknown variant in object form", Reader.ENVELOPE, outcome(",\"stop_reason\":{\"Stopped\":null}"),
                "event.data.stop_reason", "unknown variant `Stopped`, expected one of `Converged`, `CriteriaMet`, "
                        + "`UserCancelled`, `HumanInterventionRequired`, `CycleBudgetExhausted`, `FactBudgetExhausted`, "
                        + "`TokenBudgetExhausted`, `TimeBudgetExhausted`, `InvariantViolated`, `PromotionRejected`, "
                        + "`Error`, `AgentRefused`, `HitlGatePending`"));
        cases.add(reject("struct variant as bare string", Reader.ENVELOPE, outcome(",\"stop_reason\":\"CriteriaMet\""),
                "event.data.stop_reason", "invalid type: unit variant, expected struct variant"));
        cases.add(reject("struct variant member missing", Reader.ENVELOPE,
                outcome(",\"stop_reason\":{\"CycleBudgetExhausted\":{\"limit\":1}}"),
                "event.data.stop_reason.CycleBudgetExhausted", "missing field `cycles_executed`"));
        cases.add(reject("Reject with null", Reader.ENVELOPE, gate("{\"Reject\":null}").replace("4294967296", "1"),
                "event.data.decision.verdict.Reject", "invalid type: null, expected struct variant GateVerdict::Reject"));
        cases.add(reject("snake_case boundary kind in PascalCase", Reader.USER,
                boundary(",\"previous_value\":1,\"new_value\":2").replace("\"authority\"", "\"Authority\""),
                "event.data.boundary", "unknown variant `Authority`, expected one of `authority`, `forbidden`, "
                        + "`expiry`, `reversibility`"));
        cases.add(reject("correction target in PascalCase", Reader.USER, userEvent("UserCorrection",
                "{\"target\":{\"kind\":\"Fact\",\"fact_id\":\"f\"}}"), "event.data.target.kind",
                "unknown variant `Fact`, expected `fact` or `proposal`"));
        cases.add(reject("correction target member missing", Reader.USER, userEvent("UserCorrection",
                "{\"target\":{\"kind\":\"fact\",\"proposal_id\":\"p\"}}"), "event.data.target",
                "missing field `fact_id`"));
        cases.add(reject("boundary target in PascalCase", Reader.USER,
                boundary(",\"previous_value\":1,\"new_value\":2").replace("\"global\"", "\"Global\""),
                "event.data.target.scope", "unknown variant `Global`, expected one of `pack`, `intent`, `global`"));
        cases.add(reject("override target in snake_case", Reader.USER, userEvent("UserOverrideIssued",
                "{\"target\":{\"kind\":\"fact\",\"id\":\"f\"}}"), "event.data.target.kind",
                "unknown variant `fact`, expected one of `Fact`, `Proposal`, `Constraint`"));
        cases.add(reject("override target without id", Reader.USER, userEvent("UserOverrideIssued",
                "{\"target\":{\"kind\":\"Fact\"}}"), "event.data.target", "missing field `id`"));
        cases.add(reject("record kind unknown", Reader.RECORD, "{\"kind\":\"engine\",\"value\":{}}", "kind",
                "unknown variant `engine`, expected `Engine` or `User`"));
        cases.add(reject("unknown trace type", Reader.TRACE, "{\"type\":\"local\"}", "type",
                "unknown variant `local`, expected `Local` or `Remote`"));
        cases.add(reject("unknown routing key", Reader.ENVELOPE, policy("Routing", "{\"truth_preferences\":{},"
                + "\"risk_tier_backends\":{\"Extreme\":[]},\"data_classification_backends\":{},\"default_backend\":\"l\"}"),
                "event.data.policy.policy.risk_tier_backends.Extreme",
                "unknown variant `Extreme`, expected one of `Low`, `Medium`, `High`, `Critical`"));
        cases.add(reject("unknown kind in a query", Reader.QUERY, "{\"kinds\":[\"FactPromoted\",\"BudgetExceeded\","
                + "\"Foo\"]}", "kinds[2]", "unknown variant `Foo`, expected one of " + ENGINE_KINDS));
        cases.add(reject("null kind in a query", Reader.QUERY, "{\"kinds\":[null]}", "kinds[0]",
                "invalid type: null, expected enum ExperienceEventKind"));
        cases.add(reject("empty query", Reader.QUERY, "{}", "", "missing field `kinds`"));
        cases.add(reject("null kinds", Reader.QUERY, "{\"kinds\":null}", "kinds",
                "invalid type: null, expected a sequence"));
        // Integers.
        cases.add(reject("float for u64", Reader.ENVELOPE, outcome(",\"latency_ms\":1.0"), "event.data.latency_ms",
                "invalid type: floating point `1.0`, expected u64"));
        cases.add(reject("exponent for u64", Reader.ENVELOPE, outcome(",\"tokens\":1e3"), "event.data.tokens",
                "invalid type: floating point `1000.0`, expected u64"));
        cases.add(reject("negative u64", Reader.ENVELOPE, outcome(",\"latency_ms\":-1"), "event.data.latency_ms",
                "invalid value: integer `-1`, expected u64"));
        cases.add(reject("minus zero u64", Reader.ENVELOPE, outcome(",\"latency_ms\":-0"), "event.data.latency_ms",
                "invalid type: floating point `-0.0`, expected u64"));
        cases.add(reject("u64 overflow", Reader.ENVELOPE, outcome(",\"cost_microdollars\":18446744073709551616"),
                "event.data.cost_microdollars", "invalid type: floating point `18446744073709552000.0`, expected u64"));
        cases.add(reject("string for u64", Reader.ENVELOPE, outcome(",\"latency_ms\":\"x\""), "event.data.latency_ms",
                "invalid type: string \"x\", expected u64"));
        cases.add(reject("u64 seed of a trace", Reader.TRACE, trace(",\"seed\":-9223372036854775808"), "seed",
                "invalid value: integer `-9223372036854775808`, expected u64"));
        cases.add(reject("below i64", Reader.TRACE, trace(",\"seed\":-9223372036854775809"), "seed",
                "invalid type: floating point `-9223372036854776000.0`, expected u64"));
        cases.add(reject("u32 overflow", Reader.ENVELOPE, hypothesis("0.5", "4294967296"), "event.data.formed_cycle",
                "invalid value: integer `4294967296`, expected u32"));
        cases.add(reject("u32 of a gate request", Reader.ENVELOPE, gate("\"Approve\""), "event.data.request.cycle",
                "invalid value: integer `4294967296`, expected u32"));
        cases.add(reject("negative usize", Reader.QUERY, "{\"kinds\":[],\"limit\":-1}", "limit",
                "invalid value: integer `-1`, expected usize"));
        cases.add(reject("fractional usize", Reader.QUERY, "{\"kinds\":[],\"limit\":2.5}", "limit",
                "invalid type: floating point `2.5`, expected usize"));
        cases.add(reject("huge integer out of f64 range", Reader.QUERY, "{\"kinds\":[],\"limit\":1" + "0".repeat(400)
                + "}", "limit", "number out of range"));
        // Floats and unit intervals.
        cases.add(reject("confidence above one", Reader.ENVELOPE, hypothesis("1.5", "1"), "event.data.confidence",
                UNIT_INTERVAL));
        cases.add(reject("confidence below zero", Reader.ENVELOPE, hypothesis("-0.1", "1"), "event.data.confidence",
                UNIT_INTERVAL));
        cases.add(reject("confidence just above one", Reader.ENVELOPE, hypothesis("1.0000001", "1"),
                "event.data.confidence", UNIT_INTERVAL));
        cases.add(reject("unit interval 1.75", Reader.ENVELOPE, hypothesis("1.75", "1"), "event.data.confidence",
                UNIT_INTERVAL));
        cases.add(reject("integer two for a unit interval", Reader.ENVELOPE, hypothesis("2", "1"),
                "event.data.confidence", UNIT_INTERVAL));
        cases.add(reject("confidence as a string", Reader.ENVELOPE, hypothesis("\"0.5\"", "1"), "event.data.confidence",
                "invalid type: string \"0.5\", expected f64"));
        cases.add(reject("confidence beyond f64", Reader.ENVELOPE, hypothesis("1e400", "1"), "event.data.confidence",
                "number out of range"));
        cases.add(reject("candidate score above one", Reader.ENVELOPE,
                provenance(",\"candidate_scores\":[{\"id\":\"a\",\"score\":0.5},{\"id\":\"b\",\"score\":2}]"),
                "event.data.provenance.candidate_scores[1].score", UNIT_INTERVAL));
        cases.add(reject("recall threshold 1.2", Reader.ENVELOPE, recallPolicy("1.2", ""),
                "event.data.policy.policy.min_score_threshold", UNIT_INTERVAL));
        cases.add(reject("recall prior weight", Reader.ENVELOPE, recallPolicy("0.5", ",\"prior_weight\":1.5"),
                "event.data.policy.policy.prior_weight", UNIT_INTERVAL));
        cases.add(reject("f32 as a string", Reader.TRACE, trace(",\"seed\":1").replace("\"top_p\":1.0", "\"top_p\":\"1\""),
                "sampler.top_p", "invalid type: string \"1\", expected f32"));
        // Defaults may be absent but not null.
        cases.add(reject("null metadata", Reader.ENVELOPE, outcome(",\"metadata\":null"), "event.data.metadata",
                "invalid type: null, expected a map"));
        cases.add(reject("metadata value not a string", Reader.ENVELOPE, outcome(",\"metadata\":{\"k\":1}"),
                "event.data.metadata.k", "invalid type: integer `1`, expected a string"));
        cases.add(reject("null purpose", Reader.ENVELOPE, provenance(",\"candidate_scores\":[],\"purpose\":null"),
                "event.data.provenance.purpose", "invalid type: null, expected enum RecallUse"));
        cases.add(reject("null consumers", Reader.ENVELOPE, provenance(",\"candidate_scores\":[],\"consumers\":null"),
                "event.data.provenance.consumers", "invalid type: null, expected a sequence"));
        cases.add(reject("null signature", Reader.ENVELOPE, provenance(",\"candidate_scores\":[],\"signature\":null"),
                "event.data.provenance.signature", "invalid type: null, expected a string"));
        cases.add(reject("null allowed uses", Reader.ENVELOPE, recallPolicy("0.5", ",\"allowed_uses\":null"),
                "event.data.policy.policy.allowed_uses", "invalid type: null, expected a sequence"));
        cases.add(reject("null prior weight", Reader.ENVELOPE, recallPolicy("0.5", ",\"prior_weight\":null"),
                "event.data.policy.policy.prior_weight", "invalid type: null, expected f64"));
        cases.add(reject("provider metadata has no default", Reader.TRACE, "{\"type\":\"Remote\",\"provider_name\":\"p\","
                + "\"provider_model_id\":\"m\",\"request_fingerprint\":\"a\",\"response_fingerprint\":\"b\","
                + "\"temperature\":0,\"top_p\":1,\"max_tokens\":1,\"retried\":false,\"retry_reasons\":[],"
                + "\"replayability\":\"None\"}", "", "missing field `provider_metadata`"));
        // Arbitrary JSON members must be present.
        cases.add(reject("missing previous_value", Reader.USER, boundary(",\"new_value\":null"), "event.data",
                "missing field `previous_value`"));
        cases.add(reject("missing new_value", Reader.USER, boundary(",\"previous_value\":null"), "event.data",
                "missing field `new_value`"));
        // Content hashes.
        cases.add(reject("odd hash length", Reader.ENVELOPE, snapshotHash("\"" + "a".repeat(63) + "\""),
                "event.data.snapshot_hash", "Odd number of digits"));
        cases.add(reject("short hash", Reader.ENVELOPE, snapshotHash("\"" + "a".repeat(62) + "\""),
                "event.data.snapshot_hash", "Invalid string length"));
        cases.add(reject("long hash", Reader.ENVELOPE, snapshotHash("\"" + "a".repeat(66) + "\""),
                "event.data.snapshot_hash", "Invalid string length"));
        cases.add(reject("empty hash", Reader.ENVELOPE, snapshotHash("\"\""), "event.data.snapshot_hash",
                "Invalid string length"));
        cases.add(reject("non-hex character", Reader.ENVELOPE, snapshotHash("\"abcdeg" + "0".repeat(58) + "\""),
                "event.data.snapshot_hash", "Invalid character 'g' at position 5"));
        cases.add(reject("non-ASCII character counts in bytes", Reader.ENVELOPE,
                snapshotHash("\"" + "0".repeat(61) + "é\""), "event.data.snapshot_hash", "Odd number of digits"));
        cases.add(reject("non-ASCII character at a byte position", Reader.ENVELOPE,
                snapshotHash("\"" + "0".repeat(60) + "é00\""), "event.data.snapshot_hash",
                "Invalid character 'Ã' at position 60"));
        cases.add(reject("space in a hash", Reader.ENVELOPE, snapshotHash("\" " + "0".repeat(63) + "\""),
                "event.data.snapshot_hash", "Invalid character ' ' at position 0"));
        cases.add(reject("hash as a number", Reader.ENVELOPE, snapshotHash("5"), "event.data.snapshot_hash",
                "invalid type: integer `5`, expected a string"));
        cases.add(reject("optional hash present but bad", Reader.USER, userEvent("UserApprovalGranted",
                "{\"gate_request_id\":\"g\",\"actor\":\"a\",\"policy_snapshot_hash\":\"" + HASH_64.substring(1) + "\"}"),
                "event.data.policy_snapshot_hash", "Odd number of digits"));
        // Strings: lone surrogates.
        cases.add(reject("lone high surrogate", Reader.ENVELOPE, "{\"event_id\":\"\\ud800\"}", "event_id",
                "lone leading surrogate in hex escape"));
        cases.add(reject("lone low surrogate", Reader.ENVELOPE, "{\"event_id\":\"a\\udc00\"}", "event_id",
                "lone leading surrogate in hex escape"));
        cases.add(reject("reversed surrogates", Reader.ENVELOPE, "{\"event_id\":\"\\udc00\\ud800\"}", "event_id",
                "lone leading surrogate in hex escape"));
        cases.add(reject("lone surrogate in an unknown key", Reader.ENVELOPE, "{\"x\\ud800\":1}", "[\"x\\u{d800}\"]",
                "lone leading surrogate in hex escape"));
        cases.add(reject("lone surrogate in a map key", Reader.ENVELOPE, outcome(",\"metadata\":{\"\\udfff\":\"v\"}"),
                "event.data.metadata[\"\\u{dfff}\"]", "lone leading surrogate in hex escape"));
        cases.add(reject("lone surrogate in a variant name", Reader.ENVELOPE, event("\\ud800", "{}"), "event.type",
                "lone leading surrogate in hex escape"));
        cases.add(reject("lone surrogate in a value", Reader.VALUE, "{\"a\":[\"\\ud800\"]}", "a[0]",
                "lone leading surrogate in hex escape"));
        cases.add(reject("lone surrogate in a JSON value member", Reader.USER,
                boundary(",\"previous_value\":{\"k\":\"\\ud800\"},\"new_value\":null"),
                "event.data.previous_value.k", "lone leading surrogate in hex escape"));
        cases.add(reject("lone surrogate in a replaced duplicate", Reader.VALUE, "{\"a\":\"\\ud800\",\"a\":1}", "a",
                "lone leading surrogate in hex escape"));
        cases.add(reject("number out of range in a value", Reader.VALUE, "[1,-1e309]", "[1]", "number out of range"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejected(String name, Reader reader, String json, String path, String problem) {
        final ConvergeJsonException error = assertThrows(ConvergeJsonException.class, () -> reader.read.accept(json));
        assertEquals(path, error.path(), name);
        assertEquals(path.isEmpty() ? problem : path + ": " + problem, error.getMessage(), name);
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("", "", "EOF while parsing a value at line 1 column 0"),
                Arguments.of("   ", "", "EOF while parsing a value at line 1 column "),
                Arguments.of("{\"event_id\": \"evt-1\", \"occurred_at\": \"2026-01-01", "",
                        "EOF while parsing a string at line 1 column "),
                Arguments.of("{\"event_id\":\"e\",", "", "EOF while parsing an object at line 1 column "),
                Arguments.of("{\"event_id\":\"e\",\"event\":{\"type\":\"BudgetExceeded\"", "event",
                        "EOF while parsing an object at line 1 column "),
                Arguments.of("{\"kinds\":[\"FactPromoted\"", "kinds", "EOF while parsing a list at line 1 column 24"),
                Arguments.of("{\"kinds\":[\n", "kinds", "EOF while parsing a list at line 2 column 0"),
                Arguments.of("{\"kinds\":[]} x", "", "trailing characters at line 1 column 14"),
                Arguments.of("{\"kinds\":[]}{}", "", "trailing characters at line 1 column 13"),
                Arguments.of("{\"kinds\":[]}}", "", "trailing characters at line 1 column 13"),
                Arguments.of("{\"kinds\":[]} {\"kinds\":[]}", "", "trailing characters at line 1 column 14"),
                Arguments.of("{\"kinds\":[]}\n\u0000", "", "trailing characters at line 2 column 1"),
                Arguments.of("{\"kinds\":[],}", "", "Unexpected character"),
                Arguments.of("{\"kinds\":[1,]}", "kinds", "Unexpected character"),
                Arguments.of("{\"kinds\":[],\"time_range\":{\"start\":\"a\",}}", "time_range", "Unexpected character"),
                Arguments.of("{'kinds':[]}", "", "Unexpected character"),
                Arguments.of("{kinds:[]}", "", "Unexpected character"),
                Arguments.of("{\"kinds\":[]/* c */}", "", "Unexpected character"),
                Arguments.of("{\"kinds\":[], \"limit\":01}", "", "Invalid numeric value"),
                Arguments.of("{\"kinds\":[], \"limit\":+1}", "", "Unexpected character"),
                Arguments.of("{\"kinds\":[], \"limit\":NaN}", "", "Non-standard token 'NaN'"),
                Arguments.of("{\"kinds\":[], \"limit\":.5}", "", "Unexpected character"),
                Arguments.of("{\"kinds\":[], \"limit\":1.}", "", "Unexpected character"),
                Arguments.of("{\"kinds\":[], \"limit\":-}", "", "Unexpected character"),
                Arguments.of("{\"kinds\":[], \"tenant_id\":\"a\u0001\"}", "", "Illegal unquoted character"),
                Arguments.of("{\"kinds\":[], \"tenant_id\":\"\\x\"}", "", "Unrecognized character escape"),
                Arguments.of("{\"kinds\":[], \"tenant_id\":\"\\u12\"}", "", "Unexpected character"),
                Arguments.of("\uFEFF{\"kinds\":[]}", "", "Unexpected character"),
                Arguments.of("{\"kinds\" []}", "", "Unexpected character"),
                Arguments.of("nul", "", "Unrecognized token 'nul'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void syntaxErrorsNameTheMemberAndTheProblem(String json, String path, String problemStart) {
        final ConvergeJsonException error = assertThrows(ConvergeJsonException.class, () -> ConvergeJson.readQuery(json));
        assertEquals(path, error.path(), json);
        final String problem = path.isEmpty() ? error.getMessage() : error.getMessage().substring(path.length() + 2);
        assertTrue(problem.startsWith(problemStart), () -> json + " -> " + error.getMessage());
        assertTrue(problem.matches("(?s).* at line \\d+ column \\d+"), () -> json + " -> " + error.getMessage());
    }

    /** Port of {@code envelope_unpack_invalid_json_syntax}: broken JSON is refused by every reader, with a position. */
    @Test
    void invalidJsonSyntaxIsRefusedByEveryReader() {
        final String envelope = "{\"event_id\":\"e-1\",\"occurred_at\":\"2026-01-01T00:00:00Z\",\"event\":{";
        final List<java.util.function.Function<String, ?>> readers = List.of(ConvergeJson::readEnvelope,
                ConvergeJson::readUserEnvelope, ConvergeJson::readRecord, ConvergeJson::readReplayTrace,
                ConvergeJson::readQuery);
        for (java.util.function.Function<String, ?> reader : readers) {
            for (String json : new String[] {envelope, "not json", "{\"event_id\" \"e-1\"}", "", "{,}"}) {
                final ConvergeJsonException error = assertThrows(ConvergeJsonException.class, () -> reader.apply(json),
                        json);
                assertTrue(error.getMessage().matches("(?s).* at line \\d+ column \\d+"), error::getMessage);
            }
        }
        assertEquals("event: EOF while parsing an object at line 1 column " + envelope.length(),
                assertThrows(ConvergeJsonException.class, () -> ConvergeJson.readEnvelope(envelope)).getMessage());
    }

    @Test
    void trailingCharactersAfterLongDocumentsAndRootScalars() {
        final String padding = "p".repeat(40_000);
        final String query = "{\"kinds\":[],\"padding\":\"" + padding + "\"}";
        assertEquals(io.experienceledger.model.EventQuery.all(), ConvergeJson.readQuery(query + " \n\t\r "));
        final ConvergeJsonException error = assertThrows(ConvergeJsonException.class,
                () -> ConvergeJson.readQuery(query + "\n  x"));
        assertEquals("trailing characters at line 2 column 3", error.getMessage());
        for (String json : new String[] {"1]", "1 2", "\"a\"\"b\"", "null x", "[]]", "1\nx"}) {
            final ConvergeJsonException scalar = assertThrows(ConvergeJsonException.class,
                    () -> ConvergeJson.readValue(json), json);
            assertTrue(scalar.getMessage().startsWith("trailing characters at line "), scalar::getMessage);
        }
        assertEquals(new io.experienceledger.model.JsonValue("1"), ConvergeJson.readValue(" 1 "));
    }

    @Test
    void nestingDepthIsLimitedLikeSerdeJson() {
        assertEquals(new io.experienceledger.model.JsonValue("[".repeat(127) + "]".repeat(127)),
                ConvergeJson.readValue("[".repeat(127) + "]".repeat(127)));
        final ConvergeJsonException error = assertThrows(ConvergeJsonException.class,
                () -> ConvergeJson.readValue("[".repeat(128) + "]".repeat(128)));
        assertTrue(error.getMessage().endsWith("recursion limit exceeded at line 1 column 128"), error::getMessage);
        final String deepPayload = "{\"kinds\":[],\"x\":" + "{\"a\":".repeat(127) + "1" + "}".repeat(127) + "}";
        final ConvergeJsonException nested = assertThrows(ConvergeJsonException.class,
                () -> ConvergeJson.readQuery(deepPayload));
        assertTrue(nested.getMessage().contains("recursion limit exceeded"), nested::getMessage);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "null", "[]", "\"x\""})
    void nonObjectDocumentsAreTypeErrors(String json) {
        final ConvergeJsonException error = assertThrows(ConvergeJsonException.class, () -> ConvergeJson.readQuery(json));
        assertEquals("", error.path());
        assertTrue(error.getMessage().startsWith("invalid type: ") && error.getMessage().endsWith(
                ", expected struct EventQuery"), error::getMessage);
    }

    /**
     * Random corruptions of valid documents (characters deleted, inserted, replaced, members cut) either read or
     * fail with a {@link ConvergeJsonException} carrying a non-blank message, never with another exception.
     */
    @Test
    void corruptedDocumentsFailOnlyWithConvergeJsonException() {
        final long seed = 0x5EED_0005L;
        final Random random = new Random(seed);
        final String[] documents = {
            event("BudgetExceeded", "{\"chain_id\":\"c-1\",\"resource\":{\"Other\":\"gpu\"},\"limit\":\"999\"}"),
            hypothesis("0.85", "4294967295"),
            gate("{\"Reject\":{\"reason\":\"too risky\"}}").replace("4294967296", "3"),
            recallPolicy("0.5", ",\"allowed_uses\":[\"RuntimeAugmentation\"],\"prior_weight\":1.0"),
            boundary(",\"previous_value\":{\"limit\":100,\"x\":[1.5,-2,\"\\u00e9\"]},\"new_value\":null"),
            outcome(",\"stop_reason\":{\"TokenBudgetExhausted\":{\"tokens_consumed\":18446744073709551615,\"limit\":1}},"
                    + "\"metadata\":{\"k\":\"v\"},\"latency_ms\":12"),
        };
        final String alphabet = "{}[]\":,0123456789-+.eE \\utrfalsn\u00e9\uD83D\uDE80x";
        for (int i = 0; i < 4_000; i++) {
            final StringBuilder json = new StringBuilder(documents[random.nextInt(documents.length)]);
            for (int edits = 1 + random.nextInt(3); edits > 0 && json.length() > 0; edits--) {
                final int at = random.nextInt(json.length());
                switch (random.nextInt(4)) {
                    case 0 -> json.deleteCharAt(at);
                    case 1 -> json.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 2 -> json.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> json.setLength(at);
                }
            }
            final String text = json.toString();
            for (Reader reader : Reader.values()) {
                try {
                    reader.read.accept(text);
                } catch (ConvergeJsonException e) {
                    if (e.getMessage() == null || e.getMessage().isBlank()) {
                        fail("seed " + seed + ": blank message for " + text);
                    }
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + seed + ", iteration " + i + ", reader " + reader + ": " + text, e);
                }
            }
        }
    }
}
