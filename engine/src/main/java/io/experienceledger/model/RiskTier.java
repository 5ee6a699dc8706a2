package io.experienceledger.model;

/** Risk tier key of a routing policy. Written on the wire as the constant's name. */
public enum RiskTier {
    Low, Medium, High, Critical
}
