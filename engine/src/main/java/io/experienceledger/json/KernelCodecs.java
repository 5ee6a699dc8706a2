package io.experienceledger.json;

import static io.experienceledger.json.Member.bool;
import static io.experienceledger.json.Member.f32;
import static io.experienceledger.json.Member.opt;
import static io.experienceledger.json.Member.req;
import static io.experienceledger.json.Member.u64;
import static io.experienceledger.json.Member.usize;

import io.experienceledger.model.AdapterTrace;
import io.experienceledger.model.ContractResult;
import io.experienceledger.model.DataClassification;
import io.experienceledger.model.DecisionStep;
import io.experienceledger.model.ExecutionEnv;
import io.experienceledger.model.KernelPolicy;
import io.experienceledger.model.KernelProposal;
import io.experienceledger.model.LocalReplayTrace;
import io.experienceledger.model.ProposalKind;
import io.experienceledger.model.RecallTrace;
import io.experienceledger.model.RemoteReplayTrace;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.Replayability;
import io.experienceledger.model.ReplayabilityDowngradeReason;
import io.experienceledger.model.RiskTier;
import io.experienceledger.model.RoutingPolicy;
import io.experienceledger.model.SamplerParams;
import java.util.List;
import java.util.Map;

/** Codecs for the kernel boundary types (spec section 4): proposals, replay traces and kernel/routing policies. */
final class KernelCodecs {
    static final ExternallyTagged<DecisionStep> DECISION_STEP =
            ExternallyTagged.units("DecisionStep", DecisionStep.values(), Enum::name);
    static final ExternallyTagged<ProposalKind> PROPOSAL_KIND =
            ExternallyTagged.units("ProposalKind", ProposalKind.values(), Enum::name);
    static final ExternallyTagged<Replayability> REPLAYABILITY =
            ExternallyTagged.units("Replayability", Replayability.values(), Enum::name);
    static final ExternallyTagged<ReplayabilityDowngradeReason> DOWNGRADE_REASON = ExternallyTagged.units(
            "ReplayabilityDowngradeReason", ReplayabilityDowngradeReason.values(), Enum::name);
    static final ExternallyTagged<RiskTier> RISK_TIER =
            ExternallyTagged.units("RiskTier", RiskTier.values(), Enum::name);
    static final ExternallyTagged<DataClassification> DATA_CLASSIFICATION =
            ExternallyTagged.units("DataClassification", DataClassification.values(), Enum::name);

    static final StructCodec<ContractResult> CONTRACT_RESULT = StructCodec.of("struct ContractResult",
            v -> new ContractResult(v.get(0), v.get(1), v.get(2)),
            req("name", Scalars.STRING, ContractResult::name),
            bool("passed", ContractResult::passed),
            opt("failure_reason", Scalars.STRING, ContractResult::failureReason));

    static final StructCodec<AdapterTrace> ADAPTER_TRACE = StructCodec.of("struct AdapterTrace",
            v -> new AdapterTrace(v.get(0), v.get(1), v.get(2)),
            req("adapter_id", Scalars.STRING, AdapterTrace::adapterId),
            req("adapter_hash", Scalars.STRING, AdapterTrace::adapterHash),
            bool("merged", AdapterTrace::merged));

    static final StructCodec<SamplerParams> SAMPLER = StructCodec.of("struct SamplerParams",
            v -> new SamplerParams(v.get(0), v.get(1), v.get(2)),
            f32("temperature", SamplerParams::temperature),
            f32("top_p", SamplerParams::topP),
            opt("top_k", Scalars.USIZE, SamplerParams::topK));

    static final StructCodec<RecallTrace> RECALL_TRACE = StructCodec.of("struct RecallTrace",
            v -> new RecallTrace(v.get(0), v.get(1), v.get(2), v.get(3)),
            req("corpus_fingerprint", Scalars.STRING, RecallTrace::corpusFingerprint),
            req("candidate_ids", Scalars.STRING_LIST, RecallTrace::candidateIds),
            req("candidate_scores", Scalars.listOf(Scalars.F32), RecallTrace::candidateScores),
            usize("injected_count", RecallTrace::injectedCount));

    static final StructCodec<ExecutionEnv> EXECUTION_ENV = StructCodec.of("struct ExecutionEnv",
            v -> new ExecutionEnv(v.get(0), v.get(1), v.get(2)),
            req("device", Scalars.STRING, ExecutionEnv::device),
            req("backend", Scalars.STRING, ExecutionEnv::backend),
            req("precision", Scalars.STRING, ExecutionEnv::precision));

