package io.experienceledger.model;

/** How faithfully a trace can be replayed ({@code None} is the string "None" on the wire, not null). Written on the wire as the constant's name. */
public enum Replayability {
    Deterministic, BestEffort, None
}
