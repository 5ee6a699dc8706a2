package io.experienceledger.model;

import java.util.Objects;

/**
 * An arbitrary JSON value (converge {@code serde_json::Value}), held as its canonical compact text.
 *
 * <p>Obtain one with {@code ConvergeJson.readValue(...)}, which canonicalises member layout and number
 * format, so that two values are equal exactly when their canonical texts are equal. The JSON value
 * {@code null} is {@link #NULL}.
 */
public record JsonValue(String json) {
    /** The JSON literal {@code null}. */
    public static final JsonValue NULL = new JsonValue("null");

    public JsonValue {
        Objects.requireNonNull(json, "json");
    }

    @Override
    public String toString() {
        return json;
    }
}
