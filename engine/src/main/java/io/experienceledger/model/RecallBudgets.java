package io.experienceledger.model;

/** Budgets of a recall policy; all values unsigned. */
public record RecallBudgets(long maxLatencyMs, long maxEmbeddingCalls, long maxTokensPerCandidate) {
}
