package io.experienceledger.journal;

import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventId;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.UserExperienceEventEnvelope;

/**
 * Turns a journal entry (its parsed header and its payload, {@link EntryInput}) back into the envelope that was
 * appended.
 */
final class EntryDecoder {
    private EntryDecoder() {
    }

    /** The engine envelope of an engine entry. */
    static ExperienceEventEnvelope engine(EntryHeader header, EntryInput payload) {
        return new ExperienceEventEnvelope(new EventId(payload.text(header.eventId())),
                payload.text(header.occurredAt()), tenant(header, payload), correlation(header, payload),
                PayloadCodec.readEvent(payload, header.engineKind()));
    }

    /** The user envelope of a user entry. */
    static UserExperienceEventEnvelope user(EntryHeader header, EntryInput payload) {
        return new UserExperienceEventEnvelope(new EventId(payload.text(header.eventId())),
                payload.text(header.occurredAt()), tenant(header, payload), correlation(header, payload),
                PayloadCodec.readUserEvent(payload, header.userKind()));
    }

    /** The envelope of either side, as a record. */
    static ExperienceRecord record(EntryHeader header, EntryInput payload) {
        return header.isEngine() ? new ExperienceRecord.Engine(engine(header, payload))
                : new ExperienceRecord.User(user(header, payload));
    }

    private static TenantId tenant(EntryHeader header, EntryInput payload) {
        final TextView tenant = header.tenant();
        return tenant == null ? null : payload.tenant(tenant);
    }

    private static CorrelationId correlation(EntryHeader header, EntryInput payload) {
        final TextView correlation = header.correlation();
        return correlation == null ? null : payload.correlation(correlation);
    }
}
