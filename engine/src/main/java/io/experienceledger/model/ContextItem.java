package io.experienceledger.model;

import java.util.Objects;

/** A labelled piece of context shown to the human at a gate. */
public record ContextItem(String label, String value) {
    public ContextItem {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
    }
}
