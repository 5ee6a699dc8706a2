package io.experienceledger.json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads an externally tagged enum: a unit variant as its name ({@code "Tokens"}) or as {@code {"Tokens":null}}, a
 * newtype or struct variant as a one-member object ({@code {"Other":"x"}}, {@code {"Reject":{...}}}). Unit-only
 * enums ({@code DecisionStep}, {@code BoundaryKind}, ...) are the special case with unit variants only. Names are
 * matched exactly; anything else is an error worded as serde words it.
 *
 * @param <T> the Java type of the enum
 */
final class ExternallyTagged<T> implements Decoder<T> {
    private final String expecting;
    private final Map<String, Variant<T>> variants;
    private final List<String> names;

    private ExternallyTagged(String expecting, Map<String, Variant<T>> variants, List<String> names) {
        this.expecting = expecting;
        this.variants = variants;
        this.names = names;
    }

    /** A unit-only enum named {@code rustName} whose constants are written as {@code wireName}. */
    static <E extends Enum<E>> ExternallyTagged<E> units(String rustName, E[] constants, Function<E, String> wireName) {
        final Builder<E> builder = builder(rustName);
        for (E constant : constants) {
            builder.unit(wireName.apply(constant), constant);
        }
        return builder.build();
    }

    /** A builder for the enum named {@code rustName}; add the variants in declaration order. */
    static <T> Builder<T> builder(String rustName) {
        return new Builder<>("enum " + rustName);
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

    private Variant<T> variant(String name, JsonPath path) {
        final Variant<T> variant = variants.get(name);
        if (variant == null) {
            throw ReadErrors.unknownVariant(path, name, names);
        }
        return variant;
    }

    /** One variant: its unit value, or its content decoder and its shape ({@code newtype/struct variant}). */
    private static final class Variant<T> {
        private final T unit;
        private final Decoder<? extends T> content;
        private final String shape;

        private Variant(T unit, Decoder<? extends T> content, String shape) {
            this.unit = unit;
            this.content = content;
            this.shape = shape;
        }
    }

    /** Collects the variants of an externally tagged enum in declaration order. */
    static final class Builder<T> {
        private final String expecting;
        private final Map<String, Variant<T>> variants = new HashMap<>();
        private final List<String> names = new ArrayList<>();

        private Builder(String expecting) {
            this.expecting = expecting;
        }

        /** A unit variant written {@code "name"}. */
        Builder<T> unit(String name, T value) {
            return add(name, new Variant<>(value, null, "unit variant"));
        }

        /** A newtype variant written {@code {"name": content}}. */
        Builder<T> newtype(String name, Decoder<? extends T> content) {
            return add(name, new Variant<>(null, content, "newtype variant"));
        }

        /** A struct variant written {@code {"name": {...}}}. */
        Builder<T> struct(String name, Decoder<? extends T> content) {
            return add(name, new Variant<>(null, content, "struct variant"));
        }

        /** The enum reader. */
        ExternallyTagged<T> build() {
            return new ExternallyTagged<>(expecting, Map.copyOf(variants), List.copyOf(names));
        }

        private Builder<T> add(String name, Variant<T> variant) {
            if (variants.putIfAbsent(name, variant) != null) {
                throw new IllegalArgumentException("variant " + name + " added twice to " + expecting);
            }
            names.add(name);
            return this;
        }
    }
}
