package io.experienceledger.model;

import java.util.Objects;

/** A recall request; {@code topK} is an unsigned usize, {@code stepContext} and {@code tenantScope} may be null. */
public record RecallQuery(String queryText, long topK, DecisionStep stepContext, String tenantScope) {
    public RecallQuery {
        Objects.requireNonNull(queryText, "queryText");
    }
}
