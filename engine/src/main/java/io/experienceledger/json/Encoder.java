package io.experienceledger.json;

/** Appends one model value to a {@link JsonOutput} as canonical converge JSON. */
@FunctionalInterface
interface Encoder<T> {
    /** Appends {@code value} to {@code out}. */
    void write(JsonOutput out, T value);
}
