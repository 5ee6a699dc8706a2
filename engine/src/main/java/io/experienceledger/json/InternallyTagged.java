package io.experienceledger.json;


/**
 * Reads and writes an internally tagged enum, {@code {"<tag>":"Variant", ...fields of the variant...}}, whose
 * variants are structs. It is written with the tag first and read as serde reads it: the tag may appear anywhere
 * among the members, must appear exactly once ({@code missing field} / {@code duplicate field}) and must name a
 * variant; every other member name must be a valid string (serde buffers them all before choosing the variant); the
 * variant is then read from the same object, where the tag is just an unknown member and is ignored.
 *
 * @param <T> the Java type of the enum
 */
final class InternallyTagged<T> implements Codec<T> {
    private final String expecting;
    private final String tag;
    private final TaggedVariants<T> variants;
    private final VariantLookup<TaggedVariants.Variant<?>> written;

    /** The enum of {@code variants}, tagged by member {@code tag}; every variant's codec is a struct's. */
    InternallyTagged(String tag, TaggedVariants<T> variants) {
        this.expecting = "internally tagged enum " + variants.rustName();
        this.tag = tag;
        this.variants = variants;
        this.written = variants.byClass(name -> "{" + JsonStrings.quoted(tag) + ":" + name);
        for (TaggedVariants.Variant<?> variant : written.values()) {
            if (!(variant.codec() instanceof StructCodec<?>)) {
                throw new IllegalArgumentException("a variant of " + variants.rustName() + " is not a struct");
            }
        }
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

    @Override
    public void write(JsonOutput out, T value) {
        TaggedVariants.of(written, value).writeMembers(out, value);
        out.ascii('}');
    }
}
