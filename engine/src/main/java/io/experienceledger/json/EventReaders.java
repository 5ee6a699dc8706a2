package io.experienceledger.json;

import static io.experienceledger.json.StructReader.dflt;
import static io.experienceledger.json.StructReader.opt;
import static io.experienceledger.json.StructReader.req;

import io.experienceledger.model.ActorId;
import io.experienceledger.model.ArtifactId;
import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.BackendId;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ContractResultSnapshot;
import io.experienceledger.model.DomainId;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.FactId;
import io.experienceledger.model.HypothesisOutcome;
import io.experienceledger.model.PolicyId;
import io.experienceledger.model.PolicySnapshot;
import io.experienceledger.model.ProposalId;
import io.experienceledger.model.TensionId;
import io.experienceledger.model.TraceLinkId;
import java.util.Map;

/**
 * Readers for the engine-side event (spec 3.2, adjacently tagged {@code type}/{@code data}) and the types only it
 * uses: contract result snapshots, budget resources, artifact kinds, hypothesis outcomes and policy snapshots.
 */
final class EventReaders {
    static final ExternallyTagged<ExperienceEventKind> EVENT_KIND =
            ExternallyTagged.units("ExperienceEventKind", ExperienceEventKind.values(), Enum::name);
    static final ExternallyTagged<HypothesisOutcome> HYPOTHESIS_OUTCOME =
            ExternallyTagged.units("HypothesisOutcome", HypothesisOutcome.values(), Enum::name);

    static final ExternallyTagged<BudgetResource> BUDGET_RESOURCE = budgetResource();
    static final ExternallyTagged<ArtifactKind> ARTIFACT_KIND = artifactKind();

    static final StructReader<ContractResultSnapshot> CONTRACT_RESULT_SNAPSHOT = StructReader.of(
            "struct ContractResultSnapshot",
            v -> new ContractResultSnapshot(v.get(0), v.get(1), v.get(2)),
            req("name", Scalars::string),
            req("passed", Scalars::bool),
            opt("failure_reason", Scalars::string));

    static final AdjacentlyTagged<PolicySnapshot> POLICY_SNAPSHOT = new AdjacentlyTagged<>("PolicySnapshot", "type",
            "policy", new TaggedVariants<PolicySnapshot>()
                    .add("Kernel", (node, path) ->
                            new PolicySnapshot.Kernel(KernelReaders.KERNEL_POLICY.read(node, path)))
                    .add("Routing", (node, path) ->
                            new PolicySnapshot.Routing(KernelReaders.ROUTING_POLICY.read(node, path)))
                    .add("Recall", (node, path) -> new PolicySnapshot.Recall(RecallReaders.POLICY.read(node, path))));

    private static final Decoder<ChainId> CHAIN_ID = (node, path) -> new ChainId(Scalars.string(node, path));
    private static final Decoder<ProposalId> PROPOSAL_ID = (node, path) -> new ProposalId(Scalars.string(node, path));
    private static final Decoder<FactId> FACT_ID = (node, path) -> new FactId(Scalars.string(node, path));
    private static final Decoder<ActorId> ACTOR_ID = (node, path) -> new ActorId(Scalars.string(node, path));
    private static final Decoder<BackendId> BACKEND_ID = (node, path) -> new BackendId(Scalars.string(node, path));
    private static final Decoder<TraceLinkId> TRACE_LINK_ID =
            (node, path) -> new TraceLinkId(Scalars.string(node, path));

