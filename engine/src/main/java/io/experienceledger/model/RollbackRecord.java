package io.experienceledger.model;

import java.util.Objects;

/** A rollback of a governed artifact. {@code incidentRef} and {@code tenantId} may be null. */
public record RollbackRecord(String artifactId, GovernedArtifactState previousState, String rolledBackAt,
                             String actor, String reason, RollbackImpact impact, String incidentRef,
                             String tenantId) {
    public RollbackRecord {
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(previousState, "previousState");
        Objects.requireNonNull(rolledBackAt, "rolledBackAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(impact, "impact");
    }
}
