package io.experienceledger.workload;

import io.experienceledger.model.ActorId;
import io.experienceledger.model.AdapterTrace;
import io.experienceledger.model.ArtifactId;
import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.BackendId;
import io.experienceledger.model.BoundaryKind;
import io.experienceledger.model.BoundaryTarget;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.CandidateScore;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ContentHash;
import io.experienceledger.model.ContextItem;
import io.experienceledger.model.ContractResult;
import io.experienceledger.model.ContractResultSnapshot;
import io.experienceledger.model.CorrectionTarget;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.CriterionId;
import io.experienceledger.model.DecisionStep;
import io.experienceledger.model.DomainId;
import io.experienceledger.model.EventId;
import io.experienceledger.model.ExecutionEnv;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
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
import io.experienceledger.model.TimeoutAction;
import io.experienceledger.model.TimeoutPolicy;
import io.experienceledger.model.TraceLinkId;
import io.experienceledger.model.UserExperienceEvent;
import io.experienceledger.model.UserExperienceEventEnvelope;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A realistic synthetic workload: an endless, deterministic stream of valid converge envelopes (engine and user
 * side) as an AI decision system writes them, for {@code ledger demo}, benchmarks and load tests.
 *
 * <pre>{@code
 * SyntheticWorkload workload = new SyntheticWorkload(42);
 * for (int i = 0; i < 100_000; i++) {
 *     ExperienceRecord next = workload.next();   // ExperienceRecord.Engine or ExperienceRecord.User
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Runs.</b> Events come in decision runs. Every event of run {@code r} carries the correlation id
 *       {@link #correlationId(long) run-r} and, where the event has one, the chain id {@link #chainId(long) chain-r};
 *       a run records exactly one replay trace, under the trace link id {@link #traceLinkId(long) trace-r}. A run
 *       goes: sometimes a policy snapshot; proposal created, recall, backend invoked, replay trace recorded,
 *       sometimes a replayability downgrade; validation; sometimes a human gate (the gate decision and the user's
 *       approval or rejection); fact promoted; sometimes user overrides, corrections, boundary adjustments, budget
 *       overruns, hypotheses; the outcome; now and then an artifact transition or rollback.</li>
 *   <li><b>Interleaving.</b> Several runs are in flight at once, so one run's events are spread over the
 *       journal, as in production.</li>
 *   <li><b>Tenants.</b> Runs belong to tenants with a skewed (Zipf-like) distribution: with the default twelve
 *       tenants, the busiest one has about a third of the runs and the quietest about 2%.</li>
 *   <li><b>Coverage.</b> Run 0 takes every optional step, so the first few dozen envelopes already hold all 14
 *       engine kinds and all 5 user kinds.</li>
 *   <li><b>Time.</b> {@code occurred_at} starts at 2026-04-28T08:00:00.000Z and increases by 1 to 40 ms per
 *       envelope, in the order of the stream.</li>
 *   <li><b>Determinism.</b> The same seed and tenant count give the same envelopes, byte for byte. Event ids are
 *       {@code evt-} and the envelope's position in the stream, unique within one stream.</li>
 * </ul>
 * Every envelope passes the store's validation. Envelopes are about 300 to 1,000 bytes of JSON. Not
 * thread-safe: use one instance per thread.
 */
public final class SyntheticWorkload {
    /** How many tenants {@link #SyntheticWorkload(long)} spreads runs over. */
    public static final int DEFAULT_TENANTS = 12;

    private static final List<String> TENANT_NAMES = List.of("acme", "globex", "initech", "umbrella", "hooli",
            "stark", "wayne", "wonka", "tyrell", "cyberdyne", "soylent", "aperture");
    private static final long START_MILLIS = Instant.parse("2026-04-28T08:00:00Z").toEpochMilli();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int RUNS_IN_FLIGHT = 8;
    private static final String[] BACKENDS = {"local-llama", "openai-gpt", "anthropic-claude", "mistral-large"};
    private static final String[] TOPICS = {"refund request", "invoice dispute", "access review", "vendor onboarding",
        "incident triage", "contract renewal", "fraud alert", "data export request", "pricing exception",
        "shipment delay"};
    private static final String[] REVIEWERS = {"alice", "bob", "carol", "dmitri", "erin", "farah", "gus", "hiro"};

    /** The steps of a run, in the order they happen. */
    private enum Step {
        POLICY, PROPOSAL, RECALL, BACKEND, TRACE, DOWNGRADE, VALIDATED, APPROVAL_REJECTED, GATE_REJECT,
        APPROVAL_GRANTED, GATE_APPROVE, PROMOTED, OVERRIDE, CORRECTION, BOUNDARY, BUDGET, HYPOTHESIS, OUTCOME, TRANSITION,
        ROLLBACK
    }

    /** One decision run in flight. */
    private static final class Run {
        final long number;
        final int tenant;
        final DecisionStep step;
        final boolean remote;
        final String backend;
        final List<Step> steps;
        int next;

        Run(long number, int tenant, DecisionStep step, boolean remote, String backend, List<Step> steps) {
            this.number = number;
            this.tenant = tenant;
            this.step = step;
            this.remote = remote;
            this.backend = backend;
            this.steps = steps;
        }
    }

    private final Random random;
    private final List<String> tenants;
    private final double[] cumulativeWeights;
    private final Run[] inFlight = new Run[RUNS_IN_FLIGHT];
    private long runsStarted;
    private long emitted;
    private long clockMillis = START_MILLIS;
    private Run current;
    private String now;

    /** A workload over {@link #DEFAULT_TENANTS} tenants. */
    public SyntheticWorkload(long seed) {
        this(seed, DEFAULT_TENANTS);
    }

    /**
     * A workload over {@code tenantCount} tenants (the first twelve have names such as {@code acme}, later ones
     * are {@code tenant-13} and so on), the first the busiest.
     */
    public SyntheticWorkload(long seed, int tenantCount) {
        if (tenantCount < 1) {
            throw new IllegalArgumentException("tenantCount must be at least 1, was " + tenantCount);
        }
        this.random = new Random(seed);
        final List<String> names = new ArrayList<>(tenantCount);
        for (int i = 0; i < tenantCount; i++) {
            names.add(i < TENANT_NAMES.size() ? TENANT_NAMES.get(i) : "tenant-" + (i + 1));
        }
        this.tenants = List.copyOf(names);
        this.cumulativeWeights = new double[tenantCount];
        double sum = 0;
        for (int i = 0; i < tenantCount; i++) {
            sum += 1.0 / Math.pow(i + 1, 1.1);
            cumulativeWeights[i] = sum;
        }
        for (int i = 0; i < tenantCount; i++) {
            cumulativeWeights[i] /= sum;
        }
        for (int i = 0; i < inFlight.length; i++) {
            inFlight[i] = startRun();
        }
    }

    /** The tenant ids, busiest first. */
    public List<String> tenants() {
        return tenants;
    }

    /** How many envelopes {@link #next()} has returned. */
    public long emitted() {
        return emitted;
    }

    /** How many runs have started; runs 0 to {@code runsStarted() - 1} exist (the last few may be unfinished). */
    public long runsStarted() {
        return runsStarted;
    }

    /** The correlation id of every envelope of run {@code run}: {@code run-0000042}. */
    public static String correlationId(long run) {
        return "run-" + pad(run, 7);
    }

    /** The chain id of the chain-carrying events of run {@code run}: {@code chain-0000042}. */
    public static String chainId(long run) {
        return "chain-" + pad(run, 7);
    }

    /** The trace link id under which run {@code run} records its replay trace: {@code trace-0000042}. */
    public static String traceLinkId(long run) {
        return "trace-" + pad(run, 7);
    }

    /** The next envelope: an {@link ExperienceRecord.Engine} or an {@link ExperienceRecord.User}. */
    public ExperienceRecord next() {
        final int slot = random.nextInt(inFlight.length);
        current = inFlight[slot];
        final Step step = current.steps.get(current.next++);
        if (current.next == current.steps.size()) {
            inFlight[slot] = startRun();
        }
        clockMillis += 1 + random.nextInt(40);
        now = TIMESTAMP.format(Instant.ofEpochMilli(clockMillis));
        final EventId id = new EventId("evt-" + pad(emitted++, 9));
        final TenantId tenant = new TenantId(tenants.get(current.tenant));
        final CorrelationId correlation = new CorrelationId(correlationId(current.number));
        return switch (step) {
            case APPROVAL_REJECTED, APPROVAL_GRANTED, OVERRIDE, CORRECTION, BOUNDARY -> new ExperienceRecord.User(
                    new UserExperienceEventEnvelope(id, now, tenant, correlation, userEvent(step)));
            case TRANSITION, ROLLBACK -> new ExperienceRecord.Engine(
                    new ExperienceEventEnvelope(id, now, tenant, null, engineEvent(step)));
            default -> new ExperienceRecord.Engine(
                    new ExperienceEventEnvelope(id, now, tenant, correlation, engineEvent(step)));
        };
    }

    // ------------------------------------------------------------------------------------------------ runs

    private Run startRun() {
        final long number = runsStarted++;
        final boolean showcase = number == 0;
        final Set<Step> steps = EnumSet.of(Step.PROPOSAL, Step.RECALL, Step.BACKEND, Step.TRACE, Step.VALIDATED,
                Step.OUTCOME);
        optional(steps, Step.POLICY, showcase, 5);
        optional(steps, Step.DOWNGRADE, showcase, 10);
        final boolean gate = showcase || random.nextInt(100) < 20;
        final boolean rejected = gate && !showcase && random.nextInt(100) < 20;
        if (gate) {
            steps.add(rejected ? Step.GATE_REJECT : Step.GATE_APPROVE);
            steps.add(rejected ? Step.APPROVAL_REJECTED : Step.APPROVAL_GRANTED);
        }
        if (showcase) {
            steps.addAll(List.of(Step.GATE_REJECT, Step.APPROVAL_REJECTED));
        }
        if (!rejected) {
            steps.add(Step.PROMOTED);
        }
        optional(steps, Step.OVERRIDE, showcase, 4);
        optional(steps, Step.CORRECTION, showcase, 3);
        optional(steps, Step.BOUNDARY, showcase, 2);
        optional(steps, Step.BUDGET, showcase, 8);
        optional(steps, Step.HYPOTHESIS, showcase, 15);
        optional(steps, Step.TRANSITION, showcase, 3);
        optional(steps, Step.ROLLBACK, showcase, 1);
        final DecisionStep decisionStep = DecisionStep.values()[random.nextInt(DecisionStep.values().length)];
        final boolean remote = random.nextInt(100) < 60;
        final String backend = BACKENDS[remote ? 1 + random.nextInt(BACKENDS.length - 1) : 0];
        return new Run(number, tenantIndex(), decisionStep, remote, backend, List.copyOf(steps));
    }

    private void optional(Set<Step> steps, Step step, boolean always, int percent) {
        if (always || random.nextInt(100) < percent) {
            steps.add(step);
        }
    }

    private int tenantIndex() {
        final double u = random.nextDouble();
        int index = Arrays.binarySearch(cumulativeWeights, u);
        if (index < 0) {
            index = -index - 1;
        }
        return Math.min(index, cumulativeWeights.length - 1);
    }

    // ------------------------------------------------------------------------------------------------ events

    private ExperienceEvent engineEvent(Step step) {
        return switch (step) {
            case POLICY -> policySnapshot();
            case PROPOSAL -> new ExperienceEvent.ProposalCreated(proposal(), chain(), current.step, policyHash());
            case RECALL -> new ExperienceEvent.RecallExecuted(recallQuery(), recallProvenance(), trace());
            case BACKEND -> new ExperienceEvent.BackendInvoked(new BackendId(current.backend),
                    current.remote ? null : new BackendId("adapter-" + tenantName() + "-v3"), trace(), current.step,
                    policyHash());
            case TRACE -> new ExperienceEvent.ReplayTraceRecorded(trace(), replayTrace());
            case DOWNGRADE -> new ExperienceEvent.ReplayabilityDowngraded(trace(),
                    current.remote ? Replayability.BestEffort : Replayability.Deterministic,
                    current.remote ? Replayability.None : Replayability.BestEffort,
                    current.remote ? ReplayabilityDowngradeReason.RemoteBackendUsed
                            : ReplayabilityDowngradeReason.RecallEmbedderNotDeterministic);
            case VALIDATED -> validated();
            case GATE_REJECT, GATE_APPROVE -> gateDecision(step == Step.GATE_APPROVE);
            case PROMOTED -> new ExperienceEvent.FactPromoted(proposalId(), factId(), new ActorId("kernel"),
                    "all contracts passed for the " + topic(), random.nextInt(5) == 0);
            case BUDGET -> budgetExceeded();
            case HYPOTHESIS -> new ExperienceEvent.HypothesisResolved(chain(), factId(),
                    new DomainId("domain-" + topic().replace(' ', '-')),
                    "the " + topic() + " of run " + current.number + " follows the usual pattern",
                    Math.round(random.nextDouble() * 100) / 100.0,
                    HypothesisOutcome.values()[random.nextInt(HypothesisOutcome.values().length)],
                    random.nextInt(4) == 0 ? new TensionId("tension-" + current.number) : null,
                    current.number % 1000, current.number % 1000 + 1 + random.nextInt(5));
            case OUTCOME -> outcome();
            case TRANSITION -> transition();
            case ROLLBACK -> rollback();
            default -> throw new IllegalStateException("not an engine step: " + step);
        };
    }

    private UserExperienceEvent userEvent(Step step) {
        final ActorId reviewer = new ActorId(reviewer());
        return switch (step) {
            case APPROVAL_GRANTED -> new UserExperienceEvent.UserApprovalGranted(gateId(), reviewer, policyHash(),
                    random.nextBoolean() ? "looks right, approved" : null);
            case APPROVAL_REJECTED -> new UserExperienceEvent.UserApprovalRejected(gateId(), reviewer, policyHash(),
                    "evidence is insufficient for the " + topic());
            case OVERRIDE -> new UserExperienceEvent.UserOverrideIssued(
                    random.nextBoolean() ? new OverrideTarget.Proposal(proposalId()) : new OverrideTarget.Fact(factId()),
                    reviewer, policyHash(), "customer escalation: overriding the " + topic() + " decision");
            case CORRECTION -> new UserExperienceEvent.UserCorrection(new CorrectionTarget.Fact(factId()), reviewer,
                    policyHash(), hash(), new FactContent(FactContentKind.Claim,
                            "corrected: the " + topic() + " amount is " + (50 + random.nextInt(950)) + " USD",
                            new JsonValue("{\"currency\":\"USD\",\"verified\":true}")),
                    "the extracted amount was wrong");
            case BOUNDARY -> new UserExperienceEvent.UserBoundaryAdjusted(
                    BoundaryKind.values()[random.nextInt(BoundaryKind.values().length)],
                    random.nextBoolean() ? new BoundaryTarget.Pack(new PackId("pack-" + tenantName()))
                            : new BoundaryTarget.Global(),
                    reviewer, policyHash(), new JsonValue("{\"max_amount_usd\":500}"),
                    new JsonValue("{\"max_amount_usd\":" + (250 + 250 * random.nextInt(8)) + "}"),
                    "quarterly limits review");
            default -> throw new IllegalStateException("not a user step: " + step);
        };
    }

    private KernelProposal proposal() {
        final List<ContractResult> contracts = List.of(new ContractResult("schema", true, null),
                new ContractResult("policy", random.nextInt(10) > 0, null));
        return new KernelProposal("prop-" + pad(current.number, 7),
                ProposalKind.values()[random.nextInt(ProposalKind.values().length)],
                "Proposed resolution for the " + topic() + " of " + tenantName() + ": apply the standard procedure"
                        + " and notify the account owner.",
                random.nextBoolean() ? new JsonValue("{\"action\":\"approve\",\"amount_usd\":"
                        + (10 + random.nextInt(990)) + ",\"priority\":\"normal\"}") : null,
                replayTrace(), contracts, random.nextInt(5) == 0, Math.round(random.nextFloat() * 100) / 100f);
    }

    private ReplayTrace replayTrace() {
        if (current.remote) {
            final Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("region", random.nextBoolean() ? "eu-west-1" : "us-east-1");
            metadata.put("request_id", "req-" + Long.toHexString(random.nextLong()));
            return new RemoteReplayTrace(current.backend.substring(0, current.backend.indexOf('-')),
                    current.backend + "-2026-03", "sha256:" + hash().hex(), "sha256:" + hash().hex(), 0.2f, 0.95f,
                    1024 + 512L * random.nextInt(6), metadata, random.nextInt(10) == 0, List.of(),
                    Replayability.BestEffort);
        }
        return new LocalReplayTrace(hash().hex(),
                new AdapterTrace("adapter-" + tenantName() + "-v3", hash().hex(), random.nextBoolean()),
                hash().hex(), random.nextLong() & Long.MAX_VALUE, new SamplerParams(0.0f, 1.0f, 40L), "prompt-v12",
                new RecallTrace("corpus-" + tenantName() + "-2026-04", List.of("doc-" + random.nextInt(10_000),
                        "doc-" + random.nextInt(10_000)), List.of(0.91f, 0.84f), 2),
                false, new ExecutionEnv("cuda:0", "candle", "bf16"));
    }

    private RecallQuery recallQuery() {
        return new RecallQuery("similar " + topic() + " cases for " + tenantName(), 5, current.step, tenantName());
    }

    private RecallProvenanceEnvelope recallProvenance() {
        final List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            scores.add(new CandidateScore("doc-" + random.nextInt(10_000), Math.round(random.nextDouble() * 100) / 100.0));
        }
        return new RecallProvenanceEnvelope(shortHash(), shortHash(), shortHash(), "embedder-e5-large", shortHash(),
                "corpus-" + tenantName() + "-2026-04", shortHash(), RecallUse.RuntimeAugmentation,
                List.of(RecallConsumer.Kernel), scores, 1_000 + random.nextInt(50_000), scores.size(),
                RecallStopReason.ReachedTopK, 2 + random.nextInt(40), now, "unsigned");
    }

    private ExperienceEvent validated() {
        final boolean passed = random.nextInt(20) > 0;
        return new ExperienceEvent.ProposalValidated(proposalId(), chain(), current.step, List.of(
                new ContractResultSnapshot("schema", true, null),
                new ContractResultSnapshot("policy", passed, passed ? null : "amount above the tenant limit")),
                passed, new ActorId("validator-" + current.backend));
    }

    private ExperienceEvent gateDecision(boolean approve) {
        final GateRequest request = new GateRequest(gateId(), proposalId(), "Approve the " + topic() + "?",
                "agent-" + tenantName(), "the amount is above the automatic approval limit",
                List.of(new ContextItem("tenant", tenantName()), new ContextItem("run", correlationId(current.number))),
                current.number % 1000, now, new TimeoutPolicy(1800, TimeoutAction.Escalate));
        return new ExperienceEvent.GateDecisionRecorded(request, new GateDecision(gateId(),
                approve ? new GateVerdict.Approve() : new GateVerdict.Reject("policy limit exceeded"), reviewer(), now));
    }

    private ExperienceEvent budgetExceeded() {
        return switch (random.nextInt(3)) {
            case 0 -> new ExperienceEvent.BudgetExceeded(chain(), BudgetResource.Named.Tokens, "8000",
                    String.valueOf(8_001 + random.nextInt(4_000)));
            case 1 -> new ExperienceEvent.BudgetExceeded(chain(), BudgetResource.Named.Time, "30s",
                    (31 + random.nextInt(60)) + "s");
            default -> new ExperienceEvent.BudgetExceeded(chain(), new BudgetResource.Other("gpu-seconds"), "120",
                    null);
        };
    }

    private ExperienceEvent outcome() {
        final boolean passed = random.nextInt(10) > 0;
        final Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("topic", topic());
        metadata.put("queue", random.nextBoolean() ? "standard" : "priority");
        final StopReason stop = passed ? new StopReason.Converged()
                : new StopReason.HumanInterventionRequired(List.of(new CriterionId("amount-verified")), List.of());
        return new ExperienceEvent.OutcomeRecorded(chain(), current.step, passed, stop,
                (long) (50 + random.nextInt(5_000)), (long) (200 + random.nextInt(8_000)),
                (long) random.nextInt(20_000), new BackendId(current.backend), metadata);
    }

    private ExperienceEvent policySnapshot() {
        final PolicySnapshot policy = switch (random.nextInt(3)) {
            case 0 -> new PolicySnapshot.Kernel(new KernelPolicy("adapter-" + tenantName() + "-v3", true, 5, 0.7f,
                    42L, false, List.of("amount-verified")));
            case 1 -> new PolicySnapshot.Routing(new RoutingPolicy(Map.of("amount-verified", "local-llama"),
                    Map.of(RiskTier.High, List.of("local-llama")), Map.of(), current.backend));
            default -> new PolicySnapshot.Recall(new RecallPolicy(true, 5, 500, 0.5, new RecallBudgets(100, 3, 100),
                    List.of(RecallUse.RuntimeAugmentation), 1.0));
        };
        return new ExperienceEvent.PolicySnapshotCaptured(new PolicyId("policy-" + tenantName()), policy, hash(),
                new ActorId("governance-bot"));
    }

    private ExperienceEvent transition() {
        final GovernedArtifactState[] states = GovernedArtifactState.values();
        final int from = random.nextInt(3);
        return new ExperienceEvent.ArtifactStateTransitioned(new ArtifactId("adapter-" + tenantName() + "-v3"),
                ArtifactKind.Named.Adapter, new LifecycleEvent(states[from], states[from + 1], now, reviewer(),
                "promotion after evaluation", "TICKET-" + (1000 + random.nextInt(9000)), tenantName()));
    }

    private ExperienceEvent rollback() {
        return new ExperienceEvent.ArtifactRollbackRecorded(new RollbackRecord("adapter-" + tenantName() + "-v3",
                GovernedArtifactState.Active, now, reviewer(), "quality regression on " + topic() + " cases",
                new RollbackImpact((long) random.nextInt(500), List.of("wrong amounts extracted"), true,
                        RollbackSeverity.values()[random.nextInt(RollbackSeverity.values().length)],
                        List.of(tenantName())),
                "INC-" + (100 + random.nextInt(900)), tenantName()));
    }

    // ------------------------------------------------------------------------------------------------ values

    private ChainId chain() {
        return new ChainId(chainId(current.number));
    }

    private TraceLinkId trace() {
        return new TraceLinkId(traceLinkId(current.number));
    }

    private ProposalId proposalId() {
        return new ProposalId("prop-" + pad(current.number, 7));
    }

    private FactId factId() {
        return new FactId("fact-" + pad(current.number, 7));
    }

    private GateId gateId() {
        return new GateId("gate-" + pad(current.number, 7));
    }

    private String tenantName() {
        return tenants.get(current.tenant);
    }

    private String topic() {
        return TOPICS[(int) (current.number % TOPICS.length)];
    }

    private String reviewer() {
        return REVIEWERS[random.nextInt(REVIEWERS.length)];
    }

    private ContentHash policyHash() {
        return random.nextInt(3) == 0 ? null : hash();
    }

    private ContentHash hash() {
        final StringBuilder hex = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            final String part = Long.toHexString(random.nextLong());
            hex.append("0".repeat(16 - part.length())).append(part);
        }
        return new ContentHash(hex.toString());
    }

    private String shortHash() {
        final String part = Long.toHexString(random.nextLong());
        return "0".repeat(16 - part.length()) + part;
    }

    private static String pad(long value, int digits) {
        final String text = Long.toString(value);
        return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
    }
}
