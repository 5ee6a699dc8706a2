package io.experienceledger.json;

/**
 * Where the reader is in a document, rendered only when an error is reported: members are joined with dots
 * ({@code event.data.confidence}), array elements are indexed ({@code kinds[2]}) and map keys that are not plain
 * words are quoted with Rust's debug escapes ({@code metadata["a.b"]}). The document itself is the empty path.
 */
final class JsonPath {
    /** The document itself. */
    static final JsonPath ROOT = new JsonPath(null, null, -1);

    private final JsonPath parent;
    private final String name;
    private final int index;

    private JsonPath(JsonPath parent, String name, int index) {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    /** The member {@code name} of the object at this path. */
    JsonPath field(String name) {
        return new JsonPath(this, name, -1);
    }

    /** Element {@code index} of the array at this path. */
    JsonPath index(int index) {
        return new JsonPath(this, null, index);
    }

    @Override
    public String toString() {
        if (parent == null) {
            return "";
        }
        final StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }

    private void appendTo(StringBuilder out) {
        if (parent == null) {
            return;
        }
        parent.appendTo(out);
        if (name == null) {
            out.append('[').append(index).append(']');
        } else if (isWord(name)) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(name);
        } else {
            out.append('[').append(ReadErrors.rustDebug(name)).append(']');
        }
    }

    private static boolean isWord(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            final boolean word = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
                    || c == '-';
            if (!word) {
                return false;
            }
        }
        return true;
    }
}
