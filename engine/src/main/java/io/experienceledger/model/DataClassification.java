package io.experienceledger.model;

/** Data classification key of a routing policy. Written on the wire as the constant's name. */
public enum DataClassification {
    Public, Internal, Confidential, Restricted
}
