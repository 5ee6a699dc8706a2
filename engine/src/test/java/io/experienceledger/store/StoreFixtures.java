package io.experienceledger.store;

import io.experienceledger.model.ActorId;
import io.experienceledger.model.ArtifactId;
import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.BackendId;
import io.experienceledger.model.BoundaryKind;
import io.experienceledger.model.BoundaryTarget;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.CandidateScore;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ConstraintName;
import io.experienceledger.model.ContentHash;
import io.experienceledger.model.ContractResult;
import io.experienceledger.model.ContractResultSnapshot;
import io.experienceledger.model.CorrectionTarget;
import io.experienceledger.model.DecisionStep;
import io.experienceledger.model.DomainId;
import io.experienceledger.model.ExecutionEnv;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
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
import io.experienceledger.model.KernelProposal;
import io.experienceledger.model.LifecycleEvent;
import io.experienceledger.model.LocalReplayTrace;
import io.experienceledger.model.OverrideTarget;
import io.experienceledger.model.PackId;
import io.experienceledger.model.PolicyId;
import io.experienceledger.model.PolicySnapshot;
import io.experienceledger.model.ProposalId;
import io.experienceledger.model.ProposalKind;
import io.experienceledger.model.RecallProvenanceEnvelope;
import io.experienceledger.model.RecallQuery;
import io.experienceledger.model.RecallStopReason;
import io.experienceledger.model.RecallUse;
import io.experienceledger.model.RemoteReplayTrace;
import io.experienceledger.model.Replayability;
import io.experienceledger.model.ReplayabilityDowngradeReason;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.RollbackImpact;
import io.experienceledger.model.RollbackRecord;
import io.experienceledger.model.RollbackSeverity;
import io.experienceledger.model.RoutingPolicy;
import io.experienceledger.model.SamplerParams;
import io.experienceledger.model.TimeoutPolicy;
import io.experienceledger.model.TraceLinkId;
import io.experienceledger.model.UserExperienceEvent;
import io.experienceledger.model.UserExperienceEventEnvelope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Sample events and envelopes for the store tests: a valid event of every engine and user kind, and random ledgers. */
public final class StoreFixtures {
    /** The earliest of three timestamps in increasing string order. */
    public static final String T1 = "2026-05-10T08:00:01Z";
    /** The middle one of three timestamps in increasing string order. */
    public static final String T2 = "2026-05-10T08:00:02Z";
    /** The latest of three timestamps in increasing string order. */
    public static final String T3 = "2026-05-10T08:00:03Z";

    /** The chain id every fixture event that has one carries unless another is given. */
    public static final String DEFAULT_CHAIN = "c-1";

    /** The five user event variants, in declaration order. */
    public enum UserKind {
        APPROVAL_GRANTED, APPROVAL_REJECTED, OVERRIDE_ISSUED, CORRECTION, BOUNDARY_ADJUSTED
    }

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String ID_TAIL = ALNUM + "._-";
    private static final String[] TEXT_PIECES = {"a", "Z", "9", " ", "é", "€", "日本", "\uD83D\uDE00", "\"", "\\", "\n", ":", "/", ""};

    private StoreFixtures() {
    }

    /** A valid event of the given kind, with chain {@value #DEFAULT_CHAIN} where the variant has a chain id. */
    public static ExperienceEvent engineEvent(ExperienceEventKind kind) {
        return engineEvent(kind, DEFAULT_CHAIN);
    }

