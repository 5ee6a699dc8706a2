package io.experienceledger.json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The variants of an adjacently or internally tagged enum in declaration order, each with its name, its Java class
 * and the codec of its content: fill it with {@link #add} and {@link #struct} while building a codec, then only read
 * from it.
 *
 * @param <T> the Java type of the enum
 */
final class TaggedVariants<T> {
    private final String rustName;
    private final Map<String, Decoder<? extends T>> decoders = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<Variant<? extends T>> variants = new ArrayList<>();

    /** The variants of the enum named {@code rustName}. */
    TaggedVariants(String rustName) {
        this.rustName = rustName;
    }

    /** The name of the enum in the reference. */
    String rustName() {
        return rustName;
    }

    /**
     * Adds the variant called {@code name}, held in Java as {@code type}, its content read and written by
     * {@code codec}.
     */
    <V extends T> TaggedVariants<T> add(String name, Class<V> type, Codec<V> codec) {
        if (decoders.putIfAbsent(name, codec) != null) {
            throw new IllegalArgumentException("variant " + name + " added twice");
        }
        names.add(name);
        variants.add(new Variant<>(type, codec, null));
        return this;
    }

    /**
     * Adds the struct variant called {@code name}, held in Java as {@code type} (named as the reference names the
     * variant), built by {@code builder} from {@code members}.
     */
    @SafeVarargs
    @SuppressWarnings("varargs")
    final <V extends T> TaggedVariants<T> struct(String name, Class<V> type, StructCodec.Builder<V> builder,
                                                 Member<V>... members) {
        return add(name, type, StructCodec.variant(rustName, type, builder, members));
    }

    /** The decoder of the variant named by the tag value {@code tag} (which must be a string naming a variant). */
    Decoder<? extends T> select(JsonNode tag, JsonPath path) {
        if (!(tag instanceof JsonNode.Str s)) {
            throw ReadErrors.invalidType(path, tag, "variant identifier");
        }
        final String name = Scalars.checked(s.value(), path);
        final Decoder<? extends T> decoder = decoders.get(name);
        if (decoder == null) {
            throw ReadErrors.unknownVariant(path, name, names);
        }
        return decoder;
    }

    /**
     * The variants by Java class, each with the text written before its content: {@code head} applied to the
     * variant's name quoted as a JSON string.
     */
    VariantLookup<Variant<?>> byClass(UnaryOperator<String> head) {
        final Map<Object, Variant<?>> byClass = new HashMap<>();
        for (int i = 0; i < variants.size(); i++) {
            final Variant<? extends T> variant = variants.get(i);
            byClass.put(variant.type, variant.headed(head.apply(JsonStrings.quoted(names.get(i)))));
        }
        return new VariantLookup<>(byClass);
    }

    /** The variant written for {@code value}, found by its class in {@code byClass}. */
    static Variant<?> of(VariantLookup<Variant<?>> byClass, Object value) {
        final Variant<?> variant = byClass.of(value);
        if (variant == null) {
            throw new IllegalArgumentException("not a known variant: " + value.getClass().getName());
        }
        return variant;
    }

    /**
     * One variant as it is written: the class of its values, the codec of its content, and the text before the
     * content (the tag and, for the adjacent layout, the content member's name).
     */
    static final class Variant<V> {
        private final Class<V> type;
        private final Codec<V> codec;
        private final byte[] head;

        private Variant(Class<V> type, Codec<V> codec, byte[] head) {
            this.type = type;
            this.codec = codec;
            this.head = head;
        }

        /** The codec of the content. */
        Codec<V> codec() {
            return codec;
        }

        /** Appends the head, then {@code value}'s content. */
        void write(JsonOutput out, Object value) {
            out.raw(head);
            writeContent(out, value);
        }

        /** Appends {@code value}'s content as its codec writes it, without the head. */
        void writeContent(JsonOutput out, Object value) {
            codec.write(out, type.cast(value));
        }

        /** Appends the head, then the members of {@code value} after it (the content must be a struct). */
        void writeMembers(JsonOutput out, Object value) {
            if (!(codec instanceof StructCodec<V> struct)) {
                throw new IllegalStateException("the content of " + type.getName() + " is not a struct");
            }
            out.raw(head);
            struct.writeMembers(out, type.cast(value), false);
        }

        private Variant<V> headed(String text) {
            return new Variant<>(type, codec, JsonStrings.utf8(text));
        }
    }
}
