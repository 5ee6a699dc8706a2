package io.experienceledger.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Sample model values for tests: at least one value of every engine and user event variant and of every variant
 * of every nested enum, with edge values (u64 above 2^63-1, f32 {@code 0.7}, escapes, non-ASCII, empty strings,
 * maps with 0, 1 and 2 entries), plus seeded random generators.
 *
 * <p>The envelopes of {@link #allEngineEnvelopes()}, {@link #allUserEnvelopes()} and the random generators carry
 * identifiers that pass the store's write validation (spec 10.2); the edge strings only appear inside events.
 * {@link #edgeIdEnvelopes()} has envelopes whose own identifiers are edge strings, for JSON-only round trips.
 * Every value here is canonical: writing it and reading it back gives an equal value. In particular
 * {@link JsonValue#NULL} appears only where JSON is required ({@code previous_value}, {@code new_value}), never in an
 * optional slot, where JSON {@code null} reads back as none.
 */
public final class ModelSamples {
    /** u64::MAX, written {@code 18446744073709551615}. */
    public static final long U64_MAX = -1L;
    /** 2^63, written {@code 9223372036854775808}. */
    public static final long U64_2_POW_63 = Long.MIN_VALUE;
    /** u32::MAX. */
    public static final long U32_MAX = 0xFFFF_FFFFL;
    /** SHA-256 of "test", the original content hash of spec example 11.6. */
    public static final ContentHash HASH = ContentHash.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    /** A hash given in uppercase, normalised to lowercase by the model. */
    public static final ContentHash HASH_FROM_UPPERCASE =
            ContentHash.of("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789");

    private static final List<String> EDGE_STRINGS = List.of(
            "",
            "plain",
            "quote \" inside",
            "back\\slash",
            "slash / and \\/",
            "\u0001 start of heading",
            "esc \u001b[0m",
            "del \u007f",
            "line sep \u2028 para sep \u2029",
            "controls \b\t\n\f\r",
            "nul \u0000 and unit sep \u001f",
            "emoji \uD83E\uDD80\uD83C\uDF89",
            "\u65E5\u672C\u8A9E \u0627\u0644\u0639\u0631\u0628\u064A\u0629 \u0395\u03BB\u03BB\u03B7\u03BD\u03B9\u03BA\u03AC"
                    + " \u0939\u093F\u0928\u094D\u0926\u0940 \u041A\u0438\u0440\u0438\u043B\u043B\u0438\u0446\u0430",
            "@#$%^&*()");

    private static final List<JsonValue> JSON_VALUES = List.of(
            JsonValue.NULL,
            new JsonValue("true"),
            new JsonValue("false"),
            new JsonValue("0"),
            new JsonValue("-17"),
            new JsonValue("18446744073709551615"),
            new JsonValue("2.5"),
            new JsonValue("1e-7"),
            new JsonValue("\"text with \\\"quotes\\\" and \\u001b\""),
            new JsonValue("[]"),
            new JsonValue("{}"),
            new JsonValue("{\"limit\":100}"),
            new JsonValue("{\"limit\":50}"),
            new JsonValue("[1,2.5,\"x\",null,true,{\"z\":[]}]"),
            new JsonValue("{\"b\":1,\"a\":{\"nested\":[\"\u2028\",\"\uD83E\uDD80\"]}}"));

    private static final String[] TIMESTAMPS = {
        ExperienceEventEnvelope.EPOCH_PLACEHOLDER, "2026-04-28T12:00:00Z", "2026-04-28T12:00:00.500Z",
        "2026-05-10T10:15:00+02:00", "lamport:0", "lamport:3"};

    private static final char[] ID_FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final char[] ID_REST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".toCharArray();

    private ModelSamples() {
    }

    // ------------------------------------------------------------------------------------------ edge values

    /** Strings that exercise escaping: empty, quotes, backslashes, control characters, U+2028, emoji, non-ASCII. */
    public static List<String> edgeStrings() {
        return EDGE_STRINGS;
    }

    /** Edge string number {@code i}, cycling through {@link #edgeStrings()}. */
    public static String edge(int i) {
        return EDGE_STRINGS.get(Math.floorMod(i, EDGE_STRINGS.size()));
    }

    /** Canonical JSON values (each is exactly what the reader canonicalises it to), including {@link JsonValue#NULL}. */
    public static List<JsonValue> jsonValues() {
        return JSON_VALUES;
    }

    /** A string map with {@code entries} entries (0, 1 or 2), in insertion order; keys and values use edge strings. */
    public static Map<String, String> metadata(int entries) {
        final Map<String, String> map = new LinkedHashMap<>();
        if (entries > 0) {
            map.put("x-kong-proxy-latency", "3");
        }
        if (entries > 1) {
            map.put("quote \" key \uD83E\uDD80", "esc \u001b value");
        }
        for (int i = 2; i < entries; i++) {
            map.put("key-" + i, edge(i));
        }
        return map;
    }

    // ------------------------------------------------------------------------------------------ nested variants

    /** All 13 engine stop reasons, the struct variants with u32/u64 edge values. */
    public static List<StopReason> allStopReasons() {
        return List.of(
                new StopReason.Converged(),
                new StopReason.CriteriaMet(List.of(CriterionId.of("crit-1"), CriterionId.of(""))),
                new StopReason.UserCancelled(),
                new StopReason.HumanInterventionRequired(List.of(CriterionId.of("crit-2")),
                        List.of(ApprovalPointId.of("ap-1"), ApprovalPointId.of("ap \"2\""))),
                new StopReason.CycleBudgetExhausted(50, 50),
                new StopReason.FactBudgetExhausted(U32_MAX, 0),
                new StopReason.TokenBudgetExhausted(U64_MAX, U64_2_POW_63),
                new StopReason.TimeBudgetExhausted(30_001, 30_000),
                new StopReason.InvariantViolated(InvariantClass.Semantic, "no-contradiction", "esc \u001b reason"),
                new StopReason.PromotionRejected("prop-1", "failed contract"),
                new StopReason.Error("backend \\ timeout", ErrorCategory.External),
                new StopReason.AgentRefused("planner", "emoji \uD83E\uDD80"),
                new StopReason.HitlGatePending("hitl-1", "prop-1", "Ship it?", "planner", U32_MAX));
    }

    /** Stop reasons covering the other invariant classes and error categories. */
    public static List<StopReason> moreStopReasons() {
        final List<StopReason> reasons = new ArrayList<>();
        for (InvariantClass c : InvariantClass.values()) {
            reasons.add(new StopReason.InvariantViolated(c, "inv-" + c.name(), ""));
        }
        for (ErrorCategory c : ErrorCategory.values()) {
            reasons.add(new StopReason.Error("error " + c.name(), c));
        }
        reasons.add(new StopReason.CriteriaMet(List.of()));
        reasons.add(new StopReason.HumanInterventionRequired(List.of(), List.of()));
        return reasons;
    }

    /** All budget resources: the six named ones and {@code Other}. */
    public static List<BudgetResource> allBudgetResources() {
        final List<BudgetResource> all = new ArrayList<>(List.of(BudgetResource.Named.values()));
        all.add(new BudgetResource.Other("gpu-seconds"));
        return all;
    }

    /** All artifact kinds: the five named ones and {@code Other}. */
    public static List<ArtifactKind> allArtifactKinds() {
        final List<ArtifactKind> all = new ArrayList<>(List.of(ArtifactKind.Named.values()));
        all.add(new ArtifactKind.Other("prompt-template"));
        return all;
    }

    /** Approve, Reject with a reason, Reject without one. */
    public static List<GateVerdict> allGateVerdicts() {
        return List.of(new GateVerdict.Approve(), new GateVerdict.Reject("too risky"), new GateVerdict.Reject(null));
    }

    /** A kernel policy with every optional part set and u64::MAX as seed. */
    public static KernelPolicy kernelPolicyFull() {
        return new KernelPolicy("adapter-7", true, 12, 0.7f, U64_MAX, true, List.of("truth-a", "", "truth \"c\""));
    }

    /** A routing policy with two truth preferences and every risk tier and data classification as keys. */
    public static RoutingPolicy routingPolicyFull() {
        final Map<RiskTier, List<String>> tiers = new LinkedHashMap<>();
        tiers.put(RiskTier.High, List.of("local"));
        tiers.put(RiskTier.Low, List.of("remote-a", "remote-b"));
        tiers.put(RiskTier.Critical, List.of());
        tiers.put(RiskTier.Medium, List.of("local", "remote-a"));
        final Map<DataClassification, List<String>> classes = new LinkedHashMap<>();
        classes.put(DataClassification.Restricted, List.of("local"));
        classes.put(DataClassification.Public, List.of("remote-a"));
        classes.put(DataClassification.Internal, List.of());
        classes.put(DataClassification.Confidential, List.of("local", "enclave"));
        return new RoutingPolicy(metadata(2), tiers, classes, "local");
    }

    /** A routing policy with one entry in each map (deterministic in the reference too). */
    public static RoutingPolicy routingPolicySingle() {
        return new RoutingPolicy(Map.of("truth-a", "local"), Map.of(RiskTier.High, List.of("local")),
                Map.of(DataClassification.Public, List.of("remote")), "remote");
    }

    /** A recall policy with non-default values, both uses and edge unit intervals. */
    public static RecallPolicy recallPolicyFull() {
        return new RecallPolicy(true, 9, U64_MAX, 0.0, new RecallBudgets(U64_MAX, 0, 7),
                List.of(RecallUse.RuntimeAugmentation, RecallUse.TrainingCandidateSelection), 0.25);
    }

    /** All three policy snapshot variants, each with defaults and with non-default values. */
    public static List<PolicySnapshot> allPolicySnapshots() {
        return List.of(
                new PolicySnapshot.Kernel(KernelPolicy.defaults()),
                new PolicySnapshot.Kernel(kernelPolicyFull()),
                new PolicySnapshot.Routing(RoutingPolicy.defaults()),
                new PolicySnapshot.Routing(routingPolicySingle()),
                new PolicySnapshot.Routing(routingPolicyFull()),
                new PolicySnapshot.Recall(RecallPolicy.defaults()),
                new PolicySnapshot.Recall(recallPolicyFull()),
                new PolicySnapshot.Recall(new RecallPolicy(false, 0, 0, 1.0, new RecallBudgets(0, 0, 0), List.of(), 0.0)));
    }

    /** The local trace of spec example 11.3: no adapter, no recall, default sampler and environment. */
    public static LocalReplayTrace localTraceMinimal() {
        return new LocalReplayTrace("abc123", null, "tok123", 42, SamplerParams.defaults(), "v1", null, false,
                ExecutionEnv.defaults());
    }

    /** A local trace with adapter, recall trace, top_k and u64::MAX seed. */
    public static LocalReplayTrace localTraceFull() {
        return new LocalReplayTrace("sha256:base", new AdapterTrace("adapter-7", "sha256:adapter", true), "",
                U64_MAX, new SamplerParams(0.7f, 0.95f, 40L), "prompt \"v2\"",
                new RecallTrace("corpus-fp", List.of("cand-1", "cand-2"), List.of(0.7f, 1.0f), 2), true,
                new ExecutionEnv("cuda:0", "candle", "bf16"));
    }

    /** A local trace whose recall trace is empty, with an unmerged adapter. */
    public static LocalReplayTrace localTraceEmptyRecall() {
        return new LocalReplayTrace("base", new AdapterTrace("", "", false), "tok", 0,
                new SamplerParams(1.5f, 0.000001f, 0L), "v0", new RecallTrace("", List.of(), List.of(), 0), false,
                ExecutionEnv.defaults());
    }

    /** A remote trace with the given replayability and provider metadata. */
    public static RemoteReplayTrace remoteTrace(Replayability replayability, Map<String, String> providerMetadata) {
        return new RemoteReplayTrace("openai", "gpt-x", "req-fp", "resp-fp", 0.7f, 1.0f, 4096, providerMetadata,
                !providerMetadata.isEmpty(), providerMetadata.isEmpty() ? List.of() : List.of("429", "timeout \u001b"),
                replayability);
    }

    /** Local traces with and without optional parts, remote traces with every replayability and 0/1/2 metadata entries. */
    public static List<ReplayTrace> allReplayTraces() {
        return List.of(
                localTraceMinimal(),
                localTraceFull(),
                localTraceEmptyRecall(),
                remoteTrace(Replayability.BestEffort, metadata(0)),
                remoteTrace(Replayability.None, metadata(1)),
                remoteTrace(Replayability.Deterministic, metadata(2)));
    }

    /** Both correction targets. */
    public static List<CorrectionTarget> allCorrectionTargets() {
        return List.of(new CorrectionTarget.Fact(FactId.of("fact-1")), new CorrectionTarget.Proposal(ProposalId.of("prop-1")));
    }

    /** All three override targets. */
    public static List<OverrideTarget> allOverrideTargets() {
        return List.of(new OverrideTarget.Fact(FactId.of("fact-1")), new OverrideTarget.Proposal(ProposalId.of("prop-1")),
                new OverrideTarget.Constraint(ConstraintName.of("budget")));
    }

    /** All three boundary targets. */
    public static List<BoundaryTarget> allBoundaryTargets() {
        return List.of(new BoundaryTarget.Pack(PackId.of("pack-1")), new BoundaryTarget.Intent(IntentId.of("intent-1")),
                new BoundaryTarget.Global());
    }

    /** A kernel proposal on the given trace; {@code i} varies kind, optional parts and contract results. */
    public static KernelProposal kernelProposal(ReplayTrace trace, int i) {
        final ProposalKind kind = ProposalKind.values()[i % ProposalKind.values().length];
        final List<ContractResult> contracts = switch (i % 3) {
            case 0 -> List.of();
            case 1 -> List.of(new ContractResult("schema", true, null));
            default -> List.of(new ContractResult("schema", true, null), new ContractResult("budget", false, edge(i)));
        };
        final JsonValue structured = i % 2 == 0 ? null : JSON_VALUES.get(1 + i % (JSON_VALUES.size() - 1));
        final Float confidence = switch (i % 4) {
            case 0 -> null;
            case 1 -> 0.7f;
            case 2 -> 1.0f;
            default -> -0.000001f;
        };
        return new KernelProposal("prop-" + i, kind, edge(i), structured, trace, contracts, i % 2 == 1, confidence);
    }

    /** A recall query and provenance; {@code i} varies every optional part and enum. */
    public static RecallProvenanceEnvelope recallProvenance(int i) {
        final RecallStopReason[] stops = RecallStopReason.values();
        final RecallStopReason stop = i % (stops.length + 1) == stops.length ? null : stops[i % (stops.length + 1)];
        final RecallConsumer[] consumers = RecallConsumer.values();
        final List<RecallConsumer> used = List.of(consumers).subList(0, i % (consumers.length + 1));
        final List<CandidateScore> scores = switch (i % 3) {
            case 0 -> List.of();
            case 1 -> List.of(new CandidateScore("cand-1", 1.0));
            default -> List.of(new CandidateScore("cand-1", 0.85), new CandidateScore("", 0.0));
        };
        return new RecallProvenanceEnvelope("qh", "eih", "eh", "embedder-1", "esh", "corpus-fp", "psh",
                RecallUse.values()[i % 2], used, scores, i % 2 == 0 ? U64_MAX : 10, scores.size(), stop,
                i % 2 == 0 ? 0 : U64_2_POW_63, TIMESTAMPS[i % TIMESTAMPS.length],
                i % 3 == 0 ? "unsigned" : i % 3 == 1 ? "sha256:abc" : "sig://key-1/c2ln");
    }

    /** A recall query; {@code i} varies step context and tenant scope. */
    public static RecallQuery recallQuery(int i) {
        final DecisionStep[] steps = DecisionStep.values();
        final DecisionStep step = i % (steps.length + 1) == steps.length ? null : steps[i % (steps.length + 1)];
        return new RecallQuery(edge(i), i % 2 == 0 ? 5 : U64_MAX, step, i % 2 == 0 ? null : "tenant-x");
    }

    /** A gate request; {@code i} varies rationale, context items and timeout action. */
    public static GateRequest gateRequest(int i) {
        final List<ContextItem> context = switch (i % 3) {
            case 0 -> List.of();
            case 1 -> List.of(new ContextItem("ARR", "$120k"));
            default -> List.of(new ContextItem("ARR", "$120k"), new ContextItem("", edge(i)));
        };
        final TimeoutAction action = TimeoutAction.values()[i % TimeoutAction.values().length];
        return new GateRequest(GateId.of("hitl-" + i), ProposalId.of("prop-" + i), "Ship it", "planner",
                i % 2 == 0 ? null : "because \"metrics\"", context, i % 2 == 0 ? 3 : U32_MAX, "lamport:0",
                new TimeoutPolicy(i % 2 == 0 ? 1800 : U64_MAX, action));
    }

    /** A lifecycle event between the given states; {@code i} varies ticket and tenant. */
    public static LifecycleEvent lifecycleEvent(GovernedArtifactState from, GovernedArtifactState to, int i) {
        return new LifecycleEvent(from, to, TIMESTAMPS[i % TIMESTAMPS.length], "operator-" + i, edge(i),
                i % 2 == 0 ? null : "JIRA-42", i % 3 == 0 ? null : "tenant-x");
    }

    /** A rollback record with the given severity; {@code i} varies the optional parts. */
    public static RollbackRecord rollbackRecord(RollbackSeverity severity, int i) {
        final GovernedArtifactState[] states = GovernedArtifactState.values();
        final RollbackImpact impact = new RollbackImpact(i % 2 == 0 ? null : U64_MAX,
                i % 2 == 0 ? List.of() : List.of("drift", edge(i)), i % 2 == 1, severity,
                i % 2 == 0 ? List.of() : List.of("tenant-a", "tenant-b"));
        return new RollbackRecord("adapter-" + i, states[i % states.length], TIMESTAMPS[i % TIMESTAMPS.length],
                "operator", edge(i + 3), impact, i % 2 == 0 ? null : "INC-7", i % 2 == 0 ? null : "tenant-a");
    }

    // ------------------------------------------------------------------------------------------ engine events

    /** The BudgetExceeded event of spec example 11.1. */
    public static ExperienceEvent.BudgetExceeded budgetExceeded() {
        return new ExperienceEvent.BudgetExceeded(ChainId.of("c-1"), new BudgetResource.Other("gpu-seconds"), "999", null);
    }

    /** The OutcomeRecorded event of spec example 11.2 (one metadata entry). */
    public static ExperienceEvent.OutcomeRecorded outcomeRecorded() {
        return new ExperienceEvent.OutcomeRecorded(ChainId.of("c-1"), DecisionStep.Planning, false,
                new StopReason.CycleBudgetExhausted(50, 50), 12L, 42L, null, BackendId.of("local"), metadata(1));
    }

    /** The HypothesisResolved event of spec example 11.4 (no contradiction). */
    public static ExperienceEvent.HypothesisResolved hypothesisResolved() {
        return new ExperienceEvent.HypothesisResolved(ChainId.of("c-1"), FactId.of("f-1"), DomainId.of("market"),
                "price will increase", 0.85, HypothesisOutcome.Confirmed, null, 1, 3);
    }

    /** A ProposalCreated event with a minimal local trace. */
    public static ExperienceEvent.ProposalCreated proposalCreated() {
        return new ExperienceEvent.ProposalCreated(kernelProposal(localTraceMinimal(), 1), ChainId.of("c-1"),
                DecisionStep.Reasoning, null);
    }

    /** A ProposalValidated event with one passing contract. */
    public static ExperienceEvent.ProposalValidated proposalValidated() {
        return new ExperienceEvent.ProposalValidated(ProposalId.of("prop-1"), ChainId.of("c-1"), DecisionStep.Evaluation,
                List.of(new ContractResultSnapshot("schema", true, null)), true, ActorId.of("validator"));
    }

    /** A FactPromoted event. */
    public static ExperienceEvent.FactPromoted factPromoted() {
        return new ExperienceEvent.FactPromoted(ProposalId.of("prop-1"), FactId.of("fact-1"), ActorId.of("engine"),
                "all contracts passed", false);
    }

    /** A RecallExecuted event. */
    public static ExperienceEvent.RecallExecuted recallExecuted() {
        return new ExperienceEvent.RecallExecuted(recallQuery(1), recallProvenance(1), TraceLinkId.of("trace-1"));
    }

    /** A ReplayTraceRecorded event with a remote best-effort trace. */
    public static ExperienceEvent.ReplayTraceRecorded replayTraceRecorded() {
        return new ExperienceEvent.ReplayTraceRecorded(TraceLinkId.of("trace-1"),
                remoteTrace(Replayability.BestEffort, metadata(0)));
    }

    /** A ReplayabilityDowngraded event from Deterministic to None. */
    public static ExperienceEvent.ReplayabilityDowngraded replayabilityDowngraded() {
        return new ExperienceEvent.ReplayabilityDowngraded(TraceLinkId.of("trace-1"), Replayability.Deterministic,
                Replayability.None, ReplayabilityDowngradeReason.RemoteBackendUsed);
    }

    /** An ArtifactStateTransitioned event for an adapter going from Draft to Approved. */
    public static ExperienceEvent.ArtifactStateTransitioned artifactStateTransitioned() {
        return new ExperienceEvent.ArtifactStateTransitioned(ArtifactId.of("adapter-1"), ArtifactKind.Named.Adapter,
                LifecycleEvent.of(GovernedArtifactState.Draft, GovernedArtifactState.Approved, "operator", "reviewed"));
    }

    /** An ArtifactRollbackRecorded event. */
    public static ExperienceEvent.ArtifactRollbackRecorded artifactRollbackRecorded() {
        return new ExperienceEvent.ArtifactRollbackRecorded(rollbackRecord(RollbackSeverity.High, 1));
    }

    /** A BackendInvoked event with adapter and policy hash. */
    public static ExperienceEvent.BackendInvoked backendInvoked() {
        return new ExperienceEvent.BackendInvoked(BackendId.of("local"), BackendId.of("adapter-7"),
                TraceLinkId.of("trace-1"), DecisionStep.Planning, HASH);
    }

    /** A PolicySnapshotCaptured event with the default recall policy and the zero hash. */
    public static ExperienceEvent.PolicySnapshotCaptured policySnapshotCaptured() {
        return new ExperienceEvent.PolicySnapshotCaptured(PolicyId.of("pol-recall"),
                new PolicySnapshot.Recall(RecallPolicy.defaults()), ContentHash.ZERO, ActorId.of("engine"));
    }

    /** A GateDecisionRecorded event with a Reject verdict. */
    public static ExperienceEvent.GateDecisionRecorded gateDecisionRecorded() {
        return new ExperienceEvent.GateDecisionRecorded(gateRequest(1),
                new GateDecision(GateId.of("hitl-1"), new GateVerdict.Reject("too risky"), "admin", "lamport:0"));
    }

    /** One event of each of the 14 variants, in {@link ExperienceEventKind} order. */
    public static List<ExperienceEvent> oneEngineEventPerVariant() {
        return List.of(proposalCreated(), proposalValidated(), factPromoted(), recallExecuted(), replayTraceRecorded(),
                replayabilityDowngraded(), artifactStateTransitioned(), artifactRollbackRecorded(), backendInvoked(),
                outcomeRecorded(), budgetExceeded(), policySnapshotCaptured(), hypothesisResolved(),
                gateDecisionRecorded());
    }

    /**
     * Engine events covering every variant and, through them, every variant of every nested enum and every
     * optional part both set and unset.
     */
    public static List<ExperienceEvent> allEngineEvents() {
        final List<ExperienceEvent> events = new ArrayList<>(oneEngineEventPerVariant());
        final DecisionStep[] steps = DecisionStep.values();
        final List<ReplayTrace> traces = allReplayTraces();
        final int proposals = Math.max(traces.size(), ProposalKind.values().length);
        for (int i = 0; i < proposals; i++) {
            events.add(new ExperienceEvent.ProposalCreated(kernelProposal(traces.get(i % traces.size()), i),
                    ChainId.of("chain-" + i), steps[i % steps.length], i % 2 == 0 ? null : HASH_FROM_UPPERCASE));
        }
        for (int i = 0; i < steps.length; i++) {
            final List<ContractResultSnapshot> results = switch (i) {
                case 0 -> List.of();
                case 1 -> List.of(new ContractResultSnapshot("schema", true, null));
                default -> List.of(new ContractResultSnapshot("schema", true, null),
                        new ContractResultSnapshot("budget \u2028", false, "over budget"));
            };
            events.add(new ExperienceEvent.ProposalValidated(ProposalId.of("prop-" + i), ChainId.of(edge(i)), steps[i],
                    results, i < 2, ActorId.of(edge(i + 1))));
        }
        for (int i = 0; i < 2; i++) {
            events.add(new ExperienceEvent.FactPromoted(ProposalId.of(edge(i + 4)), FactId.of(edge(i + 5)),
                    ActorId.of("engine"), edge(i + 6), i == 1));
        }
        for (int i = 0; i <= RecallStopReason.values().length; i++) {
            events.add(new ExperienceEvent.RecallExecuted(recallQuery(i), recallProvenance(i),
                    i % 2 == 0 ? null : TraceLinkId.of("trace-" + i)));
        }
        for (int i = 0; i < traces.size(); i++) {
            events.add(new ExperienceEvent.ReplayTraceRecorded(TraceLinkId.of("trace-" + i), traces.get(i)));
        }
        final Replayability[] replay = Replayability.values();
        final ReplayabilityDowngradeReason[] downgrades = ReplayabilityDowngradeReason.values();
        for (int i = 0; i < downgrades.length; i++) {
            events.add(new ExperienceEvent.ReplayabilityDowngraded(TraceLinkId.of("trace-" + i),
                    replay[i % replay.length], replay[(i + 1) % replay.length], downgrades[i]));
        }
        final List<ArtifactKind> kinds = allArtifactKinds();
        final GovernedArtifactState[] states = GovernedArtifactState.values();
        for (int i = 0; i < Math.max(kinds.size(), states.length); i++) {
            events.add(new ExperienceEvent.ArtifactStateTransitioned(ArtifactId.of("artifact-" + i),
                    kinds.get(i % kinds.size()),
                    lifecycleEvent(states[i % states.length], states[(i + 1) % states.length], i)));
        }
        final RollbackSeverity[] severities = RollbackSeverity.values();
        for (int i = 0; i < severities.length; i++) {
            events.add(new ExperienceEvent.ArtifactRollbackRecorded(rollbackRecord(severities[i], i)));
        }
        for (int i = 0; i < steps.length; i++) {
            events.add(new ExperienceEvent.BackendInvoked(BackendId.of(edge(i + 7)),
                    i == 0 ? null : BackendId.of("adapter-" + i), TraceLinkId.of(""), steps[i], i == 1 ? null : HASH));
        }
        final List<StopReason> stops = new ArrayList<>(allStopReasons());
        stops.addAll(moreStopReasons());
        stops.add(null);
        for (int i = 0; i < stops.size(); i++) {
            events.add(new ExperienceEvent.OutcomeRecorded(ChainId.of("chain-" + i), steps[i % steps.length], i % 2 == 0,
                    stops.get(i), i % 4 == 0 ? null : (long) i, i % 3 == 0 ? U64_MAX : null,
                    i % 5 == 0 ? null : U64_2_POW_63, i % 2 == 0 ? null : BackendId.of("local"), metadata(i % 3)));
        }
        final List<BudgetResource> resources = allBudgetResources();
        for (int i = 0; i < resources.size(); i++) {
            events.add(new ExperienceEvent.BudgetExceeded(ChainId.of("c-" + i), resources.get(i), edge(i),
                    i % 2 == 0 ? null : "1000"));
        }
        final List<PolicySnapshot> snapshots = allPolicySnapshots();
        for (int i = 0; i < snapshots.size(); i++) {
            events.add(new ExperienceEvent.PolicySnapshotCaptured(PolicyId.of("pol-" + i), snapshots.get(i),
                    i % 2 == 0 ? ContentHash.ZERO : HASH, ActorId.of("engine")));
        }
        final HypothesisOutcome[] outcomes = HypothesisOutcome.values();
        final double[] confidences = {0.85, 1.0, 0.0, 0.5};
        for (int i = 0; i < outcomes.length; i++) {
            events.add(new ExperienceEvent.HypothesisResolved(ChainId.of("c-1"), FactId.of("f-" + i),
                    DomainId.of("market"), edge(i), confidences[i], outcomes[i],
                    i % 2 == 0 ? null : TensionId.of("tension-" + i), i, i % 2 == 0 ? i + 2 : U32_MAX));
        }
        final List<GateVerdict> verdicts = allGateVerdicts();
        for (int i = 0; i < verdicts.size(); i++) {
            events.add(new ExperienceEvent.GateDecisionRecorded(gateRequest(i),
                    new GateDecision(GateId.of("hitl-" + i), verdicts.get(i), "admin", "lamport:" + i)));
        }
        return Collections.unmodifiableList(events);
    }

    // ------------------------------------------------------------------------------------------ user events

    /** An approval with reason and policy hash. */
    public static UserExperienceEvent.UserApprovalGranted userApprovalGranted() {
        return new UserExperienceEvent.UserApprovalGranted(GateId.of("hitl-1"), ActorId.of("operator-1"), HASH, "looks good");
    }

    /** A rejection without reason or policy hash. */
    public static UserExperienceEvent.UserApprovalRejected userApprovalRejected() {
        return new UserExperienceEvent.UserApprovalRejected(GateId.of("hitl-2"), ActorId.of("operator-1"), null, null);
    }

    /** An override of the {@code budget} constraint. */
    public static UserExperienceEvent.UserOverrideIssued userOverrideIssued() {
        return new UserExperienceEvent.UserOverrideIssued(new OverrideTarget.Constraint(ConstraintName.of("budget")),
                ActorId.of("operator-1"), null, "one-off exception");
    }

    /** The correction of spec example 11.6. */
    public static UserExperienceEvent.UserCorrection userCorrection() {
        return new UserExperienceEvent.UserCorrection(new CorrectionTarget.Fact(FactId.of("fact-1")),
                ActorId.of("operator-1"), null, HASH, new FactContent(FactContentKind.Claim, "corrected claim", null),
                "source was stale");
    }

    /** The boundary adjustment of spec example 11.8. */
    public static UserExperienceEvent.UserBoundaryAdjusted userBoundaryAdjusted() {
        return new UserExperienceEvent.UserBoundaryAdjusted(BoundaryKind.Authority,
                new BoundaryTarget.Pack(PackId.of("pack-1")), ActorId.of("operator-1"), null,
                new JsonValue("{\"limit\":100}"), new JsonValue("{\"limit\":50}"), "reduce autonomy");
    }

    /** One event of each of the 5 user variants. */
    public static List<UserExperienceEvent> oneUserEventPerVariant() {
        return List.of(userApprovalGranted(), userApprovalRejected(), userOverrideIssued(), userCorrection(),
                userBoundaryAdjusted());
    }

    /** User events covering every variant, every target and boundary kind, every fact content kind. */
    public static List<UserExperienceEvent> allUserEvents() {
        final List<UserExperienceEvent> events = new ArrayList<>(oneUserEventPerVariant());
        for (int i = 0; i < 2; i++) {
            events.add(new UserExperienceEvent.UserApprovalGranted(GateId.of(edge(i)), ActorId.of(edge(i + 2)),
                    i == 0 ? null : HASH_FROM_UPPERCASE, i == 0 ? null : edge(i + 3)));
            events.add(new UserExperienceEvent.UserApprovalRejected(GateId.of("hitl-" + i), ActorId.of("op"),
                    i == 0 ? ContentHash.ZERO : null, i == 0 ? "too risky" : edge(i + 8)));
        }
        final List<OverrideTarget> overrides = allOverrideTargets();
        for (int i = 0; i < overrides.size(); i++) {
            events.add(new UserExperienceEvent.UserOverrideIssued(overrides.get(i), ActorId.of("op-" + i),
                    i % 2 == 0 ? null : HASH, edge(i + 9)));
        }
        final List<CorrectionTarget> corrections = allCorrectionTargets();
        final FactContentKind[] contentKinds = FactContentKind.values();
        for (int i = 0; i < contentKinds.length; i++) {
            events.add(new UserExperienceEvent.UserCorrection(corrections.get(i % corrections.size()),
                    ActorId.of("op-" + i), i % 2 == 0 ? null : HASH, i % 3 == 0 ? ContentHash.ZERO : HASH,
                    new FactContent(contentKinds[i], edge(i), i % 2 == 0 ? null : JSON_VALUES.get(i + 8)), edge(i + 1)));
        }
        final BoundaryKind[] boundaries = BoundaryKind.values();
        final List<BoundaryTarget> targets = allBoundaryTargets();
        for (int i = 0; i < Math.max(boundaries.length, JSON_VALUES.size()); i++) {
            events.add(new UserExperienceEvent.UserBoundaryAdjusted(boundaries[i % boundaries.length],
                    targets.get(i % targets.size()), ActorId.of("op-" + i), i % 2 == 0 ? null : HASH,
                    JSON_VALUES.get(i % JSON_VALUES.size()), JSON_VALUES.get((i + 1) % JSON_VALUES.size()), edge(i)));
        }
        return Collections.unmodifiableList(events);
    }

    // ------------------------------------------------------------------------------------------ envelopes

    /**
     * One engine envelope per event of {@link #allEngineEvents()}, ids {@code evt-0000}, ... (store-valid), with
     * varying timestamps and tenant/correlation set or absent.
     */
    public static List<ExperienceEventEnvelope> allEngineEnvelopes() {
        final List<ExperienceEvent> events = allEngineEvents();
        final List<ExperienceEventEnvelope> envelopes = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            envelopes.add(new ExperienceEventEnvelope(EventId.of(String.format("evt-%04d", i)),
                    TIMESTAMPS[i % TIMESTAMPS.length], tenant(i), correlation(i), events.get(i)));
        }
        return Collections.unmodifiableList(envelopes);
    }

    /** One user envelope per event of {@link #allUserEvents()}, ids {@code user-evt-0000}, ... (store-valid). */
    public static List<UserExperienceEventEnvelope> allUserEnvelopes() {
        final List<UserExperienceEvent> events = allUserEvents();
        final List<UserExperienceEventEnvelope> envelopes = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            envelopes.add(new UserExperienceEventEnvelope(EventId.of(String.format("user-evt-%04d", i)),
                    TIMESTAMPS[(i + 1) % TIMESTAMPS.length], tenant(i + 1), correlation(i + 2), events.get(i)));
        }
        return Collections.unmodifiableList(envelopes);
    }

    /** Every envelope of {@link #allEngineEnvelopes()} and {@link #allUserEnvelopes()} wrapped as a record. */
    public static List<ExperienceRecord> allRecords() {
        final List<ExperienceRecord> records = new ArrayList<>();
        allEngineEnvelopes().forEach(e -> records.add(new ExperienceRecord.Engine(e)));
        allUserEnvelopes().forEach(e -> records.add(new ExperienceRecord.User(e)));
        return Collections.unmodifiableList(records);
    }

    /**
     * Envelopes whose own id, timestamp, tenant and correlation are edge strings (including empty ones). Legal
     * JSON that round-trips, but the store rejects them at its write boundary. Engine and user envelopes
     * alternate, each wrapped as a record.
     */
    public static List<ExperienceRecord> edgeIdEnvelopes() {
        final List<ExperienceRecord> envelopes = new ArrayList<>();
        for (int i = 0; i < EDGE_STRINGS.size(); i++) {
            envelopes.add(new ExperienceRecord.Engine(new ExperienceEventEnvelope(EventId.of(edge(i)), edge(i + 1),
                    TenantId.of(edge(i + 2)), CorrelationId.of(edge(i + 3)), budgetExceeded())));
            envelopes.add(new ExperienceRecord.User(new UserExperienceEventEnvelope(EventId.of(edge(i + 4)), edge(i + 5),
                    TenantId.of(edge(i + 6)), CorrelationId.of(edge(i + 7)), userApprovalRejected())));
        }
        envelopes.add(new ExperienceRecord.Engine(new ExperienceEventEnvelope(EventId.of("x".repeat(10_000)),
                "t".repeat(5_000), TenantId.of("y".repeat(3_000)), null, factPromoted())));
        return Collections.unmodifiableList(envelopes);
    }

    private static TenantId tenant(int i) {
        return switch (i % 3) {
            case 0 -> null;
            case 1 -> TenantId.of("tenant-a");
            default -> TenantId.of("tenant_b.2");
        };
    }

    private static CorrelationId correlation(int i) {
        return i % 2 == 0 ? null : CorrelationId.of("corr-" + (i % 5));
    }

    // ------------------------------------------------------------------------------------------ queries

    /** Event queries: the empty one, spec example 11.7, all kinds, every time-range shape, limits 0 and max. */
    public static List<EventQuery> allEventQueries() {
        return List.of(
                EventQuery.all(),
                new EventQuery(TenantId.of("tenant-x"), new TimeRange("2026-04-28T00:00:00Z", null),
                        List.of(ExperienceEventKind.OutcomeRecorded, ExperienceEventKind.BudgetExceeded), null,
                        ChainId.of("c-1"), 10L),
                EventQuery.all().withKinds(List.of(ExperienceEventKind.values())).withLimit(0L),
                EventQuery.all().withTimeRange(new TimeRange(null, null)).withLimit(Long.MAX_VALUE),
                EventQuery.all().withTimeRange(new TimeRange(null, "lamport:9")).withCorrelation(CorrelationId.of("corr-1")),
                new EventQuery(TenantId.of(edge(2)), new TimeRange(edge(6), edge(11)), List.of(ExperienceEventKind.HypothesisResolved),
                        CorrelationId.of(edge(8)), ChainId.of(""), 3L));
    }

    /** Artifact queries: the empty one and ones using every artifact kind and state. */
    public static List<ArtifactQuery> allArtifactQueries() {
        final List<ArtifactQuery> queries = new ArrayList<>();
        queries.add(new ArtifactQuery(null, null, null, null, null));
        final List<ArtifactKind> kinds = allArtifactKinds();
        final GovernedArtifactState[] states = GovernedArtifactState.values();
        for (int i = 0; i < kinds.size(); i++) {
            queries.add(new ArtifactQuery(i % 2 == 0 ? TenantId.of("tenant-x") : null,
                    i % 3 == 0 ? null : ArtifactId.of("adapter-" + i), kinds.get(i), states[i % states.length],
                    i % 2 == 0 ? null : (long) i));
        }
        return Collections.unmodifiableList(queries);
    }

    // ------------------------------------------------------------------------------------------ random values

    /** A random engine envelope with store-valid identifiers and a random event of a random variant. */
    public static ExperienceEventEnvelope randomEngineEnvelope(Random r) {
        return new ExperienceEventEnvelope(EventId.of(randomId(r)), TIMESTAMPS[r.nextInt(TIMESTAMPS.length)],
                r.nextBoolean() ? null : TenantId.of(randomId(r)), r.nextBoolean() ? null : CorrelationId.of(randomId(r)),
                randomEngineEvent(r));
    }

    /** A random user envelope with store-valid identifiers and a random event of a random variant. */
    public static UserExperienceEventEnvelope randomUserEnvelope(Random r) {
        return new UserExperienceEventEnvelope(EventId.of(randomId(r)), TIMESTAMPS[r.nextInt(TIMESTAMPS.length)],
                r.nextBoolean() ? null : TenantId.of(randomId(r)), r.nextBoolean() ? null : CorrelationId.of(randomId(r)),
                randomUserEvent(r));
    }

    /** A random identifier matching {@code [a-zA-Z0-9][a-zA-Z0-9._-]{0,63}} (the reference's property-test ids). */
    public static String randomId(Random r) {
        final int length = 1 + r.nextInt(64);
        final StringBuilder id = new StringBuilder(length).append(ID_FIRST[r.nextInt(ID_FIRST.length)]);
        for (int i = 1; i < length; i++) {
            id.append(ID_REST[r.nextInt(ID_REST.length)]);
        }
        return id.toString();
    }

    /**
     * A random string of 0 to 24 code points: ASCII, control characters, U+007F, U+2028, non-ASCII BMP and
     * supplementary characters (never a lone surrogate).
     */
    public static String randomString(Random r) {
        if (r.nextInt(8) == 0) {
            return edge(r.nextInt(EDGE_STRINGS.size()));
        }
        final int length = r.nextInt(25);
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            final int cp = switch (r.nextInt(10)) {
                case 0 -> r.nextInt(0x20);
                case 1 -> new int[] {'"', '\\', '/', 0x7F, 0x2028, 0x2029}[r.nextInt(6)];
                case 2 -> 0xA0 + r.nextInt(0xD7FF - 0xA0);
                case 3 -> 0xE000 + r.nextInt(0xFFFE - 0xE000);
                case 4 -> 0x10000 + r.nextInt(0x10FFFF - 0x10000);
                default -> 0x20 + r.nextInt(0x5F);
            };
            text.appendCodePoint(cp);
        }
        return text.toString();
    }

    /** A random u64 held as a long (negative values stand for 2^63 and above), biased towards the edges. */
    public static long randomU64(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> U64_MAX;
            case 1 -> U64_2_POW_63;
            case 2 -> Long.MAX_VALUE;
            case 3 -> r.nextInt(1000);
            default -> r.nextLong();
        };
    }

    /** A random u32 held as a long. */
    public static long randomU32(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> U32_MAX;
            default -> r.nextInt() & U32_MAX;
        };
    }

    /** A random finite f32, sometimes a "nice" decimal such as 0.7. */
    public static float randomF32(Random r) {
        if (r.nextBoolean()) {
            return new float[] {0.0f, -0.0f, 0.7f, 1.0f, 0.000001f, 1e13f, 0.1f, 3.4028235e38f, 1.4e-45f}[r.nextInt(9)];
        }
        float value;
        do {
            value = Float.intBitsToFloat(r.nextInt());
        } while (!Float.isFinite(value));
        return value;
    }

    /** A random value in the unit interval [0, 1], sometimes exactly 0.0, -0.0 or 1.0. */
    public static double randomUnit(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> 0.0;
            case 1 -> 1.0;
            case 2 -> -0.0;
            default -> r.nextDouble();
        };
    }

    /** A random engine event; every variant and every nested variant can occur. */
    public static ExperienceEvent randomEngineEvent(Random r) {
        final ExperienceEventKind kind = ExperienceEventKind.values()[r.nextInt(ExperienceEventKind.values().length)];
        final DecisionStep step = pick(r, DecisionStep.values());
        return switch (kind) {
            case ProposalCreated -> new ExperienceEvent.ProposalCreated(randomProposal(r), ChainId.of(randomString(r)),
                    step, randomHash(r));
            case ProposalValidated -> new ExperienceEvent.ProposalValidated(ProposalId.of(randomString(r)),
                    ChainId.of(randomString(r)), step, randomList(r, () -> new ContractResultSnapshot(randomString(r),
                            r.nextBoolean(), optional(r, randomString(r)))), r.nextBoolean(), ActorId.of(randomString(r)));
            case FactPromoted -> new ExperienceEvent.FactPromoted(ProposalId.of(randomString(r)), FactId.of(randomString(r)),
                    ActorId.of(randomString(r)), randomString(r), r.nextBoolean());
            case RecallExecuted -> new ExperienceEvent.RecallExecuted(
                    new RecallQuery(randomString(r), randomU64(r), optional(r, step), optional(r, randomString(r))),
                    randomProvenance(r), optional(r, TraceLinkId.of(randomString(r))));
            case ReplayTraceRecorded -> new ExperienceEvent.ReplayTraceRecorded(TraceLinkId.of(randomString(r)),
                    randomTrace(r));
            case ReplayabilityDowngraded -> new ExperienceEvent.ReplayabilityDowngraded(TraceLinkId.of(randomString(r)),
                    pick(r, Replayability.values()), pick(r, Replayability.values()),
                    pick(r, ReplayabilityDowngradeReason.values()));
            case ArtifactStateTransitioned -> new ExperienceEvent.ArtifactStateTransitioned(ArtifactId.of(randomString(r)),
                    randomArtifactKind(r), new LifecycleEvent(pick(r, GovernedArtifactState.values()),
                            pick(r, GovernedArtifactState.values()), randomString(r), randomString(r), randomString(r),
                            optional(r, randomString(r)), optional(r, randomString(r))));
            case ArtifactRollbackRecorded -> new ExperienceEvent.ArtifactRollbackRecorded(new RollbackRecord(
                    randomString(r), pick(r, GovernedArtifactState.values()), randomString(r), randomString(r),
                    randomString(r), new RollbackImpact(optional(r, randomU64(r)), randomStrings(r), r.nextBoolean(),
                            pick(r, RollbackSeverity.values()), randomStrings(r)),
                    optional(r, randomString(r)), optional(r, randomString(r))));
            case BackendInvoked -> new ExperienceEvent.BackendInvoked(BackendId.of(randomString(r)),
                    optional(r, BackendId.of(randomString(r))), TraceLinkId.of(randomString(r)), step, randomHash(r));
            case OutcomeRecorded -> new ExperienceEvent.OutcomeRecorded(ChainId.of(randomString(r)), step, r.nextBoolean(),
                    optional(r, randomStopReason(r)), optional(r, randomU64(r)), optional(r, randomU64(r)),
                    optional(r, randomU64(r)), optional(r, BackendId.of(randomString(r))), randomMap(r));
            case BudgetExceeded -> new ExperienceEvent.BudgetExceeded(ChainId.of(randomString(r)),
                    r.nextInt(7) == 0 ? new BudgetResource.Other(randomString(r)) : pick(r, BudgetResource.Named.values()),
                    randomString(r), optional(r, randomString(r)));
            case PolicySnapshotCaptured -> new ExperienceEvent.PolicySnapshotCaptured(PolicyId.of(randomString(r)),
                    randomPolicy(r), r.nextBoolean() ? ContentHash.ZERO : HASH, ActorId.of(randomString(r)));
            case HypothesisResolved -> new ExperienceEvent.HypothesisResolved(ChainId.of(randomString(r)),
                    FactId.of(randomString(r)), DomainId.of(randomString(r)), randomString(r), randomUnit(r),
                    pick(r, HypothesisOutcome.values()), optional(r, TensionId.of(randomString(r))), randomU32(r),
                    randomU32(r));
            case GateDecisionRecorded -> new ExperienceEvent.GateDecisionRecorded(
                    new GateRequest(GateId.of(randomString(r)), ProposalId.of(randomString(r)), randomString(r),
                            randomString(r), optional(r, randomString(r)),
                            randomList(r, () -> new ContextItem(randomString(r), randomString(r))), randomU32(r),
                            randomString(r), new TimeoutPolicy(randomU64(r), pick(r, TimeoutAction.values()))),
                    new GateDecision(GateId.of(randomString(r)), r.nextBoolean() ? new GateVerdict.Approve()
                            : new GateVerdict.Reject(optional(r, randomString(r))), randomString(r), randomString(r)));
        };
    }

    /** A random user event; every variant and every nested variant can occur. */
    public static UserExperienceEvent randomUserEvent(Random r) {
        final ActorId actor = ActorId.of(randomString(r));
        return switch (r.nextInt(5)) {
            case 0 -> new UserExperienceEvent.UserApprovalGranted(GateId.of(randomString(r)), actor, randomHash(r),
                    optional(r, randomString(r)));
            case 1 -> new UserExperienceEvent.UserApprovalRejected(GateId.of(randomString(r)), actor, randomHash(r),
                    optional(r, randomString(r)));
            case 2 -> new UserExperienceEvent.UserOverrideIssued(switch (r.nextInt(3)) {
                case 0 -> new OverrideTarget.Fact(FactId.of(randomString(r)));
                case 1 -> new OverrideTarget.Proposal(ProposalId.of(randomString(r)));
                default -> new OverrideTarget.Constraint(ConstraintName.of(randomString(r)));
            }, actor, randomHash(r), randomString(r));
            case 3 -> new UserExperienceEvent.UserCorrection(r.nextBoolean()
                    ? new CorrectionTarget.Fact(FactId.of(randomString(r)))
                    : new CorrectionTarget.Proposal(ProposalId.of(randomString(r))), actor, randomHash(r),
                    r.nextBoolean() ? HASH : ContentHash.ZERO,
                    new FactContent(pick(r, FactContentKind.values()), randomString(r), randomOptionalJson(r)),
                    randomString(r));
            default -> new UserExperienceEvent.UserBoundaryAdjusted(pick(r, BoundaryKind.values()), switch (r.nextInt(3)) {
                case 0 -> new BoundaryTarget.Pack(PackId.of(randomString(r)));
                case 1 -> new BoundaryTarget.Intent(IntentId.of(randomString(r)));
                default -> new BoundaryTarget.Global();
            }, actor, randomHash(r), randomJson(r), randomJson(r), randomString(r));
        };
    }

    private static KernelProposal randomProposal(Random r) {
        return new KernelProposal(randomString(r), pick(r, ProposalKind.values()), randomString(r),
                randomOptionalJson(r), randomTrace(r),
                randomList(r, () -> new ContractResult(randomString(r), r.nextBoolean(), optional(r, randomString(r)))),
                r.nextBoolean(), optional(r, randomF32(r)));
    }

    private static ReplayTrace randomTrace(Random r) {
        if (r.nextBoolean()) {
            return new LocalReplayTrace(randomString(r),
                    optional(r, new AdapterTrace(randomString(r), randomString(r), r.nextBoolean())), randomString(r),
                    randomU64(r), new SamplerParams(randomF32(r), randomF32(r), optional(r, randomU64(r))),
                    randomString(r), optional(r, new RecallTrace(randomString(r), randomStrings(r),
                            randomList(r, () -> randomF32(r)), randomU64(r))),
                    r.nextBoolean(), new ExecutionEnv(randomString(r), randomString(r), randomString(r)));
        }
        return new RemoteReplayTrace(randomString(r), randomString(r), randomString(r), randomString(r), randomF32(r),
                randomF32(r), randomU64(r), randomMap(r), r.nextBoolean(), randomStrings(r), pick(r, Replayability.values()));
    }

    private static RecallProvenanceEnvelope randomProvenance(Random r) {
        return new RecallProvenanceEnvelope(randomString(r), randomString(r), randomString(r), randomString(r),
                randomString(r), randomString(r), randomString(r), pick(r, RecallUse.values()),
                randomList(r, () -> pick(r, RecallConsumer.values())),
                randomList(r, () -> new CandidateScore(randomString(r), randomUnit(r))), randomU64(r), randomU64(r),
                optional(r, pick(r, RecallStopReason.values())), randomU64(r), randomString(r), randomString(r));
    }

    private static StopReason randomStopReason(Random r) {
        return switch (r.nextInt(13)) {
            case 0 -> new StopReason.Converged();
            case 1 -> new StopReason.CriteriaMet(randomList(r, () -> CriterionId.of(randomString(r))));
            case 2 -> new StopReason.UserCancelled();
            case 3 -> new StopReason.HumanInterventionRequired(randomList(r, () -> CriterionId.of(randomString(r))),
                    randomList(r, () -> ApprovalPointId.of(randomString(r))));
            case 4 -> new StopReason.CycleBudgetExhausted(randomU32(r), randomU32(r));
            case 5 -> new StopReason.FactBudgetExhausted(randomU32(r), randomU32(r));
            case 6 -> new StopReason.TokenBudgetExhausted(randomU64(r), randomU64(r));
            case 7 -> new StopReason.TimeBudgetExhausted(randomU64(r), randomU64(r));
            case 8 -> new StopReason.InvariantViolated(pick(r, InvariantClass.values()), randomString(r), randomString(r));
            case 9 -> new StopReason.PromotionRejected(randomString(r), randomString(r));
            case 10 -> new StopReason.Error(randomString(r), pick(r, ErrorCategory.values()));
            case 11 -> new StopReason.AgentRefused(randomString(r), randomString(r));
            default -> new StopReason.HitlGatePending(randomString(r), randomString(r), randomString(r),
                    randomString(r), randomU32(r));
        };
    }

    private static PolicySnapshot randomPolicy(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> new PolicySnapshot.Kernel(new KernelPolicy(optional(r, randomString(r)), r.nextBoolean(),
                    randomU64(r), randomF32(r), optional(r, randomU64(r)), r.nextBoolean(), randomStrings(r)));
            case 1 -> {
                final Map<RiskTier, List<String>> tiers = new LinkedHashMap<>();
                for (RiskTier tier : RiskTier.values()) {
                    if (r.nextBoolean()) {
                        tiers.put(tier, randomStrings(r));
                    }
                }
                final Map<DataClassification, List<String>> classes = new LinkedHashMap<>();
                for (DataClassification c : DataClassification.values()) {
                    if (r.nextBoolean()) {
                        classes.put(c, randomStrings(r));
                    }
                }
                yield new PolicySnapshot.Routing(new RoutingPolicy(randomMap(r), tiers, classes, randomString(r)));
            }
            default -> new PolicySnapshot.Recall(new RecallPolicy(r.nextBoolean(), randomU64(r), randomU64(r),
                    randomUnit(r), new RecallBudgets(randomU64(r), randomU64(r), randomU64(r)),
                    randomList(r, () -> pick(r, RecallUse.values())), randomUnit(r)));
        };
    }

    private static ArtifactKind randomArtifactKind(Random r) {
        return r.nextInt(6) == 0 ? new ArtifactKind.Other(randomString(r)) : pick(r, ArtifactKind.Named.values());
    }

    private static ContentHash randomHash(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> null;
            case 1 -> HASH;
            default -> ContentHash.ZERO;
        };
    }

    private static JsonValue randomJson(Random r) {
        return JSON_VALUES.get(r.nextInt(JSON_VALUES.size()));
    }

    /**
     * An optional JSON value: null or a value other than {@link JsonValue#NULL}, since an optional JSON member reads
     * JSON {@code null} back as none.
     */
    private static JsonValue randomOptionalJson(Random r) {
        final JsonValue value = randomJson(r);
        return value.equals(JsonValue.NULL) || r.nextInt(3) == 0 ? null : value;
    }

    private static Map<String, String> randomMap(Random r) {
        final Map<String, String> map = new LinkedHashMap<>();
        final int size = r.nextInt(4);
        for (int i = 0; i < size; i++) {
            map.put(randomString(r), randomString(r));
        }
        return map;
    }

    private static List<String> randomStrings(Random r) {
        return randomList(r, () -> randomString(r));
    }

    private static <T> List<T> randomList(Random r, Supplier<T> element) {
        final int size = r.nextInt(4);
        final List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    private static <T> T optional(Random r, T value) {
        return r.nextInt(3) == 0 ? null : value;
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
