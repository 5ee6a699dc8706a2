package io.experienceledger.model;

import java.util.Objects;

/**
 * The person or agent that performed an action.
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record ActorId(String value) {
    public ActorId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new ActorId(value)}. */
    public static ActorId of(String value) {
        return new ActorId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
