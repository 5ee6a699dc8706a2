package io.experienceledger.json;

import static io.experienceledger.json.Member.bool;
import static io.experienceledger.json.Member.dflt;
import static io.experienceledger.json.Member.opt;
import static io.experienceledger.json.Member.req;
import static io.experienceledger.json.Member.u32;
import static io.experienceledger.json.Member.unitInterval;

import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ContractResultSnapshot;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEvent.ArtifactRollbackRecorded;
import io.experienceledger.model.ExperienceEvent.ArtifactStateTransitioned;
import io.experienceledger.model.ExperienceEvent.BackendInvoked;
import io.experienceledger.model.ExperienceEvent.BudgetExceeded;
import io.experienceledger.model.ExperienceEvent.FactPromoted;
import io.experienceledger.model.ExperienceEvent.GateDecisionRecorded;
import io.experienceledger.model.ExperienceEvent.HypothesisResolved;
import io.experienceledger.model.ExperienceEvent.OutcomeRecorded;
import io.experienceledger.model.ExperienceEvent.PolicySnapshotCaptured;
import io.experienceledger.model.ExperienceEvent.ProposalCreated;
import io.experienceledger.model.ExperienceEvent.ProposalValidated;
import io.experienceledger.model.ExperienceEvent.RecallExecuted;
import io.experienceledger.model.ExperienceEvent.ReplayTraceRecorded;
import io.experienceledger.model.ExperienceEvent.ReplayabilityDowngraded;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.HypothesisOutcome;
import io.experienceledger.model.PolicySnapshot;
import java.util.Map;

/**
 * Codecs for the engine-side event (spec 3.2, adjacently tagged {@code type}/{@code data}) and the types only it
 * uses: contract result snapshots, budget resources, artifact kinds, hypothesis outcomes and policy snapshots.
 * {@code OutcomeRecorded.metadata} is left out when empty and {@code HypothesisResolved.contradiction_id} when none,
 * as the reference's {@code skip_serializing_if} does; every other none is written as {@code null}.
 */
final class EventCodecs {
    static final ExternallyTagged<ExperienceEventKind> EVENT_KIND =
            ExternallyTagged.units("ExperienceEventKind", ExperienceEventKind.values(), Enum::name);
    static final ExternallyTagged<HypothesisOutcome> HYPOTHESIS_OUTCOME =
            ExternallyTagged.units("HypothesisOutcome", HypothesisOutcome.values(), Enum::name);

    static final ExternallyTagged<BudgetResource> BUDGET_RESOURCE = ExternallyTagged.<BudgetResource>builder(
                    "BudgetResource")
            .units(BudgetResource.Named.values(), Enum::name)
            .newtype("Other", BudgetResource.Other.class,
                    Codec.wrapping(Scalars.STRING, BudgetResource.Other::new, BudgetResource.Other::name))
            .build();
    static final ExternallyTagged<ArtifactKind> ARTIFACT_KIND = ExternallyTagged.<ArtifactKind>builder("ArtifactKind")
            .units(ArtifactKind.Named.values(), Enum::name)
            .newtype("Other", ArtifactKind.Other.class,
                    Codec.wrapping(Scalars.STRING, ArtifactKind.Other::new, ArtifactKind.Other::name))
            .build();

    static final StructCodec<ContractResultSnapshot> CONTRACT_RESULT_SNAPSHOT = StructCodec.of(
            "struct ContractResultSnapshot",
            v -> new ContractResultSnapshot(v.get(0), v.get(1), v.get(2)),
            req("name", Scalars.STRING, ContractResultSnapshot::name),
            bool("passed", ContractResultSnapshot::passed),
            opt("failure_reason", Scalars.STRING, ContractResultSnapshot::failureReason));

    static final AdjacentlyTagged<PolicySnapshot> POLICY_SNAPSHOT = new AdjacentlyTagged<>("type", "policy",
            new TaggedVariants<PolicySnapshot>("PolicySnapshot")
                    .add("Kernel", PolicySnapshot.Kernel.class, Codec.wrapping(KernelCodecs.KERNEL_POLICY,
                            PolicySnapshot.Kernel::new, PolicySnapshot.Kernel::policy))
                    .add("Routing", PolicySnapshot.Routing.class, Codec.wrapping(KernelCodecs.ROUTING_POLICY,
                            PolicySnapshot.Routing::new, PolicySnapshot.Routing::policy))
                    .add("Recall", PolicySnapshot.Recall.class, Codec.wrapping(RecallCodecs.POLICY,
                            PolicySnapshot.Recall::new, PolicySnapshot.Recall::policy)));

