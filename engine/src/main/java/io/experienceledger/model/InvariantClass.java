package io.experienceledger.model;

/** Class of a violated invariant. Written on the wire as the constant's name. */
public enum InvariantClass {
    Structural, Semantic, Acceptance
}
