package io.experienceledger.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a struct through one table of {@link Member}s in declaration order.
 *
 * <p>Reading is what a serde-derived struct visitor does: members are read in document order (so the first bad
 * member in the document is the one reported), unknown members are ignored, a member that appears twice is
 * {@code duplicate field}, and after the last member every field that was not seen is either {@code missing field}
 * (required), none (optional) or its default (defaulted), checked in declaration order. Writing gives every member
 * in declaration order, except those a member's skip rule leaves out.
 *
 * @param <T> the record built from the members
 */
final class StructCodec<T> implements Codec<T> {
    private final String expecting;
    private final Builder<T> builder;
    private final List<Member<T>> members;

    private StructCodec(String expecting, Builder<T> builder, List<Member<T>> members) {
        this.expecting = expecting;
        this.builder = builder;
        this.members = members;
    }

    /**
     * A codec for the struct described by {@code expecting} (serde's wording, e.g. {@code struct GateRequest} or
     * {@code struct variant ExperienceEvent::FactPromoted}), built by {@code builder} from {@code members}.
     */
    @SafeVarargs
    static <T> StructCodec<T> of(String expecting, Builder<T> builder, Member<T>... members) {
        if (members.length > Long.SIZE) {
            throw new IllegalArgumentException("too many members for " + expecting);
        }
        final List<Member<T>> table = new ArrayList<>(members.length);
        for (Member<T> member : members) {
            table.add(member);
        }
        return new StructCodec<>(expecting, builder, List.copyOf(table));
    }

    /**
     * A codec for a struct variant of the enum named {@code rustName}, held in Java as {@code type}: the model's
     * classes carry the reference's variant names, so that serde's wording is
     * {@code struct variant <rustName>::<simple name of type>}.
     */
    @SafeVarargs
    @SuppressWarnings("varargs")
    static <T> StructCodec<T> variant(String rustName, Class<T> type, Builder<T> builder, Member<T>... members) {
        return of("struct variant " + rustName + "::" + type.getSimpleName(), builder, members);
    }

    @Override
    public T read(JsonNode node, JsonPath path) {
        if (!(node instanceof JsonNode.Obj object)) {
            throw ReadErrors.invalidType(path, node, expecting);
        }
        final int count = members.size();
        final Object[] values = new Object[count];
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
            final Member<T> member = members.get(index);
            final JsonNode value = object.value(i);
            if (member.presence != Member.Presence.OPTIONAL || !(value instanceof JsonNode.Null)) {
                values[index] = member.decoder.read(value, path.field(key));
            }
        }
        for (int index = 0; index < count; index++) {
            if ((seen & (1L << index)) == 0) {
                final Member<T> member = members.get(index);
                switch (member.presence) {
                    case REQUIRED -> throw ReadErrors.missingField(path, member.name);
                    case DEFAULTED -> values[index] = member.defaultValue;
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

    @Override
    public void write(JsonOutput out, T value) {
        out.ascii('{');
        writeMembers(out, value, true);
        out.ascii('}');
    }

    /**
     * Appends the members of {@code value} without the braces, each after a comma unless {@code first} and none
     * has been written yet (an internally tagged enum writes its tag member first).
     */
    void writeMembers(JsonOutput out, T value, boolean first) {
        boolean comma = !first;
        final List<Member<T>> all = members;
        for (int i = 0; i < all.size(); i++) {
            final Member<T> member = all.get(i);
            if (member.skipped(value)) {
                continue;
            }
            if (comma) {
                out.ascii(',');
            }
            comma = true;
            member.write(out, value);
        }
    }

    private int indexOf(String key) {
        final List<Member<T>> all = members;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name.equals(key)) {
                return i;
            }
        }
        return -1;
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

        /** The value of member {@code index}, typed by the caller's context (boxed primitives unbox). */
        @SuppressWarnings("unchecked")
        <V> V get(int index) {
            return (V) values[index];
        }
    }
}
