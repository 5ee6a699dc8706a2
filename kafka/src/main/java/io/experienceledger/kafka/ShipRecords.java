package io.experienceledger.kafka;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.json.JsonOutput;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The record format of a shipped entry (docs/scale-out.md): the value is the entry's canonical converge JSON, byte
 * for byte the line {@code ledger export} prints for it; the key is its tenant id (none without one), so that a
 * tenant's entries stay in order in one partition; the headers say which ledger it came from and where it stands.
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

    /** The kind header of each engine kind, by ordinal: made once, not per record (a header is immutable). */
    private static final RecordHeader[] ENGINE_KINDS = engineKinds();

    private final String topic;
    private final RecordHeader ledgerId;
    /** The kind header of each user event class, made on first use. */
    private final Map<Class<?>, RecordHeader> userKinds = new HashMap<>();
    /**
     * The headers of the record being made, reused: a {@link ProducerRecord} copies the headers it is given, so
     * that the next {@link #record} clears them and starts again.
     */
    private final RecordHeaders headers = new RecordHeaders();
    /** Reused for each value's JSON. */
    private final JsonOutput json = new JsonOutput();
    /**
     * The last tenant and its key bytes, given to every record of that tenant in a row (the producer copies a key
     * into its batch when it is sent, and nothing writes to it).
     */
    private String lastTenant;
    private byte[] lastKey;

    ShipRecords(String topic, String ledgerId) {
        this.topic = topic;
        this.ledgerId = new RecordHeader(LEDGER_ID, ledgerId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The record of {@code entry} at {@code position}; {@code batchStart} is its batch's first position, or -1;
     * {@code batchSize} the batch's number of entries when this entry is its last, otherwise -1.
     */
    ProducerRecord<byte[], byte[]> record(ExperienceRecord entry, long position, long batchStart, long batchSize) {
        final byte[] key = key(entry.tenantId());
        json.reset();
        ConvergeJson.writeAnyEnvelope(json, entry);
        final byte[] value = json.toByteArray();
        // the last record's headers, which its ProducerRecord copied, are cleared first: also after a failure
        for (Iterator<Header> previous = headers.iterator(); previous.hasNext();) {
            previous.next();
            previous.remove();
        }
        headers.add(ledgerId);
        headers.add(new RecordHeader(POSITION, decimal(position)));
        headers.add(entry instanceof ExperienceRecord.Engine engine
                ? ENGINE_KINDS[engine.value().event().kind().ordinal()]
                : userKind(((ExperienceRecord.User) entry).value().event().getClass()));
        if (batchStart >= 0) {
            headers.add(new RecordHeader(BATCH, decimal(batchStart)));
        }
        if (batchSize >= 0) {
            headers.add(new RecordHeader(BATCH_SIZE, decimal(batchSize)));
        }
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    private byte[] key(TenantId tenant) {
        if (tenant == null) {
            return null;
        }
        if (!tenant.value().equals(lastTenant)) {
            lastTenant = tenant.value();
            lastKey = lastTenant.getBytes(StandardCharsets.UTF_8);
        }
        return lastKey;
    }

    private RecordHeader userKind(Class<?> event) {
        return userKinds.computeIfAbsent(event,
                type -> new RecordHeader(KIND, type.getSimpleName().getBytes(StandardCharsets.US_ASCII)));
    }

    private static RecordHeader[] engineKinds() {
        final ExperienceEventKind[] kinds = ExperienceEventKind.values();
        final RecordHeader[] names = new RecordHeader[kinds.length];
        for (ExperienceEventKind kind : kinds) {
            names[kind.ordinal()] = new RecordHeader(KIND, kind.name().getBytes(StandardCharsets.US_ASCII));
        }
        return names;
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
