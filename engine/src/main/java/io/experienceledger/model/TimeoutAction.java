package io.experienceledger.model;

/** What a gate does when its timeout expires. Written on the wire as the constant's name. */
public enum TimeoutAction {
    Reject, Approve, Escalate
}
