package io.experienceledger.journal;

import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventId;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.UserExperienceEventEnvelope;
import net.openhft.chronicle.bytes.Bytes;

/** Turns a journal entry (its parsed header and its bytes) back into the envelope that was appended. */
final class EntryDecoder {
    private EntryDecoder() {
    }

    /** The engine envelope of an engine entry. */
    static ExperienceEventEnvelope engine(EntryHeader header, Bytes<?> bytes) {
        return new ExperienceEventEnvelope(new EventId(header.eventId().toString()), header.occurredAt().toString(),
                tenant(header), correlation(header), PayloadCodec.readEvent(payload(header, bytes), header.engineKind()));
    }

    /** The user envelope of a user entry. */
    static UserExperienceEventEnvelope user(EntryHeader header, Bytes<?> bytes) {
        return new UserExperienceEventEnvelope(new EventId(header.eventId().toString()),
                header.occurredAt().toString(), tenant(header), correlation(header),
                PayloadCodec.readUserEvent(payload(header, bytes), header.userKind()));
    }

    /** The envelope of either side, as a record. */
    static ExperienceRecord record(EntryHeader header, Bytes<?> bytes) {
        return header.isEngine() ? new ExperienceRecord.Engine(engine(header, bytes))
                : new ExperienceRecord.User(user(header, bytes));
    }

    private static Bytes<?> payload(EntryHeader header, Bytes<?> bytes) {
        bytes.readLimit(header.end());
        bytes.readPosition(header.payloadStart());
        return bytes;
    }

    private static TenantId tenant(EntryHeader header) {
        final CharSequence tenant = header.tenant();
        return tenant == null ? null : new TenantId(tenant.toString());
    }

    private static CorrelationId correlation(EntryHeader header) {
        final CharSequence correlation = header.correlation();
        return correlation == null ? null : new CorrelationId(correlation.toString());
    }
}
