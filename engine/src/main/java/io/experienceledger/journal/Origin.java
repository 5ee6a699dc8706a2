package io.experienceledger.journal;

import io.experienceledger.store.ExperienceStoreException;
import java.util.Objects;

/**
 * Where a mirrored entry came from: the identity of the ledger it was first appended to ({@code journal.id}, 32
 * lowercase hex digits, as {@link ChronicleExperienceStore#ledgerId()} prints it) and its position there (0 for
 * that ledger's first entry, one more for each next one). Kept in the entry's header, never in its envelope.
 *
 * @param ledgerId 32 lowercase hex digits
 * @param position 0 or more
 */
public record Origin(String ledgerId, long position) {
    /** The number of hex digits of a ledger id. */
    static final int ID_DIGITS = EntryLayout.ORIGIN_ID_BYTES * 2;

    /**
     * Checks both parts.
     *
     * @throws ExperienceStoreException {@code INVALID_QUERY} when the id is not 32 lowercase hex digits or the
     *                                  position is negative
     */
    public Origin {
        requireLedgerId(ledgerId);
        if (position < 0) {
            throw ExperienceStoreException.invalidQuery("origin position must not be negative, got " + position);
        }
    }

    /**
     * Checks that {@code ledgerId} is a ledger identity: 32 lowercase hex digits.
     *
     * @return the id
     * @throws ExperienceStoreException {@code INVALID_QUERY} otherwise
     */
    public static String requireLedgerId(String ledgerId) {
        Objects.requireNonNull(ledgerId, "ledgerId");
        boolean hex = ledgerId.length() == Origin.ID_DIGITS;
        for (int i = 0; hex && i < ledgerId.length(); i++) {
            final char c = ledgerId.charAt(i);
            hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
        }
        if (!hex) {
            throw ExperienceStoreException.invalidQuery("a ledger id is 32 lowercase hex digits (journal.id of "
                    + "ledger.properties), got '" + ledgerId + "'");
        }
        return ledgerId;
    }

    /** The ledger id of the 128-bit identity {@code high}, {@code low}: 32 lowercase hex digits. */
    static String ledgerId(long high, long low) {
        return String.format("%016x%016x", high, low);
    }

    /** The 16 bytes of {@code ledgerId} (already checked), most significant first. */
    static byte[] idBytes(String ledgerId) {
        final byte[] bytes = new byte[EntryLayout.ORIGIN_ID_BYTES];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (Character.digit(ledgerId.charAt(2 * i), 16) << 4
                    | Character.digit(ledgerId.charAt(2 * i + 1), 16));
        }
        return bytes;
    }
}
