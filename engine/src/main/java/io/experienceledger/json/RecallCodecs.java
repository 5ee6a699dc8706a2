package io.experienceledger.json;

import static io.experienceledger.json.Member.bool;
import static io.experienceledger.json.Member.dflt;
import static io.experienceledger.json.Member.opt;
import static io.experienceledger.json.Member.req;
import static io.experienceledger.json.Member.u64;
import static io.experienceledger.json.Member.unitInterval;
import static io.experienceledger.json.Member.usize;

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
 * Codecs for the recall types (spec section 6). The provenance envelope's {@code purpose}, {@code consumers} and
 * {@code signature} and the policy's {@code allowed_uses} and {@code prior_weight} have serde defaults.
 */
final class RecallCodecs {
    static final ExternallyTagged<RecallUse> RECALL_USE =
            ExternallyTagged.units("RecallUse", RecallUse.values(), Enum::name);
    static final ExternallyTagged<RecallConsumer> RECALL_CONSUMER =
            ExternallyTagged.units("RecallConsumer", RecallConsumer.values(), Enum::name);
    static final ExternallyTagged<RecallStopReason> STOP_REASON =
            ExternallyTagged.units("StopReason", RecallStopReason.values(), Enum::name);

    static final StructCodec<RecallQuery> QUERY = StructCodec.of("struct RecallQuery",
            v -> new RecallQuery(v.get(0), v.get(1), v.get(2), v.get(3)),
            req("query_text", Scalars.STRING, RecallQuery::queryText),
            usize("top_k", RecallQuery::topK),
            opt("step_context", KernelCodecs.DECISION_STEP, RecallQuery::stepContext),
            opt("tenant_scope", Scalars.STRING, RecallQuery::tenantScope));

    static final StructCodec<CandidateScore> CANDIDATE_SCORE = StructCodec.of("struct CandidateScore",
            v -> new CandidateScore(v.get(0), v.get(1)),
            req("id", Scalars.STRING, CandidateScore::id),
            unitInterval("score", CandidateScore::score));

    static final StructCodec<RecallProvenanceEnvelope> PROVENANCE = StructCodec.of(
            "struct RecallProvenanceEnvelope",
            v -> new RecallProvenanceEnvelope(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6),
                    v.get(7), v.get(8), v.get(9), v.get(10), v.get(11), v.get(12), v.get(13), v.get(14), v.get(15)),
            req("query_hash", Scalars.STRING, RecallProvenanceEnvelope::queryHash),
            req("embedding_input_hash", Scalars.STRING, RecallProvenanceEnvelope::embeddingInputHash),
            req("embedding_hash", Scalars.STRING, RecallProvenanceEnvelope::embeddingHash),
            req("embedder_id", Scalars.STRING, RecallProvenanceEnvelope::embedderId),
            req("embedder_settings_hash", Scalars.STRING, RecallProvenanceEnvelope::embedderSettingsHash),
            req("corpus_fingerprint", Scalars.STRING, RecallProvenanceEnvelope::corpusFingerprint),
            req("policy_snapshot_hash", Scalars.STRING, RecallProvenanceEnvelope::policySnapshotHash),
            dflt("purpose", RECALL_USE, RecallProvenanceEnvelope::purpose, RecallUse.RuntimeAugmentation),
            dflt("consumers", Scalars.listOf(RECALL_CONSUMER), RecallProvenanceEnvelope::consumers, List.of()),
            req("candidate_scores", Scalars.listOf(CANDIDATE_SCORE), RecallProvenanceEnvelope::candidateScores),
            usize("candidates_searched", RecallProvenanceEnvelope::candidatesSearched),
            usize("candidates_returned", RecallProvenanceEnvelope::candidatesReturned),
            opt("stop_reason", STOP_REASON, RecallProvenanceEnvelope::stopReason),
            u64("latency_ms", RecallProvenanceEnvelope::latencyMs),
            req("timestamp", Scalars.STRING, RecallProvenanceEnvelope::timestamp),
            dflt("signature", Scalars.STRING, RecallProvenanceEnvelope::signature, "unsigned"));

    static final StructCodec<RecallBudgets> BUDGETS = StructCodec.of("struct RecallBudgets",
            v -> new RecallBudgets(v.get(0), v.get(1), v.get(2)),
            u64("max_latency_ms", RecallBudgets::maxLatencyMs),
            usize("max_embedding_calls", RecallBudgets::maxEmbeddingCalls),
            usize("max_tokens_per_candidate", RecallBudgets::maxTokensPerCandidate));

    static final StructCodec<RecallPolicy> POLICY = StructCodec.of("struct RecallPolicy",
            v -> new RecallPolicy(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6)),
            bool("enabled", RecallPolicy::enabled),
            usize("max_k_total", RecallPolicy::maxKTotal),
            usize("max_tokens_injection", RecallPolicy::maxTokensInjection),
            unitInterval("min_score_threshold", RecallPolicy::minScoreThreshold),
            req("budgets", BUDGETS, RecallPolicy::budgets),
            dflt("allowed_uses", Scalars.listOf(RECALL_USE), RecallPolicy::allowedUses,
                    List.of(RecallUse.RuntimeAugmentation)),
            dflt("prior_weight", Scalars.UNIT_INTERVAL, RecallPolicy::priorWeight, 1.0));

    private RecallCodecs() {
    }
}
