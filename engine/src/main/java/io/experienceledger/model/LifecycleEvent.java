package io.experienceledger.model;

import java.util.Objects;

/** A governed artifact's move from one state to another. {@code ticketRef} and {@code tenantId} may be null. */
public record LifecycleEvent(GovernedArtifactState fromState, GovernedArtifactState toState, String timestamp,
                             String actor, String reason, String ticketRef, String tenantId) {
    public LifecycleEvent {
        Objects.requireNonNull(fromState, "fromState");
        Objects.requireNonNull(toState, "toState");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
    }

    /** A transition stamped with the epoch placeholder timestamp, no ticket and no tenant, as the reference constructor does. */
    public static LifecycleEvent of(GovernedArtifactState from, GovernedArtifactState to, String actor, String reason) {
        return new LifecycleEvent(from, to, ExperienceEventEnvelope.EPOCH_PLACEHOLDER, actor, reason, null, null);
    }
}
