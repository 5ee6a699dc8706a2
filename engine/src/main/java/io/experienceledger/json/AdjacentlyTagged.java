package io.experienceledger.json;


/**
 * Reads and writes an adjacently tagged enum, {@code {"<tag>":"Variant","<content>":...}}; it is written in that
 * order and read as serde reads it: the two members may come in either order (content before the tag is held back
 * and read once the tag is known), unknown members are ignored, either member twice is {@code duplicate field}, the
 * tag must name a variant, and both members are required (every variant in this model carries content).
 *
 * @param <T> the Java type of the enum
 */
final class AdjacentlyTagged<T> implements Codec<T> {
    private final String expecting;
    private final String tag;
    private final String content;
    private final TaggedVariants<T> variants;
    private final VariantLookup<TaggedVariants.Variant<?>> written;

    /** The enum of {@code variants}, tagged by member {@code tag} with its content in member {@code content}. */
    AdjacentlyTagged(String tag, String content, TaggedVariants<T> variants) {
        this.expecting = "adjacently tagged enum " + variants.rustName();
        this.tag = tag;
        this.content = content;
        this.variants = variants;
        final String contentKey = "," + JsonStrings.quoted(content) + ":";
        this.written = variants.byClass(name -> "{" + JsonStrings.quoted(tag) + ":" + name + contentKey);
    }

    @Override
    public void write(JsonOutput out, T value) {
        TaggedVariants.of(written, value).write(out, value);
        out.ascii('}');
    }

    /** Appends the content of {@code value} alone, without the object that holds it and its tag. */
    void writeContent(JsonOutput out, T value) {
        TaggedVariants.of(written, value).writeContent(out, value);
    }

    @Override
    public T read(JsonNode node, JsonPath path) {
        if (!(node instanceof JsonNode.Obj object)) {
            throw ReadErrors.invalidType(path, node, expecting);
        }
        Decoder<? extends T> variant = null;
        JsonNode pending = null;
        boolean contentSeen = false;
        T result = null;
        for (int i = 0; i < object.size(); i++) {
            final String key = object.key(i);
            if (key.equals(tag)) {
                if (variant != null) {
                    throw ReadErrors.duplicateField(path, tag);
                }
                variant = variants.select(object.value(i), path.field(tag));
                if (pending != null) {
                    result = variant.read(pending, path.field(content));
                    pending = null;
                }
            } else if (key.equals(content)) {
                if (contentSeen) {
                    throw ReadErrors.duplicateField(path, content);
                }
                contentSeen = true;
                if (variant != null) {
                    result = variant.read(object.value(i), path.field(content));
                } else {
                    pending = object.value(i);
                }
            } else {
                Scalars.checked(key, path.field(key));
            }
        }
        if (variant == null) {
            throw ReadErrors.missingField(path, tag);
        }
        if (!contentSeen) {
            throw ReadErrors.missingField(path, content);
        }
        return result;
    }
}
