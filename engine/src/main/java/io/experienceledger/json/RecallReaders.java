package io.experienceledger.json;

import static io.experienceledger.json.StructReader.dflt;
import static io.experienceledger.json.StructReader.opt;
import static io.experienceledger.json.StructReader.req;

import io.experienceledger.model.CandidateScore;
import io.experienceledger.model.RecallBudgets;
import io.experienceledger.model.RecallConsumer;
import io.experienceledger.model.RecallPolicy;
import io.experienceledger.model.RecallProvenanceEnvelope;
import io.experienceledger.model.RecallQuery;
import io.experienceledger.model.RecallStopReason;
import io.experienceledger.model.RecallUse;
import java.util.List;

/**
 * Readers for the recall types (spec section 6). The provenance envelope's {@code purpose}, {@code consumers} and
 * {@code signature} and the policy's {@code allowed_uses} and {@code prior_weight} have serde defaults.
 */
final class RecallReaders {
    static final ExternallyTagged<RecallUse> RECALL_USE =
            ExternallyTagged.units("RecallUse", RecallUse.values(), Enum::name);
    static final ExternallyTagged<RecallConsumer> RECALL_CONSUMER =
            ExternallyTagged.units("RecallConsumer", RecallConsumer.values(), Enum::name);
    static final ExternallyTagged<RecallStopReason> STOP_REASON =
            ExternallyTagged.units("StopReason", RecallStopReason.values(), Enum::name);

    static final StructReader<RecallQuery> QUERY = StructReader.of("struct RecallQuery",
            v -> new RecallQuery(v.get(0), v.get(1), v.get(2), v.get(3)),
            req("query_text", Scalars::string),
            req("top_k", Scalars::usize),
            opt("step_context", KernelReaders.DECISION_STEP),
            opt("tenant_scope", Scalars::string));

    static final StructReader<CandidateScore> CANDIDATE_SCORE = StructReader.of("struct CandidateScore",
            v -> new CandidateScore(v.get(0), v.get(1)),
            req("id", Scalars::string),
            req("score", Scalars::unitInterval));

    static final StructReader<RecallProvenanceEnvelope> PROVENANCE = StructReader.of(
            "struct RecallProvenanceEnvelope",
            v -> new RecallProvenanceEnvelope(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6),
                    v.get(7), v.get(8), v.get(9), v.get(10), v.get(11), v.get(12), v.get(13), v.get(14), v.get(15)),
            req("query_hash", Scalars::string),
            req("embedding_input_hash", Scalars::string),
            req("embedding_hash", Scalars::string),
            req("embedder_id", Scalars::string),
            req("embedder_settings_hash", Scalars::string),
            req("corpus_fingerprint", Scalars::string),
            req("policy_snapshot_hash", Scalars::string),
            dflt("purpose", RECALL_USE, RecallUse.RuntimeAugmentation),
            dflt("consumers", Scalars.listOf(RECALL_CONSUMER), List.of()),
            req("candidate_scores", Scalars.listOf(CANDIDATE_SCORE)),
            req("candidates_searched", Scalars::usize),
            req("candidates_returned", Scalars::usize),
            opt("stop_reason", STOP_REASON),
            req("latency_ms", Scalars::u64),
            req("timestamp", Scalars::string),
            dflt("signature", Scalars::string, "unsigned"));

    static final StructReader<RecallBudgets> BUDGETS = StructReader.of("struct RecallBudgets",
            v -> new RecallBudgets(v.get(0), v.get(1), v.get(2)),
            req("max_latency_ms", Scalars::u64),
            req("max_embedding_calls", Scalars::usize),
            req("max_tokens_per_candidate", Scalars::usize));

    static final StructReader<RecallPolicy> POLICY = StructReader.of("struct RecallPolicy",
            v -> new RecallPolicy(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6)),
            req("enabled", Scalars::bool),
            req("max_k_total", Scalars::usize),
            req("max_tokens_injection", Scalars::usize),
            req("min_score_threshold", Scalars::unitInterval),
            req("budgets", BUDGETS),
            dflt("allowed_uses", Scalars.listOf(RECALL_USE), List.of(RecallUse.RuntimeAugmentation)),
            dflt("prior_weight", Scalars::unitInterval, 1.0));

    private RecallReaders() {
    }
}
