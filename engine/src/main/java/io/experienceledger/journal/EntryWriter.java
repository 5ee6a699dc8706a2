package io.experienceledger.journal;

import io.experienceledger.model.ChainId;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.QueryMatcher;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Encodes one entry ({@link EntryLayout}) into a reusable off-heap staging buffer, checksum included, so that
 * the journal copies a finished, size-checked entry into its document in one write. Encoding before the document
 * is opened means a failure never leaves a half-written document to roll back.
 *
 * <p>Not thread-safe: the store uses one writer under its append lock. Allocation-free once the buffer has grown
 * to the largest entry seen.
 */
final class EntryWriter implements AutoCloseable {
    private static final int INITIAL_CAPACITY = 4096;

    private final Bytes<ByteBuffer> staging = Bytes.elasticByteBuffer(INITIAL_CAPACITY);
    private final CRC32C crc = new CRC32C();
    private final long maxEntryBytes;

    EntryWriter(long maxEntryBytes) {
        this.maxEntryBytes = maxEntryBytes;
        staging.singleThreadedCheckDisabled(true);
    }

    /** Encodes an engine envelope; {@code inBatch} marks a member of a batch. */
    Bytes<ByteBuffer> engine(ExperienceEventEnvelope envelope, boolean inBatch) {
        final ExperienceEvent event = envelope.event();
        final ChainId chain = QueryMatcher.filterableChainId(event);
        final String trace = event instanceof ExperienceEvent.ReplayTraceRecorded recorded
                ? recorded.traceLinkId().value() : null;
        begin(EntryLayout.TYPE_ENGINE, EntryLayout.engineKindCode(event.kind()));
        header(envelope.eventId().value(), envelope.occurredAt(), envelope.tenantId(), envelope.correlationId(),
                chain == null ? null : chain.value(), trace, inBatch);
        PayloadCodec.writeEvent(staging, event);
        return finish();
    }

    /** Encodes a user envelope; {@code inBatch} marks a member of a batch. */
    Bytes<ByteBuffer> user(UserExperienceEventEnvelope envelope, boolean inBatch) {
        begin(EntryLayout.TYPE_USER, EntryLayout.USER_KIND_BASE + UserEventKind.of(envelope.event()).code());
        header(envelope.eventId().value(), envelope.occurredAt(), envelope.tenantId(), envelope.correlationId(),
                null, null, inBatch);
        PayloadCodec.writeUserEvent(staging, envelope.event());
        return finish();
    }

    /** Encodes a batch marker whose payload is one number (announced count, or the begin index). */
    Bytes<ByteBuffer> marker(int type, long value) {
        begin(type, 0);
        header("", "", null, null, null, null, false);
        staging.writeStopBit(value);
        return finish();
    }

    private void begin(int type, int kindCode) {
        staging.clear();
        staging.writeByte((byte) EntryLayout.FORMAT_MAJOR);
        staging.writeByte((byte) EntryLayout.FORMAT_MINOR);
        staging.writeByte((byte) type);
        staging.writeByte((byte) kindCode);
        staging.writeInt(0);
    }

    private void header(String eventId, String occurredAt, TenantId tenant, CorrelationId correlation,
                        String chain, String trace, boolean inBatch) {
        final int flags = (tenant != null ? EntryLayout.FLAG_TENANT : 0)
                | (correlation != null ? EntryLayout.FLAG_CORRELATION : 0)
                | (chain != null ? EntryLayout.FLAG_CHAIN : 0)
                | (trace != null ? EntryLayout.FLAG_TRACE : 0)
                | (inBatch ? EntryLayout.FLAG_BATCH : 0);
        staging.writeByte((byte) flags);
        Utf8.write(staging, eventId);
        Utf8.write(staging, occurredAt);
        if (tenant != null) {
            Utf8.write(staging, tenant.value());
        }
        if (correlation != null) {
            Utf8.write(staging, correlation.value());
        }
        if (chain != null) {
            Utf8.write(staging, chain);
        }
        if (trace != null) {
            Utf8.write(staging, trace);
        }
    }

    private Bytes<ByteBuffer> finish() {
        final long length = staging.writePosition();
        if (length > maxEntryBytes) {
            throw ExperienceStoreException.invalidQuery("the envelope encodes to " + length
                    + " bytes, more than the maximum entry size of " + maxEntryBytes + " bytes");
        }
        staging.writeInt(EntryLayout.CRC_OFFSET, checksum(staging.underlyingObject(), (int) length));
        return staging;
    }

    /** CRC32C of bytes [0, 4) and [8, length) of {@code buffer}. */
    int checksum(ByteBuffer buffer, int length) {
        crc.reset();
        buffer.clear();
        buffer.limit(EntryLayout.CRC_OFFSET);
        crc.update(buffer);
        buffer.limit(length).position(EntryLayout.FLAGS_OFFSET);
        crc.update(buffer);
        buffer.clear();
        return (int) crc.getValue();
    }

    @Override
    public void close() {
        staging.releaseLast();
    }
}
