package io.experienceledger.model;

/** Severity of an artifact rollback. Written on the wire as the constant's name. */
public enum RollbackSeverity {
    Low, Medium, High, Critical
}
