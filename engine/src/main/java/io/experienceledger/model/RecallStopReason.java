package io.experienceledger.model;

/** Why a recall search stopped (distinct from the engine {@link StopReason}). Written on the wire as the constant's name. */
public enum RecallStopReason {
    ReachedTopK, BudgetExhausted, BelowThreshold, TokenLimitReached, LatencyExceeded, EmbedderNotDeterministic, TenantScopeMissing
}
