package io.experienceledger.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A 32-byte content hash, held as 64 lowercase hex digits (its converge wire form).
 * Uppercase input is accepted and normalised to lowercase.
 */
public record ContentHash(String hex) {
    /** The all-zero hash the reference uses as a stub value. */
    public static final ContentHash ZERO = new ContentHash("0".repeat(64));

    public ContentHash {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 64) {
            throw new IllegalArgumentException("content hash must be 64 hex digits, was " + hex.length() + " characters");
        }
        boolean upper = false;
        for (int i = 0; i < 64; i++) {
            final char c = hex.charAt(i);
            // the hex digits of ASCII: Character.digit(c, 16) also takes other scripts' digits, all above 'f'
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                throw new IllegalArgumentException("Invalid character '" + c + "' at position " + i);
            }
            upper |= c >= 'A' && c <= 'F';
        }
        if (upper) {
            hex = hex.toLowerCase(Locale.ROOT);
        }
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
