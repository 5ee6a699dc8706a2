package io.experienceledger.json;

import java.util.Objects;
import java.util.function.Function;

/**
 * Reads and writes one model type: the same member table or tag layout serves both directions, so that each JSON
 * name and its position are stated once.
 *
 * @param <T> the model type
 */
interface Codec<T> extends Decoder<T>, Encoder<T> {

    /** A codec made of a decoder and an encoder of the same JSON form. */
    static <T> Codec<T> of(Decoder<T> decoder, Encoder<T> encoder) {
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(encoder, "encoder");
        return new Codec<>() {
            @Override
            public T read(JsonNode node, JsonPath path) {
                return decoder.read(node, path);
            }

            @Override
            public void write(JsonOutput out, T value) {
                encoder.write(out, value);
            }
        };
    }

    /**
     * A type written as the value it wraps (an identifier as its string, a policy snapshot's content as its policy):
     * read with {@code inner} and wrapped, written by unwrapping and writing with {@code inner}.
     */
    static <T, U> Codec<T> wrapping(Codec<U> inner, Function<U, T> wrap, Function<T, U> unwrap) {
        return of((node, path) -> wrap.apply(inner.read(node, path)),
                (out, value) -> inner.write(out, unwrap.apply(value)));
    }
}
