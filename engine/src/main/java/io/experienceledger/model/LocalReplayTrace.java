package io.experienceledger.model;

import java.util.Objects;

/**
 * Replay trace of a local inference. {@code adapter} and {@code recall} may be null; {@code seed} is
 * an unsigned u64.
 */
public record LocalReplayTrace(String baseModelHash, AdapterTrace adapter, String tokenizerHash, long seed,
                               SamplerParams sampler, String promptVersion, RecallTrace recall,
                               boolean weightsMutated, ExecutionEnv executionEnv) implements ReplayTrace {
    public LocalReplayTrace {
        Objects.requireNonNull(baseModelHash, "baseModelHash");
        Objects.requireNonNull(tokenizerHash, "tokenizerHash");
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(promptVersion, "promptVersion");
        Objects.requireNonNull(executionEnv, "executionEnv");
    }

    @Override
    public Replayability replayability() {
        return Replayability.Deterministic;
    }
}
