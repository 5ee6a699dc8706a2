package io.experienceledger.json;

/**
 * Writes JSON string literals exactly as serde_json does: {@code "} and {@code \} escaped, the short escapes
 * {@code \b \t \n \f \r}, every other control character below U+0020 as {@code \\u00} plus two lowercase hex
 * digits, and everything else (including {@code /}, U+007F, U+2028 and non-ASCII) written as it is.
 */
final class JsonStrings {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonStrings() {
    }

    /** Appends {@code value} as a quoted, escaped JSON string. */
    static void appendQuoted(StringBuilder out, CharSequence value) {
        final int length = value.length();
        int i = 0;
        while (i < length && !escaped(value.charAt(i))) {
            i++;
        }
        if (i == length && value instanceof String text) {
            // the usual case: appending a String copies its bytes in bulk, a CharSequence range char by char
            out.append('"').append(text).append('"');
            return;
        }
        out.append('"');
        int start = 0;
        for (; i < length; i++) {
            final char c = value.charAt(i);
            if (!escaped(c)) {
                continue;
            }
            out.append(value, start, i);
            appendEscape(out, c);
            start = i + 1;
        }
        out.append(value, start, length).append('"');
    }

    /** Whether {@code c} is written as an escape: a control character, a quote or a backslash. */
    private static boolean escaped(char c) {
        return c < 0x20 || c == '"' || c == '\\';
    }

    /** {@code value} as a quoted, escaped JSON string. */
    static String quoted(String value) {
        final StringBuilder out = new StringBuilder(value.length() + 2);
        appendQuoted(out, value);
        return out.toString();
    }

    private static void appendEscape(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\b' -> out.append("\\b");
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\f' -> out.append("\\f");
            case '\r' -> out.append("\\r");
            default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        }
    }
}
