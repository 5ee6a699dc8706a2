package io.experienceledger.model;

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
        // without a branch per character: digits and letters come in no predictable order
        int invalid = 0;
        int upper = 0;
        for (int i = 0; i < 64; i++) {
            final char c = hex.charAt(i);
            final int kind = c < 128 ? CLASS[c] : 0;
            invalid |= kind - 1;
            upper |= kind;
        }
        if (invalid < 0) {
            throw new IllegalArgumentException(firstInvalid(hex));
        }
        if ((upper & 2) != 0) {
            hex = hex.toLowerCase(Locale.ROOT);
        }
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
