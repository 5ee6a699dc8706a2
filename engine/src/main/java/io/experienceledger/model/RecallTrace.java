package io.experienceledger.model;

import java.util.List;
import java.util.Objects;

/** What recall injected into a local inference; {@code injectedCount} is an unsigned usize. */
public record RecallTrace(String corpusFingerprint, List<String> candidateIds, List<Float> candidateScores,
                          long injectedCount) {
    public RecallTrace {
        Objects.requireNonNull(corpusFingerprint, "corpusFingerprint");
        candidateIds = Checks.list(candidateIds, "candidateIds");
        candidateScores = Checks.list(candidateScores, "candidateScores");
    }
}
