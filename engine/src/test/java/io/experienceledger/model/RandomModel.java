package io.experienceledger.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A seeded generator of arbitrary <em>valid</em> converge model values, for property tests of every codec and
 * store: the same seed always gives the same sequence of values (maps keep insertion order; nothing depends on
 * hash order), so a failing case is reproduced by its seed.
 *
 * <p>"Valid" means a value the reference could hold and serialise: strings are well-formed Unicode (no
 * unpaired surrogates), f32 values are finite, unit intervals lie in [0, 1], u32 values in 0..4294967295, JSON
 * values are canonical compact JSON text (spec 1.1: serde escaping, control characters as lowercase hex escapes, raw
 * non-ASCII, no spaces, unique object keys, numbers in their canonical layout). Envelopes pass the store's
 * write validation (spec 10.2): ids, tenants and correlations match {@code [A-Za-z0-9._-]{1,64}} (tenant and
 * correlation are null about a quarter of the time each), {@code occurred_at} is non-empty and at most 64
 * UTF-8 bytes. Identifiers inside events are not validated by the store and are arbitrary text here.
 *
 * <p>Every event variant and every nested variant is produced, with edge values mixed in about a third of the
 * time: u64 max ({@code -1L}), 2^63, 2^53+1, u32 max, stop-bit length boundaries, {@code -0.0f}, {@code 0.7f},
 * {@code Float.MIN_VALUE}/{@code MAX_VALUE}, unit intervals 0.0, 1.0 and -0.0, empty strings, control
 * characters, quotes and backslashes, non-ASCII and emoji, strings of a few thousand characters, options both
 * present and absent, lists and maps with 0 to 3 entries.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class RandomModel {
    private static final long[] U64_EDGES = {0L, 1L, 127L, 128L, 16_383L, 16_384L, 0xFFFF_FFFFL, 0x1_0000_0000L,
        (1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE, -1L, -2L, 1800L, 42L};
    private static final long[] U32_EDGES = {0L, 1L, 127L, 128L, 16_384L, Integer.MAX_VALUE, 0x8000_0000L,
        0xFFFF_FFFFL};
    private static final float[] F32_EDGES = {0.0f, -0.0f, 0.7f, 1.0f, 0.5f, 0.1f, -1.5f, 1e-6f, 1e13f, 123.456f,
        Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE};
    private static final double[] UNIT_EDGES = {0.0, 1.0, -0.0, 0.85, 0.5, 0.75, 0.1, Double.MIN_VALUE, 1e-7};
    private static final String[] TEXT_EDGES = {"", "x", "gpu-seconds", "../../admin:hack", "tenant'; DROP TABLE event;--",
        "quote \" backslash \\ slash /", "line\nbreak\ttab\rreturn", "\u0000nul \u0001 \u001b esc \u007f del",
        "\b\f", "caf\u00e9 \u00fc\u00df", "\u6f22\u5b57\u30c6\u30b9\u30c8", "\u0645\u0631\u062d\u0628\u0627",
        "\u0928\u092e\u0938\u094d\u0924\u0947", "\ud83d\ude00 \ud83d\ude80 \ud83d\udc4d\ud83c\udffd",
        "\u2028\u2029", "\ufeff\uffff", "\ud840\udc00", "e\u0301", "lamport:0", "1970-01-01T00:00:00Z"};
    private static final String[] JSON_EDGES = {"null", "true", "false", "0", "-1", "100", "{\"limit\":100}",
        "{\"limit\":50}", "[1,\"a\",true]", "\"x\"", "{}", "[]", "\"\"", "1.5", "0.85", "100.0", "1e-7", "1.5e16",
        "-2.5", "18446744073709551615", "-9223372036854775808", "{\"a\":{\"b\":[null,false]},\"c\":\"caf\u00e9\"}",
        "\"line\\nbreak\"", "\"quote\\\"back\\\\slash\"", "\"\\u001b\\u0000\"", "\"\ud83d\ude00/\u2028\u007f\""};
    private static final String[] JSON_NUMBERS = {"0", "1", "-7", "42", "1.5", "0.25", "100.0", "-0.5", "1e-7",
        "3.25", "9007199254740993"};
    private static final String IDENTIFIER_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
    /** Code point ranges text is drawn from: ASCII (incl. controls), Latin-1, Greek/Cyrillic, CJK, emoji, astral CJK. */
    private static final int[][] CODE_POINT_RANGES = {{0x20, 0x7E}, {0x00, 0x1F}, {0xA0, 0xFF}, {0x370, 0x4FF},
        {0x4E00, 0x4FFF}, {0x1F600, 0x1F64F}, {0x20000, 0x200FF}, {0xE000, 0xE0FF}, {0xFFF0, 0xFFFF}};

    private final long seed;
    private final Random random;

    /** A generator whose values are fully determined by {@code seed}. */
    public RandomModel(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** The seed this generator was made with (put it in assertion messages). */
    public long seed() {
        return seed;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Envelopes and events

    /** An engine envelope that passes the store's write validation, around {@link #engineEvent()}. */
    public ExperienceEventEnvelope engineEnvelope() {
        return new ExperienceEventEnvelope(new EventId(identifier()), timestamp(),
                chance(4) ? null : new TenantId(identifier()), chance(4) ? null : new CorrelationId(identifier()),
                engineEvent());
    }

    /** A user envelope that passes the store's write validation, around {@link #userEvent()}. */
    public UserExperienceEventEnvelope userEnvelope() {
        return new UserExperienceEventEnvelope(new EventId(identifier()), timestamp(),
                chance(4) ? null : new TenantId(identifier()), chance(4) ? null : new CorrelationId(identifier()),
                userEvent());
    }

    /** An engine event of a uniformly chosen kind. */
    public ExperienceEvent engineEvent() {
        return engineEvent(pick(ExperienceEventKind.values()));
    }

    /** An engine event of {@code kind}. */
    public ExperienceEvent engineEvent(ExperienceEventKind kind) {
        return switch (kind) {
            case ProposalCreated -> new ExperienceEvent.ProposalCreated(kernelProposal(), new ChainId(text()),
                    pick(DecisionStep.values()), optional(this::contentHash));
            case ProposalValidated -> new ExperienceEvent.ProposalValidated(new ProposalId(text()), new ChainId(text()),
                    pick(DecisionStep.values()), list(this::contractResultSnapshot), bool(), new ActorId(text()));
            case FactPromoted -> new ExperienceEvent.FactPromoted(new ProposalId(text()), new FactId(text()),
                    new ActorId(text()), text(), bool());
            case RecallExecuted -> new ExperienceEvent.RecallExecuted(recallQuery(), recallProvenance(),
                    optional(() -> new TraceLinkId(text())));
            case ReplayTraceRecorded -> new ExperienceEvent.ReplayTraceRecorded(new TraceLinkId(text()), replayTrace());
            case ReplayabilityDowngraded -> new ExperienceEvent.ReplayabilityDowngraded(new TraceLinkId(text()),
                    pick(Replayability.values()), pick(Replayability.values()),
                    pick(ReplayabilityDowngradeReason.values()));
            case ArtifactStateTransitioned -> new ExperienceEvent.ArtifactStateTransitioned(new ArtifactId(text()),
                    artifactKind(), lifecycleEvent());
            case ArtifactRollbackRecorded -> new ExperienceEvent.ArtifactRollbackRecorded(rollbackRecord());
            case BackendInvoked -> new ExperienceEvent.BackendInvoked(new BackendId(text()),
                    optional(() -> new BackendId(text())), new TraceLinkId(text()), pick(DecisionStep.values()),
                    optional(this::contentHash));
            case OutcomeRecorded -> new ExperienceEvent.OutcomeRecorded(new ChainId(text()), pick(DecisionStep.values()),
                    bool(), optional(this::stopReason), optional(this::u64), optional(this::u64), optional(this::u64),
                    optional(() -> new BackendId(text())), stringMap());
            case BudgetExceeded -> new ExperienceEvent.BudgetExceeded(new ChainId(text()), budgetResource(), text(),
                    optional(this::text));
            case PolicySnapshotCaptured -> new ExperienceEvent.PolicySnapshotCaptured(new PolicyId(text()),
                    policySnapshot(), contentHash(), new ActorId(text()));
            case HypothesisResolved -> new ExperienceEvent.HypothesisResolved(new ChainId(text()), new FactId(text()),
                    new DomainId(text()), text(), unitInterval(), pick(HypothesisOutcome.values()),
                    optional(() -> new TensionId(text())), u32(), u32());
            case GateDecisionRecorded -> new ExperienceEvent.GateDecisionRecorded(gateRequest(), gateDecision());
        };
    }

    /** A user event of a uniformly chosen variant. */
    public UserExperienceEvent userEvent() {
        return userEvent(random.nextInt(5));
    }

    /**
     * A user event of the given variant: 0 UserApprovalGranted, 1 UserApprovalRejected, 2 UserOverrideIssued,
     * 3 UserCorrection, 4 UserBoundaryAdjusted (the spec's order).
     */
    public UserExperienceEvent userEvent(int variant) {
        return switch (variant) {
            case 0 -> new UserExperienceEvent.UserApprovalGranted(new GateId(text()), new ActorId(text()),
                    optional(this::contentHash), optional(this::text));
            case 1 -> new UserExperienceEvent.UserApprovalRejected(new GateId(text()), new ActorId(text()),
                    optional(this::contentHash), optional(this::text));
            case 2 -> new UserExperienceEvent.UserOverrideIssued(overrideTarget(), new ActorId(text()),
                    optional(this::contentHash), text());
            case 3 -> new UserExperienceEvent.UserCorrection(correctionTarget(), new ActorId(text()),
                    optional(this::contentHash), contentHash(), factContent(), text());
            case 4 -> new UserExperienceEvent.UserBoundaryAdjusted(pick(BoundaryKind.values()), boundaryTarget(),
                    new ActorId(text()), optional(this::contentHash), jsonValue(), jsonValue(), text());
            default -> throw new IllegalArgumentException("user event variant " + variant + " is not 0..4");
        };
    }

    // ---------------------------------------------------------------------------------------------------------
    // Nested types

    /** A kernel proposal with a local or remote trace. */
    public KernelProposal kernelProposal() {
        return new KernelProposal(text(), pick(ProposalKind.values()), text(), optional(this::jsonValue), replayTrace(),
                list(this::contractResult), bool(), optional(this::f32));
    }

    public ContractResult contractResult() {
        return new ContractResult(text(), bool(), optional(this::text));
    }

    public ContractResultSnapshot contractResultSnapshot() {
        return new ContractResultSnapshot(text(), bool(), optional(this::text));
    }

    /** A local or a remote replay trace. */
    public ReplayTrace replayTrace() {
        return bool() ? localReplayTrace() : remoteReplayTrace();
    }

    public LocalReplayTrace localReplayTrace() {
        return new LocalReplayTrace(text(), optional(() -> new AdapterTrace(text(), text(), bool())), text(), u64(),
                new SamplerParams(f32(), f32(), optional(this::u64)), text(), optional(this::recallTrace), bool(),
                chance(3) ? ExecutionEnv.defaults() : new ExecutionEnv(text(), text(), text()));
    }

    public RemoteReplayTrace remoteReplayTrace() {
        return new RemoteReplayTrace(text(), text(), text(), text(), f32(), f32(), u64(), stringMap(), bool(),
                list(this::text), pick(Replayability.values()));
    }

    public RecallTrace recallTrace() {
        return new RecallTrace(text(), list(this::text), list(this::f32), u64());
    }

    public RecallQuery recallQuery() {
        return new RecallQuery(text(), u64(), optional(() -> pick(DecisionStep.values())), optional(this::text));
    }

    public RecallProvenanceEnvelope recallProvenance() {
        return new RecallProvenanceEnvelope(text(), text(), text(), text(), text(), text(), text(),
                pick(RecallUse.values()), list(() -> pick(RecallConsumer.values())),
                list(() -> new CandidateScore(text(), unitInterval())), u64(), u64(),
                optional(() -> pick(RecallStopReason.values())), u64(), timestamp(), chance(3) ? "unsigned" : text());
    }

    /** A named artifact kind or {@code Other}. */
    public ArtifactKind artifactKind() {
        return chance(3) ? new ArtifactKind.Other(text()) : pick(ArtifactKind.Named.values());
    }

    public LifecycleEvent lifecycleEvent() {
        return new LifecycleEvent(pick(GovernedArtifactState.values()), pick(GovernedArtifactState.values()),
                timestamp(), text(), text(), optional(this::text), optional(this::text));
    }

    public RollbackRecord rollbackRecord() {
        return new RollbackRecord(text(), pick(GovernedArtifactState.values()), timestamp(), text(), text(),
                new RollbackImpact(optional(this::u64), list(this::text), bool(), pick(RollbackSeverity.values()),
                        list(this::text)), optional(this::text), optional(this::text));
    }

    /** A named budget resource or {@code Other}. */
    public BudgetResource budgetResource() {
        return chance(3) ? new BudgetResource.Other(text()) : pick(BudgetResource.Named.values());
    }

    /** A kernel, routing or recall policy snapshot. */
    public PolicySnapshot policySnapshot() {
        return switch (random.nextInt(3)) {
            case 0 -> new PolicySnapshot.Kernel(chance(4) ? KernelPolicy.defaults()
                    : new KernelPolicy(optional(this::text), bool(), u64(), f32(), optional(this::u64), bool(),
                    list(this::text)));
            case 1 -> new PolicySnapshot.Routing(chance(4) ? RoutingPolicy.defaults()
                    : new RoutingPolicy(stringMap(), enumMap(RiskTier.values()),
                    enumMap(DataClassification.values()), text()));
            default -> new PolicySnapshot.Recall(chance(4) ? RecallPolicy.defaults()
                    : new RecallPolicy(bool(), u64(), u64(), unitInterval(), new RecallBudgets(u64(), u64(), u64()),
                    list(() -> pick(RecallUse.values())), unitInterval()));
        };
    }

    public GateRequest gateRequest() {
        return new GateRequest(new GateId(text()), new ProposalId(text()), text(), text(), optional(this::text),
                list(() -> new ContextItem(text(), text())), u32(), timestamp(),
                chance(3) ? TimeoutPolicy.defaults() : new TimeoutPolicy(u64(), pick(TimeoutAction.values())));
    }

    public GateDecision gateDecision() {
        final GateVerdict verdict = bool() ? new GateVerdict.Approve() : new GateVerdict.Reject(optional(this::text));
        return new GateDecision(new GateId(text()), verdict, text(), timestamp());
    }

    /** An engine stop reason, any of its 13 variants. */
    public StopReason stopReason() {
        return switch (random.nextInt(13)) {
            case 0 -> new StopReason.Converged();
            case 1 -> new StopReason.CriteriaMet(list(() -> new CriterionId(text())));
            case 2 -> new StopReason.UserCancelled();
            case 3 -> new StopReason.HumanInterventionRequired(list(() -> new CriterionId(text())),
                    list(() -> new ApprovalPointId(text())));
            case 4 -> new StopReason.CycleBudgetExhausted(u32(), u32());
            case 5 -> new StopReason.FactBudgetExhausted(u32(), u32());
            case 6 -> new StopReason.TokenBudgetExhausted(u64(), u64());
            case 7 -> new StopReason.TimeBudgetExhausted(u64(), u64());
            case 8 -> new StopReason.InvariantViolated(pick(InvariantClass.values()), text(), text());
            case 9 -> new StopReason.PromotionRejected(text(), text());
            case 10 -> new StopReason.Error(text(), pick(ErrorCategory.values()));
            case 11 -> new StopReason.AgentRefused(text(), text());
            default -> new StopReason.HitlGatePending(text(), text(), text(), text(), u32());
        };
    }

    /** A fact, proposal or constraint override target. */
    public OverrideTarget overrideTarget() {
        return switch (random.nextInt(3)) {
            case 0 -> new OverrideTarget.Fact(new FactId(text()));
            case 1 -> new OverrideTarget.Proposal(new ProposalId(text()));
            default -> new OverrideTarget.Constraint(new ConstraintName(text()));
        };
    }

    /** A fact or proposal correction target. */
    public CorrectionTarget correctionTarget() {
        return bool() ? new CorrectionTarget.Fact(new FactId(text())) : new CorrectionTarget.Proposal(new ProposalId(text()));
    }

    /** A pack, intent or global boundary target. */
    public BoundaryTarget boundaryTarget() {
        return switch (random.nextInt(3)) {
            case 0 -> new BoundaryTarget.Pack(new PackId(text()));
            case 1 -> new BoundaryTarget.Intent(new IntentId(text()));
            default -> new BoundaryTarget.Global();
        };
    }

    public FactContent factContent() {
        return new FactContent(pick(FactContentKind.values()), text(), optional(this::jsonValue));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Scalars

    /** Arbitrary well-formed text: often an edge case, sometimes empty, sometimes thousands of characters. */
    public String text() {
        final int mode = random.nextInt(12);
        if (mode < 4) {
            return pick(TEXT_EDGES);
        }
        if (mode < 7) {
            return identifier();
        }
        final int length = mode == 11 && chance(8) ? 128 + random.nextInt(3000) : random.nextInt(24);
        final StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            final int[] range = mode < 9 ? CODE_POINT_RANGES[0] : pick(CODE_POINT_RANGES);
            text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return text.toString();
    }

    /** An identifier valid for the store (spec 10.2): {@code [A-Za-z0-9._-]{1,64}}. */
    public String identifier() {
        final int length = chance(8) ? 64 : 1 + random.nextInt(random.nextBoolean() ? 12 : 64);
        final StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(IDENTIFIER_CHARS.charAt(random.nextInt(IDENTIFIER_CHARS.length())));
        }
        return id.toString();
    }

    /** A non-empty timestamp of at most 64 UTF-8 bytes: ISO 8601 forms, logical stamps, free text. */
    public String timestamp() {
        return switch (random.nextInt(8)) {
            case 0 -> ExperienceEventEnvelope.EPOCH_PLACEHOLDER;
            case 1 -> "lamport:" + Long.toUnsignedString(u64());
            case 2 -> String.format(Locale.ROOT, "2026-%02d-%02dT%02d:%02d:%02d.%03dZ", 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1000));
            case 3 -> String.format(Locale.ROOT, "2026-05-10T%02d:15:00+02:00", random.nextInt(24));
            case 4 -> "yesterday";
            case 5 -> "2026\u5e744\u670828\u65e5 \ud83d\udd52";
            default -> String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02dZ", 1970 + random.nextInt(8030),
                    1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60),
                    random.nextInt(60));
        };
    }

    /** An unsigned 64-bit value (u64/usize) held in a long: edges such as {@code -1L} (u64 max) or any bits. */
    public long u64() {
        return switch (random.nextInt(4)) {
            case 0 -> U64_EDGES[random.nextInt(U64_EDGES.length)];
            case 1 -> random.nextLong();
            case 2 -> random.nextLong() >>> random.nextInt(64);
            default -> random.nextInt(1000);
        };
    }

    /** A u32 value, 0 to 4294967295. */
    public long u32() {
        return switch (random.nextInt(3)) {
            case 0 -> U32_EDGES[random.nextInt(U32_EDGES.length)];
            case 1 -> random.nextInt() & 0xFFFF_FFFFL;
            default -> random.nextInt(100);
        };
    }

    /** A finite f32, often an edge such as {@code -0.0f} or {@code 0.7f}. */
    public float f32() {
        if (chance(3)) {
            return F32_EDGES[random.nextInt(F32_EDGES.length)];
        }
        if (random.nextBoolean()) {
            return random.nextFloat();
        }
        float value;
        do {
            value = Float.intBitsToFloat(random.nextInt());
        } while (!Float.isFinite(value));
        return value;
    }

    /** A unit interval value in [0, 1], often 0.0, 1.0 or -0.0. */
    public double unitInterval() {
        return chance(3) ? UNIT_EDGES[random.nextInt(UNIT_EDGES.length)] : random.nextDouble();
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    /** A content hash of 32 random bytes, sometimes the all-zero stub. */
    public ContentHash contentHash() {
        if (chance(8)) {
            return ContentHash.ZERO;
        }
        final StringBuilder hex = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return new ContentHash(hex.toString());
    }

    /** Canonical compact JSON: a known edge document or a random tree of depth up to 3. */
    public JsonValue jsonValue() {
        if (chance(2)) {
            return new JsonValue(pick(JSON_EDGES));
        }
        final StringBuilder json = new StringBuilder();
        appendJson(json, 3);
        return new JsonValue(json.toString());
    }

    /** A string map of 0 to 3 entries with distinct keys, in insertion order. */
    public Map<String, String> stringMap() {
        final int size = random.nextInt(4);
        final Map<String, String> map = new LinkedHashMap<>();
        for (int attempt = 0; map.size() < size && attempt < 16; attempt++) {
            map.putIfAbsent(text(), text());
        }
        return map;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    private <K> Map<K, List<String>> enumMap(K[] keys) {
        final int size = random.nextInt(4);
        final Map<K, List<String>> map = new LinkedHashMap<>();
        for (int attempt = 0; map.size() < size && attempt < 16; attempt++) {
            map.putIfAbsent(pick(keys), list(this::text));
        }
        return map;
    }

    private void appendJson(StringBuilder json, int depth) {
        final int kind = depth == 0 ? 3 + random.nextInt(4) : random.nextInt(7);
        switch (kind) {
            case 0 -> {
                json.append('{');
                final List<String> keys = new ArrayList<>();
                final int size = random.nextInt(4);
                for (int attempt = 0; keys.size() < size && attempt < 16; attempt++) {
                    final String key = text();
                    if (!keys.contains(key)) {
                        json.append(keys.isEmpty() ? "" : ",");
                        keys.add(key);
                        appendJsonString(json, key);
                        json.append(':');
                        appendJson(json, depth - 1);
                    }
                }
                json.append('}');
            }
            case 1, 2 -> {
                json.append('[');
                final int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    json.append(i == 0 ? "" : ",");
                    appendJson(json, depth - 1);
                }
                json.append(']');
            }
            case 3 -> appendJsonString(json, text());
            case 4 -> json.append(pick(JSON_NUMBERS));
            case 5 -> json.append(random.nextLong());
            default -> json.append(pick(new String[] {"null", "true", "false"}));
        }
    }

    /** Appends {@code text} as a JSON string the way serde_json writes it (spec 1.1). */
    private static void appendJsonString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\t' -> json.append("\\t");
                case '\n' -> json.append("\\n");
                case '\f' -> json.append("\\f");
                case '\r' -> json.append("\\r");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private <T> List<T> list(Supplier<T> element) {
        final int size = random.nextInt(4);
        final List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    private <T> T optional(Supplier<T> value) {
        return random.nextBoolean() ? value.get() : null;
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
