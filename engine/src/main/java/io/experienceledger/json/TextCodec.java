package io.experienceledger.json;

import java.util.Objects;
import java.util.function.Function;

/**
 * The codec of a type written as one JSON string: {@code String} itself, or an identifier newtype written as the
 * string it wraps. A {@link Member} of such a type writes the string straight from the struct
 * ({@link #text}), without the chain of codec calls a wrapped codec makes: a struct has many of them, and each
 * call of a codec shared by many types is an indirect call the JIT cannot inline.
 *
 * @param <T> the type written as a string
 */
final class TextCodec<T> implements Codec<T> {
    private final Function<String, T> wrap;
    private final Function<T, String> text;

    private TextCodec(Function<String, T> wrap, Function<T, String> text) {
        this.wrap = Objects.requireNonNull(wrap, "wrap");
        this.text = Objects.requireNonNull(text, "text");
    }

    /** The codec of a type read by wrapping a JSON string with {@code wrap} and written as {@code text} of it. */
    static <T> TextCodec<T> of(Function<String, T> wrap, Function<T, String> text) {
        return new TextCodec<>(wrap, text);
    }

    /** The string a value is written as. */
    Function<T, String> text() {
        return text;
    }

    @Override
    public T read(JsonNode node, JsonPath path) {
        return wrap.apply(Scalars.string(node, path));
    }

    @Override
    public void write(JsonOutput out, T value) {
        out.quoted(text.apply(value));
    }
}
