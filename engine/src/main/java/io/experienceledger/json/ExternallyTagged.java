package io.experienceledger.json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads and writes an externally tagged enum: a unit variant as its name ({@code "Tokens"}), a newtype or struct
 * variant as a one-member object ({@code {"Other":"x"}}, {@code {"Reject":{...}}}). Unit-only enums
 * ({@code DecisionStep}, {@code BoundaryKind}, ...) are the special case with unit variants only. On reading, a unit
 * variant may also be {@code {"Tokens":null}}, names are matched exactly, and anything else is an error worded as
 * serde words it.
 *
 * @param <T> the Java type of the enum
 */
final class ExternallyTagged<T> implements Codec<T> {
    private final String expecting;
    private final Map<String, Variant<T>> variants;
    private final List<String> names;
    private final VariantLookup<Variant<T>> written;

    private ExternallyTagged(String expecting, Map<String, Variant<T>> variants, List<String> names,
                             VariantLookup<Variant<T>> written) {
        this.expecting = expecting;
        this.variants = variants;
        this.names = names;
        this.written = written;
    }

    /** A unit-only enum named {@code rustName} whose constants are written as {@code wireName}. */
    static <E extends Enum<E>> ExternallyTagged<E> units(String rustName, E[] constants, Function<E, String> wireName) {
        return ExternallyTagged.<E>builder(rustName).units(constants, wireName).build();
    }

    /** A builder for the enum named {@code rustName}; add the variants in declaration order. */
    static <T> Builder<T> builder(String rustName) {
        return new Builder<>(rustName);
    }

    @Override
    public T read(JsonNode node, JsonPath path) {
        if (node instanceof JsonNode.Str s) {
            final Variant<T> variant = variant(Scalars.checked(s.value(), path), path);
            if (variant.content != null) {
                throw ReadErrors.invalidType(path, "unit variant", variant.shape);
            }
            return variant.unit;
        }
        if (node instanceof JsonNode.Obj object) {
            if (object.size() != 1) {
                throw ReadErrors.invalidValue(path, "map", "map with a single key");
            }
            final Variant<T> variant = variant(Scalars.checked(object.key(0), path), path);
            final JsonPath inner = path.field(object.key(0));
            final JsonNode content = object.value(0);
            if (variant.content == null) {
                if (!(content instanceof JsonNode.Null)) {
                    throw ReadErrors.invalidType(inner, content, "unit");
                }
                return variant.unit;
            }
            return variant.content.read(content, inner);
        }
        throw ReadErrors.invalidType(path, node, expecting);
    }

    /** The unit variant called {@code name} (a map key such as a routing policy's risk tier). */
    T unitNamed(String name, JsonPath path) {
        final Variant<T> variant = variant(Scalars.checked(name, path), path);
        if (variant.content != null) {
            throw ReadErrors.invalidType(path, "unit variant", variant.shape);
        }
        return variant.unit;
    }

    @Override
    public void write(JsonOutput out, T value) {
        final Variant<T> variant = written.of(value);
        if (variant == null) {
            throw new IllegalArgumentException("not a variant of " + expecting + ": " + value);
        }
        out.raw(variant.head);
        if (variant.content != null) {
            variant.content.write(out, value);
            out.ascii('}');
        }
    }

    private Variant<T> variant(String name, JsonPath path) {
        final Variant<T> variant = variants.get(name);
        if (variant == null) {
            throw ReadErrors.unknownVariant(path, name, names);
        }
        return variant;
    }

    /** A Java enum constant is its own key; any other value is keyed by its class. */
    private static Object writtenKey(Object value) {
        return value instanceof Enum<?> ? value : value.getClass();
    }

    /**
     * One variant: its unit value, or the codec of its content and its shape ({@code newtype/struct variant}); and
     * the text written for it: the quoted name of a unit, or {@code {"name":} before the content.
     */
    private static final class Variant<T> {
        private final T unit;
        private final Content<? extends T> content;
        private final String shape;
        private final byte[] head;

        private Variant(T unit, Content<? extends T> content, String shape, String head) {
            this.unit = unit;
            this.content = content;
            this.shape = shape;
            this.head = JsonStrings.utf8(head);
        }
    }

    /** The content of a newtype or struct variant: the class of its values and their codec. */
    private record Content<V>(Class<V> type, Codec<V> codec) {
        V read(JsonNode node, JsonPath path) {
            return codec.read(node, path);
        }

        void write(JsonOutput out, Object value) {
            codec.write(out, type.cast(value));
        }
    }

    /** Collects the variants of an externally tagged enum in declaration order. */
    static final class Builder<T> {
        private final String rustName;
        private final String expecting;
        private final Map<String, Variant<T>> variants = new HashMap<>();
        private final List<String> names = new ArrayList<>();
        private final Map<Object, Variant<T>> written = new HashMap<>();

        private Builder(String rustName) {
            this.rustName = rustName;
            this.expecting = "enum " + rustName;
        }

        /** A unit variant written {@code "name"}. */
        Builder<T> unit(String name, T value) {
            return add(name, writtenKey(value), new Variant<>(value, null, "unit variant", JsonStrings.quoted(name)));
        }

        /** A unit variant for each of {@code constants}, written as {@code wireName} of it. */
        <E extends T> Builder<T> units(E[] constants, Function<E, String> wireName) {
            for (E constant : constants) {
                unit(wireName.apply(constant), constant);
            }
            return this;
        }

        /** A newtype variant written {@code {"name": content}}, held in Java as {@code type}. */
        <V extends T> Builder<T> newtype(String name, Class<V> type, Codec<V> content) {
            return add(name, type, new Variant<>(null, new Content<>(type, content), "newtype variant", head(name)));
        }

        /**
         * A struct variant written {@code {"name": {...}}}, held in Java as {@code type} (named as the reference
         * names the variant), built by {@code builder} from {@code members}.
         */
        @SafeVarargs
        @SuppressWarnings("varargs")
        final <V extends T> Builder<T> struct(String name, Class<V> type, StructCodec.Builder<V> builder,
                                              Member<V>... members) {
            final Codec<V> content = StructCodec.variant(rustName, type, builder, members);
            return add(name, type, new Variant<>(null, new Content<>(type, content), "struct variant", head(name)));
        }

        /** The enum's codec. */
        ExternallyTagged<T> build() {
            return new ExternallyTagged<>(expecting, Map.copyOf(variants), List.copyOf(names), new VariantLookup<>(written));
        }

        private static String head(String name) {
            return "{" + JsonStrings.quoted(name) + ":";
        }

        private Builder<T> add(String name, Object key, Variant<T> variant) {
            if (variants.putIfAbsent(name, variant) != null || written.putIfAbsent(key, variant) != null) {
                throw new IllegalArgumentException("variant " + name + " added twice to " + expecting);
            }
            names.add(name);
            return this;
        }
    }
}
