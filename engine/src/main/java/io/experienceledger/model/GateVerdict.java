package io.experienceledger.model;

/** A gate's verdict: {@link Approve} or {@link Reject}. Externally tagged on the wire. */
public sealed interface GateVerdict permits GateVerdict.Approve, GateVerdict.Reject {
    /** Approved; written {@code "Approve"}. */
    record Approve() implements GateVerdict {
    }

    /** Rejected, with an optional (nullable) reason; written {@code {"Reject":{"reason":...}}}. */
    record Reject(String reason) implements GateVerdict {
    }
}
