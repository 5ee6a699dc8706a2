package io.experienceledger.index;

import java.nio.ByteBuffer;

/**
 * Unsigned LEB128 varints: seven bits a byte, least significant group first, the high bit set on every byte
 * but the last. A 64-bit value takes 1 to 10 bytes.
 */
final class Varint {
    /** The most bytes one varint can take. */
    static final int MAX_LENGTH = 10;

    private Varint() {
    }

    /** Writes {@code value} at the buffer's position and advances it. */
    static void put(ByteBuffer buffer, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            buffer.put((byte) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        buffer.put((byte) rest);
    }
}
