package io.experienceledger.json;

/** Appends one model value to a builder as canonical converge JSON. */
@FunctionalInterface
interface Encoder<T> {
    /** Appends {@code value} to {@code out}. */
    void write(StringBuilder out, T value);
}
