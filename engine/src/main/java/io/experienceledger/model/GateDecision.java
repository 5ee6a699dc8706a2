package io.experienceledger.model;

import java.util.Objects;

/** The decision taken at a gate. */
public record GateDecision(GateId gateId, GateVerdict verdict, String decidedBy, String decidedAt) {
    public GateDecision {
        Objects.requireNonNull(gateId, "gateId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
