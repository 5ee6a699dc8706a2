package io.experienceledger.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Replay trace of a call to a remote provider; {@code maxTokens} is an unsigned usize. */
public record RemoteReplayTrace(String providerName, String providerModelId, String requestFingerprint,
                                String responseFingerprint, float temperature, float topP, long maxTokens,
                                Map<String, String> providerMetadata, boolean retried, List<String> retryReasons,
                                Replayability replayability) implements ReplayTrace {
    public RemoteReplayTrace {
        Objects.requireNonNull(providerName, "providerName");
        Objects.requireNonNull(providerModelId, "providerModelId");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        Objects.requireNonNull(responseFingerprint, "responseFingerprint");
        providerMetadata = Checks.map(providerMetadata, "providerMetadata");
        retryReasons = Checks.list(retryReasons, "retryReasons");
        Objects.requireNonNull(replayability, "replayability");
    }
}