    /** A valid event of the given kind; {@code chain} is used by every variant that has a chain id (incl. HypothesisResolved). */
    public static ExperienceEvent engineEvent(ExperienceEventKind kind, String chain) {
        final ChainId chainId = new ChainId(chain);
        switch (kind) {
            case ProposalCreated:
                return new ExperienceEvent.ProposalCreated(proposal(), chainId, DecisionStep.Reasoning, null);
            case ProposalValidated:
                return new ExperienceEvent.ProposalValidated(new ProposalId("prop-1"), chainId, DecisionStep.Evaluation,
                        List.of(new ContractResultSnapshot("schema", true, null)), true, new ActorId("validator"));
            case FactPromoted:
                return new ExperienceEvent.FactPromoted(new ProposalId("prop-1"), new FactId("fact-1"),
                        new ActorId("engine"), "all contracts passed", false);
            case RecallExecuted:
                return new ExperienceEvent.RecallExecuted(new RecallQuery("similar incidents", 5, DecisionStep.Reasoning, null),
                        provenance(), new TraceLinkId("trace-recall"));
            case ReplayTraceRecorded:
                return new ExperienceEvent.ReplayTraceRecorded(new TraceLinkId("trace-fixture"), localTrace());
            case ReplayabilityDowngraded:
                return new ExperienceEvent.ReplayabilityDowngraded(new TraceLinkId("trace-fixture"),
                        Replayability.Deterministic, Replayability.BestEffort, ReplayabilityDowngradeReason.RemoteBackendUsed);
            case ArtifactStateTransitioned:
                return new ExperienceEvent.ArtifactStateTransitioned(new ArtifactId("adapter-1"), ArtifactKind.Named.Adapter,
                        LifecycleEvent.of(GovernedArtifactState.Draft, GovernedArtifactState.Approved, "admin", "reviewed"));
            case ArtifactRollbackRecorded:
                return new ExperienceEvent.ArtifactRollbackRecorded(new RollbackRecord("adapter-1", GovernedArtifactState.Active,
                        "2026-05-10T09:00:00Z", "admin", "quality regression",
                        new RollbackImpact(3L, List.of("drift"), true, RollbackSeverity.High, List.of("tenant-a")),
                        "INC-7", "tenant-a"));
            case BackendInvoked:
                return new ExperienceEvent.BackendInvoked(new BackendId("local"), null, new TraceLinkId("trace-backend"),
                        DecisionStep.Planning, null);
            case OutcomeRecorded:
                return outcome(chain);
            case BudgetExceeded:
                return budget(chain);
            case PolicySnapshotCaptured:
                return new ExperienceEvent.PolicySnapshotCaptured(new PolicyId("pol-1"),
                        new PolicySnapshot.Routing(RoutingPolicy.defaults()), ContentHash.ZERO, new ActorId("engine"));
            case HypothesisResolved:
                return new ExperienceEvent.HypothesisResolved(chainId, new FactId("f-1"), new DomainId("market"),
                        "price will increase", 0.85, HypothesisOutcome.Confirmed, null, 1, 3);
            case GateDecisionRecorded:
                return new ExperienceEvent.GateDecisionRecorded(
                        new GateRequest(new GateId("hitl-1"), new ProposalId("prop-1"), "Ship it", "planner", null,
                                List.of(), 3, "lamport:0", TimeoutPolicy.defaults()),
                        new GateDecision(new GateId("hitl-1"), new GateVerdict.Reject("too risky"), "admin", "lamport:0"));
            default:
                throw new IllegalArgumentException("no fixture for " + kind);
        }
    }

    /** A valid user event of the given variant. */
    public static UserExperienceEvent userEvent(UserKind kind) {
        final ActorId actor = new ActorId("operator-1");
        switch (kind) {
            case APPROVAL_GRANTED:
                return new UserExperienceEvent.UserApprovalGranted(new GateId("hitl-1"), actor, null, null);
            case APPROVAL_REJECTED:
                return new UserExperienceEvent.UserApprovalRejected(new GateId("hitl-1"), actor, ContentHash.ZERO, "too risky");
            case OVERRIDE_ISSUED:
                return new UserExperienceEvent.UserOverrideIssued(new OverrideTarget.Constraint(new ConstraintName("budget")),
                        actor, null, "raise the budget");
            case CORRECTION:
                return new UserExperienceEvent.UserCorrection(new CorrectionTarget.Fact(new FactId("fact-1")), actor, null,
                        ContentHash.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                        new FactContent(FactContentKind.Claim, "corrected claim", null), "source was stale");
            case BOUNDARY_ADJUSTED:
                return new UserExperienceEvent.UserBoundaryAdjusted(BoundaryKind.Authority,
                        new BoundaryTarget.Pack(new PackId("pack-1")), actor, null,
                        new JsonValue("{\"limit\":100}"), new JsonValue("{\"limit\":50}"), "reduce autonomy");
            default:
                throw new IllegalArgumentException("no fixture for " + kind);
        }
    }

    /** An OutcomeRecorded on the given chain, passed, without metadata. */
    public static ExperienceEvent.OutcomeRecorded outcome(String chain) {
        return new ExperienceEvent.OutcomeRecorded(new ChainId(chain), DecisionStep.Planning, true, null, 12L, 42L, null,
                new BackendId("local"), Map.of());
    }

    /** A BudgetExceeded on the given chain with an {@code Other} resource. */
    public static ExperienceEvent.BudgetExceeded budget(String chain) {
        return new ExperienceEvent.BudgetExceeded(new ChainId(chain), new BudgetResource.Other("gpu-seconds"), "999", null);
    }

    /** A ReplayTraceRecorded registering {@code trace} under {@code traceLinkId}. */
    public static ExperienceEvent.ReplayTraceRecorded traceRecorded(String traceLinkId, ReplayTrace trace) {
        return new ExperienceEvent.ReplayTraceRecorded(new TraceLinkId(traceLinkId), trace);
    }

