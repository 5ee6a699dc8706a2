package io.experienceledger.kafka;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.json.JsonOutput;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Encodes an entry's part of its Kafka record (docs/scale-out.md): the value, its canonical converge JSON as
 * {@code ledger export} prints it; the key, its tenant id; the kind header. Not thread-safe: one encoder serves
 * the one thread that reads ahead ({@link ReadAhead}).
 */
final class EntryEncoder {
    /** The kind header of each engine kind, by ordinal: made once, not per record (a header is immutable). */
    private static final RecordHeader[] ENGINE_KINDS = engineKinds();

    /** The kind header of each user event class, made on first use. */
    private final Map<Class<?>, RecordHeader> userKinds = new HashMap<>();
    /** Reused for each value's JSON. */
    private final JsonOutput json = new JsonOutput();
    /**
     * The last tenant and its key bytes, given to every record of that tenant in a row (the producer copies a key
     * into its batch when it is sent, and nothing writes to it).
     */
    private String lastTenant;
    private byte[] lastKey;

    /** {@code record}, at {@code journalIndex} in {@code batch} (-1: none), encoded. */
    EncodedEntry encode(long journalIndex, long batch, ExperienceRecord record) {
        json.reset();
        ConvergeJson.writeAnyEnvelope(json, record);
        final RecordHeader kind = record instanceof ExperienceRecord.Engine engine
                ? ENGINE_KINDS[engine.value().event().kind().ordinal()]
                : userKind(((ExperienceRecord.User) record).value().event().getClass());
        return new EncodedEntry(journalIndex, batch, key(record.tenantId()), json.toByteArray(), kind,
                record.eventId().value());
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
        return userKinds.computeIfAbsent(event, type -> new RecordHeader(ShipRecords.KIND,
                type.getSimpleName().getBytes(StandardCharsets.US_ASCII)));
    }

    private static RecordHeader[] engineKinds() {
        final ExperienceEventKind[] kinds = ExperienceEventKind.values();
        final RecordHeader[] names = new RecordHeader[kinds.length];
        for (ExperienceEventKind kind : kinds) {
            names[kind.ordinal()] = new RecordHeader(ShipRecords.KIND, kind.name().getBytes(StandardCharsets.US_ASCII));
        }
        return names;
    }
}
