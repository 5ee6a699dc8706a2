package io.experienceledger.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A 32-byte content hash, held as 64 lowercase hex digits (its converge wire form).
 * Uppercase input is accepted and normalised to lowercase.
 */
public record ContentHash(String hex) {
    /** What each ASCII character is: {@link #HEX} a digit or lowercase hex letter, {@link #UPPER_HEX}, or 0. */
    private static final byte[] CLASS = new byte[128];
    private static final byte HEX = 1;
    private static final byte UPPER_HEX = 3;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    static {
        for (char c = '0'; c <= '9'; c++) {
            CLASS[c] = HEX;
        }
        for (char c = 'a'; c <= 'f'; c++) {
            CLASS[c] = HEX;
            CLASS[Character.toUpperCase(c)] = UPPER_HEX;
        }
    }

    /** The all-zero hash the reference uses as a stub value (after {@link #CLASS}, which making it needs). */
    public static final ContentHash ZERO = new ContentHash("0".repeat(64));

    public ContentHash {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 64) {
            throw new IllegalArgumentException("content hash must be 64 hex digits, was " + hex.length() + " characters");
        }
        // eight characters at a time: a character outside Latin-1 becomes '?', which is no hex digit either
        final byte[] text = hex.getBytes(StandardCharsets.ISO_8859_1);
        long invalid = 0;
        long upper = 0;
        for (int i = 0; i < 64; i += Long.BYTES) {
            final long word = (long) WORDS.get(text, i);
            final long upperHex = inRange(word, 'A', 'F');
            invalid |= word | ~(inRange(word, '0', '9') | inRange(word, 'a', 'f') | upperHex);
            upper |= upperHex;
        }
        if ((invalid & HIGH_BITS) != 0) {
            throw new IllegalArgumentException(firstInvalid(hex));
        }
        if ((upper & HIGH_BITS) != 0) {
            hex = hex.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The high bit of each byte of {@code word} that lies in [lo, hi], for bytes below 0x80 (adding to them
     * carries into no other byte; a word holding a byte from 0x80 up is invalid whatever this answers).
     */
    private static long inRange(long word, int lo, int hi) {
        final long atLeastLo = word + (0x80 - lo) * ONES;
        final long aboveHi = word + (0x7F - hi) * ONES;
        return atLeastLo & ~aboveHi & HIGH_BITS;
    }

    /** The message for the first character of {@code hex} that is not an ASCII hex digit. */
    private static String firstInvalid(String hex) {
        int i = 0;
        while (hex.charAt(i) < 128 && CLASS[hex.charAt(i)] != 0) {
            i++;
        }
        return "Invalid character '" + hex.charAt(i) + "' at position " + i;
    }

    /** Shorthand for {@code new ContentHash(hex)}. */
    public static ContentHash of(String hex) {
        return new ContentHash(hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
