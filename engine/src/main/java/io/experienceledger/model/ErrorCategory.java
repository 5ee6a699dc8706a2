package io.experienceledger.model;

/** Category of an engine error stop. Written on the wire as the constant's name. */
public enum ErrorCategory {
    Internal, Configuration, External, Resource, Unknown
}