    static final AdjacentlyTagged<ExperienceEvent> EVENT = new AdjacentlyTagged<>("type", "data",
            new TaggedVariants<ExperienceEvent>("ExperienceEvent")
                    .struct("ProposalCreated", ProposalCreated.class,
                            v -> new ProposalCreated(v.get(0), v.get(1), v.get(2), v.get(3)),
                            req("proposal", KernelCodecs.PROPOSAL, ProposalCreated::proposal),
                            req("chain_id", Identifiers.CHAIN_ID, ProposalCreated::chainId),
                            req("step", KernelCodecs.DECISION_STEP, ProposalCreated::step),
                            opt("policy_snapshot_hash", Scalars.CONTENT_HASH, ProposalCreated::policySnapshotHash))
                    .struct("ProposalValidated", ProposalValidated.class,
                            v -> new ProposalValidated(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5)),
                            req("proposal_id", Identifiers.PROPOSAL_ID, ProposalValidated::proposalId),
                            req("chain_id", Identifiers.CHAIN_ID, ProposalValidated::chainId),
                            req("step", KernelCodecs.DECISION_STEP, ProposalValidated::step),
                            req("contract_results", Scalars.listOf(CONTRACT_RESULT_SNAPSHOT),
                                    ProposalValidated::contractResults),
                            bool("all_passed", ProposalValidated::allPassed),
                            req("validator", Identifiers.ACTOR_ID, ProposalValidated::validator))
                    .struct("FactPromoted", FactPromoted.class,
                            v -> new FactPromoted(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
                            req("proposal_id", Identifiers.PROPOSAL_ID, FactPromoted::proposalId),
                            req("fact_id", Identifiers.FACT_ID, FactPromoted::factId),
                            req("promoted_by", Identifiers.ACTOR_ID, FactPromoted::promotedBy),
                            req("reason", Scalars.STRING, FactPromoted::reason),
                            bool("requires_human", FactPromoted::requiresHuman))
                    .struct("RecallExecuted", RecallExecuted.class,
                            v -> new RecallExecuted(v.get(0), v.get(1), v.get(2)),
                            req("query", RecallCodecs.QUERY, RecallExecuted::query),
                            req("provenance", RecallCodecs.PROVENANCE, RecallExecuted::provenance),
                            opt("trace_link_id", Identifiers.TRACE_LINK_ID, RecallExecuted::traceLinkId))
                    .struct("ReplayTraceRecorded", ReplayTraceRecorded.class,
                            v -> new ReplayTraceRecorded(v.get(0), v.get(1)),
                            req("trace_link_id", Identifiers.TRACE_LINK_ID, ReplayTraceRecorded::traceLinkId),
                            req("trace_link", KernelCodecs.REPLAY_TRACE, ReplayTraceRecorded::traceLink))
                    .struct("ReplayabilityDowngraded", ReplayabilityDowngraded.class,
                            v -> new ReplayabilityDowngraded(v.get(0), v.get(1), v.get(2), v.get(3)),
                            req("trace_link_id", Identifiers.TRACE_LINK_ID, ReplayabilityDowngraded::traceLinkId),
                            req("from", KernelCodecs.REPLAYABILITY, ReplayabilityDowngraded::from),
                            req("to", KernelCodecs.REPLAYABILITY, ReplayabilityDowngraded::to),
                            req("reason", KernelCodecs.DOWNGRADE_REASON, ReplayabilityDowngraded::reason))
                    .struct("ArtifactStateTransitioned", ArtifactStateTransitioned.class,
                            v -> new ArtifactStateTransitioned(v.get(0), v.get(1), v.get(2)),
                            req("artifact_id", Identifiers.ARTIFACT_ID, ArtifactStateTransitioned::artifactId),
                            req("artifact_kind", ARTIFACT_KIND, ArtifactStateTransitioned::artifactKind),
                            req("event", GovernanceCodecs.LIFECYCLE_EVENT, ArtifactStateTransitioned::event))
                    .struct("ArtifactRollbackRecorded", ArtifactRollbackRecorded.class,
                            v -> new ArtifactRollbackRecorded(v.get(0)),
                            req("rollback", GovernanceCodecs.ROLLBACK_RECORD, ArtifactRollbackRecorded::rollback))
                    .struct("BackendInvoked", BackendInvoked.class,
                            v -> new BackendInvoked(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)),
                            req("backend_name", Identifiers.BACKEND_ID, BackendInvoked::backendName),
                            opt("adapter_id", Identifiers.BACKEND_ID, BackendInvoked::adapterId),
                            req("trace_link_id", Identifiers.TRACE_LINK_ID, BackendInvoked::traceLinkId),
                            req("step", KernelCodecs.DECISION_STEP, BackendInvoked::step),
                            opt("policy_snapshot_hash", Scalars.CONTENT_HASH, BackendInvoked::policySnapshotHash))
                    .struct("OutcomeRecorded", OutcomeRecorded.class,
                            v -> new OutcomeRecorded(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5),
                                    v.get(6), v.get(7), v.get(8)),
                            req("chain_id", Identifiers.CHAIN_ID, OutcomeRecorded::chainId),
                            req("step", KernelCodecs.DECISION_STEP, OutcomeRecorded::step),
                            bool("passed", OutcomeRecorded::passed),
                            opt("stop_reason", GovernanceCodecs.STOP_REASON, OutcomeRecorded::stopReason),
                            opt("latency_ms", Scalars.U64, OutcomeRecorded::latencyMs),
                            opt("tokens", Scalars.U64, OutcomeRecorded::tokens),
                            opt("cost_microdollars", Scalars.U64, OutcomeRecorded::costMicrodollars),
                            opt("backend", Identifiers.BACKEND_ID, OutcomeRecorded::backend),
                            dflt("metadata", Scalars.STRING_MAP, OutcomeRecorded::metadata, Map.of())
                                    .skippedWhen(e -> e.metadata().isEmpty()))
                    .struct("BudgetExceeded", BudgetExceeded.class,
                            v -> new BudgetExceeded(v.get(0), v.get(1), v.get(2), v.get(3)),
                            req("chain_id", Identifiers.CHAIN_ID, BudgetExceeded::chainId),
                            req("resource", BUDGET_RESOURCE, BudgetExceeded::resource),
                            req("limit", Scalars.STRING, BudgetExceeded::limit),
                            opt("observed", Scalars.STRING, BudgetExceeded::observed))
                    .struct("PolicySnapshotCaptured", PolicySnapshotCaptured.class,
                            v -> new PolicySnapshotCaptured(v.get(0), v.get(1), v.get(2), v.get(3)),
                            req("policy_id", Identifiers.POLICY_ID, PolicySnapshotCaptured::policyId),
                            req("policy", POLICY_SNAPSHOT, PolicySnapshotCaptured::policy),
                            req("snapshot_hash", Scalars.CONTENT_HASH, PolicySnapshotCaptured::snapshotHash),
                            req("captured_by", Identifiers.ACTOR_ID, PolicySnapshotCaptured::capturedBy))
                    .struct("HypothesisResolved", HypothesisResolved.class,
                            v -> new HypothesisResolved(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5),
                                    v.get(6), v.get(7), v.get(8)),
                            req("chain_id", Identifiers.CHAIN_ID, HypothesisResolved::chainId),
                            req("fact_id", Identifiers.FACT_ID, HypothesisResolved::factId),
                            req("domain", Identifiers.DOMAIN_ID, HypothesisResolved::domain),
                            req("claim", Scalars.STRING, HypothesisResolved::claim),
                            unitInterval("confidence", HypothesisResolved::confidence),
                            req("outcome", HYPOTHESIS_OUTCOME, HypothesisResolved::outcome),
                            opt("contradiction_id", Identifiers.TENSION_ID, HypothesisResolved::contradictionId)
                                    .skippedWhen(e -> e.contradictionId() == null),
                            u32("formed_cycle", HypothesisResolved::formedCycle),
                            u32("resolved_cycle", HypothesisResolved::resolvedCycle))
                    .struct("GateDecisionRecorded", GateDecisionRecorded.class,
                            v -> new GateDecisionRecorded(v.get(0), v.get(1)),
                            req("request", GovernanceCodecs.GATE_REQUEST, GateDecisionRecorded::request),
                            req("decision", GovernanceCodecs.GATE_DECISION, GateDecisionRecorded::decision)));

    private EventCodecs() {
    }
}
