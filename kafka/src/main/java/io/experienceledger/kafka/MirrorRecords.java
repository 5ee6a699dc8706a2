package io.experienceledger.kafka;

import io.experienceledger.journal.MirroredEntry;
import io.experienceledger.journal.Origin;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.store.ExperienceStoreException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads a shipped record ({@link ShipRecords}, docs/scale-out.md) back: its value as a converge envelope, its
 * origin from the ledger-id and position headers, and the atomic batch it belongs to. Anything else is an invalid
 * record, with the reason.
 */
final class MirrorRecords {
    /** The last ledger id header read and its text, the same string for every record of that ledger in a row. */
    private byte[] lastIdBytes;
    private String lastId;

    /**
     * A record read back: either an entry (with its source batch, when it has one) or the reason it is invalid.
     *
     * @param entry      the envelope and its origin; null when invalid
     * @param batchStart the position of the first entry of its source batch, -1 for an entry shipped alone
     * @param batchSize  on the last entry of a source batch, the batch's size; otherwise -1
     * @param invalid    why the record is not a shipped entry; null when it is
     */
    record Decoded(MirroredEntry entry, long batchStart, long batchSize, String invalid) {
        static Decoded invalid(String reason) {
            return new Decoded(null, -1, -1, reason);
        }
    }

    Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        byte[] ledgerIdBytes = null;
        byte[] positionBytes = null;
        byte[] batchBytes = null;
        byte[] batchSizeBytes = null;
        for (Header header : record.headers()) {
            // the last header of each name counts, as with lastHeader; one pass decodes each key once, and equals
            // (the names differ in length) spares hashing every decoded key as a switch on strings would
            final String key = header.key();
            if (key.equals(ShipRecords.LEDGER_ID)) {
                ledgerIdBytes = header.value();
            } else if (key.equals(ShipRecords.POSITION)) {
                positionBytes = header.value();
            } else if (key.equals(ShipRecords.BATCH)) {
                batchBytes = header.value();
            } else if (key.equals(ShipRecords.BATCH_SIZE)) {
                batchSizeBytes = header.value();
            }
        }
        if (ledgerIdBytes == null) {
            return Decoded.invalid("it has no " + ShipRecords.LEDGER_ID + " header: it was not shipped by a ledger");
        }
        final long position = number(positionBytes);
        final long batchStart = number(batchBytes);
        final long batchSize = number(batchSizeBytes);
        if (position == MISSING || position == MALFORMED) {
            return Decoded.invalid("its " + ShipRecords.POSITION + " header is "
                    + (position == MISSING ? "missing" : "not a decimal number"));
        }
        if (batchStart == MALFORMED || batchSize == MALFORMED || batchSize == 0 || batchStart > position
                || batchSize > 0 && batchStart == MISSING) {
            return Decoded.invalid("its batch headers (" + ShipRecords.BATCH + ", " + ShipRecords.BATCH_SIZE
                    + ") do not describe a batch that holds position " + position);
        }
        final String ledgerId = ledgerId(ledgerIdBytes);
        final Origin origin;
        try {
            origin = new Origin(ledgerId, position);
        } catch (ExperienceStoreException e) {
            return Decoded.invalid("its " + ShipRecords.LEDGER_ID + " header '" + ledgerId
                    + "' is not a ledger id of 32 lowercase hex digits");
        }
        if (record.value() == null) {
            return Decoded.invalid("it has no value");
        }
        final String text = SkippedRecords.utf8(record.value());
        if (text == null) {
            return Decoded.invalid("its value is not UTF-8 text");
        }
        final MirroredEntry entry;
        try {
            entry = new MirroredEntry(ConvergeJson.readAnyEnvelope(text), origin);
        } catch (IllegalArgumentException | ExperienceStoreException e) {
            return Decoded.invalid("its value is not a valid converge envelope: " + e.getMessage());
        }
        return new Decoded(entry, batchStart == MISSING ? -1 : batchStart, batchSize == MISSING ? -1 : batchSize,
                null);
    }

    private String ledgerId(byte[] bytes) {
        if (!Arrays.equals(bytes, lastIdBytes)) {
            lastIdBytes = bytes;
            lastId = new String(bytes, StandardCharsets.UTF_8);
        }
        return lastId;
    }

    private static final long MISSING = -1;
    private static final long MALFORMED = -2;
    /** The most digits a header number may have: 18 always fit in a long. */
    private static final int MAX_DIGITS = 18;

    /** A header's decimal value (ASCII digits only), {@link #MISSING} (no header or no value) or {@link #MALFORMED}. */
    static long number(byte[] digits) {
        if (digits == null) {
            return MISSING;
        }
        if (digits.length == 0 || digits.length > MAX_DIGITS) {
            return MALFORMED;
        }
        long value = 0;
        for (byte digit : digits) {
            if (digit < '0' || digit > '9') {
                return MALFORMED;
            }
            value = value * 10 + digit - '0';
        }
        return value;
    }
}
