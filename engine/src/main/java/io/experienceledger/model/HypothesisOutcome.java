package io.experienceledger.model;

/** How a hypothesis was resolved. Written on the wire as the constant's name. */
public enum HypothesisOutcome {
    Confirmed, Falsified, Superseded, Unresolved
}
