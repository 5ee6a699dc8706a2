package io.experienceledger.json;

import java.math.BigDecimal;
import java.util.List;

/**
 * Builds the reader's {@link ConvergeJsonException}s with serde's wording: {@code invalid type: string "x",
 * expected u64}, {@code invalid value: integer `-1`, expected u64}, {@code missing field `event_id`},
 * {@code duplicate field `tenant_id`}, {@code unknown variant `Foo`, expected one of `A`, `B`, `C`}.
 * Unexpected values are described as serde does: {@code integer `5`}, {@code floating point `1.5`},
 * {@code string "x"} (Rust debug escaping), {@code boolean `true`}, {@code null}, {@code sequence}, {@code map}.
 */
final class ReadErrors {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ReadErrors() {
    }

    /** The node has the wrong JSON type for what is expected (a number that overflows f64 is out of range). */
    static ConvergeJsonException invalidType(JsonPath path, JsonNode node, String expected) {
        return invalidType(path, unexpected(path, node), expected);
    }

    /** The value described by {@code unexpected} has the wrong type. */
    static ConvergeJsonException invalidType(JsonPath path, String unexpected, String expected) {
        return new ConvergeJsonException(path.toString(), "invalid type: " + unexpected + ", expected " + expected);
    }

    /** The value described by {@code unexpected} has the right type but is not acceptable. */
    static ConvergeJsonException invalidValue(JsonPath path, String unexpected, String expected) {
        return new ConvergeJsonException(path.toString(), "invalid value: " + unexpected + ", expected " + expected);
    }

    /** The object at {@code path} lacks the required member {@code field}. */
    static ConvergeJsonException missingField(JsonPath path, String field) {
        return new ConvergeJsonException(path.toString(), "missing field `" + field + "`");
    }

    /** The object at {@code path} has the member {@code field} more than once. */
    static ConvergeJsonException duplicateField(JsonPath path, String field) {
        return new ConvergeJsonException(path.toString(), "duplicate field `" + field + "`");
    }

    /** {@code variant} names no variant of the enum at {@code path}, whose variants are {@code expected}. */
    static ConvergeJsonException unknownVariant(JsonPath path, String variant, List<String> expected) {
        final StringBuilder message = new StringBuilder("unknown variant `").append(variant).append("`, expected ");
        switch (expected.size()) {
            case 1 -> message.append('`').append(expected.get(0)).append('`');
            case 2 -> message.append('`').append(expected.get(0)).append("` or `").append(expected.get(1)).append('`');
            default -> {
                message.append("one of ");
                for (int i = 0; i < expected.size(); i++) {
                    message.append(i == 0 ? "`" : ", `").append(expected.get(i)).append('`');
                }
            }
        }
        return new ConvergeJsonException(path.toString(), message.toString());
    }

    /** Any other problem, worded by the caller. */
    static ConvergeJsonException custom(JsonPath path, String message) {
        return new ConvergeJsonException(path.toString(), message);
    }

    /** serde's description of a JSON value, as used after {@code invalid type:}. */
    static String unexpected(JsonPath path, JsonNode node) {
        if (node instanceof JsonNode.Str s) {
            return "string " + rustDebug(s.value());
        }
        if (node instanceof JsonNode.Num n) {
            if (Numbers.isInteger(n)) {
                return "integer `" + n.text() + "`";
            }
            return "floating point `" + rustFloat(Numbers.f64(n, path)) + "`";
        }
        if (node instanceof JsonNode.Bool b) {
            return "boolean `" + b.value() + "`";
        }
        if (node instanceof JsonNode.Arr) {
            return "sequence";
        }
        if (node instanceof JsonNode.Obj) {
            return "map";
        }
        return "null";
    }

    /** A finite double as Rust's {@code Display} writes it, with {@code .0} added to integral values as serde does. */
    static String rustFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        final JsonOutput shortest = new JsonOutput(32);
        JsonNumbers.appendF64(shortest, Math.abs(value));
        String plain = new BigDecimal(shortest.toString()).toPlainString();
        if (plain.indexOf('.') < 0) {
            plain += ".0";
        }
        return (Double.doubleToRawLongBits(value) < 0 ? "-" : "") + plain;
    }

    /** A string as Rust's {@code Debug} writes it: quoted, with quotes, backslashes and control characters escaped. */
    static String rustDebug(String value) {
        final StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\0' -> out.append("\\0");
                default -> {
                    final boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1));
                    if (pair) {
                        out.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || c >= 0x7f && c <= 0x9f || Character.isSurrogate(c)) {
                        appendUnicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A character as Rust's {@code Debug} writes a {@code char}: single-quoted, control characters escaped. */
    static String rustDebug(char c) {
        final StringBuilder out = new StringBuilder("'");
        switch (c) {
            case '\'' -> out.append("\\'");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\0' -> out.append("\\0");
            default -> {
                if (c < 0x20 || c >= 0x7f && c <= 0xa0 || c == 0xad) {
                    appendUnicodeEscape(out, c);
                } else {
                    out.append(c);
                }
            }
        }
        return out.append('\'').toString();
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u{");
        boolean leading = true;
        for (int shift = 12; shift >= 0; shift -= 4) {
            final int digit = (c >> shift) & 0xF;
            if (digit != 0 || !leading || shift == 0) {
                out.append(HEX[digit]);
                leading = false;
            }
        }
        out.append('}');
    }
}
