package io.experienceledger.journal;

import io.experienceledger.model.ExperienceEventKind;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * A reusable, allocation-free view of the header of one journal entry ({@link EntryLayout}): what queries need to
 * decide whether an entry matches, without decoding its payload. Wrap it over an entry's bytes, check
 * {@link #problem()} (null when the header is well formed), then read the fields.
 */
final class EntryHeader {
    private final TextView eventId = new TextView();
    private final TextView occurredAt = new TextView();
    private final TextView tenant = new TextView();
    private final TextView correlation = new TextView();
    private final TextView chain = new TextView();
    private final TextView traceLinkId = new TextView();

    private BytesStore<?, ?> bytes;
    /**
     * The memory address of the entry's first byte when it is read straight from memory ({@link #wrapDocument}),
     * else 0: plain memory reads, each kept inside [start, end) here, instead of store reads that check their
     * offset (a dozen an entry, a large part of a header-only scan).
     */
    private long address;
    private long start;
    private long end;
    private int type;
    private int kindCode;
    private int flags;
    private long originStart;
    private long originPosition;
    private long payloadStart;
    private String problem;
    /** False while the strings after the tenant are not parsed yet ({@link #wrapDocumentThroughTenant}). */
    private boolean complete;
    /** Where the strings after the tenant start, while the header is not {@link #complete}. */
    private long restAt;

    /**
     * Parses the header of the document {@code bytes} holds from its read position to its read limit. When the
     * mapped chunk at hand holds all of it (chunks overlap by more than the largest entry, so it nearly always
     * does), the header is read straight from the chunk's memory; its reads through the journal's {@code Bytes}
     * would each check which chunk they fall in.
     */
    EntryHeader wrapDocument(Bytes<?> bytes) {
        return wrapDocument(bytes, false);
    }

    /**
     * As {@link #wrapDocument(Bytes)}, but parses the header's strings only up to the tenant: enough to drop the
     * entry of another tenant. {@link #completeParse()} parses the rest (the accessors of what follows the tenant
     * do so themselves); until then {@link #problem()} covers only the fixed part and the first strings.
     */
    EntryHeader wrapDocumentThroughTenant(Bytes<?> bytes) {
        return wrapDocument(bytes, true);
    }

    private EntryHeader wrapDocument(Bytes<?> bytes, boolean throughTenant) {
        final long from = bytes.readPosition();
        final long to = bytes.readLimit();
        final BytesStore<?, ?> chunk = bytes.bytesStore();
        if (chunk != null && chunk.isDirectMemory() && to > from && chunk.inside(from, to - from)) {
            return wrap(chunk, from, to, chunk.addressForRead(from), throughTenant);
        }
        return wrap(bytes, from, to, 0, throughTenant);
    }

    /**
     * Parses the header of the document a {@link DocumentWalk} is on: straight from its chunk's memory when the chunk
     * holds all of it, else through the file's bytes; through the tenant only when {@code throughTenant}.
     */
    EntryHeader wrapWalked(DocumentWalk walk, boolean throughTenant) {
        if (walk.inChunk()) {
            return wrap(walk.chunk(), walk.start(), walk.end(), walk.address(), throughTenant);
        }
        return wrapDocument(walk.documentBytes(), throughTenant);
    }

    /** Parses the header of the entry occupying absolute offsets [start, end) of {@code bytes}. */
    EntryHeader wrap(BytesStore<?, ?> bytes, long start, long end) {
        return wrap(bytes, start, end, 0, false);
    }

    /**
     * As {@link #wrap(BytesStore, long, long)}; {@code address} is the memory address of offset {@code start} when
     * {@code bytes} is one store of native memory holding all of [start, end), else 0.
     */
    private EntryHeader wrap(BytesStore<?, ?> bytes, long start, long end, long address, boolean throughTenant) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.problem = null;
        this.address = address;
        this.complete = true;
        if (end - start < EntryLayout.MIN_LENGTH) {
            return fail("entry of " + (end - start) + " bytes is shorter than the smallest header");
        }
        final int major = byteAt(start + EntryLayout.MAJOR_OFFSET);
        if (major != EntryLayout.FORMAT_MAJOR) {
            return fail("entry format " + major + " is not format " + EntryLayout.FORMAT_MAJOR
                    + (major > EntryLayout.FORMAT_MAJOR ? "; it was written by a newer Experience Ledger" : ""));
        }
        type = byteAt(start + EntryLayout.TYPE_OFFSET);
        kindCode = byteAt(start + EntryLayout.KIND_OFFSET);
        flags = byteAt(start + EntryLayout.FLAGS_OFFSET);
        if (type < EntryLayout.TYPE_ENGINE || type > EntryLayout.TYPE_BATCH_ABORT) {
            return fail("unknown entry type " + type);
        }
        if (type == EntryLayout.TYPE_ENGINE && EntryLayout.engineKind(kindCode) == null
                || type == EntryLayout.TYPE_USER && UserEventKind.ofCode(kindCode - EntryLayout.USER_KIND_BASE) == null) {
            return fail("unknown kind code " + kindCode);
        }
        long at = start + EntryLayout.STRINGS_OFFSET;
        at = text(eventId, at);
        at = text(occurredAt, at);
        at = (flags & EntryLayout.FLAG_TENANT) != 0 ? text(tenant, at) : at;
        restAt = at;
        complete = false;
        return throughTenant ? this : completeParse();
    }

    /** Parses the header's strings after the tenant, and its origin, unless that is done already. */
    EntryHeader completeParse() {
        if (complete) {
            return this;
        }
        complete = true;
        long at = restAt;
        at = (flags & EntryLayout.FLAG_CORRELATION) != 0 ? text(correlation, at) : at;
        at = (flags & EntryLayout.FLAG_CHAIN) != 0 ? text(chain, at) : at;
        at = (flags & EntryLayout.FLAG_TRACE) != 0 ? text(traceLinkId, at) : at;
        at = (flags & EntryLayout.FLAG_ORIGIN) != 0 ? origin(at) : at;
        payloadStart = at;
        return this;
    }

    /** Parses an origin at {@code at}: 16 identity bytes, then the stop-bit position. */
    private long origin(long at) {
        if (problem != null) {
            return at;
        }
        originStart = at;
        long position = at + EntryLayout.ORIGIN_ID_BYTES;
        long value = 0;
        int shift = 0;
        while (true) {
            if (position >= end || shift > 56) {
                fail("origin at offset " + (at - start) + " runs past the entry");
                return end;
            }
            final int b = bytes.readUnsignedByte(position++);
            value |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                break;
            }
            shift += 7;
        }
        originPosition = value;
        return position;
    }

    private long text(TextView view, long at) {
        if (problem != null) {
            return at;
        }
        long length = 0;
        int shift = 0;
        long position = at;
        while (true) {
            if (position >= end || shift > 28) {
                fail("header string at offset " + (at - start) + " runs past the entry");
                return end;
            }
            final int b = byteAt(position++);
            length |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                break;
            }
            shift += 7;
        }
        if (length > end - position) {
            fail("header string at offset " + (at - start) + " runs past the entry");
            return end;
        }
        view.wrap(bytes, position, (int) length, address == 0 ? 0 : address + (position - start));
        return position + length;
    }

    /** The byte at absolute offset {@code at}, which the caller keeps inside [start, end). */
    private int byteAt(long at) {
        return address != 0 ? UnsafeMemory.MEMORY.readByte(address + (at - start)) & 0xFF : bytes.readUnsignedByte(at);
    }

    private EntryHeader fail(String message) {
        problem = message;
        return this;
    }

    /** Null when the header is well formed, otherwise what is wrong with it. */
    String problem() {
        return problem;
    }

    int type() {
        return type;
    }

    boolean isEngine() {
        return type == EntryLayout.TYPE_ENGINE;
    }

    boolean isUser() {
        return type == EntryLayout.TYPE_USER;
    }

    boolean isData() {
        return type == EntryLayout.TYPE_ENGINE || type == EntryLayout.TYPE_USER;
    }

    boolean inBatch() {
        return (flags & EntryLayout.FLAG_BATCH) != 0;
    }

    int kindCode() {
        return kindCode;
    }

    ExperienceEventKind engineKind() {
        return EntryLayout.engineKind(kindCode);
    }

    UserEventKind userKind() {
        return UserEventKind.ofCode(kindCode - EntryLayout.USER_KIND_BASE);
    }

    TextView eventId() {
        return eventId;
    }

    TextView occurredAt() {
        return occurredAt;
    }

    /** True when the entry has a tenant whose UTF-8 bytes are exactly {@code expected}. */
    boolean hasTenant(byte[] expected) {
        return (flags & EntryLayout.FLAG_TENANT) != 0 && tenant.bytesEqual(expected);
    }

    /** The tenant, or null when absent. */
    TextView tenant() {
        return (flags & EntryLayout.FLAG_TENANT) != 0 ? tenant : null;
    }

    /** The correlation id, or null when absent. */
    TextView correlation() {
        completeParse();
        return (flags & EntryLayout.FLAG_CORRELATION) != 0 ? correlation : null;
    }

    /** The chain id a chain filter compares with, or null. */
    CharSequence chain() {
        completeParse();
        return (flags & EntryLayout.FLAG_CHAIN) != 0 ? chain : null;
    }

    /** The trace link id of a ReplayTraceRecorded entry, or null. */
    CharSequence traceLinkId() {
        completeParse();
        return (flags & EntryLayout.FLAG_TRACE) != 0 ? traceLinkId : null;
    }

    /** True for an entry copied from another ledger. */
    boolean hasOrigin() {
        return (flags & EntryLayout.FLAG_ORIGIN) != 0;
    }

    /** True when the entry came from the ledger whose 16 identity bytes are {@code ledgerId}. */
    boolean hasOrigin(byte[] ledgerId) {
        completeParse();
        if (!hasOrigin()) {
            return false;
        }
        for (int i = 0; i < ledgerId.length; i++) {
            if (bytes.readByte(originStart + i) != ledgerId[i]) {
                return false;
            }
        }
        return true;
    }

    /** The high 64 bits of the origin's ledger identity; only when {@link #hasOrigin()}. */
    long originIdHigh() {
        completeParse();
        return idWord(originStart);
    }

    /** The low 64 bits of the origin's ledger identity; only when {@link #hasOrigin()}. */
    long originIdLow() {
        completeParse();
        return idWord(originStart + Long.BYTES);
    }

    /** The entry's position in its origin ledger; only when {@link #hasOrigin()}. */
    long originPosition() {
        completeParse();
        return originPosition;
    }

    private long idWord(long at) {
        long word = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            word = word << Byte.SIZE | bytes.readUnsignedByte(at + i);
        }
        return word;
    }

    /** Absolute offset of the payload. */
    long payloadStart() {
        completeParse();
        return payloadStart;
    }

    /** Absolute offset of the entry's first byte. */
    long start() {
        return start;
    }

    long end() {
        return end;
    }

    /** The note a commit marker carries after its number, or null when it carries none (or it is cut short). */
    byte[] markerNote() {
        completeParse();
        long position = payloadStart;
        while (position < end && bytes.readUnsignedByte(position) >= 0x80) {
            position++;
        }
        position++;
        long length = 0;
        int shift = 0;
        while (position < end && shift < 35) {
            final int b = byteAt(position++);
            length |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                if (length > end - position) {
                    return null;
                }
                final byte[] note = new byte[(int) length];
                bytes.read(position, note, 0, note.length);
                return note;
            }
            shift += 7;
        }
        return null;
    }

    /** The number stored in a marker's payload. */
    long markerValue() {
        completeParse();
        long value = 0;
        int shift = 0;
        for (long position = payloadStart; position < end && shift < 64; position++, shift += 7) {
            final int b = bytes.readUnsignedByte(position);
            value |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                return value;
            }
        }
        return -1;
    }
}