    static final AdjacentlyTagged<ExperienceEvent> EVENT = new AdjacentlyTagged<>("ExperienceEvent", "type", "data",
            new TaggedVariants<ExperienceEvent>()
                    .add("ProposalCreated", variant("ProposalCreated",
                            v -> new ExperienceEvent.ProposalCreated(v.get(0), v.get(1), v.get(2), v.get(3)),
                            req("proposal", KernelReaders.PROPOSAL),
                            req("chain_id", CHAIN_ID),
                            req("step", KernelReaders.DECISION_STEP),
                            opt("policy_snapshot_hash", Scalars::contentHash)))
                    .add("ProposalValidated", variant("ProposalValidated",
                            v -> new ExperienceEvent.ProposalValidated(v.get(0), v.get(1), v.get(2), v.get(3),
                                    v.get(4), v.get(5)),
                            req("proposal_id", PROPOSAL_ID),
                            req("chain_id", CHAIN_ID),
                            req("step", KernelReaders.DECISION_STEP),
                            req("contract_results", Scalars.listOf(CONTRACT_RESULT_SNAPSHOT)),
                            req("all_passed", Scalars::bool),
                            req("validator", ACTOR_ID)))
                    .add("FactPromoted", variant("FactPromoted",
                            v -> new ExperienceEvent.FactPromoted(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
                            req("proposal_id", PROPOSAL_ID),
                            req("fact_id", FACT_ID),
                            req("promoted_by", ACTOR_ID),
                            req("reason", Scalars::string),
                            req("requires_human", Scalars::bool)))
                    .add("RecallExecuted", variant("RecallExecuted",
                            v -> new ExperienceEvent.RecallExecuted(v.get(0), v.get(1), v.get(2)),
                            req("query", RecallReaders.QUERY),
                            req("provenance", RecallReaders.PROVENANCE),
                            opt("trace_link_id", TRACE_LINK_ID)))
                    .add("ReplayTraceRecorded", variant("ReplayTraceRecorded",
                            v -> new ExperienceEvent.ReplayTraceRecorded(v.get(0), v.get(1)),
                            req("trace_link_id", TRACE_LINK_ID),
                            req("trace_link", KernelReaders.REPLAY_TRACE)))
                    .add("ReplayabilityDowngraded", variant("ReplayabilityDowngraded",
                            v -> new ExperienceEvent.ReplayabilityDowngraded(v.get(0), v.get(1), v.get(2), v.get(3)),
                            req("trace_link_id", TRACE_LINK_ID),
                            req("from", KernelReaders.REPLAYABILITY),
                            req("to", KernelReaders.REPLAYABILITY),
                            req("reason", KernelReaders.DOWNGRADE_REASON)))
                    .add("ArtifactStateTransitioned", variant("ArtifactStateTransitioned",
                            v -> new ExperienceEvent.ArtifactStateTransitioned(v.get(0), v.get(1), v.get(2)),
                            req("artifact_id", (node, path) -> new ArtifactId(Scalars.string(node, path))),
                            req("artifact_kind", ARTIFACT_KIND),
                            req("event", GovernanceReaders.LIFECYCLE_EVENT)))
                    .add("ArtifactRollbackRecorded", variant("ArtifactRollbackRecorded",
                            v -> new ExperienceEvent.ArtifactRollbackRecorded(v.get(0)),
                            req("rollback", GovernanceReaders.ROLLBACK_RECORD)))
                    .add("BackendInvoked", variant("BackendInvoked",
                            v -> new ExperienceEvent.BackendInvoked(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
                            req("backend_name", BACKEND_ID),
                            opt("adapter_id", BACKEND_ID),
                            req("trace_link_id", TRACE_LINK_ID),
                            req("step", KernelReaders.DECISION_STEP),
                            opt("policy_snapshot_hash", Scalars::contentHash)))
                    .add("OutcomeRecorded", variant("OutcomeRecorded",
                            v -> new ExperienceEvent.OutcomeRecorded(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4),
                                    v.get(5), v.get(6), v.get(7), v.get(8)),
                            req("chain_id", CHAIN_ID),
                            req("step", KernelReaders.DECISION_STEP),
                            req("passed", Scalars::bool),
                            opt("stop_reason", GovernanceReaders.STOP_REASON),
                            opt("latency_ms", Scalars::u64),
                            opt("tokens", Scalars::u64),
                            opt("cost_microdollars", Scalars::u64),
                            opt("backend", BACKEND_ID),
                            dflt("metadata", Scalars::stringMap, Map.of())))
                    .add("BudgetExceeded", variant("BudgetExceeded",
                            v -> new ExperienceEvent.BudgetExceeded(v.get(0), v.get(1), v.get(2), v.get(3)),
                            req("chain_id", CHAIN_ID),
                            req("resource", BUDGET_RESOURCE),
                            req("limit", Scalars::string),
                            opt("observed", Scalars::string)))
                    .add("PolicySnapshotCaptured", variant("PolicySnapshotCaptured",
                            v -> new ExperienceEvent.PolicySnapshotCaptured(v.get(0), v.get(1), v.get(2), v.get(3)),
                            req("policy_id", (node, path) -> new PolicyId(Scalars.string(node, path))),
                            req("policy", POLICY_SNAPSHOT),
                            req("snapshot_hash", Scalars::contentHash),
                            req("captured_by", ACTOR_ID)))
                    .add("HypothesisResolved", variant("HypothesisResolved",
                            v -> new ExperienceEvent.HypothesisResolved(v.get(0), v.get(1), v.get(2), v.get(3),
                                    v.get(4), v.get(5), v.get(6), v.get(7), v.get(8)),
                            req("chain_id", CHAIN_ID),
                            req("fact_id", FACT_ID),
                            req("domain", (node, path) -> new DomainId(Scalars.string(node, path))),
                            req("claim", Scalars::string),
                            req("confidence", Scalars::unitInterval),
                            req("outcome", HYPOTHESIS_OUTCOME),
                            opt("contradiction_id", (node, path) -> new TensionId(Scalars.string(node, path))),
                            req("formed_cycle", Scalars::u32),
                            req("resolved_cycle", Scalars::u32)))
                    .add("GateDecisionRecorded", variant("GateDecisionRecorded",
                            v -> new ExperienceEvent.GateDecisionRecorded(v.get(0), v.get(1)),
                            req("request", GovernanceReaders.GATE_REQUEST),
                            req("decision", GovernanceReaders.GATE_DECISION))));

    private EventReaders() {
    }

    private static StructReader<ExperienceEvent> variant(String name, StructReader.Builder<ExperienceEvent> builder,
                                                         StructReader.Field... fields) {
        return StructReader.of("struct variant ExperienceEvent::" + name, builder, fields);
    }

    private static ExternallyTagged<BudgetResource> budgetResource() {
        final ExternallyTagged.Builder<BudgetResource> builder = ExternallyTagged.builder("BudgetResource");
        for (BudgetResource.Named named : BudgetResource.Named.values()) {
            builder.unit(named.name(), named);
        }
        return builder.newtype("Other", (node, path) -> new BudgetResource.Other(Scalars.string(node, path))).build();
    }

    private static ExternallyTagged<ArtifactKind> artifactKind() {
        final ExternallyTagged.Builder<ArtifactKind> builder = ExternallyTagged.builder("ArtifactKind");
        for (ArtifactKind.Named named : ArtifactKind.Named.values()) {
            builder.unit(named.name(), named);
        }
        return builder.newtype("Other", (node, path) -> new ArtifactKind.Other(Scalars.string(node, path))).build();
    }
}
