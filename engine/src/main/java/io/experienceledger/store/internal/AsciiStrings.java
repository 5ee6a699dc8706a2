package io.experienceledger.store.internal;

import java.nio.charset.StandardCharsets;

/**
 * Strings of UTF-8 bytes that are all ASCII, the common case of ledger text, made in one pass: the JDK's UTF-8
 * decoding checks for bytes from 0x80 up with an intrinsic while it copies. Callers decode other text strictly
 * themselves (the JDK replaces malformed input where a ledger must refuse it).
 */
public final class AsciiStrings {
    private static final char REPLACEMENT = '\uFFFD';

    private AsciiStrings() {
    }

    /**
     * The text of {@code bytes[offset, offset + length)} when every byte is ASCII, else null. One char per byte
     * and nothing replaced can only mean ASCII: every other well-formed sequence makes fewer chars than bytes, and
     * a malformed one a replacement char.
     */
    public static String ofAscii(byte[] bytes, int offset, int length) {
        final String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        return text.length() == length && text.indexOf(REPLACEMENT) < 0 ? text : null;
    }
}
