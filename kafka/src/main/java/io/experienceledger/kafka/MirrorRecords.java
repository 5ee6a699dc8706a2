package io.experienceledger.kafka;

import io.experienceledger.journal.MirroredEntry;
import io.experienceledger.journal.Origin;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.internal.BatchValidator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads a shipped record ({@link ShipRecords}, docs/scale-out.md) back: its value as a converge envelope, its
 * origin from the ledger-id and position headers, and the atomic batch it belongs to. Anything else is an invalid
 * record, with the reason.
 */
final class MirrorRecords {
    private MirrorRecords() {
    }

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

    static Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        final String ledgerId = header(record, ShipRecords.LEDGER_ID);
        if (ledgerId == null) {
            return Decoded.invalid("it has no " + ShipRecords.LEDGER_ID + " header: it was not shipped by a ledger");
        }
        final long position = number(record, ShipRecords.POSITION);
        final long batchStart = number(record, ShipRecords.BATCH);
        final long batchSize = number(record, ShipRecords.BATCH_SIZE);
        if (position == MISSING || position == MALFORMED) {
            return Decoded.invalid("its " + ShipRecords.POSITION + " header is "
                    + (position == MISSING ? "missing" : "not a decimal number"));
        }
        if (batchStart == MALFORMED || batchSize == MALFORMED || batchSize == 0 || batchStart > position
                || batchSize > 0 && batchStart == MISSING) {
            return Decoded.invalid("its batch headers (" + ShipRecords.BATCH + ", " + ShipRecords.BATCH_SIZE
                    + ") do not describe a batch that holds position " + position);
        }
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
        final ExperienceRecord envelope;
        try {
            envelope = ConvergeJson.readAnyEnvelope(text);
            BatchValidator.validateMember(0, envelope);
        } catch (IllegalArgumentException | ExperienceStoreException e) {
            return Decoded.invalid("its value is not a valid converge envelope: "
                    + e.getMessage().replace("events[0]: ", ""));
        }
        return new Decoded(new MirroredEntry(envelope, origin), batchStart == MISSING ? -1 : batchStart,
                batchSize == MISSING ? -1 : batchSize, null);
    }

    private static final long MISSING = -1;
    private static final long MALFORMED = -2;

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        final Header header = record.headers().lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The header's decimal value, {@link #MISSING} or {@link #MALFORMED}. */
    private static long number(ConsumerRecord<byte[], byte[]> record, String key) {
        final String text = header(record, key);
        if (text == null) {
            return MISSING;
        }
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return MALFORMED;
        }
        return Long.parseLong(text);
    }
}
