package io.experienceledger.json;

import static io.experienceledger.json.StructReader.opt;
import static io.experienceledger.json.StructReader.req;

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

/** Readers for the kernel boundary types (spec section 4): proposals, replay traces and kernel/routing policies. */
final class KernelReaders {
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

    static final StructReader<ContractResult> CONTRACT_RESULT = StructReader.of("struct ContractResult",
            v -> new ContractResult(v.get(0), v.get(1), v.get(2)),
            req("name", Scalars::string),
            req("passed", Scalars::bool),
            opt("failure_reason", Scalars::string));

    static final StructReader<AdapterTrace> ADAPTER_TRACE = StructReader.of("struct AdapterTrace",
            v -> new AdapterTrace(v.get(0), v.get(1), v.get(2)),
            req("adapter_id", Scalars::string),
            req("adapter_hash", Scalars::string),
            req("merged", Scalars::bool));

    static final StructReader<SamplerParams> SAMPLER = StructReader.of(
            "struct SamplerParams",
            v -> new SamplerParams(v.get(0), v.get(1), v.get(2)),
            req("temperature", Scalars::f32),
            req("top_p", Scalars::f32),
            opt("top_k", Scalars::usize));

    static final StructReader<RecallTrace> RECALL_TRACE = StructReader.of("struct RecallTrace",
            v -> new RecallTrace(v.get(0), v.get(1), v.get(2), v.get(3)),
            req("corpus_fingerprint", Scalars::string),
            req("candidate_ids", Scalars.listOf(Scalars::string)),
            req("candidate_scores", Scalars.listOf(Scalars::f32)),
            req("injected_count", Scalars::usize));

    static final StructReader<ExecutionEnv> EXECUTION_ENV = StructReader.of("struct ExecutionEnv",
            v -> new ExecutionEnv(v.get(0), v.get(1), v.get(2)),
            req("device", Scalars::string),
            req("backend", Scalars::string),
            req("precision", Scalars::string));

    static final StructReader<LocalReplayTrace> LOCAL_TRACE = StructReader.of("struct LocalReplayTrace",
            v -> new LocalReplayTrace(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6),
                    v.get(7), v.get(8)),
            req("base_model_hash", Scalars::string),
            opt("adapter", ADAPTER_TRACE),
            req("tokenizer_hash", Scalars::string),
            req("seed", Scalars::u64),
            req("sampler", SAMPLER),
            req("prompt_version", Scalars::string),
            opt("recall", RECALL_TRACE),
            req("weights_mutated", Scalars::bool),
            req("execution_env", EXECUTION_ENV));

    static final StructReader<RemoteReplayTrace> REMOTE_TRACE = StructReader.of("struct RemoteReplayTrace",
            v -> new RemoteReplayTrace(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6),
                    v.get(7), v.get(8), v.get(9), v.get(10)),
            req("provider_name", Scalars::string),
            req("provider_model_id", Scalars::string),
            req("request_fingerprint", Scalars::string),
            req("response_fingerprint", Scalars::string),
            req("temperature", Scalars::f32),
            req("top_p", Scalars::f32),
            req("max_tokens", Scalars::usize),
            req("provider_metadata", Scalars::stringMap),
            req("retried", Scalars::bool),
            req("retry_reasons", Scalars.listOf(Scalars::string)),
            req("replayability", REPLAYABILITY));

    static final InternallyTagged<ReplayTrace> REPLAY_TRACE = new InternallyTagged<>("ReplayTrace", "type",
            new TaggedVariants<ReplayTrace>()
                    .add("Local", LOCAL_TRACE)
                    .add("Remote", REMOTE_TRACE));

    static final StructReader<KernelProposal> PROPOSAL = StructReader.of("struct KernelProposal",
            v -> new KernelProposal(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7)),
            req("id", Scalars::string),
            req("kind", PROPOSAL_KIND),
            req("payload", Scalars::string),
            opt("structured_payload", Scalars::value),
            req("trace_link", REPLAY_TRACE),
            req("contract_results", Scalars.listOf(CONTRACT_RESULT)),
            req("requires_human", Scalars::bool),
            opt("confidence", Scalars::f32));

    static final StructReader<KernelPolicy> KERNEL_POLICY = StructReader.of("struct KernelPolicy",
            v -> new KernelPolicy(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6)),
            opt("adapter_id", Scalars::string),
            req("recall_enabled", Scalars::bool),
            req("recall_max_candidates", Scalars::usize),
            req("recall_min_score", Scalars::f32),
            opt("seed", Scalars::u64),
            req("requires_human", Scalars::bool),
            req("required_truths", Scalars.listOf(Scalars::string)));

    private static final Decoder<List<String>> BACKENDS = Scalars.listOf(Scalars::string);
    private static final Scalars.KeyReader<RiskTier> RISK_TIER_KEY = RISK_TIER::unitNamed;
    private static final Scalars.KeyReader<DataClassification> DATA_CLASSIFICATION_KEY = DATA_CLASSIFICATION::unitNamed;

    static final StructReader<RoutingPolicy> ROUTING_POLICY = StructReader.of("struct RoutingPolicy",
            v -> new RoutingPolicy(v.get(0), v.get(1), v.get(2), v.get(3)),
            req("truth_preferences", Scalars::stringMap),
            req("risk_tier_backends", (node, path) -> Scalars.map(node, path, RISK_TIER_KEY, BACKENDS)),
            req("data_classification_backends",
                    (node, path) -> Scalars.map(node, path, DATA_CLASSIFICATION_KEY, BACKENDS)),
            req("default_backend", Scalars::string));

    private KernelReaders() {
    }
}
