package io.experienceledger.json;

/**
 * A parsed JSON document as the reader sees it: objects keep every member in document order, duplicates
 * included (serde rejects a duplicate member in a struct but keeps the last one in a map or a JSON value, so
 * the decision belongs to whoever reads the object); numbers keep their literal text so that integers are read
 * exactly and floats are rounded only once; strings are as Jackson decoded them, lone surrogates included
 * (serde rejects them only where a string is actually read, not inside ignored members).
 */
sealed interface JsonNode permits JsonNode.Obj, JsonNode.Arr, JsonNode.Str, JsonNode.Num, JsonNode.Bool,
        JsonNode.Null {

    /** A JSON object: its members in document order, duplicate keys kept. */
    final class Obj implements JsonNode {
        private final String[] keys;
        private final JsonNode[] values;
        private final int size;

        Obj(String[] keys, JsonNode[] values, int size) {
            this.keys = keys;
            this.values = values;
            this.size = size;
        }

        /** The number of members, duplicates counted. */
        int size() {
            return size;
        }

        /** The key of member {@code i}. */
        String key(int i) {
            return keys[i];
        }

        /** The value of member {@code i}. */
        JsonNode value(int i) {
            return values[i];
        }

        /** The value of the first member called {@code key}, or null. */
        JsonNode first(String key) {
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return values[i];
                }
            }
            return null;
        }
    }

    /** A JSON array. */
    final class Arr implements JsonNode {
        private final JsonNode[] items;
        private final int size;

        Arr(JsonNode[] items, int size) {
            this.items = items;
            this.size = size;
        }

        /** The number of elements. */
        int size() {
            return size;
        }

        /** Element {@code i}. */
        JsonNode get(int i) {
            return items[i];
        }
    }

    /** A JSON string, decoded (it may hold lone surrogates from {@code \\uXXXX} escapes). */
    final class Str implements JsonNode {
        private final String value;

        Str(String value) {
            this.value = value;
        }

        /** The decoded text, unchecked. */
        String value() {
            return value;
        }
    }

    /**
     * A JSON number: its literal text as written (already validated against the JSON grammar) and whether it is
     * an integer literal (no fraction, no exponent).
     */
    final class Num implements JsonNode {
        private final String text;
        private final boolean integral;

        Num(String text, boolean integral) {
            this.text = text;
            this.integral = integral;
        }

        /** The literal text. */
        String text() {
            return text;
        }

        /** True for an integer literal (no {@code .}, no exponent). */
        boolean integral() {
            return integral;
        }
    }

    /** {@code true} or {@code false}. */
    final class Bool implements JsonNode {
        static final Bool TRUE = new Bool(true);
        static final Bool FALSE = new Bool(false);
        private final boolean value;

        private Bool(boolean value) {
            this.value = value;
        }

        /** The value. */
        boolean value() {
            return value;
        }
    }

    /** {@code null}. */
    final class Null implements JsonNode {
        static final Null INSTANCE = new Null();

        private Null() {
        }
    }
}
