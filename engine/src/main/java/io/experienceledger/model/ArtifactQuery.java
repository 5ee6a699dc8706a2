package io.experienceledger.model;

/** A query over governed artifacts (part of the converge model; no store operation takes it yet). All members nullable. */
public record ArtifactQuery(TenantId tenantId, ArtifactId artifactId, ArtifactKind kind, GovernedArtifactState state,
                            Long limit) {
}
