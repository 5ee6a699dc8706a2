package io.experienceledger.model;

import java.util.Objects;

/** The content of a fact; {@code structured} may be null. */
public record FactContent(FactContentKind kind, String content, JsonValue structured) {
    public FactContent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
    }
}
