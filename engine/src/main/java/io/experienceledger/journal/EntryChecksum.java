package io.experienceledger.journal;

import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Checks the CRC32C an entry carries ({@link EntryLayout}: over bytes [0, 4) and [8, end)) against its bytes, by
 * copying them into a reusable array, which the entry's payload is then decoded from ({@link #payload}). Not
 * thread-safe: one per reader.
 */
final class EntryChecksum {
    private final CRC32C crc = new CRC32C();
    private final EntryInput input = new EntryInput();
    private byte[] scratch = new byte[4096];

    /** True when the entry at [start, end) of {@code bytes} still has the checksum it was written with. */
    boolean matches(BytesStore<?, ?> bytes, long start, long end) {
        final int length = load(bytes, start, end);
        crc.reset();
        crc.update(scratch, 0, EntryLayout.CRC_OFFSET);
        crc.update(scratch, EntryLayout.FLAGS_OFFSET, length - EntryLayout.FLAGS_OFFSET);
        return (int) crc.getValue() == bytes.readInt(start + EntryLayout.CRC_OFFSET);
    }

    /** Copies the entry into the scratch array and returns its length. */
    int load(BytesStore<?, ?> bytes, long start, long end) {
        final int length = (int) (end - start);
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        bytes.read(start, scratch, 0, length);
        return length;
    }

    /**
     * The payload of the entry last passed to {@link #matches} or {@link #load}, whose parsed header is
     * {@code header}, read from the copy the check made.
     */
    EntryInput payload(EntryHeader header) {
        return input.wrapPayload(scratch, header);
    }

    /** The bytes of the entry last passed to {@link #matches} or {@link #load}. */
    byte[] scratch() {
        return scratch;
    }
}
