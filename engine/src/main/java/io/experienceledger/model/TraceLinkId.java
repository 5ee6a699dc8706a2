package io.experienceledger.model;

import java.util.Objects;

/**
 * Names a replay trace registered by a ReplayTraceRecorded event.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record TraceLinkId(String value) {
    public TraceLinkId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new TraceLinkId(value)}. */
    public static TraceLinkId of(String value) {
        return new TraceLinkId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
