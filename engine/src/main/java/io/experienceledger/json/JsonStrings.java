package io.experienceledger.json;

import java.nio.charset.StandardCharsets;

/**
 * How serde_json writes JSON string literals: {@code "} and {@code \} escaped, the short escapes
 * {@code \b \t \n \f \r}, every other control character below U+0020 as {@code \\u00} plus two lowercase hex
 * digits, and everything else (including {@code /}, U+007F, U+2028 and non-ASCII) written as it is.
 * {@link JsonOutput#quoted} writes them.
 */
final class JsonStrings {
    private JsonStrings() {
    }

    /** Whether {@code c} is written as an escape: a control character, a quote or a backslash. */
    static boolean escaped(char c) {
        return c < 0x20 || c == '"' || c == '\\';
    }

    /** {@code value} as a quoted, escaped JSON string. */
    static String quoted(String value) {
        final JsonOutput out = new JsonOutput(value.length() + 2);
        out.quoted(value);
        return out.toString();
    }

    /** {@code text} in UTF-8: JSON written once, ahead of time (a member's name, a variant's tag). */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
