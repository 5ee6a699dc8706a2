package io.experienceledger.json;

import io.experienceledger.model.JsonValue;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed JSON value into the canonical compact text of a {@link JsonValue}, as serde_json with
 * {@code preserve_order} reads and writes a {@code serde_json::Value}: members keep their order, a repeated key keeps
 * the position of its first occurrence and the last value; integers that fit u64, and negative ones that fit i64,
 * stay integers written as they were; every other number (fractions, exponents, {@code -0}, larger integers) is an
 * f64 written in serde's shortest round-trip layout ({@code 1.50} becomes {@code 1.5}, {@code 1e2} becomes
 * {@code 100.0}); strings are re-escaped canonically. Lone surrogates and numbers beyond the f64 range are errors.
 */
final class JsonValues {
    private static final int LINEAR_DUPLICATE_SCAN = 8;

    private JsonValues() {
    }

    /** The canonical value of {@code node}; JSON {@code null} is {@link JsonValue#NULL}. */
    static JsonValue canonical(JsonNode node, JsonPath path) {
        if (node instanceof JsonNode.Null) {
            return JsonValue.NULL;
        }
        final JsonOutput out = new JsonOutput(256);
        write(out, node, path);
        return new JsonValue(out.toString());
    }

    private static void write(JsonOutput out, JsonNode node, JsonPath path) {
        if (node instanceof JsonNode.Obj object) {
            writeObject(out, object, path);
        } else if (node instanceof JsonNode.Arr array) {
            out.ascii('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    out.ascii(',');
                }
                write(out, array.get(i), path.index(i));
            }
            out.ascii(']');
        } else if (node instanceof JsonNode.Str s) {
            out.quoted(Scalars.checked(s.value(), path));
        } else if (node instanceof JsonNode.Num n) {
            if (Numbers.isInteger(n)) {
                out.ascii(n.text());
            } else {
                JsonNumbers.appendF64(out, Numbers.f64(n, path));
            }
        } else if (node instanceof JsonNode.Bool b) {
            out.bool(b.value());
        } else {
            out.nul();
        }
    }

    private static void writeObject(JsonOutput out, JsonNode.Obj object, JsonPath path) {
        final int size = object.size();
        if (hasDuplicateKeys(object)) {
            writeDeduplicated(out, object, path);
            return;
        }
        out.ascii('{');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.ascii(',');
            }
            writeMember(out, object.key(i), object.value(i), path);
        }
        out.ascii('}');
    }

    private static void writeDeduplicated(JsonOutput out, JsonNode.Obj object, JsonPath path) {
        final Map<String, JsonNode> members = new LinkedHashMap<>(object.size() * 2);
        final JsonOutput discarded = new JsonOutput(256);
        for (int i = 0; i < object.size(); i++) {
            final JsonNode replaced = members.put(object.key(i), object.value(i));
            if (replaced != null) {
                discarded.reset();
                write(discarded, replaced, path.field(object.key(i)));
            }
        }
        out.ascii('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> member : members.entrySet()) {
            if (!first) {
                out.ascii(',');
            }
            first = false;
            writeMember(out, member.getKey(), member.getValue(), path);
        }
        out.ascii('}');
    }

    private static void writeMember(JsonOutput out, String key, JsonNode value, JsonPath path) {
        final JsonPath member = path.field(key);
        out.quoted(Scalars.checked(key, member));
        out.ascii(':');
        write(out, value, member);
    }

    private static boolean hasDuplicateKeys(JsonNode.Obj object) {
        final int size = object.size();
        if (size <= LINEAR_DUPLICATE_SCAN) {
            for (int i = 1; i < size; i++) {
                for (int j = 0; j < i; j++) {
                    if (object.key(i).equals(object.key(j))) {
                        return true;
                    }
                }
            }
            return false;
        }
        final Set<String> keys = new HashSet<>(size * 2);
        for (int i = 0; i < size; i++) {
            if (!keys.add(object.key(i))) {
                return true;
            }
        }
        return false;
    }
}
