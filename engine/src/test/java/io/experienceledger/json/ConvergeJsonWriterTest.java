package io.experienceledger.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.experienceledger.model.ModelSamples;
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
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte-exact tests of the converge JSON writer. Every expected text is taken from the spec: the examples of
 * section 11 (compacted by {@link SpecExamples#compact}, an independent whitespace stripper), the two compact
 * forms given verbatim, or written by hand from the field tables of sections 3 to 9. Nothing here was produced
 * by running the writer. Property-style tests use seeded {@link Random}s and name the seed in their messages.
 */
class ConvergeJsonWriterTest {
    private static final String HASH_HEX = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final ContentHash HASH = ContentHash.of(HASH_HEX);
    private static final long U64_MAX = -1L;
    private static final long RANDOM_SEED = 20260428L;
    private static final int RANDOM_ROUNDS = 1500;

    /**
     * {@code value} written by {@code codec} is {@code expected}, alone and appended to a buffer in use, whose bytes
     * are then {@code expected} in UTF-8 after what it held.
     */
    private static <T> void assertWrites(String expected, Encoder<T> codec, T value) {
        assertEquals(expected, ConvergeJsonWriter.write(codec, value));
        final JsonOutput out = new JsonOutput(8);
        out.ascii("prefix:");
        ConvergeJsonWriter.write(out, codec, value);
        assertArrayEquals(("prefix:" + expected).getBytes(StandardCharsets.UTF_8), out.toByteArray(),
                "appending to a buffer in use");
    }

    /** A value with the codec of its type, so that a table of values of mixed types keeps each pair type-checked. */
    private record Sample<T>(Codec<T> codec, T value) {
        static <T> Sample<T> of(Codec<T> codec, T value) {
            return new Sample<>(codec, value);
        }

        static <T> List<Sample<T>> all(Codec<T> codec, List<? extends T> values) {
            return values.stream().map(value -> Sample.<T>of(codec, value)).toList();
        }

        String write() {
            return ConvergeJsonWriter.write(codec, value);
        }

        void assertWrites(String expected) {
            ConvergeJsonWriterTest.assertWrites(expected, codec, value);
        }

        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }

    // ================================================================ spec section 11

    static Stream<SpecExamples.Example<?>> specExamples() {
        return SpecExamples.all().stream();
    }

    @ParameterizedTest(name = "spec {0}")
    @MethodSource("specExamples")
    void specExampleWritesAsItsCompactForm(SpecExamples.Example<?> example) {
        writesAsItsCompactForm(example);
    }

    private static <T> void writesAsItsCompactForm(SpecExamples.Example<T> example) {
        assertWrites(SpecExamples.compact(example.specText()), example.codec(), example.value());
    }

    @Test
    void example111MatchesTheVerbatimCompactForm() {
        assertEquals(SpecExamples.EX_11_1_COMPACT, SpecExamples.compact(SpecExamples.EX_11_1), "the stripper agrees with the spec");
        assertWrites(SpecExamples.EX_11_1_COMPACT, EnvelopeCodecs.ENGINE_ENVELOPE, SpecExamples.example111());
    }

    @Test
    void policySnapshotPayloadMatchesTheVerbatimCompactForm() {
        final ExperienceEvent.PolicySnapshotCaptured event = SpecExamples.policySnapshotPayloadExample();
        assertWrites("{\"type\":\"PolicySnapshotCaptured\",\"data\":" + SpecExamples.POLICY_SNAPSHOT_PAYLOAD_COMPACT + "}",
                EventCodecs.EVENT, event);
        assertWrites("{\"event_id\":\"evt-p\",\"occurred_at\":\"1970-01-01T00:00:00Z\",\"tenant_id\":null,"
                        + "\"correlation_id\":null,\"event\":{\"type\":\"PolicySnapshotCaptured\",\"data\":"
                        + SpecExamples.POLICY_SNAPSHOT_PAYLOAD_COMPACT + "}}",
                EnvelopeCodecs.ENGINE_ENVELOPE, ExperienceEventEnvelope.of("evt-p", event));
    }

    @Test
    void example112WithEmptyMetadataOmitsTheMemberAndConvergedIsABareString() {
        final ExperienceEvent.OutcomeRecorded original = (ExperienceEvent.OutcomeRecorded) SpecExamples.example112().event();
        final ExperienceEvent.OutcomeRecorded variant = new ExperienceEvent.OutcomeRecorded(original.chainId(),
                original.step(), original.passed(), new StopReason.Converged(), original.latencyMs(), original.tokens(),
                original.costMicrodollars(), original.backend(), Map.of());
        assertWrites("""
                {"type":"OutcomeRecorded","data":{"chain_id":"c-1","step":"Planning","passed":false,\
                "stop_reason":"Converged","latency_ms":12,"tokens":42,"cost_microdollars":null,"backend":"local"}}""",
                EventCodecs.EVENT, variant);
    }

    @Test
    void example116OverrideTargetIsAdjacentWithPascalCase() {
        assertWrites("""
                {"kind":"Constraint","id":"budget"}""",
                UserEventCodecs.OVERRIDE_TARGET, new OverrideTarget.Constraint(ConstraintName.of("budget")));
    }

    @Test
    void example118EngineRecordWrapsTheEngineEnvelope() {
        assertWrites("{\"kind\":\"Engine\",\"value\":" + SpecExamples.EX_11_1_COMPACT + "}",
                EnvelopeCodecs.RECORD, new ExperienceRecord.Engine(SpecExamples.example111()));
    }

    // ================================================================ every engine variant (3.2)

    private static LocalReplayTrace localMinimal() {
        return new LocalReplayTrace("abc123", null, "tok123", 42, new SamplerParams(0.0f, 1.0f, null), "v1", null, false,
                new ExecutionEnv("cpu", "ndarray", "f32"));
    }

    private static final String LOCAL_MINIMAL_JSON = """
            {"type":"Local","base_model_hash":"abc123","adapter":null,"tokenizer_hash":"tok123","seed":42,\
            "sampler":{"temperature":0.0,"top_p":1.0,"top_k":null},"prompt_version":"v1","recall":null,\
            "weights_mutated":false,"execution_env":{"device":"cpu","backend":"ndarray","precision":"f32"}}""";

    private static RemoteReplayTrace remoteNone() {
        return new RemoteReplayTrace("openai", "gpt-x", "req-fp", "resp-fp", 0.7f, 1.0f, 4096, Map.of(), false, List.of(),
                Replayability.None);
    }

    private static final String REMOTE_NONE_JSON = """
            {"type":"Remote","provider_name":"openai","provider_model_id":"gpt-x","request_fingerprint":"req-fp",\
            "response_fingerprint":"resp-fp","temperature":0.7,"top_p":1.0,"max_tokens":4096,"provider_metadata":{},\
            "retried":false,"retry_reasons":[],"replayability":"None"}""";

    private static RecallProvenanceEnvelope provenanceFull() {
        return new RecallProvenanceEnvelope("qh", "eih", "eh", "embedder-1", "esh", "corpus-fp", "psh",
                RecallUse.RuntimeAugmentation, List.of(RecallConsumer.Kernel, RecallConsumer.Analytics),
                List.of(new CandidateScore("cand-1", 0.85), new CandidateScore("cand-2", 1.0)), 100, 2,
                RecallStopReason.ReachedTopK, 12, "2026-04-28T12:00:00Z", "unsigned");
    }

    private static RecallProvenanceEnvelope provenanceMinimal() {
        return new RecallProvenanceEnvelope("qh", "eih", "eh", "embedder-1", "esh", "corpus-fp", "psh",
                RecallUse.TrainingCandidateSelection, List.of(), List.of(), 0, 0, null, U64_MAX, "lamport:0",
                "sig://key-1/abc");
    }

    static Stream<Arguments> engineVariants() {
        return Stream.of(
                Arguments.of("ProposalCreated local", new ExperienceEvent.ProposalCreated(
                        new KernelProposal("prop-1", ProposalKind.Claims, "payload", null, localMinimal(),
                                List.of(new ContractResult("schema", true, null)), false, 0.7f),
                        ChainId.of("c-1"), DecisionStep.Reasoning, null),
                        """
                        {"type":"ProposalCreated","data":{"proposal":{"id":"prop-1","kind":"Claims","payload":"payload",\
                        "structured_payload":null,"trace_link":""" + LOCAL_MINIMAL_JSON + """
                        ,"contract_results":[{"name":"schema","passed":true,"failure_reason":null}],\
                        "requires_human":false,"confidence":0.7},"chain_id":"c-1","step":"Reasoning",\
                        "policy_snapshot_hash":null}}"""),
                Arguments.of("ProposalCreated remote", new ExperienceEvent.ProposalCreated(
                        new KernelProposal("prop-2", ProposalKind.DraftDocument, "", new JsonValue("{\"a\":[1,2.5]}"),
                                remoteNone(), List.of(), true, null),
                        ChainId.of("c-2"), DecisionStep.Planning, ContentHash.ZERO),
                        """
                        {"type":"ProposalCreated","data":{"proposal":{"id":"prop-2","kind":"DraftDocument","payload":"",\
                        "structured_payload":{"a":[1,2.5]},"trace_link":""" + REMOTE_NONE_JSON + """
                        ,"contract_results":[],"requires_human":true,"confidence":null},"chain_id":"c-2",\
                        "step":"Planning",\
                        "policy_snapshot_hash":"0000000000000000000000000000000000000000000000000000000000000000"}}"""),
                Arguments.of("ProposalValidated", new ExperienceEvent.ProposalValidated(ProposalId.of("prop-1"),
                        ChainId.of("c-1"), DecisionStep.Evaluation,
                        List.of(new ContractResultSnapshot("schema", true, null),
                                new ContractResultSnapshot("budget", false, "over budget")),
                        false, ActorId.of("validator")),
                        """
                        {"type":"ProposalValidated","data":{"proposal_id":"prop-1","chain_id":"c-1","step":"Evaluation",\
                        "contract_results":[{"name":"schema","passed":true,"failure_reason":null},\
                        {"name":"budget","passed":false,"failure_reason":"over budget"}],"all_passed":false,\
                        "validator":"validator"}}"""),
                Arguments.of("FactPromoted", new ExperienceEvent.FactPromoted(ProposalId.of("prop-1"), FactId.of("fact-1"),
                        ActorId.of("engine"), "all contracts passed", true),
                        """
                        {"type":"FactPromoted","data":{"proposal_id":"prop-1","fact_id":"fact-1","promoted_by":"engine",\
                        "reason":"all contracts passed","requires_human":true}}"""),
                Arguments.of("RecallExecuted full", new ExperienceEvent.RecallExecuted(
                        new RecallQuery("similar loans", 5, DecisionStep.Reasoning, "tenant-x"), provenanceFull(),
                        TraceLinkId.of("trace-1")),
                        """
                        {"type":"RecallExecuted","data":{"query":{"query_text":"similar loans","top_k":5,\
                        "step_context":"Reasoning","tenant_scope":"tenant-x"},"provenance":{"query_hash":"qh",\
                        "embedding_input_hash":"eih","embedding_hash":"eh","embedder_id":"embedder-1",\
                        "embedder_settings_hash":"esh","corpus_fingerprint":"corpus-fp","policy_snapshot_hash":"psh",\
                        "purpose":"RuntimeAugmentation","consumers":["Kernel","Analytics"],\
                        "candidate_scores":[{"id":"cand-1","score":0.85},{"id":"cand-2","score":1.0}],\
                        "candidates_searched":100,"candidates_returned":2,"stop_reason":"ReachedTopK","latency_ms":12,\
                        "timestamp":"2026-04-28T12:00:00Z","signature":"unsigned"},"trace_link_id":"trace-1"}}"""),
                Arguments.of("RecallExecuted minimal", new ExperienceEvent.RecallExecuted(
                        new RecallQuery("q", 0, null, null), provenanceMinimal(), null),
                        """
                        {"type":"RecallExecuted","data":{"query":{"query_text":"q","top_k":0,"step_context":null,\
                        "tenant_scope":null},"provenance":{"query_hash":"qh","embedding_input_hash":"eih",\
                        "embedding_hash":"eh","embedder_id":"embedder-1","embedder_settings_hash":"esh",\
                        "corpus_fingerprint":"corpus-fp","policy_snapshot_hash":"psh",\
                        "purpose":"TrainingCandidateSelection","consumers":[],"candidate_scores":[],\
                        "candidates_searched":0,"candidates_returned":0,"stop_reason":null,\
                        "latency_ms":18446744073709551615,"timestamp":"lamport:0","signature":"sig://key-1/abc"},\
                        "trace_link_id":null}}"""),
                Arguments.of("ReplayTraceRecorded remote", new ExperienceEvent.ReplayTraceRecorded(TraceLinkId.of("trace-1"),
                        new RemoteReplayTrace("anthropic", "claude-x", "req-fp", "resp-fp", 0.2f, 0.9f, 1024,
                                Map.of("region", "eu"), true, List.of("429"), Replayability.BestEffort)),
                        """
                        {"type":"ReplayTraceRecorded","data":{"trace_link_id":"trace-1","trace_link":{"type":"Remote",\
                        "provider_name":"anthropic","provider_model_id":"claude-x","request_fingerprint":"req-fp",\
                        "response_fingerprint":"resp-fp","temperature":0.2,"top_p":0.9,"max_tokens":1024,\
                        "provider_metadata":{"region":"eu"},"retried":true,"retry_reasons":["429"],\
                        "replayability":"BestEffort"}}}"""),
                Arguments.of("ReplayabilityDowngraded", new ExperienceEvent.ReplayabilityDowngraded(TraceLinkId.of("trace-1"),
                        Replayability.Deterministic, Replayability.None, ReplayabilityDowngradeReason.RemoteBackendUsed),
                        """
                        {"type":"ReplayabilityDowngraded","data":{"trace_link_id":"trace-1","from":"Deterministic",\
                        "to":"None","reason":"RemoteBackendUsed"}}"""),
                Arguments.of("ArtifactStateTransitioned named", new ExperienceEvent.ArtifactStateTransitioned(
                        ArtifactId.of("adapter-1"), ArtifactKind.Named.Adapter,
                        LifecycleEvent.of(GovernedArtifactState.Draft, GovernedArtifactState.Approved, "operator", "reviewed")),
                        """
                        {"type":"ArtifactStateTransitioned","data":{"artifact_id":"adapter-1","artifact_kind":"Adapter",\
                        "event":{"from_state":"Draft","to_state":"Approved","timestamp":"1970-01-01T00:00:00Z",\
                        "actor":"operator","reason":"reviewed","ticket_ref":null,"tenant_id":null}}}"""),
                Arguments.of("ArtifactStateTransitioned other", new ExperienceEvent.ArtifactStateTransitioned(
                        ArtifactId.of("tpl-1"), new ArtifactKind.Other("prompt-template"),
                        new LifecycleEvent(GovernedArtifactState.Active, GovernedArtifactState.RolledBack, "lamport:3", "ops",
                                "regression", "JIRA-42", "tenant-x")),
                        """
                        {"type":"ArtifactStateTransitioned","data":{"artifact_id":"tpl-1",\
                        "artifact_kind":{"Other":"prompt-template"},"event":{"from_state":"Active",\
                        "to_state":"RolledBack","timestamp":"lamport:3","actor":"ops","reason":"regression",\
                        "ticket_ref":"JIRA-42","tenant_id":"tenant-x"}}}"""),
                Arguments.of("ArtifactRollbackRecorded full", new ExperienceEvent.ArtifactRollbackRecorded(
                        new RollbackRecord("adapter-1", GovernedArtifactState.Active, "2026-04-28T12:00:00Z", "ops",
                                "quality drop", new RollbackImpact(U64_MAX, List.of("drift"), true, RollbackSeverity.Critical,
                                        List.of("tenant-a", "tenant-b")), "INC-7", "tenant-a")),
                        """
                        {"type":"ArtifactRollbackRecorded","data":{"rollback":{"artifact_id":"adapter-1",\
                        "previous_state":"Active","rolled_back_at":"2026-04-28T12:00:00Z","actor":"ops",\
                        "reason":"quality drop","impact":{"affected_count":18446744073709551615,\
                        "quality_issues":["drift"],"invalidates_outputs":true,"severity":"Critical",\
                        "affected_tenants":["tenant-a","tenant-b"]},"incident_ref":"INC-7","tenant_id":"tenant-a"}}}"""),
                Arguments.of("ArtifactRollbackRecorded minimal", new ExperienceEvent.ArtifactRollbackRecorded(
                        new RollbackRecord("pack-1", GovernedArtifactState.Deprecated, "lamport:0", "ops", "",
                                new RollbackImpact(null, List.of(), false, RollbackSeverity.Low, List.of()), null, null)),
                        """
                        {"type":"ArtifactRollbackRecorded","data":{"rollback":{"artifact_id":"pack-1",\
                        "previous_state":"Deprecated","rolled_back_at":"lamport:0","actor":"ops","reason":"",\
                        "impact":{"affected_count":null,"quality_issues":[],"invalidates_outputs":false,\
                        "severity":"Low","affected_tenants":[]},"incident_ref":null,"tenant_id":null}}}"""),
                Arguments.of("BackendInvoked", new ExperienceEvent.BackendInvoked(BackendId.of("local"), null,
                        TraceLinkId.of("trace-1"), DecisionStep.Reasoning, HASH),
                        """
                        {"type":"BackendInvoked","data":{"backend_name":"local","adapter_id":null,\
                        "trace_link_id":"trace-1","step":"Reasoning",\
                        "policy_snapshot_hash":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}}"""),
                Arguments.of("BackendInvoked with adapter", new ExperienceEvent.BackendInvoked(BackendId.of("local"),
                        BackendId.of("lora-7"), TraceLinkId.of("trace-2"), DecisionStep.Evaluation, null),
                        """
                        {"type":"BackendInvoked","data":{"backend_name":"local","adapter_id":"lora-7",\
                        "trace_link_id":"trace-2","step":"Evaluation","policy_snapshot_hash":null}}"""),
                Arguments.of("OutcomeRecorded all none", new ExperienceEvent.OutcomeRecorded(ChainId.of("c-1"),
                        DecisionStep.Reasoning, true, null, null, null, null, null, Map.of()),
                        """
                        {"type":"OutcomeRecorded","data":{"chain_id":"c-1","step":"Reasoning","passed":true,\
                        "stop_reason":null,"latency_ms":null,"tokens":null,"cost_microdollars":null,"backend":null}}"""),
                Arguments.of("OutcomeRecorded two metadata entries", new ExperienceEvent.OutcomeRecorded(ChainId.of("c-1"),
                        DecisionStep.Evaluation, true, new StopReason.Converged(), 0L, U64_MAX, Long.MIN_VALUE,
                        BackendId.of("local"), linked("b", "2", "a", "1")),
                        """
                        {"type":"OutcomeRecorded","data":{"chain_id":"c-1","step":"Evaluation","passed":true,\
                        "stop_reason":"Converged","latency_ms":0,"tokens":18446744073709551615,\
                        "cost_microdollars":9223372036854775808,"backend":"local","metadata":{"b":"2","a":"1"}}}"""),
                Arguments.of("BudgetExceeded", new ExperienceEvent.BudgetExceeded(ChainId.of("c-1"),
                        BudgetResource.Named.Tokens, "1000", "1200"),
                        """
                        {"type":"BudgetExceeded","data":{"chain_id":"c-1","resource":"Tokens","limit":"1000",\
                        "observed":"1200"}}"""),
                Arguments.of("PolicySnapshotCaptured kernel", new ExperienceEvent.PolicySnapshotCaptured(
                        PolicyId.of("pol-kernel"), new PolicySnapshot.Kernel(KernelPolicy.defaults()), HASH,
                        ActorId.of("engine")),
                        """
                        {"type":"PolicySnapshotCaptured","data":{"policy_id":"pol-kernel","policy":{"type":"Kernel",\
                        "policy":{"adapter_id":null,"recall_enabled":false,"recall_max_candidates":5,\
                        "recall_min_score":0.7,"seed":null,"requires_human":false,"required_truths":[]}},\
                        "snapshot_hash":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",\
                        "captured_by":"engine"}}"""),
                Arguments.of("PolicySnapshotCaptured default routing (event_kind_policy_snapshot_captured)",
                        new ExperienceEvent.PolicySnapshotCaptured(PolicyId.of("pol-routing"),
                                new PolicySnapshot.Routing(RoutingPolicy.defaults()), ContentHash.ZERO, ActorId.of("engine")),
                        """
                        {"type":"PolicySnapshotCaptured","data":{"policy_id":"pol-routing","policy":{"type":"Routing",\
                        "policy":{"truth_preferences":{},"risk_tier_backends":{},"data_classification_backends":{},\
                        "default_backend":"local"}},\
                        "snapshot_hash":"0000000000000000000000000000000000000000000000000000000000000000",\
                        "captured_by":"engine"}}"""),
                Arguments.of("HypothesisResolved with contradiction", new ExperienceEvent.HypothesisResolved(
                        ChainId.of("c-1"), FactId.of("f-1"), DomainId.of("market"), "price will increase", 1.0,
                        HypothesisOutcome.Falsified, TensionId.of("tension-1"), 1, 4294967295L),
                        """
                        {"type":"HypothesisResolved","data":{"chain_id":"c-1","fact_id":"f-1","domain":"market",\
                        "claim":"price will increase","confidence":1.0,"outcome":"Falsified",\
                        "contradiction_id":"tension-1","formed_cycle":1,"resolved_cycle":4294967295}}"""),
                Arguments.of("GateDecisionRecorded approve", new ExperienceEvent.GateDecisionRecorded(
                        new GateRequest(GateId.of("hitl-2"), ProposalId.of("prop-2"), "Deploy", "planner", "metrics ok",
                                List.of(), 7, "lamport:1", new TimeoutPolicy(U64_MAX, TimeoutAction.Escalate)),
                        new GateDecision(GateId.of("hitl-2"), new GateVerdict.Approve(), "admin", "lamport:2")),
                        """
                        {"type":"GateDecisionRecorded","data":{"request":{"gate_id":"hitl-2","proposal_id":"prop-2",\
                        "summary":"Deploy","agent_id":"planner","rationale":"metrics ok","context_data":[],"cycle":7,\
                        "requested_at":"lamport:1","timeout":{"timeout_secs":18446744073709551615,\
                        "action":"Escalate"}},"decision":{"gate_id":"hitl-2","verdict":"Approve","decided_by":"admin",\
                        "decided_at":"lamport:2"}}}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engineVariants")
    void engineVariantWritesPerTheSpecTable(String name, ExperienceEvent event, String expected) {
        assertWrites(expected, EventCodecs.EVENT, event);
    }

    @Test
    void engineVariantTestsCoverAllFourteenKinds() {
        final List<ExperienceEventKind> covered = engineVariants()
                .map(a -> ((ExperienceEvent) a.get()[1]).kind()).distinct().sorted().toList();
        assertEquals(List.of(ExperienceEventKind.values()), covered);
    }

    // ================================================================ every user variant (3.16)

    static Stream<Arguments> userVariants() {
        return Stream.of(
                Arguments.of("UserApprovalGranted", new UserExperienceEvent.UserApprovalGranted(GateId.of("hitl-1"),
                        ActorId.of("operator-1"), HASH, "looks good"),
                        """
                        {"type":"UserApprovalGranted","data":{"gate_request_id":"hitl-1","actor":"operator-1",\
                        "policy_snapshot_hash":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",\
                        "reason":"looks good"}}"""),
                Arguments.of("UserApprovalRejected", new UserExperienceEvent.UserApprovalRejected(GateId.of("hitl-2"),
                        ActorId.of("operator-1"), null, null),
                        """
                        {"type":"UserApprovalRejected","data":{"gate_request_id":"hitl-2","actor":"operator-1",\
                        "policy_snapshot_hash":null,"reason":null}}"""),
                Arguments.of("UserOverrideIssued", new UserExperienceEvent.UserOverrideIssued(
                        new OverrideTarget.Constraint(ConstraintName.of("budget")), ActorId.of("operator-1"), null,
                        "one-off exception"),
                        """
                        {"type":"UserOverrideIssued","data":{"target":{"kind":"Constraint","id":"budget"},\
                        "actor":"operator-1","policy_snapshot_hash":null,"reason":"one-off exception"}}"""),
                Arguments.of("UserCorrection of a proposal", new UserExperienceEvent.UserCorrection(
                        new CorrectionTarget.Proposal(ProposalId.of("prop-1")), ActorId.of("operator-1"), ContentHash.ZERO,
                        HASH, new FactContent(FactContentKind.Plan, "new plan", new JsonValue("[1,\"two\"]")), "typo"),
                        """
                        {"type":"UserCorrection","data":{"target":{"kind":"proposal","proposal_id":"prop-1"},\
                        "actor":"operator-1",\
                        "policy_snapshot_hash":"0000000000000000000000000000000000000000000000000000000000000000",\
                        "original_content":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",\
                        "corrected_content":{"kind":"Plan","content":"new plan","structured":[1,"two"]},\
                        "reason":"typo"}}"""),
                Arguments.of("UserBoundaryAdjusted global", new UserExperienceEvent.UserBoundaryAdjusted(BoundaryKind.Expiry,
                        new BoundaryTarget.Global(), ActorId.of("operator-1"), null, JsonValue.NULL,
                        new JsonValue("\"2026-12-31\""), "extend"),
                        """
                        {"type":"UserBoundaryAdjusted","data":{"boundary":"expiry","target":{"scope":"global"},\
                        "actor":"operator-1","policy_snapshot_hash":null,"previous_value":null,\
                        "new_value":"2026-12-31","reason":"extend"}}"""),
                Arguments.of("UserBoundaryAdjusted intent", new UserExperienceEvent.UserBoundaryAdjusted(
                        BoundaryKind.Forbidden, new BoundaryTarget.Intent(IntentId.of("intent-1")), ActorId.of("op"), HASH,
                        new JsonValue("{\"b\":1,\"a\":[true,null]}"), new JsonValue("false"), "lock down"),
                        """
                        {"type":"UserBoundaryAdjusted","data":{"boundary":"forbidden",\
                        "target":{"scope":"intent","intent_id":"intent-1"},"actor":"op",\
                        "policy_snapshot_hash":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",\
                        "previous_value":{"b":1,"a":[true,null]},"new_value":false,"reason":"lock down"}}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userVariants")
    void userVariantWritesPerTheSpecTable(String name, UserExperienceEvent event, String expected) {
        assertWrites(expected, UserEventCodecs.EVENT, event);
    }

    @Test
    void userEnvelopeHasTheSameFiveMembers() {
        assertWrites("""
                {"event_id":"u-1","occurred_at":"lamport:4","tenant_id":"t","correlation_id":"c",\
                "event":{"type":"UserApprovalRejected","data":{"gate_request_id":"g","actor":"a",\
                "policy_snapshot_hash":null,"reason":"no"}}}""",
                EnvelopeCodecs.USER_ENVELOPE,
                new UserExperienceEventEnvelope(EventId.of("u-1"), "lamport:4", TenantId.of("t"), CorrelationId.of("c"),
                        new UserExperienceEvent.UserApprovalRejected(GateId.of("g"), ActorId.of("a"), null, "no")));
    }

    // ================================================================ nested enums and tagged types

    static Stream<Arguments> stopReasons() {
        return Stream.of(
                Arguments.of(new StopReason.Converged(), "\"Converged\""),
                Arguments.of(new StopReason.CriteriaMet(List.of(CriterionId.of("c1"), CriterionId.of("c2"))),
                        "{\"CriteriaMet\":{\"criteria\":[\"c1\",\"c2\"]}}"),
                Arguments.of(new StopReason.CriteriaMet(List.of()), "{\"CriteriaMet\":{\"criteria\":[]}}"),
                Arguments.of(new StopReason.UserCancelled(), "\"UserCancelled\""),
                Arguments.of(new StopReason.HumanInterventionRequired(List.of(CriterionId.of("c1")),
                                List.of(ApprovalPointId.of("ap-1"), ApprovalPointId.of("ap-2"))),
                        "{\"HumanInterventionRequired\":{\"criteria\":[\"c1\"],\"approval_refs\":[\"ap-1\",\"ap-2\"]}}"),
                Arguments.of(new StopReason.CycleBudgetExhausted(50, 50),
                        "{\"CycleBudgetExhausted\":{\"cycles_executed\":50,\"limit\":50}}"),
                Arguments.of(new StopReason.FactBudgetExhausted(4294967295L, 0),
                        "{\"FactBudgetExhausted\":{\"facts_count\":4294967295,\"limit\":0}}"),
                Arguments.of(new StopReason.TokenBudgetExhausted(U64_MAX, Long.MIN_VALUE),
                        "{\"TokenBudgetExhausted\":{\"tokens_consumed\":18446744073709551615,\"limit\":9223372036854775808}}"),
                Arguments.of(new StopReason.TimeBudgetExhausted(30001, 30000),
                        "{\"TimeBudgetExhausted\":{\"duration_ms\":30001,\"limit_ms\":30000}}"),
                Arguments.of(new StopReason.InvariantViolated(InvariantClass.Semantic, "no-contradiction", "two facts disagree"),
                        "{\"InvariantViolated\":{\"class\":\"Semantic\",\"name\":\"no-contradiction\",\"reason\":\"two facts disagree\"}}"),
                Arguments.of(new StopReason.InvariantViolated(InvariantClass.Structural, "n", "r"),
                        "{\"InvariantViolated\":{\"class\":\"Structural\",\"name\":\"n\",\"reason\":\"r\"}}"),
                Arguments.of(new StopReason.InvariantViolated(InvariantClass.Acceptance, "n", "r"),
                        "{\"InvariantViolated\":{\"class\":\"Acceptance\",\"name\":\"n\",\"reason\":\"r\"}}"),
                Arguments.of(new StopReason.PromotionRejected("prop-1", "failed contract"),
                        "{\"PromotionRejected\":{\"proposal_id\":\"prop-1\",\"reason\":\"failed contract\"}}"),
                Arguments.of(new StopReason.Error("backend timeout", ErrorCategory.External),
                        "{\"Error\":{\"message\":\"backend timeout\",\"category\":\"External\"}}"),
                Arguments.of(new StopReason.Error("m", ErrorCategory.Internal), "{\"Error\":{\"message\":\"m\",\"category\":\"Internal\"}}"),
                Arguments.of(new StopReason.Error("m", ErrorCategory.Configuration),
                        "{\"Error\":{\"message\":\"m\",\"category\":\"Configuration\"}}"),
                Arguments.of(new StopReason.Error("m", ErrorCategory.Resource), "{\"Error\":{\"message\":\"m\",\"category\":\"Resource\"}}"),
                Arguments.of(new StopReason.Error("m", ErrorCategory.Unknown), "{\"Error\":{\"message\":\"m\",\"category\":\"Unknown\"}}"),
                Arguments.of(new StopReason.AgentRefused("planner", "unsafe"),
                        "{\"AgentRefused\":{\"agent_id\":\"planner\",\"reason\":\"unsafe\"}}"),
                Arguments.of(new StopReason.HitlGatePending("hitl-1", "prop-1", "Ship it?", "planner", 3),
                        "{\"HitlGatePending\":{\"gate_id\":\"hitl-1\",\"proposal_id\":\"prop-1\",\"summary\":\"Ship it?\","
                                + "\"agent_id\":\"planner\",\"cycle\":3}}"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("stopReasons")
    void engineStopReasonIsExternallyTagged(StopReason reason, String expected) {
        assertWrites(expected, GovernanceCodecs.STOP_REASON, reason);
    }

    @Test
    void stopReasonTestsCoverAllThirteenVariants() {
        assertEquals(13, stopReasons().map(a -> a.get()[0].getClass()).distinct().count());
        assertEquals(13, StopReason.class.getPermittedSubclasses().length);
    }

    static Stream<Arguments> externalAndTaggedVariants() {
        return Stream.of(
                Arguments.of(Sample.of(EventCodecs.BUDGET_RESOURCE, BudgetResource.Named.EngineBudget),
                        "\"EngineBudget\""),
                Arguments.of(Sample.of(EventCodecs.BUDGET_RESOURCE, BudgetResource.Named.Tokens), "\"Tokens\""),
                Arguments.of(Sample.of(EventCodecs.BUDGET_RESOURCE, BudgetResource.Named.Facts), "\"Facts\""),
                Arguments.of(Sample.of(EventCodecs.BUDGET_RESOURCE, BudgetResource.Named.Cycles), "\"Cycles\""),
                Arguments.of(Sample.of(EventCodecs.BUDGET_RESOURCE, BudgetResource.Named.Time), "\"Time\""),
                Arguments.of(Sample.of(EventCodecs.BUDGET_RESOURCE, BudgetResource.Named.Cost), "\"Cost\""),
                Arguments.of(Sample.of(EventCodecs.BUDGET_RESOURCE, new BudgetResource.Other("gpu-minutes")),
                        "{\"Other\":\"gpu-minutes\"}"),
                Arguments.of(Sample.of(EventCodecs.BUDGET_RESOURCE, new BudgetResource.Other("")), "{\"Other\":\"\"}"),
                Arguments.of(Sample.of(EventCodecs.ARTIFACT_KIND, ArtifactKind.Named.Adapter), "\"Adapter\""),
                Arguments.of(Sample.of(EventCodecs.ARTIFACT_KIND, ArtifactKind.Named.Pack), "\"Pack\""),
                Arguments.of(Sample.of(EventCodecs.ARTIFACT_KIND, ArtifactKind.Named.Policy), "\"Policy\""),
                Arguments.of(Sample.of(EventCodecs.ARTIFACT_KIND, ArtifactKind.Named.TruthFile), "\"TruthFile\""),
                Arguments.of(Sample.of(EventCodecs.ARTIFACT_KIND, ArtifactKind.Named.EvalSuite), "\"EvalSuite\""),
                Arguments.of(Sample.of(EventCodecs.ARTIFACT_KIND, new ArtifactKind.Other("prompt-template")),
                        "{\"Other\":\"prompt-template\"}"),
                Arguments.of(Sample.of(GovernanceCodecs.GATE_VERDICT, new GateVerdict.Approve()), "\"Approve\""),
                Arguments.of(Sample.of(GovernanceCodecs.GATE_VERDICT, new GateVerdict.Reject("too risky")),
                        "{\"Reject\":{\"reason\":\"too risky\"}}"),
                Arguments.of(Sample.of(GovernanceCodecs.GATE_VERDICT, new GateVerdict.Reject(null)),
                        "{\"Reject\":{\"reason\":null}}"),
                Arguments.of(Sample.of(UserEventCodecs.OVERRIDE_TARGET, new OverrideTarget.Fact(FactId.of("fact-1"))),
                        "{\"kind\":\"Fact\",\"id\":\"fact-1\"}"),
                Arguments.of(Sample.of(UserEventCodecs.OVERRIDE_TARGET,
                        new OverrideTarget.Proposal(ProposalId.of("prop-1"))),
                        "{\"kind\":\"Proposal\",\"id\":\"prop-1\"}"),
                Arguments.of(Sample.of(UserEventCodecs.OVERRIDE_TARGET,
                        new OverrideTarget.Constraint(ConstraintName.of("budget"))),
                        "{\"kind\":\"Constraint\",\"id\":\"budget\"}"),
                Arguments.of(Sample.of(UserEventCodecs.CORRECTION_TARGET,
                        new CorrectionTarget.Fact(FactId.of("fact-1"))),
                        "{\"kind\":\"fact\",\"fact_id\":\"fact-1\"}"),
                Arguments.of(Sample.of(UserEventCodecs.CORRECTION_TARGET,
                        new CorrectionTarget.Proposal(ProposalId.of("prop-1"))),
                        "{\"kind\":\"proposal\",\"proposal_id\":\"prop-1\"}"),
                Arguments.of(Sample.of(UserEventCodecs.BOUNDARY_TARGET,
                        new BoundaryTarget.Pack(PackId.of("loan-pack"))),
                        "{\"scope\":\"pack\",\"pack_id\":\"loan-pack\"}"),
                Arguments.of(Sample.of(UserEventCodecs.BOUNDARY_TARGET,
                        new BoundaryTarget.Intent(IntentId.of("intent-1"))),
                        "{\"scope\":\"intent\",\"intent_id\":\"intent-1\"}"),
                Arguments.of(Sample.of(UserEventCodecs.BOUNDARY_TARGET, new BoundaryTarget.Global()),
                        "{\"scope\":\"global\"}"),
                Arguments.of(Sample.of(UserEventCodecs.BOUNDARY_KIND, BoundaryKind.Authority), "\"authority\""),
                Arguments.of(Sample.of(UserEventCodecs.BOUNDARY_KIND, BoundaryKind.Forbidden), "\"forbidden\""),
                Arguments.of(Sample.of(UserEventCodecs.BOUNDARY_KIND, BoundaryKind.Expiry), "\"expiry\""),
                Arguments.of(Sample.of(UserEventCodecs.BOUNDARY_KIND, BoundaryKind.Reversibility), "\"reversibility\""),
                Arguments.of(Sample.of(UserEventCodecs.FACT_CONTENT,
                        new FactContent(FactContentKind.Claim, "corrected claim", null)),
                        "{\"kind\":\"Claim\",\"content\":\"corrected claim\",\"structured\":null}"),
                Arguments.of(Sample.of(GovernanceCodecs.CONTEXT_ITEM, new ContextItem("ARR", "$120k")),
                        "{\"label\":\"ARR\",\"value\":\"$120k\"}"),
                Arguments.of(Sample.of(GovernanceCodecs.TIMEOUT_POLICY, new TimeoutPolicy(1800, TimeoutAction.Reject)),
                        "{\"timeout_secs\":1800,\"action\":\"Reject\"}"),
                Arguments.of(Sample.of(KernelCodecs.CONTRACT_RESULT,
                        new ContractResult("schema", false, "missing field")),
                        "{\"name\":\"schema\",\"passed\":false,\"failure_reason\":\"missing field\"}"),
                Arguments.of(Sample.of(EventCodecs.CONTRACT_RESULT_SNAPSHOT,
                        ContractResultSnapshot.from(new ContractResult("schema", true, null))),
                        "{\"name\":\"schema\",\"passed\":true,\"failure_reason\":null}"),
                Arguments.of(Sample.of(RecallCodecs.CANDIDATE_SCORE, new CandidateScore("c", 0.75)),
                        "{\"id\":\"c\",\"score\":0.75}"),
                Arguments.of(Sample.of(RecallCodecs.BUDGETS, new RecallBudgets(100, 3, 100)),
                        "{\"max_latency_ms\":100,\"max_embedding_calls\":3,\"max_tokens_per_candidate\":100}"),
                Arguments.of(Sample.of(KernelCodecs.ADAPTER_TRACE, new AdapterTrace("lora-1", "sha256:x", true)),
                        "{\"adapter_id\":\"lora-1\",\"adapter_hash\":\"sha256:x\",\"merged\":true}"),
                Arguments.of(Sample.of(KernelCodecs.SAMPLER, SamplerParams.defaults()),
                        "{\"temperature\":0.0,\"top_p\":1.0,\"top_k\":null}"),
                Arguments.of(Sample.of(KernelCodecs.SAMPLER, new SamplerParams(0.7f, 0.95f, 40L)),
                        "{\"temperature\":0.7,\"top_p\":0.95,\"top_k\":40}"),
                Arguments.of(Sample.of(KernelCodecs.EXECUTION_ENV, ExecutionEnv.defaults()),
                        "{\"device\":\"cpu\",\"backend\":\"ndarray\",\"precision\":\"f32\"}"),
                Arguments.of(Sample.of(KernelCodecs.RECALL_TRACE,
                        new RecallTrace("fp", List.of("a", "b"), List.of(0.7f, 1.0f), 2)),
                        "{\"corpus_fingerprint\":\"fp\",\"candidate_ids\":[\"a\",\"b\"],\"candidate_scores\":[0.7,1.0],"
                                + "\"injected_count\":2}"),
                Arguments.of(Sample.of(RecallCodecs.QUERY, new RecallQuery("q", 3, DecisionStep.Planning, null)),
                        "{\"query_text\":\"q\",\"top_k\":3,\"step_context\":\"Planning\",\"tenant_scope\":null}"),
                Arguments.of(Sample.of(GovernanceCodecs.GATE_DECISION,
                        new GateDecision(GateId.of("g"), new GateVerdict.Reject(null), "admin", "lamport:0")),
                        "{\"gate_id\":\"g\",\"verdict\":{\"Reject\":{\"reason\":null}},\"decided_by\":\"admin\","
                                + "\"decided_at\":\"lamport:0\"}"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("externalAndTaggedVariants")
    void nestedVariantWritesPerTheSpec(Sample<?> sample, String expected) {
        sample.assertWrites(expected);
    }

    @Test
    void policySnapshotsAreAdjacentlyTaggedWithTypeAndPolicy() {
        assertWrites("""
                {"type":"Kernel","policy":{"adapter_id":"lora-1","recall_enabled":true,"recall_max_candidates":12,\
                "recall_min_score":0.7,"seed":18446744073709551615,"requires_human":true,\
                "required_truths":["t1","t2"]}}""",
                EventCodecs.POLICY_SNAPSHOT,
                new PolicySnapshot.Kernel(new KernelPolicy("lora-1", true, 12, 0.7f, U64_MAX, true, List.of("t1", "t2"))));
        final Map<RiskTier, List<String>> tiers = new LinkedHashMap<>();
        tiers.put(RiskTier.High, List.of("local"));
        tiers.put(RiskTier.Low, List.of("remote-a", "remote-b"));
        tiers.put(RiskTier.Critical, List.of());
        tiers.put(RiskTier.Medium, List.of("local"));
        final Map<DataClassification, List<String>> classes = new LinkedHashMap<>();
        classes.put(DataClassification.Restricted, List.of("local"));
        classes.put(DataClassification.Public, List.of("remote-a"));
        classes.put(DataClassification.Internal, List.of());
        classes.put(DataClassification.Confidential, List.of("enclave"));
        assertWrites("""
                {"type":"Routing","policy":{"truth_preferences":{"truth-a":"local","truth-b":"remote"},\
                "risk_tier_backends":{"High":["local"],"Low":["remote-a","remote-b"],"Critical":[],"Medium":["local"]},\
                "data_classification_backends":{"Restricted":["local"],"Public":["remote-a"],"Internal":[],\
                "Confidential":["enclave"]},"default_backend":"local"}}""",
                EventCodecs.POLICY_SNAPSHOT,
                new PolicySnapshot.Routing(new RoutingPolicy(linked("truth-a", "local", "truth-b", "remote"), tiers, classes,
                        "local")));
        assertWrites("""
                {"type":"Recall","policy":{"enabled":true,"max_k_total":9,"max_tokens_injection":18446744073709551615,\
                "min_score_threshold":0.0,"budgets":{"max_latency_ms":1,"max_embedding_calls":2,\
                "max_tokens_per_candidate":3},"allowed_uses":["RuntimeAugmentation","TrainingCandidateSelection"],\
                "prior_weight":0.25}}""",
                EventCodecs.POLICY_SNAPSHOT,
                new PolicySnapshot.Recall(new RecallPolicy(true, 9, U64_MAX, 0.0, new RecallBudgets(1, 2, 3),
                        List.of(RecallUse.RuntimeAugmentation, RecallUse.TrainingCandidateSelection), 0.25)));
    }

    @Test
    void kernelPolicyDefaultMatchesTheSpecExcerpt() {
        final String written = ConvergeJsonWriter.write(EventCodecs.POLICY_SNAPSHOT,
                new PolicySnapshot.Kernel(KernelPolicy.defaults()));
        assertTrue(written.startsWith("{\"type\":\"Kernel\",\"policy\":{\"adapter_id\":null,\"recall_enabled\":false,"),
                written);
    }

    @Test
    void replayTracesAreInternallyTaggedWithType() {
        assertWrites(LOCAL_MINIMAL_JSON, KernelCodecs.REPLAY_TRACE, localMinimal());
        assertWrites(REMOTE_NONE_JSON, KernelCodecs.REPLAY_TRACE, remoteNone());
        assertWrites("""
                {"type":"Local","base_model_hash":"base","adapter":{"adapter_id":"lora-1","adapter_hash":"h",\
                "merged":false},"tokenizer_hash":"tok","seed":18446744073709551615,\
                "sampler":{"temperature":0.7,"top_p":0.9,"top_k":18446744073709551615},"prompt_version":"v2",\
                "recall":{"corpus_fingerprint":"fp","candidate_ids":["c1"],"candidate_scores":[0.5],\
                "injected_count":1},"weights_mutated":true,"execution_env":{"device":"cuda:0","backend":"candle",\
                "precision":"bf16"}}""",
                KernelCodecs.REPLAY_TRACE,
                new LocalReplayTrace("base", new AdapterTrace("lora-1", "h", false), "tok", U64_MAX,
                        new SamplerParams(0.7f, 0.9f, U64_MAX), "v2", new RecallTrace("fp", List.of("c1"), List.of(0.5f), 1),
                        true, new ExecutionEnv("cuda:0", "candle", "bf16")));
        assertWrites("""
                {"type":"Remote","provider_name":"p","provider_model_id":"m","request_fingerprint":"rq",\
                "response_fingerprint":"rs","temperature":1.0,"top_p":0.7,"max_tokens":18446744073709551615,\
                "provider_metadata":{"z":"1","a":"2"},"retried":true,"retry_reasons":["429","timeout"],\
                "replayability":"Deterministic"}""",
                KernelCodecs.REPLAY_TRACE,
                new RemoteReplayTrace("p", "m", "rq", "rs", 1.0f, 0.7f, U64_MAX, linked("z", "1", "a", "2"), true,
                        List.of("429", "timeout"), Replayability.Deterministic));
    }

    /** The plain enums of spec 1.4 with their wire strings, copied from the spec sections named. */
    static Stream<Arguments> plainEnums() {
        return Stream.of(
                Arguments.of("3.8 ExperienceEventKind",
                        Sample.all(EventCodecs.EVENT_KIND, List.of(ExperienceEventKind.values())),
                        "ProposalCreated ProposalValidated "
                        + "FactPromoted RecallExecuted ReplayTraceRecorded ReplayabilityDowngraded ArtifactStateTransitioned "
                        + "ArtifactRollbackRecorded BackendInvoked OutcomeRecorded BudgetExceeded PolicySnapshotCaptured "
                        + "HypothesisResolved GateDecisionRecorded"),
                Arguments.of("3.5 HypothesisOutcome",
                        Sample.all(EventCodecs.HYPOTHESIS_OUTCOME, List.of(HypothesisOutcome.values())),
                        "Confirmed Falsified Superseded Unresolved"),
                Arguments.of("4.9 DecisionStep", Sample.all(KernelCodecs.DECISION_STEP, List.of(DecisionStep.values())),
                        "Reasoning Evaluation Planning"),
                Arguments.of("4.8 Replayability",
                        Sample.all(KernelCodecs.REPLAYABILITY, List.of(Replayability.values())),
                        "Deterministic BestEffort None"),
                Arguments.of("4.8 ReplayabilityDowngradeReason",
                        Sample.all(KernelCodecs.DOWNGRADE_REASON, List.of(ReplayabilityDowngradeReason.values())),
                        "RecallEmbedderNotDeterministic RecallCorpusNotContentAddressed RemoteBackendUsed NoSeedProvided "
                                + "MultipleReasons"),
                Arguments.of("4.2 ProposalKind", Sample.all(KernelCodecs.PROPOSAL_KIND, List.of(ProposalKind.values())),
                        "Claims Plan Classification Evaluation DraftDocument Reasoning"),
                Arguments.of("4.11 RiskTier", Sample.all(KernelCodecs.RISK_TIER, List.of(RiskTier.values())),
                        "Low Medium High Critical"),
                Arguments.of("4.11 DataClassification",
                        Sample.all(KernelCodecs.DATA_CLASSIFICATION, List.of(DataClassification.values())),
                        "Public Internal Confidential Restricted"),
                Arguments.of("5.1 GovernedArtifactState",
                        Sample.all(GovernanceCodecs.ARTIFACT_STATE, List.of(GovernedArtifactState.values())),
                        "Draft Approved Active Quarantined Deprecated RolledBack"),
                Arguments.of("5.4 RollbackSeverity",
                        Sample.all(GovernanceCodecs.ROLLBACK_SEVERITY, List.of(RollbackSeverity.values())),
                        "Low Medium High Critical"),
                Arguments.of("6.4 RecallUse", Sample.all(RecallCodecs.RECALL_USE, List.of(RecallUse.values())),
                        "RuntimeAugmentation TrainingCandidateSelection"),
                Arguments.of("6.4 RecallConsumer",
                        Sample.all(RecallCodecs.RECALL_CONSUMER, List.of(RecallConsumer.values())),
                        "Kernel Analytics Trainer"),
                Arguments.of("6.6 RecallStopReason",
                        Sample.all(RecallCodecs.STOP_REASON, List.of(RecallStopReason.values())),
                        "ReachedTopK BudgetExhausted BelowThreshold "
                        + "TokenLimitReached LatencyExceeded EmbedderNotDeterministic TenantScopeMissing"),
                Arguments.of("7.2 TimeoutAction",
                        Sample.all(GovernanceCodecs.TIMEOUT_ACTION, List.of(TimeoutAction.values())),
                        "Reject Approve Escalate"),
                Arguments.of("8.2 ErrorCategory",
                        Sample.all(GovernanceCodecs.ERROR_CATEGORY, List.of(ErrorCategory.values())),
                        "Internal Configuration External Resource Unknown"),
                Arguments.of("8.2 InvariantClass",
                        Sample.all(GovernanceCodecs.INVARIANT_CLASS, List.of(InvariantClass.values())),
                        "Structural Semantic Acceptance"),
                Arguments.of("9.1 FactContentKind",
                        Sample.all(UserEventCodecs.FACT_CONTENT_KIND, List.of(FactContentKind.values())),
                        "Claim Plan Classification Evaluation Document Reasoning"),
                Arguments.of("3.14 BoundaryKind",
                        Sample.all(UserEventCodecs.BOUNDARY_KIND, List.of(BoundaryKind.values())),
                        "authority forbidden expiry reversibility"),
                Arguments.of("3.4 BudgetResource",
                        Sample.all(EventCodecs.BUDGET_RESOURCE, List.of(BudgetResource.Named.values())),
                        "EngineBudget Tokens Facts Cycles Time Cost"),
                Arguments.of("3.6 ArtifactKind",
                        Sample.all(EventCodecs.ARTIFACT_KIND, List.of(ArtifactKind.Named.values())),
                        "Adapter Pack Policy TruthFile EvalSuite"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainEnums")
    void everyEnumConstantWritesItsSpecString(String section, List<Sample<?>> constants, String wireNames) {
        final String[] expected = wireNames.split(" ");
        assertEquals(expected.length, constants.size(), section + ": the spec lists every constant");
        for (int i = 0; i < constants.size(); i++) {
            constants.get(i).assertWrites("\"" + expected[i] + "\"");
        }
    }

    // ================================================================ omission rules (1.2)

    @Test
    void outcomeMetadataIsOmittedWhenEmptyAndWrittenInInsertionOrderOtherwise() {
        final String head = "{\"type\":\"OutcomeRecorded\",\"data\":{\"chain_id\":\"c\",\"step\":\"Reasoning\","
                + "\"passed\":true,\"stop_reason\":null,\"latency_ms\":null,\"tokens\":null,\"cost_microdollars\":null,"
                + "\"backend\":null";
        assertWrites(head + "}}", EventCodecs.EVENT, outcome(Map.of()));
        assertWrites(head + ",\"metadata\":{\"k\":\"v\"}}}", EventCodecs.EVENT, outcome(Map.of("k", "v")));
        assertWrites(head + ",\"metadata\":{\"z\":\"1\",\"a\":\"2\"}}}",
                EventCodecs.EVENT, outcome(linked("z", "1", "a", "2")));
        assertWrites(head + ",\"metadata\":{\"\":\"\"}}}", EventCodecs.EVENT, outcome(Map.of("", "")));
    }

    private static ExperienceEvent.OutcomeRecorded outcome(Map<String, String> metadata) {
        return new ExperienceEvent.OutcomeRecorded(ChainId.of("c"), DecisionStep.Reasoning, true, null, null, null, null,
                null, metadata);
    }

    @Test
    void contradictionIdIsOmittedWhenNoneAndWrittenBeforeTheCyclesWhenSet() {
        final String head = "{\"type\":\"HypothesisResolved\",\"data\":{\"chain_id\":\"c-1\",\"fact_id\":\"f-1\","
                + "\"domain\":\"market\",\"claim\":\"price will increase\",\"confidence\":0.85,\"outcome\":\"Confirmed\",";
        assertWrites(head + "\"formed_cycle\":1,\"resolved_cycle\":3}}", EventCodecs.EVENT, hypothesis(null));
        assertWrites(head + "\"contradiction_id\":\"t-9\",\"formed_cycle\":1,\"resolved_cycle\":3}}",
                EventCodecs.EVENT, hypothesis(TensionId.of("t-9")));
        assertWrites(head + "\"contradiction_id\":\"\",\"formed_cycle\":1,\"resolved_cycle\":3}}",
                EventCodecs.EVENT, hypothesis(TensionId.of("")));
    }

    private static ExperienceEvent.HypothesisResolved hypothesis(TensionId contradiction) {
        return new ExperienceEvent.HypothesisResolved(ChainId.of("c-1"), FactId.of("f-1"), DomainId.of("market"),
                "price will increase", 0.85, HypothesisOutcome.Confirmed, contradiction, 1, 3);
    }

    @Test
    void everyOtherOptionIsWrittenAsNull() {
        assertWrites("""
                {"adapter_id":null,"recall_enabled":false,"recall_max_candidates":0,"recall_min_score":0.0,\
                "seed":null,"requires_human":false,"required_truths":[]}""",
                KernelCodecs.KERNEL_POLICY, new KernelPolicy(null, false, 0, 0.0f, null, false, List.of()));
        assertWrites("""
                {"id":"p","kind":"Reasoning","payload":"","structured_payload":null,"trace_link":""" + LOCAL_MINIMAL_JSON + """
                ,"contract_results":[],"requires_human":false,"confidence":null}""",
                KernelCodecs.PROPOSAL,
                new KernelProposal("p", ProposalKind.Reasoning, "", null, localMinimal(), List.of(), false, null));
        assertWrites("""
                {"type":"UserApprovalGranted","data":{"gate_request_id":"g","actor":"a","policy_snapshot_hash":null,\
                "reason":null}}""",
                UserEventCodecs.EVENT,
                new UserExperienceEvent.UserApprovalGranted(GateId.of("g"), ActorId.of("a"), null, null));
        assertWrites("""
                {"from_state":"Draft","to_state":"Draft","timestamp":"","actor":"","reason":"","ticket_ref":null,\
                "tenant_id":null}""",
                GovernanceCodecs.LIFECYCLE_EVENT,
                new LifecycleEvent(GovernedArtifactState.Draft, GovernedArtifactState.Draft, "", "", "", null, null));
    }

    // ================================================================ scalars (1.1, 1.5, 2.x)

    @Test
    void replayabilityNoneIsTheStringNone() {
        assertWrites("\"None\"", KernelCodecs.REPLAYABILITY, Replayability.None);
        assertTrue(ConvergeJson.write(remoteNone()).endsWith(",\"replayability\":\"None\"}"));
    }

    @Test
    void u64AboveTheSignedRangeIsWrittenUnsigned() {
        assertWrites("{\"TokenBudgetExhausted\":{\"tokens_consumed\":18446744073709551615,\"limit\":9223372036854775807}}",
                GovernanceCodecs.STOP_REASON, new StopReason.TokenBudgetExhausted(U64_MAX, Long.MAX_VALUE));
        assertWrites("{\"timeout_secs\":18446744073709551615,\"action\":\"Approve\"}",
                GovernanceCodecs.TIMEOUT_POLICY, new TimeoutPolicy(U64_MAX, TimeoutAction.Approve));
        assertWrites("{\"max_latency_ms\":9223372036854775808,\"max_embedding_calls\":18446744073709551614,"
                + "\"max_tokens_per_candidate\":0}", RecallCodecs.BUDGETS, new RecallBudgets(Long.MIN_VALUE, -2L, 0));
    }

    @Test
    void f32IsWrittenAsTheShortestFloatNotTheWidenedDouble() {
        assertWrites("{\"temperature\":0.7,\"top_p\":0.1,\"top_k\":null}",
                KernelCodecs.SAMPLER, new SamplerParams(0.7f, 0.1f, null));
        assertTrue(ConvergeJsonWriter.write(KernelCodecs.KERNEL_POLICY, KernelPolicy.defaults())
                .contains("\"recall_min_score\":0.7,"));
        assertWrites("{\"corpus_fingerprint\":\"\",\"candidate_ids\":[],\"candidate_scores\":[0.000001,1e13,-0.0],"
                + "\"injected_count\":0}",
                KernelCodecs.RECALL_TRACE, new RecallTrace("", List.of(), List.of(0.000001f, 1e13f, -0.0f), 0));
    }

    @Test
    void unitIntervalOneIsWrittenWithAFraction() {
        assertWrites("{\"id\":\"x\",\"score\":1.0}", RecallCodecs.CANDIDATE_SCORE, new CandidateScore("x", 1.0));
        assertWrites("{\"id\":\"x\",\"score\":0.0}", RecallCodecs.CANDIDATE_SCORE, new CandidateScore("x", 0.0));
        assertWrites("{\"id\":\"x\",\"score\":-0.0}", RecallCodecs.CANDIDATE_SCORE, new CandidateScore("x", -0.0));
        assertWrites("{\"id\":\"x\",\"score\":0.00001}",
                RecallCodecs.CANDIDATE_SCORE, new CandidateScore("x", 0.00001));
        assertWrites("{\"id\":\"x\",\"score\":1e-6}", RecallCodecs.CANDIDATE_SCORE, new CandidateScore("x", 0.000001));
    }

    @Test
    void stringsAreEscapedAsSerdeDoes() {
        final String raw = "q\"b\\s/c\u0001e\u001bd\u007fl\u2028p\u2029b\bt\tn\nf\fr\rz\u0000u\u001f\uD83E\uDD80\u00e9\u65E5";
        final String escaped = "\"q\\\"b\\\\s/c\\u0001e\\u001bd\u007fl\u2028p\u2029b\\bt\\tn\\nf\\fr\\rz\\u0000u\\u001f"
                + "\uD83E\uDD80\u00e9\u65E5\"";
        assertWrites(escaped, Identifiers.ACTOR_ID, ActorId.of(raw));
        assertWrites("{\"Other\":" + escaped + "}", EventCodecs.BUDGET_RESOURCE, new BudgetResource.Other(raw));
        assertWrites("{\"kind\":\"fact\",\"fact_id\":" + escaped + "}",
                UserEventCodecs.CORRECTION_TARGET, new CorrectionTarget.Fact(FactId.of(raw)));
        assertWrites("{\"truth_preferences\":{" + escaped + ":" + escaped + "},\"risk_tier_backends\":{},"
                + "\"data_classification_backends\":{},\"default_backend\":" + escaped + "}",
                KernelCodecs.ROUTING_POLICY, new RoutingPolicy(Map.of(raw, raw), Map.of(), Map.of(), raw));
        assertWrites("\"esc \\u001b\"", Identifiers.EVENT_ID, EventId.of("esc \u001b"));
        assertWrites("\"\"", Identifiers.EVENT_ID, EventId.of(""));
    }

    @Test
    void jsonValuesAreWrittenVerbatim() {
        assertWrites("{\"a\":\"\\u001b\",\"b\":[1,2.5,null]}",
                Scalars.VALUE, new JsonValue("{\"a\":\"\\u001b\",\"b\":[1,2.5,null]}"));
        assertWrites("null", Scalars.VALUE, JsonValue.NULL);
        assertWrites("{\"kind\":\"Document\",\"content\":\"\",\"structured\":null}",
                UserEventCodecs.FACT_CONTENT, new FactContent(FactContentKind.Document, "", JsonValue.NULL));
    }

    @Test
    void identifiersAndHashesAreBareStrings() {
        assertWrites("\"evt-1\"", Identifiers.EVENT_ID, EventId.of("evt-1"));
        assertWrites("\"t\"", Identifiers.TENANT_ID, TenantId.of("t"));
        assertWrites("\"c\"", Identifiers.CORRELATION_ID, CorrelationId.of("c"));
        assertWrites("\"ch\"", Identifiers.CHAIN_ID, ChainId.of("ch"));
        assertWrites("\"tl\"", Identifiers.TRACE_LINK_ID, TraceLinkId.of("tl"));
        assertWrites("\"p\"", Identifiers.PROPOSAL_ID, ProposalId.of("p"));
        assertWrites("\"f\"", Identifiers.FACT_ID, FactId.of("f"));
        assertWrites("\"a\"", Identifiers.ACTOR_ID, ActorId.of("a"));
        assertWrites("\"ar\"", Identifiers.ARTIFACT_ID, ArtifactId.of("ar"));
        assertWrites("\"b\"", Identifiers.BACKEND_ID, BackendId.of("b"));
        assertWrites("\"po\"", Identifiers.POLICY_ID, PolicyId.of("po"));
        assertWrites("\"d\"", Identifiers.DOMAIN_ID, DomainId.of("d"));
        assertWrites("\"g\"", Identifiers.GATE_ID, GateId.of("g"));
        assertWrites("\"pk\"", Identifiers.PACK_ID, PackId.of("pk"));
        assertWrites("\"cn\"", Identifiers.CONSTRAINT_NAME, ConstraintName.of("cn"));
        assertWrites("\"cr\"", Identifiers.CRITERION_ID, CriterionId.of("cr"));
        assertWrites("\"ap\"", Identifiers.APPROVAL_POINT_ID, ApprovalPointId.of("ap"));
        assertWrites("\"in\"", Identifiers.INTENT_ID, IntentId.of("in"));
        assertWrites("\"te\"", Identifiers.TENSION_ID, TensionId.of("te"));
        assertWrites("\"" + HASH_HEX + "\"", Scalars.CONTENT_HASH, HASH);
    }

    @Test
    void contentHashHexRoundtripWritesLowercase() {
        assertWrites("\"abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789\"",
                Scalars.CONTENT_HASH,
                ContentHash.of("ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789"));
        assertWrites("\"0000000000000000000000000000000000000000000000000000000000000000\"",
                Scalars.CONTENT_HASH, ContentHash.ZERO);
    }

    // ================================================================ queries and records (3.9 - 3.11, 3.18)

    @Test
    void minimalEventQueryWritesEveryMember() {
        assertWrites("{\"tenant_id\":null,\"time_range\":null,\"kinds\":[],\"correlation_id\":null,\"chain_id\":null,"
                + "\"limit\":null}", EnvelopeCodecs.EVENT_QUERY, EventQuery.all());
    }

    @Test
    void eventQueryWithEveryMemberSet() {
        assertWrites("""
                {"tenant_id":"t","time_range":{"start":null,"end":"lamport:9"},"kinds":["ProposalCreated",\
                "GateDecisionRecorded"],"correlation_id":"c","chain_id":"ch","limit":0}""",
                EnvelopeCodecs.EVENT_QUERY, new EventQuery(TenantId.of("t"), new TimeRange(null, "lamport:9"),
                        List.of(ExperienceEventKind.ProposalCreated, ExperienceEventKind.GateDecisionRecorded),
                        CorrelationId.of("c"), ChainId.of("ch"), 0L));
        assertWrites("{\"start\":null,\"end\":null}", EnvelopeCodecs.TIME_RANGE, new TimeRange(null, null));
        assertWrites("{\"start\":\"a\",\"end\":\"b\"}", EnvelopeCodecs.TIME_RANGE, new TimeRange("a", "b"));
    }

    @Test
    void artifactQueryWritesEveryMember() {
        assertWrites("{\"tenant_id\":null,\"artifact_id\":null,\"kind\":null,\"state\":null,\"limit\":null}",
                EnvelopeCodecs.ARTIFACT_QUERY, new ArtifactQuery(null, null, null, null, null));
        assertWrites("{\"tenant_id\":\"t\",\"artifact_id\":\"a\",\"kind\":{\"Other\":\"x\"},\"state\":\"Quarantined\","
                        + "\"limit\":5}",
                EnvelopeCodecs.ARTIFACT_QUERY,
                new ArtifactQuery(TenantId.of("t"), ArtifactId.of("a"), new ArtifactKind.Other("x"),
                        GovernedArtifactState.Quarantined, 5L));
        assertWrites("{\"tenant_id\":null,\"artifact_id\":null,\"kind\":\"EvalSuite\",\"state\":null,\"limit\":null}",
                EnvelopeCodecs.ARTIFACT_QUERY, new ArtifactQuery(null, null, ArtifactKind.Named.EvalSuite, null, null));
    }

    @Test
    void recordsAreAdjacentlyTaggedWithKindAndValue() {
        final ExperienceEventEnvelope engine = ExperienceEventEnvelope.of("e-1",
                new ExperienceEvent.BudgetExceeded(ChainId.of("c"), BudgetResource.Named.Cost, "1", null));
        assertWrites("""
                {"kind":"Engine","value":{"event_id":"e-1","occurred_at":"1970-01-01T00:00:00Z","tenant_id":null,\
                "correlation_id":null,"event":{"type":"BudgetExceeded","data":{"chain_id":"c","resource":"Cost",\
                "limit":"1","observed":null}}}}""", EnvelopeCodecs.RECORD, new ExperienceRecord.Engine(engine));
        final UserExperienceEventEnvelope user = UserExperienceEventEnvelope.of("u-1",
                new UserExperienceEvent.UserOverrideIssued(new OverrideTarget.Fact(FactId.of("f")), ActorId.of("a"), null,
                        "r")).withTenant("t");
        assertWrites("""
                {"kind":"User","value":{"event_id":"u-1","occurred_at":"1970-01-01T00:00:00Z","tenant_id":"t",\
                "correlation_id":null,"event":{"type":"UserOverrideIssued","data":{"target":{"kind":"Fact",\
                "id":"f"},"actor":"a","policy_snapshot_hash":null,"reason":"r"}}}}""",
                EnvelopeCodecs.RECORD, new ExperienceRecord.User(user));
    }

    // ================================================================ reference tests 12.1 / 12.6 (write side)

    private static ExperienceEvent.BudgetExceeded budgetEvent() {
        return new ExperienceEvent.BudgetExceeded(ChainId.of("chain-1"), BudgetResource.Named.Tokens, "1000", "1500");
    }

    private static final String BUDGET_EVENT_JSON = "{\"type\":\"BudgetExceeded\",\"data\":{\"chain_id\":\"chain-1\","
            + "\"resource\":\"Tokens\",\"limit\":\"1000\",\"observed\":\"1500\"}}";

    @Test
    void envelopePackWithAllFields() {
        final ExperienceEventEnvelope envelope = ExperienceEventEnvelope.of("evt-123", budgetEvent())
                .withTenant("tenant-abc").withCorrelation("corr-xyz").withTimestamp("2026-01-15T10:30:00Z");
        final String json = ConvergeJson.write(envelope);
        assertTrue(json.contains("\"event_id\":\"evt-123\""), json);
        assertTrue(json.contains("\"tenant_id\":\"tenant-abc\""), json);
        assertTrue(json.contains("\"correlation_id\":\"corr-xyz\""), json);
        assertTrue(json.contains("\"occurred_at\":\"2026-01-15T10:30:00Z\""), json);
        assertWrites("{\"event_id\":\"evt-123\",\"occurred_at\":\"2026-01-15T10:30:00Z\",\"tenant_id\":\"tenant-abc\","
                + "\"correlation_id\":\"corr-xyz\",\"event\":" + BUDGET_EVENT_JSON + "}",
                EnvelopeCodecs.ENGINE_ENVELOPE, envelope);
    }

    @Test
    void envelopePackMinimal() {
        final ExperienceEventEnvelope envelope = ExperienceEventEnvelope.of("evt-min", budgetEvent());
        final String json = ConvergeJson.write(envelope);
        assertTrue(json.contains("\"tenant_id\":null"), json);
        assertTrue(json.contains("\"correlation_id\":null"), json);
        assertTrue(json.contains("\"occurred_at\":\"1970-01-01T00:00:00Z\""), json);
        assertWrites("{\"event_id\":\"evt-min\",\"occurred_at\":\"1970-01-01T00:00:00Z\",\"tenant_id\":null,"
                + "\"correlation_id\":null,\"event\":" + BUDGET_EVENT_JSON + "}",
                EnvelopeCodecs.ENGINE_ENVELOPE, envelope);
    }

    @Test
    void envelopeBuilderLastCallWins() {
        final ExperienceEventEnvelope envelope = ExperienceEventEnvelope.of("evt-1", budgetEvent())
                .withTenant("t1").withTenant("t2").withTenant("t3").withCorrelation("c1").withCorrelation("c3")
                .withTimestamp("x").withTimestamp("lamport:7");
        assertWrites("{\"event_id\":\"evt-1\",\"occurred_at\":\"lamport:7\",\"tenant_id\":\"t3\","
                + "\"correlation_id\":\"c3\",\"event\":" + BUDGET_EVENT_JSON + "}", EnvelopeCodecs.ENGINE_ENVELOPE,
                envelope);
    }

    @Test
    void experienceEventKindWriteSide() {
        final String[] names = {"ProposalCreated", "ProposalValidated", "FactPromoted", "RecallExecuted",
            "ReplayTraceRecorded", "ReplayabilityDowngraded", "ArtifactStateTransitioned", "ArtifactRollbackRecorded",
            "BackendInvoked", "OutcomeRecorded", "BudgetExceeded", "PolicySnapshotCaptured", "HypothesisResolved",
            "GateDecisionRecorded"};
        for (int i = 0; i < names.length; i++) {
            assertWrites("\"" + names[i] + "\"", EventCodecs.EVENT_KIND, ExperienceEventKind.valueOf(names[i]));
        }
        assertEquals(14, ExperienceEventKind.values().length);
    }

    @Test
    void artifactKindWriteSide() {
        final List<ArtifactKind> kinds = List.of(ArtifactKind.Named.Adapter, ArtifactKind.Named.Pack,
                ArtifactKind.Named.Policy, ArtifactKind.Named.TruthFile, ArtifactKind.Named.EvalSuite,
                new ArtifactKind.Other("custom-kind"));
        final List<String> expected = List.of("\"Adapter\"", "\"Pack\"", "\"Policy\"", "\"TruthFile\"", "\"EvalSuite\"",
                "{\"Other\":\"custom-kind\"}");
        for (int i = 0; i < kinds.size(); i++) {
            assertWrites(expected.get(i), EventCodecs.ARTIFACT_KIND, kinds.get(i));
        }
    }

    @Test
    void envelopeEdgeCaseEmptyEventId() {
        assertTrue(ConvergeJson.write(ExperienceEventEnvelope.of("", budgetEvent())).startsWith("{\"event_id\":\"\","));
    }

    @Test
    void envelopeEdgeCaseSpecialCharsInIds() {
        final ExperienceEventEnvelope envelope = ExperienceEventEnvelope.of("evt-\uD83D\uDE80/\\\"q\"", budgetEvent())
                .withTenant("tenant@#$%^&*()").withCorrelation("corr\n\t\r");
        assertTrue(ConvergeJson.write(envelope).startsWith("{\"event_id\":\"evt-\uD83D\uDE80/\\\\\\\"q\\\"\","
                + "\"occurred_at\":\"1970-01-01T00:00:00Z\",\"tenant_id\":\"tenant@#$%^&*()\","
                + "\"correlation_id\":\"corr\\n\\t\\r\",\"event\":"));
    }

    @Test
    void envelopeEdgeCaseVeryLongStrings() {
        final String id = "a".repeat(10_000);
        final String tenant = "b".repeat(5_000);
        final String correlation = "c".repeat(3_000);
        assertWrites("{\"event_id\":\"" + id + "\",\"occurred_at\":\"1970-01-01T00:00:00Z\",\"tenant_id\":\"" + tenant
                        + "\",\"correlation_id\":\"" + correlation + "\",\"event\":" + BUDGET_EVENT_JSON + "}",
                EnvelopeCodecs.ENGINE_ENVELOPE,
                ExperienceEventEnvelope.of(id, budgetEvent()).withTenant(tenant).withCorrelation(correlation));
    }

    @Test
    void envelopeEdgeCaseUnicodeInIds() {
        final String id = "\u4E8B\u4EF6-\u0627\u0644\u062D\u062F\u062B-\u0441\u043E\u0431\u044B\u0442\u0438\u0435-"
                + "\u03B3\u03B5\u03B3\u03BF\u03BD\u03CC\u03C2-\u0918\u091F\u0928\u093E";
        assertTrue(ConvergeJson.write(ExperienceEventEnvelope.of(id, budgetEvent())).startsWith("{\"event_id\":\"" + id + "\","));
    }

    @Test
    void stateAndSeverityStringsAreStable() {
        assertWrites("\"Draft\"", GovernanceCodecs.ARTIFACT_STATE, GovernedArtifactState.Draft);
        assertWrites("\"Approved\"", GovernanceCodecs.ARTIFACT_STATE, GovernedArtifactState.Approved);
        assertWrites("\"Active\"", GovernanceCodecs.ARTIFACT_STATE, GovernedArtifactState.Active);
        assertWrites("\"Quarantined\"", GovernanceCodecs.ARTIFACT_STATE, GovernedArtifactState.Quarantined);
        assertWrites("\"Deprecated\"", GovernanceCodecs.ARTIFACT_STATE, GovernedArtifactState.Deprecated);
        assertWrites("\"RolledBack\"", GovernanceCodecs.ARTIFACT_STATE, GovernedArtifactState.RolledBack);
        assertWrites("\"Low\"", GovernanceCodecs.ROLLBACK_SEVERITY, RollbackSeverity.Low);
        assertWrites("\"Medium\"", GovernanceCodecs.ROLLBACK_SEVERITY, RollbackSeverity.Medium);
        assertWrites("\"High\"", GovernanceCodecs.ROLLBACK_SEVERITY, RollbackSeverity.High);
        assertWrites("\"Critical\"", GovernanceCodecs.ROLLBACK_SEVERITY, RollbackSeverity.Critical);
    }

    @Test
    void timestampIsTransparent() {
        final String json = ConvergeJson.write(ExperienceEventEnvelope.of("e", budgetEvent()));
        assertTrue(json.contains(",\"occurred_at\":\"1970-01-01T00:00:00Z\","), json);
        assertTrue(ConvergeJson.write(ExperienceEventEnvelope.of("e", budgetEvent()).withTimestamp("lamport:0"))
                .contains(",\"occurred_at\":\"lamport:0\","));
    }

    @Test
    void gateRequestAndDecisionWriteSide() {
        assertWrites("""
                {"gate_id":"hitl-1","proposal_id":"prop-1","summary":"Ship it","agent_id":"planner",\
                "rationale":"high ARR","context_data":[{"label":"ARR","value":"$120k"},{"label":"risk","value":"low"}],\
                "cycle":4294967295,"requested_at":"lamport:0","timeout":{"timeout_secs":1800,"action":"Reject"}}""",
                GovernanceCodecs.GATE_REQUEST,
                new GateRequest(GateId.of("hitl-1"), ProposalId.of("prop-1"), "Ship it", "planner", "high ARR",
                        List.of(new ContextItem("ARR", "$120k"), new ContextItem("risk", "low")), 4294967295L, "lamport:0",
                        TimeoutPolicy.defaults()));
        assertWrites("{\"gate_id\":\"hitl-1\",\"verdict\":{\"Reject\":{\"reason\":\"too risky\"}},\"decided_by\":\"admin\","
                        + "\"decided_at\":\"lamport:0\"}",
                GovernanceCodecs.GATE_DECISION,
                new GateDecision(GateId.of("hitl-1"), new GateVerdict.Reject("too risky"), "admin", "lamport:0"));
        assertWrites("{\"gate_id\":\"hitl-1\",\"verdict\":\"Approve\",\"decided_by\":\"admin\",\"decided_at\":\"lamport:0\"}",
                GovernanceCodecs.GATE_DECISION,
                new GateDecision(GateId.of("hitl-1"), new GateVerdict.Approve(), "admin", "lamport:0"));
    }

    @Test
    void lifecycleAndRollbackWriteSide() {
        assertWrites("""
                {"from_state":"Approved","to_state":"Active","timestamp":"1970-01-01T00:00:00Z","actor":"ops",\
                "reason":"go live","ticket_ref":null,"tenant_id":null}""",
                GovernanceCodecs.LIFECYCLE_EVENT,
                LifecycleEvent.of(GovernedArtifactState.Approved, GovernedArtifactState.Active, "ops", "go live"));
        assertWrites("""
                {"affected_count":3,"quality_issues":["a"],"invalidates_outputs":false,"severity":"Medium",\
                "affected_tenants":[]}""",
                GovernanceCodecs.ROLLBACK_IMPACT,
                new RollbackImpact(3L, List.of("a"), false, RollbackSeverity.Medium, List.of()));
    }

    // ================================================================ rejection

    @Test
    void nullIsRejected() {
        assertThrows(NullPointerException.class, () -> ConvergeJson.write((ExperienceEventEnvelope) null));
    }

    // ================================================================ property-style tests (seeded)

    @Test
    void randomStringsAreEscapedLikeTheSpecRule() {
        final Random random = new Random(RANDOM_SEED);
        for (int round = 0; round < RANDOM_ROUNDS * 4; round++) {
            final String text = ModelSamples.randomString(random);
            final String written = ConvergeJsonWriter.write(Identifiers.ACTOR_ID, ActorId.of(text));
            assertEquals(oracleQuoted(text), written, "seed " + RANDOM_SEED + " round " + round);
            final JsonOutput bytes = new JsonOutput(0);
            ConvergeJsonWriter.write(bytes, Identifiers.ACTOR_ID, ActorId.of(text));
            assertArrayEquals(oracleQuoted(text).getBytes(StandardCharsets.UTF_8), bytes.toByteArray(),
                    "seed " + RANDOM_SEED + " round " + round + ": UTF-8");
            assertEquals(text, JsonTree.parse(written), "seed " + RANDOM_SEED + " round " + round + ": decodes back");
        }
    }

    /** Spec 1.1 escaping, written independently of the writer: by code point, with String.format for hex. */
    private static String oracleQuoted(String text) {
        final StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(cp -> {
            if (cp == '"') {
                out.append("\\\"");
            } else if (cp == '\\') {
                out.append("\\\\");
            } else if (cp == 0x08) {
                out.append("\\b");
            } else if (cp == 0x09) {
                out.append("\\t");
            } else if (cp == 0x0A) {
                out.append("\\n");
            } else if (cp == 0x0C) {
                out.append("\\f");
            } else if (cp == 0x0D) {
                out.append("\\r");
            } else if (cp < 0x20) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }

    @Test
    void randomU64sAreWrittenAsTheirUnsignedValue() {
        final Random random = new Random(RANDOM_SEED + 1);
        for (int round = 0; round < RANDOM_ROUNDS; round++) {
            final long a = ModelSamples.randomU64(random);
            final long b = random.nextLong();
            assertWrites("{\"TimeBudgetExhausted\":{\"duration_ms\":" + unsignedOracle(a) + ",\"limit_ms\":"
                    + unsignedOracle(b) + "}}", GovernanceCodecs.STOP_REASON, new StopReason.TimeBudgetExhausted(a, b));
        }
    }

    private static String unsignedOracle(long value) {
        final BigInteger signed = BigInteger.valueOf(value);
        return (value < 0 ? signed.add(BigInteger.ONE.shiftLeft(64)) : signed).toString();
    }

    @Test
    void randomEngineEnvelopesAreWellFormedCompactAndOrderedPerTheSpec() {
        final Random random = new Random(RANDOM_SEED + 2);
        for (int round = 0; round < RANDOM_ROUNDS; round++) {
            final ExperienceEventEnvelope envelope = ModelSamples.randomEngineEnvelope(random);
            checkEnvelope(envelope, ConvergeJson.write(envelope), "seed " + (RANDOM_SEED + 2) + " round " + round);
        }
    }

    @Test
    void randomUserEnvelopesAreWellFormedCompactAndOrderedPerTheSpec() {
        final Random random = new Random(RANDOM_SEED + 3);
        for (int round = 0; round < RANDOM_ROUNDS; round++) {
            final UserExperienceEventEnvelope envelope = ModelSamples.randomUserEnvelope(random);
            checkUserEnvelope(envelope, ConvergeJson.write(envelope), "seed " + (RANDOM_SEED + 3) + " round " + round);
        }
    }

    @Test
    void everySampleIsWellFormedCompactAndOrderedPerTheSpec() {
        final List<ExperienceEventEnvelope> engine = ModelSamples.allEngineEnvelopes();
        for (ExperienceEventEnvelope envelope : engine) {
            checkEnvelope(envelope, ConvergeJson.write(envelope), envelope.eventId().value());
            checkEnvelope(envelope, unwrapRecord(ConvergeJson.write(new ExperienceRecord.Engine(envelope)), "Engine"),
                    envelope.eventId().value() + " as a record");
        }
        for (UserExperienceEventEnvelope envelope : ModelSamples.allUserEnvelopes()) {
            checkUserEnvelope(envelope, ConvergeJson.write(envelope), envelope.eventId().value());
            checkUserEnvelope(envelope, unwrapRecord(ConvergeJson.write(new ExperienceRecord.User(envelope)), "User"),
                    envelope.eventId().value() + " as a record");
        }
        for (ExperienceRecord record : ModelSamples.edgeIdEnvelopes()) {
            final String json = ConvergeJson.write(record);
            final Map<?, ?> tree = (Map<?, ?>) JsonTree.parse(json);
            assertEquals(SpecExamples.compact(json), json);
            final Map<?, ?> value = (Map<?, ?>) tree.get("value");
            assertEquals(record.eventId().value(), value.get("event_id"));
            assertEquals(record.occurredAt(), value.get("occurred_at"));
            assertEquals(record.tenantId() == null ? null : record.tenantId().value(), value.get("tenant_id"));
            assertEquals(record.correlationId() == null ? null : record.correlationId().value(), value.get("correlation_id"));
        }
        final List<Sample<?>> others = new ArrayList<>();
        others.addAll(Sample.all(EnvelopeCodecs.EVENT_QUERY, ModelSamples.allEventQueries()));
        others.addAll(Sample.all(EnvelopeCodecs.ARTIFACT_QUERY, ModelSamples.allArtifactQueries()));
        others.addAll(Sample.all(KernelCodecs.REPLAY_TRACE, ModelSamples.allReplayTraces()));
        others.addAll(Sample.all(GovernanceCodecs.STOP_REASON, ModelSamples.allStopReasons()));
        others.addAll(Sample.all(GovernanceCodecs.STOP_REASON, ModelSamples.moreStopReasons()));
        others.addAll(Sample.all(EventCodecs.POLICY_SNAPSHOT, ModelSamples.allPolicySnapshots()));
        others.addAll(Sample.all(Scalars.VALUE, ModelSamples.jsonValues()));
        for (Sample<?> sample : others) {
            final String json = sample.write();
            JsonTree.parse(json);
            assertEquals(SpecExamples.compact(json), json, sample.toString());
        }
    }

    @Test
    void samplesCoverEveryVariant() {
        final List<ExperienceEventKind> kinds = ModelSamples.allEngineEvents().stream().map(ExperienceEvent::kind)
                .distinct().sorted().toList();
        assertEquals(List.of(ExperienceEventKind.values()), kinds);
        assertEquals(5, ModelSamples.allUserEvents().stream().map(Object::getClass).distinct().count());
        assertEquals(13, ModelSamples.allStopReasons().stream().map(Object::getClass).distinct().count());
        assertEquals(7, ModelSamples.allBudgetResources().size());
        assertEquals(6, ModelSamples.allArtifactKinds().size());
        assertEquals(3, ModelSamples.allPolicySnapshots().stream().map(Object::getClass).distinct().count());
        assertEquals(3, ModelSamples.allGateVerdicts().size());
        assertEquals(2, ModelSamples.allCorrectionTargets().size());
        assertEquals(3, ModelSamples.allOverrideTargets().size());
        assertEquals(3, ModelSamples.allBoundaryTargets().size());
        final String all = String.join("\n", ModelSamples.allEngineEnvelopes().stream().map(ConvergeJson::write).toList())
                + String.join("\n", ModelSamples.allUserEnvelopes().stream().map(ConvergeJson::write).toList());
        for (Replayability r : Replayability.values()) {
            assertTrue(all.contains("\"replayability\":\"" + r.name() + "\""), r.name());
        }
        for (BoundaryKind b : BoundaryKind.values()) {
            assertTrue(all.contains("\"boundary\":\"" + b.wireName() + "\""), b.name());
        }
        for (String needle : List.of("18446744073709551615", ":0.7,", "\\u001b", "\u2028", "\u007f", "\"metadata\":{",
                "\"contradiction_id\":", "{\"scope\":\"global\"}", "\"stop_reason\":null", "\"Reject\":{\"reason\":null}")) {
            assertTrue(all.contains(needle), needle);
        }
    }

    @Test
    void samplesNeverPutJsonNullInAnOptionalSlot() {
        final Random random = new Random(RANDOM_SEED + 4);
        final List<ExperienceEvent> engineEvents = new ArrayList<>(ModelSamples.allEngineEvents());
        final List<UserExperienceEvent> userEvents = new ArrayList<>(ModelSamples.allUserEvents());
        for (int round = 0; round < RANDOM_ROUNDS; round++) {
            engineEvents.add(ModelSamples.randomEngineEvent(random));
            userEvents.add(ModelSamples.randomUserEvent(random));
        }
        for (ExperienceEvent event : engineEvents) {
            final String json = ConvergeJson.write(event);
            assertFalse(json.contains("\"structured_payload\":null") && event instanceof ExperienceEvent.ProposalCreated
                    && ((ExperienceEvent.ProposalCreated) event).proposal().structuredPayload() != null,
                    "seed " + (RANDOM_SEED + 4) + ": " + json);
        }
        for (UserExperienceEvent event : userEvents) {
            final String json = ConvergeJson.write(event);
            assertFalse(event instanceof UserExperienceEvent.UserCorrection
                    && JsonValue.NULL.equals(((UserExperienceEvent.UserCorrection) event).correctedContent().structured()),
                    "seed " + (RANDOM_SEED + 4) + ": " + json);
        }
    }

    private static String unwrapRecord(String json, String kind) {
        final String head = "{\"kind\":\"" + kind + "\",\"value\":";
        assertTrue(json.startsWith(head) && json.endsWith("}"), json);
        return json.substring(head.length(), json.length() - 1);
    }

    private static final List<String> ENVELOPE_KEYS =
            List.of("event_id", "occurred_at", "tenant_id", "correlation_id", "event");

    /** Member order of each variant's {@code data} object, from the spec tables of 3.2 and 3.16 (all members). */
    private static final Map<String, List<String>> DATA_KEYS = Map.ofEntries(
            Map.entry("ProposalCreated", List.of("proposal", "chain_id", "step", "policy_snapshot_hash")),
            Map.entry("ProposalValidated",
                    List.of("proposal_id", "chain_id", "step", "contract_results", "all_passed", "validator")),
            Map.entry("FactPromoted", List.of("proposal_id", "fact_id", "promoted_by", "reason", "requires_human")),
            Map.entry("RecallExecuted", List.of("query", "provenance", "trace_link_id")),
            Map.entry("ReplayTraceRecorded", List.of("trace_link_id", "trace_link")),
            Map.entry("ReplayabilityDowngraded", List.of("trace_link_id", "from", "to", "reason")),
            Map.entry("ArtifactStateTransitioned", List.of("artifact_id", "artifact_kind", "event")),
            Map.entry("ArtifactRollbackRecorded", List.of("rollback")),
            Map.entry("BackendInvoked", List.of("backend_name", "adapter_id", "trace_link_id", "step", "policy_snapshot_hash")),
            Map.entry("OutcomeRecorded", List.of("chain_id", "step", "passed", "stop_reason", "latency_ms", "tokens",
                    "cost_microdollars", "backend", "metadata")),
            Map.entry("BudgetExceeded", List.of("chain_id", "resource", "limit", "observed")),
            Map.entry("PolicySnapshotCaptured", List.of("policy_id", "policy", "snapshot_hash", "captured_by")),
            Map.entry("HypothesisResolved", List.of("chain_id", "fact_id", "domain", "claim", "confidence", "outcome",
                    "contradiction_id", "formed_cycle", "resolved_cycle")),
            Map.entry("GateDecisionRecorded", List.of("request", "decision")),
            Map.entry("UserApprovalGranted", List.of("gate_request_id", "actor", "policy_snapshot_hash", "reason")),
            Map.entry("UserApprovalRejected", List.of("gate_request_id", "actor", "policy_snapshot_hash", "reason")),
            Map.entry("UserOverrideIssued", List.of("target", "actor", "policy_snapshot_hash", "reason")),
            Map.entry("UserCorrection", List.of("target", "actor", "policy_snapshot_hash", "original_content",
                    "corrected_content", "reason")),
            Map.entry("UserBoundaryAdjusted", List.of("boundary", "target", "actor", "policy_snapshot_hash",
                    "previous_value", "new_value", "reason")));

    private static final List<String> LOCAL_KEYS = List.of("type", "base_model_hash", "adapter", "tokenizer_hash", "seed",
            "sampler", "prompt_version", "recall", "weights_mutated", "execution_env");
    private static final List<String> REMOTE_KEYS = List.of("type", "provider_name", "provider_model_id",
            "request_fingerprint", "response_fingerprint", "temperature", "top_p", "max_tokens", "provider_metadata",
            "retried", "retry_reasons", "replayability");

    private static Map<?, ?> checkCommon(String json, String context, String eventId, String occurredAt, String tenant,
                                         String correlation, String variant) {
        assertEquals(SpecExamples.compact(json), json, context + ": no whitespace outside strings");
        final Map<?, ?> tree = (Map<?, ?>) JsonTree.parse(json);
        assertEquals(ENVELOPE_KEYS, List.copyOf(tree.keySet()), context);
        assertEquals(eventId, tree.get("event_id"), context);
        assertEquals(occurredAt, tree.get("occurred_at"), context);
        assertEquals(tenant, tree.get("tenant_id"), context);
        assertEquals(correlation, tree.get("correlation_id"), context);
        final Map<?, ?> event = (Map<?, ?>) tree.get("event");
        assertEquals(List.of("type", "data"), List.copyOf(event.keySet()), context);
        assertEquals(variant, event.get("type"), context);
        return (Map<?, ?>) event.get("data");
    }

    private static void checkEnvelope(ExperienceEventEnvelope envelope, String json, String context) {
        final ExperienceEvent event = envelope.event();
        final Map<?, ?> data = checkCommon(json, context, envelope.eventId().value(), envelope.occurredAt(),
                envelope.tenantId() == null ? null : envelope.tenantId().value(),
                envelope.correlationId() == null ? null : envelope.correlationId().value(), event.kind().name());
        final List<String> expected = new ArrayList<>(DATA_KEYS.get(event.kind().name()));
        if (event instanceof ExperienceEvent.OutcomeRecorded && ((ExperienceEvent.OutcomeRecorded) event).metadata().isEmpty()) {
            expected.remove("metadata");
        }
        if (event instanceof ExperienceEvent.HypothesisResolved
                && ((ExperienceEvent.HypothesisResolved) event).contradictionId() == null) {
            expected.remove("contradiction_id");
        }
        assertEquals(expected, List.copyOf(data.keySet()), context);
        if (event instanceof ExperienceEvent.ReplayTraceRecorded) {
            final ReplayTrace trace = ((ExperienceEvent.ReplayTraceRecorded) event).traceLink();
            assertEquals(trace instanceof LocalReplayTrace ? LOCAL_KEYS : REMOTE_KEYS,
                    List.copyOf(((Map<?, ?>) data.get("trace_link")).keySet()), context);
        }
    }

    private static void checkUserEnvelope(UserExperienceEventEnvelope envelope, String json, String context) {
        final String variant = envelope.event().getClass().getSimpleName();
        final Map<?, ?> data = checkCommon(json, context, envelope.eventId().value(), envelope.occurredAt(),
                envelope.tenantId() == null ? null : envelope.tenantId().value(),
                envelope.correlationId() == null ? null : envelope.correlationId().value(), variant);
        assertEquals(DATA_KEYS.get(variant), List.copyOf(data.keySet()), context);
        assertFalse(json.contains("\n"), context);
    }

    private static Map<String, String> linked(String... keysAndValues) {
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