    /** A local (deterministic) replay trace. */
    public static LocalReplayTrace localTrace() {
        return new LocalReplayTrace("abc123", null, "tok123", 42, SamplerParams.defaults(), "v1", null, false,
                ExecutionEnv.defaults());
    }

    /** A remote replay trace with the given replayability. */
    public static RemoteReplayTrace remoteTrace(Replayability replayability) {
        return new RemoteReplayTrace("provider", "model-1", "req-fp", "resp-fp", 0.7f, 1.0f, 1024,
                Map.of("region", "eu"), false, List.of(), replayability);
    }

    /** An engine envelope with the given id, time and event, no tenant, no correlation. */
    public static ExperienceEventEnvelope engine(String eventId, String occurredAt, ExperienceEvent event) {
        return ExperienceEventEnvelope.of(eventId, event).withTimestamp(occurredAt);
    }

    /** An engine envelope carrying an OutcomeRecorded on {@value #DEFAULT_CHAIN}. */
    public static ExperienceEventEnvelope engine(String eventId, String occurredAt) {
        return engine(eventId, occurredAt, outcome(DEFAULT_CHAIN));
    }

    /** A user envelope with the given id, time and event, no tenant, no correlation. */
    public static UserExperienceEventEnvelope user(String eventId, String occurredAt, UserExperienceEvent event) {
        return UserExperienceEventEnvelope.of(eventId, event).withTimestamp(occurredAt);
    }

    /** A user envelope carrying a UserApprovalGranted. */
    public static UserExperienceEventEnvelope user(String eventId, String occurredAt) {
        return user(eventId, occurredAt, userEvent(UserKind.APPROVAL_GRANTED));
    }

    /** A random id matching {@code [a-zA-Z0-9][a-zA-Z0-9._-]{0,63}}. */
    public static String randomId(Random random) {
        final StringBuilder id = new StringBuilder().append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        final int tail = random.nextInt(64);
        for (int i = 0; i < tail; i++) {
            id.append(ID_TAIL.charAt(random.nextInt(ID_TAIL.length())));
        }
        return id.toString();
    }

    /** Random free text (any characters a payload may hold: non-ASCII, quotes, control characters, emoji). */
    public static String randomText(Random random, int maxPieces) {
        final StringBuilder text = new StringBuilder();
        final int pieces = random.nextInt(maxPieces + 1);
        for (int i = 0; i < pieces; i++) {
            text.append(TEXT_PIECES[random.nextInt(TEXT_PIECES.length)]);
        }
        return text.toString();
    }

    /**
     * A random OutcomeRecorded (random chain, step, passed, 0-4 metadata entries) or BudgetExceeded
     * ({@code Other} resource), as in the reference's property tests.
     */
    public static ExperienceEvent randomOutcomeOrBudget(Random random) {
        final ChainId chain = new ChainId(randomId(random));
        if (random.nextBoolean()) {
            final Map<String, String> metadata = new LinkedHashMap<>();
            final int entries = random.nextInt(5);
            for (int i = 0; i < entries; i++) {
                metadata.put(randomId(random), randomText(random, 6));
            }
            final DecisionStep step = DecisionStep.values()[random.nextInt(DecisionStep.values().length)];
            return new ExperienceEvent.OutcomeRecorded(chain, step, random.nextBoolean(), null,
                    random.nextBoolean() ? null : random.nextLong() >>> 1, null, null, null, metadata);
        }
        return new ExperienceEvent.BudgetExceeded(chain, new BudgetResource.Other(randomId(random)),
                Integer.toString(random.nextInt(10_000)), random.nextBoolean() ? null : randomText(random, 4));
    }

    /** One envelope of every engine kind, ids {@code evt-<ordinal>}, all at {@code occurredAt}. */
    public static List<ExperienceEventEnvelope> oneOfEachEngineKind(String occurredAt, String chain) {
        final List<ExperienceEventEnvelope> envelopes = new ArrayList<>();
        for (ExperienceEventKind kind : ExperienceEventKind.values()) {
            envelopes.add(engine("evt-" + kind.ordinal(), occurredAt, engineEvent(kind, chain)));
        }
        return envelopes;
    }

    /** A kernel proposal with a local trace and one passing contract. */
    public static KernelProposal proposal() {
        return new KernelProposal("prop-1", ProposalKind.Claims, "the claim", null, localTrace(),
                List.of(new ContractResult("schema", true, null)), false, 0.7f);
    }

    private static RecallProvenanceEnvelope provenance() {
        return new RecallProvenanceEnvelope("qh", "eih", "eh", "embedder-1", "esh", "corpus-1", "psh",
                RecallUse.RuntimeAugmentation, List.of(), List.of(new CandidateScore("cand-1", 0.5)), 10, 1,
                RecallStopReason.ReachedTopK, 3, "2026-05-10T08:00:00Z", "unsigned");
    }
}
