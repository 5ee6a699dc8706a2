package io.experienceledger.journal;

import io.experienceledger.model.ChainId;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.internal.EnvelopeValidator;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.internal.QueryMatcher;
import java.util.zip.CRC32C;

/**
 * Encodes one entry ({@link EntryLayout}) into a reusable heap buffer ({@link EntryBuffer}), checksum included,
 * so that the journal copies a finished, size-checked entry into its document in one write. Encoding before the
 * document is opened means a failure never leaves a half-written document to roll back.
 *
 * <p>Not thread-safe: the store's writer is used under its append lock; a thread that finds the lock held encodes
 * its single entry with a writer of its own ({@link PendingAppends}). Allocation-free once the buffer has grown to
 * the largest entry seen.
 */
final class EntryWriter {
    private static final int INITIAL_CAPACITY = 4096;

    private final EntryBuffer staging = new EntryBuffer(INITIAL_CAPACITY);
    private final CRC32C crc = new CRC32C();
    private final long maxEntryBytes;

    EntryWriter(long maxEntryBytes) {
        this.maxEntryBytes = maxEntryBytes;
    }

    /** Encodes an engine envelope, alone or as a member of a batch. */
    EntryBuffer engine(ExperienceEventEnvelope envelope, Framing framing) {
        return engine(envelope, framing, null);
    }

    /** Encodes a user envelope, alone or as a member of a batch. */
    EntryBuffer user(UserExperienceEventEnvelope envelope, Framing framing) {
        return user(envelope, framing, null);
    }

    /** Encodes an engine or user envelope copied from another ledger, with its origin, as a member of a batch. */
    EntryBuffer mirrored(MirroredEntry entry) {
        return entry.record() instanceof ExperienceRecord.Engine engine
                ? engine(engine.value(), Framing.BATCH_MEMBER, entry.origin())
                : user(((ExperienceRecord.User) entry.record()).value(), Framing.BATCH_MEMBER, entry.origin());
    }

    private EntryBuffer engine(ExperienceEventEnvelope envelope, Framing framing, Origin origin) {
        final ExperienceEvent event = envelope.event();
        final ChainId chain = QueryMatcher.filterableChainId(event);
        final String trace = event instanceof ExperienceEvent.ReplayTraceRecorded recorded
                ? recorded.traceLinkId().value() : null;
        begin(EntryLayout.TYPE_ENGINE, EntryLayout.engineKindCode(event.kind()));
        header(envelope.eventId().value(), envelope.occurredAt(), envelope.tenantId(), envelope.correlationId(),
                chain == null ? null : chain.value(), trace, framing);
        origin(origin);
        PayloadCodec.writeEvent(staging, event);
        return finish();
    }

    private EntryBuffer user(UserExperienceEventEnvelope envelope, Framing framing, Origin origin) {
        begin(EntryLayout.TYPE_USER, EntryLayout.USER_KIND_BASE + UserEventKind.of(envelope.event()).code());
        header(envelope.eventId().value(), envelope.occurredAt(), envelope.tenantId(), envelope.correlationId(),
                null, null, framing);
        origin(origin);
        PayloadCodec.writeUserEvent(staging, envelope.event());
        return finish();
    }

    /** Encodes a batch marker whose payload is one number (announced count, or the begin index). */
    EntryBuffer marker(int type, long value) {
        begin(type, 0);
        markerHeader();
        staging.writeStopBit(value);
        return finish();
    }

    /** Encodes a batch commit marker for the batch begun at {@code begin} that carries {@code note}. */
    EntryBuffer commit(long begin, byte[] note) {
        begin(EntryLayout.TYPE_BATCH_COMMIT, 0);
        markerHeader();
        staging.writeStopBit(begin);
        staging.writeStopBit(note.length);
        staging.write(note, 0, note.length);
        return finish();
    }

    /** Writes the origin after the header's strings and sets its flag; nothing for an entry of this ledger. */
    private void origin(Origin origin) {
        if (origin == null) {
            return;
        }
        final byte[] flags = staging.array();
        flags[EntryLayout.FLAGS_OFFSET] |= EntryLayout.FLAG_ORIGIN;
        final byte[] id = Origin.idBytes(origin.ledgerId());
        staging.write(id, 0, id.length);
        staging.writeStopBit(origin.position());
    }

    /** The fixed part: format, type and kind, a CRC placeholder. */
    private void begin(int type, int kindCode) {
        staging.clear();
        staging.writeLong(EntryLayout.fixedPart(type, kindCode));
    }

    /** A batch marker's header: no tenant, correlation, chain or trace, and empty id and timestamp. */
    private void markerHeader() {
        staging.writeByte(EntryLayout.flags(false, false, false, false, Framing.ALONE));
        Utf8.write(staging, "");
        Utf8.write(staging, "");
    }

    /**
     * Writes an envelope's header flags and strings, checking the four members converge validates (spec 10.2) as they are
     * copied: an envelope whose members may break a rule is checked again by {@link EnvelopeValidator}, and its
     * first violation refused before anything reaches the journal.
     *
     * @throws ExperienceStoreException {@code INVALID_QUERY} for an envelope that fails validation
     */
    private void header(String eventId, String occurredAt, TenantId tenant, CorrelationId correlation,
                        String chain, String trace, Framing framing) {
        staging.writeByte(EntryLayout.flags(tenant != null, correlation != null, chain != null, trace != null, framing));
        boolean valid = Utf8.writeIdentifier(staging, eventId);
        final int timestamp = staging.position();
        Utf8.write(staging, occurredAt);
        // a one-byte length, then at least one and at most 64 bytes of text
        final int timestampBytes = staging.position() - timestamp - 1;
        valid &= timestampBytes > 0 && timestampBytes <= EnvelopeValidator.MAX_OCCURRED_AT_BYTES;
        if (tenant != null) {
            valid &= Utf8.writeIdentifier(staging, tenant.value());
        }
        if (correlation != null) {
            valid &= Utf8.writeIdentifier(staging, correlation.value());
        }
        if (!valid) {
            final String violation = EnvelopeValidator.violationOf(eventId, occurredAt,
                    tenant == null ? null : tenant.value(), correlation == null ? null : correlation.value());
            if (violation != null) {
                throw ExperienceStoreException.invalidQuery(violation);
            }
        }
        if (chain != null) {
            Utf8.write(staging, chain);
        }
        if (trace != null) {
            Utf8.write(staging, trace);
        }
    }

    private EntryBuffer finish() {
        final int length = staging.position();
        if (length > maxEntryBytes) {
            throw ExperienceStoreException.invalidQuery("the envelope encodes to " + length
                    + " bytes, more than the maximum entry size of " + maxEntryBytes + " bytes");
        }
        staging.writeInt(EntryLayout.CRC_OFFSET, checksum(staging.array(), length));
        return staging;
    }

    /** CRC32C of bytes [0, 4) and [8, length) of {@code entry}. */
    private int checksum(byte[] entry, int length) {
        crc.reset();
        crc.update(entry, 0, EntryLayout.CRC_OFFSET);
        crc.update(entry, EntryLayout.FLAGS_OFFSET, length - EntryLayout.FLAGS_OFFSET);
        return (int) crc.getValue();
    }
}
