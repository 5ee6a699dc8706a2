package io.experienceledger.model;

import java.util.List;
import java.util.Objects;

/**
 * Provenance of one recall execution. Counts and {@code latencyMs} are unsigned; {@code stopReason} may be
 * null. The hash-like members are free strings.
 */
public record RecallProvenanceEnvelope(String queryHash, String embeddingInputHash, String embeddingHash,
                                       String embedderId, String embedderSettingsHash, String corpusFingerprint,
                                       String policySnapshotHash, RecallUse purpose, List<RecallConsumer> consumers,
                                       List<CandidateScore> candidateScores, long candidatesSearched,
                                       long candidatesReturned, RecallStopReason stopReason, long latencyMs,
                                       String timestamp, String signature) {
    public RecallProvenanceEnvelope {
        Objects.requireNonNull(queryHash, "queryHash");
        Objects.requireNonNull(embeddingInputHash, "embeddingInputHash");
        Objects.requireNonNull(embeddingHash, "embeddingHash");
        Objects.requireNonNull(embedderId, "embedderId");
        Objects.requireNonNull(embedderSettingsHash, "embedderSettingsHash");
        Objects.requireNonNull(corpusFingerprint, "corpusFingerprint");
        Objects.requireNonNull(policySnapshotHash, "policySnapshotHash");
        Objects.requireNonNull(purpose, "purpose");
        consumers = Checks.list(consumers, "consumers");
        candidateScores = Checks.list(candidateScores, "candidateScores");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(signature, "signature");
    }
}
