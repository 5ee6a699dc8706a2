package io.experienceledger.model;

import java.util.Objects;

/** A recalled candidate and its score in [0, 1]. */
public record CandidateScore(String id, double score) {
    public CandidateScore {
        Objects.requireNonNull(id, "id");
        Checks.unitInterval(score, "score");
    }
}
