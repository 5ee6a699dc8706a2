package io.experienceledger.model;

import java.util.Objects;

/**
 * Identifies a governed artifact (adapter, pack, policy, ...).
 *
 * <p>A converge identifier newtype: on the wire a bare JSON string, with no length or character
 * rules at the JSON layer. The store validates only the identifiers of an envelope (spec 10.2).
 */
public record ArtifactId(String value) {
    public ArtifactId {
        Objects.requireNonNull(value, "value");
    }

    /** Shorthand for {@code new ArtifactId(value)}. */
    public static ArtifactId of(String value) {
        return new ArtifactId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
