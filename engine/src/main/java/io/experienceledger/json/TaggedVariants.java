package io.experienceledger.json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The variants of an adjacently or internally tagged enum, by name, in declaration order: fill it with
 * {@link #add} while building a reader, then only {@link #select} from it.
 *
 * @param <T> the Java type of the enum
 */
final class TaggedVariants<T> {
    private final Map<String, Decoder<? extends T>> decoders = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** Adds the variant called {@code name}, read with {@code decoder}. */
    TaggedVariants<T> add(String name, Decoder<? extends T> decoder) {
        if (decoders.putIfAbsent(name, decoder) != null) {
            throw new IllegalArgumentException("variant " + name + " added twice");
        }
        names.add(name);
        return this;
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
}
