package io.experienceledger.model;

/** How to replay an inference: a {@link LocalReplayTrace} or a {@link RemoteReplayTrace}. Internally tagged ({@code type}). */
public sealed interface ReplayTrace permits LocalReplayTrace, RemoteReplayTrace {
    /** Deterministic for a local trace; the recorded replayability for a remote one. */
    Replayability replayability();

    /** True for local traces only. */
    default boolean isReplayEligible() {
        return this instanceof LocalReplayTrace;
    }
}
