package io.experienceledger.json;

import java.util.Objects;

/**
 * Reads a JSON object into a record the way a serde-derived struct visitor does: members are read in document
 * order (so the first bad member in the document is the one reported), unknown members are ignored, a member
 * that appears twice is {@code duplicate field}, and after the last member every field that was not seen is
 * either {@code missing field} (required), none (optional) or its default (defaulted), checked in declaration
 * order.
 *
 * @param <T> the record built from the members
 */
final class StructReader<T> implements Decoder<T> {
    private final String expecting;
    private final Builder<T> builder;
    private final Field[] fields;

    private StructReader(String expecting, Builder<T> builder, Field[] fields) {
        this.expecting = expecting;
        this.builder = builder;
        this.fields = fields;
    }

    /**
     * A reader for the struct described by {@code expecting} (serde's wording, e.g. {@code struct GateRequest} or
     * {@code struct variant ExperienceEvent::FactPromoted}), built by {@code builder} from {@code fields}.
     */
    static <T> StructReader<T> of(String expecting, Builder<T> builder, Field... fields) {
        if (fields.length > Long.SIZE) {
            throw new IllegalArgumentException("too many fields for " + expecting);
        }
        return new StructReader<>(expecting, builder, fields.clone());
    }

    /** A required member: absence is {@code missing field}, {@code null} goes to the decoder (a type error). */
    static Field req(String name, Decoder<?> decoder) {
        return new Field(name, Presence.REQUIRED, decoder, null);
    }

    /** An optional member ({@code Option<T>}): absence and {@code null} both mean none (a null component). */
    static Field opt(String name, Decoder<?> decoder) {
        return new Field(name, Presence.OPTIONAL, decoder, null);
    }

    /** A member with a serde default: absence gives {@code value}, {@code null} goes to the decoder (a type error). */
    static Field dflt(String name, Decoder<?> decoder, Object value) {
        return new Field(name, Presence.DEFAULTED, decoder, Objects.requireNonNull(value, "value"));
    }

    /** A required member of any JSON value: absence is {@code missing field}, {@code null} goes to the decoder. */
    static Field any(String name, Decoder<?> decoder) {
        return new Field(name, Presence.REQUIRED, decoder, null);
    }

    @Override
    public T read(JsonNode node, JsonPath path) {
        if (!(node instanceof JsonNode.Obj object)) {
            throw ReadErrors.invalidType(path, node, expecting);
        }
        final Object[] values = new Object[fields.length];
        long seen = 0;
        final int size = object.size();
        for (int i = 0; i < size; i++) {
            final String key = object.key(i);
            final int index = indexOf(key);
            if (index < 0) {
                Scalars.checked(key, path.field(key));
                continue;
            }
            final long bit = 1L << index;
            if ((seen & bit) != 0) {
                throw ReadErrors.duplicateField(path, key);
            }
            seen |= bit;
            final Field field = fields[index];
            final JsonNode value = object.value(i);
            if (field.presence != Presence.OPTIONAL || !(value instanceof JsonNode.Null)) {
                values[index] = field.decoder.read(value, path.field(key));
            }
        }
        for (int index = 0; index < fields.length; index++) {
            if ((seen & (1L << index)) == 0) {
                final Field field = fields[index];
                switch (field.presence) {
                    case REQUIRED -> throw ReadErrors.missingField(path, field.name);
                    case DEFAULTED -> values[index] = field.defaultValue;
                    case OPTIONAL -> values[index] = null;
                }
            }
        }
        try {
            return builder.build(new Values(values));
        } catch (ConvergeJsonException e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ReadErrors.custom(path, String.valueOf(e.getMessage()));
        }
    }

    private int indexOf(String key) {
        final Field[] all = fields;
        for (int i = 0; i < all.length; i++) {
            if (all[i].name.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** How a member's absence or {@code null} is treated. */
    enum Presence {
        /** Must be present; null is passed to the decoder. */
        REQUIRED,
        /** May be absent or null (none). */
        OPTIONAL,
        /** May be absent (default used); null is passed to the decoder. */
        DEFAULTED
    }

    /** One member of a struct: its JSON name, presence rule, decoder and default. */
    static final class Field {
        private final String name;
        private final Presence presence;
        private final Decoder<?> decoder;
        private final Object defaultValue;

        private Field(String name, Presence presence, Decoder<?> decoder, Object defaultValue) {
            this.name = Objects.requireNonNull(name, "name");
            this.presence = presence;
            this.decoder = Objects.requireNonNull(decoder, "decoder");
            this.defaultValue = defaultValue;
        }
    }

    /** Builds the record from the member values, indexed in declaration order. */
    @FunctionalInterface
    interface Builder<T> {
        /** The record made of {@code values}. */
        T build(Values values);
    }

    /** The decoded member values in declaration order; none is null, defaults are filled in. */
    static final class Values {
        private final Object[] values;

        private Values(Object[] values) {
            this.values = values;
        }

        /** The value of field {@code index}, typed by the caller's context (boxed primitives unbox). */
        @SuppressWarnings("unchecked")
        <V> V get(int index) {
            return (V) values[index];
        }
    }
}
