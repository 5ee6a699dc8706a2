package io.experienceledger.json;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * One member of a struct's table, used both ways: its JSON name, how its absence or {@code null} is read, the decoder
 * of its value, and how the value is written from the struct. Its position is its place in the table.
 *
 * <p>The primitive members ({@link #bool}, {@link #u64}, {@link #f32}, ...) are written from the component without
 * boxing it.
 *
 * @param <T> the struct the member belongs to
 */
final class Member<T> {
    final String name;
    final Presence presence;
    final Decoder<?> decoder;
    final Object defaultValue;
    private final byte[] key;
    private final Encoder<T> writer;
    private final Predicate<? super T> skip;

    private Member(String name, Presence presence, Decoder<?> decoder, Object defaultValue, Encoder<T> writer,
                   Predicate<? super T> skip) {
        this.name = Objects.requireNonNull(name, "name");
        this.presence = presence;
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.defaultValue = defaultValue;
        this.writer = Objects.requireNonNull(writer, "writer");
        this.skip = skip;
        this.key = JsonStrings.utf8(JsonStrings.quoted(name) + ":");
    }

    /** A required member: absence is {@code missing field}, {@code null} goes to the decoder (a type error). */
    static <T, V> Member<T> req(String name, Codec<V> codec, Function<T, V> get) {
        return new Member<>(name, Presence.REQUIRED, codec, null, writer(codec, get), null);
    }

    /** An optional member ({@code Option<T>}): absence and {@code null} both mean none, written as {@code null}. */
    static <T, V> Member<T> opt(String name, Codec<V> codec, Function<T, V> get) {
        if (codec instanceof TextCodec<V> string) {
            final Function<V, String> text = string.text();
            return new Member<>(name, Presence.OPTIONAL, codec, null, (out, owner) -> {
                final V value = get.apply(owner);
                if (value == null) {
                    out.nul();
                } else {
                    out.quoted(text.apply(value));
                }
            }, null);
        }
        return new Member<>(name, Presence.OPTIONAL, codec, null, (out, owner) -> {
            final V value = get.apply(owner);
            if (value == null) {
                out.nul();
            } else {
                codec.write(out, value);
            }
        }, null);
    }

    /** A member with a serde default: absence gives {@code value}, {@code null} goes to the decoder (a type error). */
    static <T, V> Member<T> dflt(String name, Codec<V> codec, Function<T, V> get, V value) {
        return new Member<>(name, Presence.DEFAULTED, codec, Objects.requireNonNull(value, "value"),
                writer(codec, get), null);
    }

    /** Writes the value {@code get} takes from the struct with {@code codec}; a string straight from the struct. */
    private static <T, V> Encoder<T> writer(Codec<V> codec, Function<T, V> get) {
        if (codec instanceof TextCodec<V> string) {
            final Function<V, String> text = string.text();
            return (out, owner) -> out.quoted(text.apply(get.apply(owner)));
        }
        return (out, owner) -> codec.write(out, get.apply(owner));
    }

    /** A required member of any JSON value: absence is {@code missing field}, {@code null} goes to the decoder. */
    static <T, V> Member<T> any(String name, Codec<V> codec, Function<T, V> get) {
        return req(name, codec, get);
    }

    /** A required boolean. */
    static <T> Member<T> bool(String name, Predicate<T> get) {
        return new Member<>(name, Presence.REQUIRED, Scalars.BOOL, null, (out, owner) -> out.bool(get.test(owner)),
                null);
    }

    /** A required u64, held in a long as unsigned. */
    static <T> Member<T> u64(String name, ToLongFunction<T> get) {
        return unsigned(name, Scalars.U64, get);
    }

    /** A required usize (64-bit), held in a long as unsigned. */
    static <T> Member<T> usize(String name, ToLongFunction<T> get) {
        return unsigned(name, Scalars.USIZE, get);
    }

    /** A required u32. */
    static <T> Member<T> u32(String name, ToLongFunction<T> get) {
        return unsigned(name, Scalars.U32, get);
    }

    /** A required f32, written as the shortest text that reads back as the same float. */
    static <T> Member<T> f32(String name, ToDoubleFunction<T> get) {
        return new Member<>(name, Presence.REQUIRED, Scalars.F32, null,
                (out, owner) -> JsonNumbers.appendF32(out, (float) get.applyAsDouble(owner)), null);
    }

    /** A required unit interval (an f64 in [0, 1]). */
    static <T> Member<T> unitInterval(String name, ToDoubleFunction<T> get) {
        return new Member<>(name, Presence.REQUIRED, Scalars.UNIT_INTERVAL, null,
                (out, owner) -> JsonNumbers.appendF64(out, get.applyAsDouble(owner)), null);
    }

    /**
     * This member, left out on writing when {@code skip} holds for the struct (serde's
     * {@code skip_serializing_if}); reading is unchanged.
     */
    Member<T> skippedWhen(Predicate<? super T> skip) {
        return new Member<>(name, presence, decoder, defaultValue, writer, Objects.requireNonNull(skip, "skip"));
    }

    /** Whether the member is left out of {@code owner}'s JSON. */
    boolean skipped(T owner) {
        return skip != null && skip.test(owner);
    }

    /** Appends {@code "name":value} for {@code owner}. */
    void write(JsonOutput out, T owner) {
        out.raw(key);
        writer.write(out, owner);
    }

    private static <T> Member<T> unsigned(String name, Decoder<Long> decoder, ToLongFunction<T> get) {
        return new Member<>(name, Presence.REQUIRED, decoder, null,
                (out, owner) -> out.unsigned(get.applyAsLong(owner)), null);
    }

    /** How a member's absence or {@code null} is read. */
    enum Presence {
        /** Must be present; null is passed to the decoder. */
        REQUIRED,
        /** May be absent or null (none). */
        OPTIONAL,
        /** May be absent (default used); null is passed to the decoder. */
        DEFAULTED
    }
}
