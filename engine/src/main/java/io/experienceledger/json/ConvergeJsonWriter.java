package io.experienceledger.json;

import java.util.Objects;

/**
 * Writes model values as canonical converge JSON, byte-identical to {@code serde_json::to_string} of the Rust
 * reference: compact, members in declaration order, the reference's tag layouts, unsigned integers, serde's
 * float layout and string escaping.
 *
 * <p>Each value is appended to one {@link JsonOutput}, as UTF-8, by the codec of its type: the member tables of
 * {@link EnvelopeCodecs}, {@link EventCodecs}, {@link UserEventCodecs}, {@link KernelCodecs}, {@link GovernanceCodecs}
 * and {@link RecallCodecs}, which the reader uses too, so that a member's name and position are stated once. There is
 * no reflection. Every {@code Option} is written as {@code null} except {@code OutcomeRecorded.metadata} (omitted
 * when empty) and {@code HypothesisResolved.contradiction_id} (omitted when none).
 */
final class ConvergeJsonWriter {
    private static final int INITIAL_CAPACITY = 512;

    private ConvergeJsonWriter() {
    }

    /**
     * {@code value} in canonical form, written by {@code encoder}.
     *
     * @throws NullPointerException if the value is null
     */
    static <T> String write(Encoder<T> encoder, T value) {
        final JsonOutput out = new JsonOutput(INITIAL_CAPACITY);
        write(out, encoder, value);
        return out.toString();
    }

    /**
     * Appends {@code value} in canonical form, written by {@code encoder}, to {@code out}, so that a caller can reuse
     * one buffer. On an exception {@code out} is left as it was.
     *
     * @throws NullPointerException if the value is null
     */
    static <T> void write(JsonOutput out, Encoder<T> encoder, T value) {
        Objects.requireNonNull(value, "value");
        final int mark = out.size();
        try {
            encoder.write(out, value);
        } catch (RuntimeException e) {
            out.truncate(mark);
            throw e;
        }
    }
}
