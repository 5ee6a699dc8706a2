package io.experienceledger.model;

import java.util.Objects;

/** How long a gate waits ({@code timeoutSecs}, unsigned) and what it does then. */
public record TimeoutPolicy(long timeoutSecs, TimeoutAction action) {
    public TimeoutPolicy {
        Objects.requireNonNull(action, "action");
    }

    /** The reference constructor default: 1800 s, then Reject. */
    public static TimeoutPolicy defaults() {
        return new TimeoutPolicy(1800, TimeoutAction.Reject);
    }
}
