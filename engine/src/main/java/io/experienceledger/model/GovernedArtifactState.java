package io.experienceledger.model;

/** Lifecycle state of a governed artifact. The store never checks transitions. Written on the wire as the constant's name. */
public enum GovernedArtifactState {
    Draft, Approved, Active, Quarantined, Deprecated, RolledBack
}
