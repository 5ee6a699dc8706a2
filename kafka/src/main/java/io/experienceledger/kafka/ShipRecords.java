package io.experienceledger.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The record format of a shipped entry (docs/scale-out.md): the value is the entry's canonical converge JSON, byte
 * for byte the line {@code ledger export} prints for it; the key is its tenant id (none without one), so that a
 * tenant's entries stay in order in one partition; the headers say which ledger it came from and where it stands.
 * {@link EntryEncoder} makes the value, key and kind of an entry; this puts them and the headers together.
 */
final class ShipRecords {
    /** The identity of the ledger the entry was appended to ({@code journal.id}), UTF-8. */
    static final String LEDGER_ID = "experience-ledger.id";
    /** The entry's position in its ledger: 0 for the first entry, one more for each next one; decimal UTF-8. */
    static final String POSITION = "experience-ledger.position";
    /**
     * The event's kind, e.g. {@code BudgetExceeded} or {@code UserApprovalGranted}: the name tells the side too
     * (the five user kinds, and only they, start with {@code User}).
     */
    static final String KIND = "experience-ledger.kind";
    /** For an entry of an atomic batch: the position of the batch's first entry; absent for an entry alone. */
    static final String BATCH = "experience-ledger.batch";
    /** On the last entry of an atomic batch only: how many entries the batch has, decimal UTF-8. */
    static final String BATCH_SIZE = "experience-ledger.batch-size";

    private final String topic;
    private final RecordHeader ledgerId;
    /**
     * The headers of the record being made, reused: a {@link ProducerRecord} copies the headers it is given, so
     * that the next {@link #record} clears them and starts again.
     */
    private final RecordHeaders headers = new RecordHeaders();

    ShipRecords(String topic, String ledgerId) {
        this.topic = topic;
        this.ledgerId = new RecordHeader(LEDGER_ID, ledgerId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The record of {@code entry} at {@code position}; {@code batchStart} is its batch's first position, or -1;
     * {@code batchSize} the batch's number of entries when this entry is its last, otherwise -1.
     */
    ProducerRecord<byte[], byte[]> record(EncodedEntry entry, long position, long batchStart, long batchSize) {
        // the last record's headers, which its ProducerRecord copied, are cleared first: also after a failure
        for (Iterator<Header> previous = headers.iterator(); previous.hasNext();) {
            previous.next();
            previous.remove();
        }
        headers.add(ledgerId);
        headers.add(new RecordHeader(POSITION, decimal(position)));
        headers.add(entry.kind());
        if (batchStart >= 0) {
            headers.add(new RecordHeader(BATCH, decimal(batchStart)));
        }
        if (batchSize >= 0) {
            headers.add(new RecordHeader(BATCH_SIZE, decimal(batchSize)));
        }
        return new ProducerRecord<>(topic, null, entry.key(), entry.value(), headers);
    }

    /** {@code value} (0 or more) as decimal ASCII digits. */
    static byte[] decimal(long value) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        final byte[] text = new byte[digits];
        long rest = value;
        for (int i = digits - 1; i >= 0; i--) {
            text[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return text;
    }
}
