package io.experienceledger.json;

/**
 * Reads an internally tagged enum, {@code {"<tag>":"Variant", ...fields of the variant...}}, as serde does: the
 * tag may appear anywhere among the members, must appear exactly once ({@code missing field} /
 * {@code duplicate field}) and must name a variant; every other member name must be a valid string (serde buffers
 * them all before choosing the variant); the variant is then read from the same object, where the tag is just an
 * unknown member and is ignored.
 *
 * @param <T> the Java type of the enum
 */
final class InternallyTagged<T> implements Decoder<T> {
    private final String expecting;
    private final String tag;
    private final TaggedVariants<T> variants;

    /** The enum named {@code rustName}, tagged by member {@code tag}. */
    InternallyTagged(String rustName, String tag, TaggedVariants<T> variants) {
        this.expecting = "internally tagged enum " + rustName;
        this.tag = tag;
        this.variants = variants;
    }

    @Override
    public T read(JsonNode node, JsonPath path) {
        if (!(node instanceof JsonNode.Obj object)) {
            throw ReadErrors.invalidType(path, node, expecting);
        }
        Decoder<? extends T> variant = null;
        for (int i = 0; i < object.size(); i++) {
            final String key = object.key(i);
            if (key.equals(tag)) {
                if (variant != null) {
                    throw ReadErrors.duplicateField(path, tag);
                }
                variant = variants.select(object.value(i), path.field(tag));
            } else {
                Scalars.checked(key, path.field(key));
            }
        }
        if (variant == null) {
            throw ReadErrors.missingField(path, tag);
        }
        return variant.read(object, path);
    }
}