    static final StructCodec<LocalReplayTrace> LOCAL_TRACE = StructCodec.of("struct LocalReplayTrace",
            v -> new LocalReplayTrace(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6),
                    v.get(7), v.get(8)),
            req("base_model_hash", Scalars.STRING, LocalReplayTrace::baseModelHash),
            opt("adapter", ADAPTER_TRACE, LocalReplayTrace::adapter),
            req("tokenizer_hash", Scalars.STRING, LocalReplayTrace::tokenizerHash),
            u64("seed", LocalReplayTrace::seed),
            req("sampler", SAMPLER, LocalReplayTrace::sampler),
            req("prompt_version", Scalars.STRING, LocalReplayTrace::promptVersion),
            opt("recall", RECALL_TRACE, LocalReplayTrace::recall),
            bool("weights_mutated", LocalReplayTrace::weightsMutated),
            req("execution_env", EXECUTION_ENV, LocalReplayTrace::executionEnv));

    static final StructCodec<RemoteReplayTrace> REMOTE_TRACE = StructCodec.of("struct RemoteReplayTrace",
            v -> new RemoteReplayTrace(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6),
                    v.get(7), v.get(8), v.get(9), v.get(10)),
            req("provider_name", Scalars.STRING, RemoteReplayTrace::providerName),
            req("provider_model_id", Scalars.STRING, RemoteReplayTrace::providerModelId),
            req("request_fingerprint", Scalars.STRING, RemoteReplayTrace::requestFingerprint),
            req("response_fingerprint", Scalars.STRING, RemoteReplayTrace::responseFingerprint),
            f32("temperature", RemoteReplayTrace::temperature),
            f32("top_p", RemoteReplayTrace::topP),
            usize("max_tokens", RemoteReplayTrace::maxTokens),
            req("provider_metadata", Scalars.STRING_MAP, RemoteReplayTrace::providerMetadata),
            bool("retried", RemoteReplayTrace::retried),
            req("retry_reasons", Scalars.STRING_LIST, RemoteReplayTrace::retryReasons),
            req("replayability", REPLAYABILITY, RemoteReplayTrace::replayability));

    static final InternallyTagged<ReplayTrace> REPLAY_TRACE = new InternallyTagged<>("type",
            new TaggedVariants<ReplayTrace>("ReplayTrace")
                    .add("Local", LocalReplayTrace.class, LOCAL_TRACE)
                    .add("Remote", RemoteReplayTrace.class, REMOTE_TRACE));

    static final StructCodec<KernelProposal> PROPOSAL = StructCodec.of("struct KernelProposal",
            v -> new KernelProposal(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7)),
            req("id", Scalars.STRING, KernelProposal::id),
            req("kind", PROPOSAL_KIND, KernelProposal::kind),
            req("payload", Scalars.STRING, KernelProposal::payload),
            opt("structured_payload", Scalars.VALUE, KernelProposal::structuredPayload),
            req("trace_link", REPLAY_TRACE, KernelProposal::traceLink),
            req("contract_results", Scalars.listOf(CONTRACT_RESULT), KernelProposal::contractResults),
            bool("requires_human", KernelProposal::requiresHuman),
            opt("confidence", Scalars.F32, KernelProposal::confidence));

    static final StructCodec<KernelPolicy> KERNEL_POLICY = StructCodec.of("struct KernelPolicy",
            v -> new KernelPolicy(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6)),
            opt("adapter_id", Scalars.STRING, KernelPolicy::adapterId),
            bool("recall_enabled", KernelPolicy::recallEnabled),
            usize("recall_max_candidates", KernelPolicy::recallMaxCandidates),
            f32("recall_min_score", KernelPolicy::recallMinScore),
            opt("seed", Scalars.U64, KernelPolicy::seed),
            bool("requires_human", KernelPolicy::requiresHuman),
            req("required_truths", Scalars.STRING_LIST, KernelPolicy::requiredTruths));

    private static final Codec<Map<RiskTier, List<String>>> RISK_TIER_BACKENDS =
            Scalars.mapOf(RISK_TIER::unitNamed, RISK_TIER, Scalars.STRING_LIST);
    private static final Codec<Map<DataClassification, List<String>>> DATA_CLASSIFICATION_BACKENDS =
            Scalars.mapOf(DATA_CLASSIFICATION::unitNamed, DATA_CLASSIFICATION, Scalars.STRING_LIST);

    static final StructCodec<RoutingPolicy> ROUTING_POLICY = StructCodec.of("struct RoutingPolicy",
            v -> new RoutingPolicy(v.get(0), v.get(1), v.get(2), v.get(3)),
            req("truth_preferences", Scalars.STRING_MAP, RoutingPolicy::truthPreferences),
            req("risk_tier_backends", RISK_TIER_BACKENDS, RoutingPolicy::riskTierBackends),
            req("data_classification_backends", DATA_CLASSIFICATION_BACKENDS,
                    RoutingPolicy::dataClassificationBackends),
            req("default_backend", Scalars.STRING, RoutingPolicy::defaultBackend));

    private KernelCodecs() {
    }
}
