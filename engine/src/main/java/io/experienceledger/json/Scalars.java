package io.experienceledger.json;

import io.experienceledger.model.ContentHash;
import io.experienceledger.model.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Codecs for the scalar and collection types shared by the model: strings (lone surrogates rejected as serde_json
 * rejects them, written with serde's escapes), booleans, unsigned integers (written unsigned), floats (written in
 * serde's shortest form), unit intervals, content hashes, lists, maps and arbitrary JSON values (written verbatim).
 */
final class Scalars {
    private static final String UNIT_INTERVAL_PROBLEM = "value must be finite and in the inclusive range 0.0..=1.0";
    private static final int CONTENT_HASH_DIGITS = 64;

    static final TextCodec<String> STRING = TextCodec.of(Function.identity(), Function.identity());
    static final Codec<Boolean> BOOL = Codec.of(Scalars::bool, (out, value) -> out.bool(value));
    static final Codec<Long> U64 = Codec.of(Scalars::u64, JsonOutput::unsigned);
    static final Codec<Long> USIZE = Codec.of(Scalars::usize, JsonOutput::unsigned);
    static final Codec<Long> U32 = Codec.of(Scalars::u32, JsonOutput::unsigned);
    static final Codec<Float> F32 = Codec.of(Scalars::f32, JsonNumbers::appendF32);
    static final Codec<Double> UNIT_INTERVAL = Codec.of(Scalars::unitInterval, JsonNumbers::appendF64);
    /** Content hashes are written as their 64 lowercase hex digits, which need no escaping. */
    static final Codec<ContentHash> CONTENT_HASH = Codec.of(Scalars::contentHash,
            (out, hash) -> {
                out.ascii('"');
                out.ascii(hash.hex());
                out.ascii('"');
            });
    static final Codec<JsonValue> VALUE = Codec.of(Scalars::value, (out, value) -> out.utf8(value.json()));
    static final Codec<List<String>> STRING_LIST = listOf(STRING);
    static final Codec<Map<String, String>> STRING_MAP = mapOf(Scalars::checked, JsonOutput::quoted, STRING);

    private Scalars() {
    }

    /** A JSON string. */
    static String string(JsonNode node, JsonPath path) {
        if (node instanceof JsonNode.Str s) {
            return checked(s.value(), path);
        }
        throw ReadErrors.invalidType(path, node, "a string");
    }

    /** {@code text} if it has no unpaired surrogate (serde_json rejects {@code "\\ud800"}); else an error. */
    static String checked(String text, JsonPath path) {
        final int length = text.length();
        for (int i = 0; i < length; i++) {
            final char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw ReadErrors.custom(path, "lone leading surrogate in hex escape");
                }
            }
        }
        return text;
    }

    /** A JSON boolean. */
    static boolean bool(JsonNode node, JsonPath path) {
        if (node instanceof JsonNode.Bool b) {
            return b.value();
        }
        throw ReadErrors.invalidType(path, node, "a boolean");
    }

    /** A u64, held in a long as unsigned. */
    static long u64(JsonNode node, JsonPath path) {
        return Numbers.unsigned(node, path, "u64", Numbers.U64_MAX);
    }

    /** A usize (64-bit, as the reference runs), held in a long as unsigned. */
    static long usize(JsonNode node, JsonPath path) {
        return Numbers.unsigned(node, path, "usize", Numbers.U64_MAX);
    }

    /** A u32, 0 to 4294967295. */
    static long u32(JsonNode node, JsonPath path) {
        return Numbers.unsigned(node, path, "u32", Numbers.U32_MAX);
    }

    /** An f32. */
    static float f32(JsonNode node, JsonPath path) {
        return Numbers.f32(node, path);
    }

    /** A unit interval: any number that is finite and within [0.0, 1.0]. */
    static double unitInterval(JsonNode node, JsonPath path) {
        final double value = Numbers.f64(node, path);
        if (!(value >= 0.0 && value <= 1.0)) {
            throw ReadErrors.custom(path, UNIT_INTERVAL_PROBLEM);
        }
        return value;
    }

    /**
     * A content hash: a string of exactly 64 hex digits, either case, checked as the hex crate checks the UTF-8
     * bytes: odd byte length, then any other length, then the first non-hex byte (shown as the Latin-1 character of
     * that byte, at its byte position).
     */
    static ContentHash contentHash(JsonNode node, JsonPath path) {
        final String text = string(node, path);
        final int byteLength = utf8Length(text);
        if (byteLength % 2 != 0) {
            throw ReadErrors.custom(path, "Odd number of digits");
        }
        if (byteLength != CONTENT_HASH_DIGITS) {
            throw ReadErrors.custom(path, "Invalid string length");
        }
        int position = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                final char firstByte = c < 0x80 ? c : (char) (leadByte(text, i) & 0xFF);
                throw ReadErrors.custom(path, "Invalid character " + ReadErrors.rustDebug(firstByte) + " at position "
                        + position);
            }
            position++;
        }
        return new ContentHash(text);
    }

    /** A JSON array, each element read with {@code element}. */
    static <T> List<T> list(JsonNode node, JsonPath path, Decoder<T> element) {
        if (!(node instanceof JsonNode.Arr array)) {
            throw ReadErrors.invalidType(path, node, "a sequence");
        }
        final int size = array.size();
        final List<T> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(element.read(array.get(i), path.index(i)));
        }
        return values;
    }

    /** The codec of a JSON array whose elements are read and written with {@code element}. */
    static <T> Codec<List<T>> listOf(Codec<T> element) {
        return Codec.of((node, path) -> list(node, path, element), (out, values) -> {
            out.ascii('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.ascii(',');
                }
                element.write(out, values.get(i));
            }
            out.ascii(']');
        });
    }

    /**
     * The codec of a JSON object held as a map: keys read with {@code key} and written with {@code keyWriter}, values
     * read and written with {@code value}, in the map's iteration order. On reading, a repeated key keeps its first
     * position and its last value, as a Rust map insert does.
     */
    static <K, V> Codec<Map<K, V>> mapOf(KeyReader<K> key, Encoder<K> keyWriter, Codec<V> value) {
        return Codec.of((node, path) -> map(node, path, key, value), (out, map) -> {
            out.ascii('{');
            boolean first = true;
            for (Map.Entry<K, V> entry : map.entrySet()) {
                if (!first) {
                    out.ascii(',');
                }
                first = false;
                keyWriter.write(out, entry.getKey());
                out.ascii(':');
                value.write(out, entry.getValue());
            }
            out.ascii('}');
        });
    }

    private static <K, V> Map<K, V> map(JsonNode node, JsonPath path, KeyReader<K> key, Decoder<V> value) {
        if (!(node instanceof JsonNode.Obj object)) {
            throw ReadErrors.invalidType(path, node, "a map");
        }
        final int size = object.size();
        if (size == 0) {
            return Collections.emptyMap();
        }
        final Map<K, V> values = new LinkedHashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            final JsonPath member = path.field(object.key(i));
            values.put(key.read(object.key(i), member), value.read(object.value(i), member));
        }
        return values;
    }

    /** Any JSON value, canonicalised; JSON {@code null} is {@link JsonValue#NULL}. */
    static JsonValue value(JsonNode node, JsonPath path) {
        return JsonValues.canonical(node, path);
    }

    /** Converts an object key read as a map key. */
    @FunctionalInterface
    interface KeyReader<K> {
        /** The map key for the member name {@code key} at {@code path}. */
        K read(String key, JsonPath path);
    }

    private static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    private static int leadByte(String text, int i) {
        final char c = text.charAt(i);
        if (c < 0x800) {
            return 0xC0 | c >> 6;
        }
        if (Character.isHighSurrogate(c)) {
            return 0xF0 | Character.toCodePoint(c, text.charAt(i + 1)) >> 18;
        }
        return 0xE0 | c >> 12;
    }
}
