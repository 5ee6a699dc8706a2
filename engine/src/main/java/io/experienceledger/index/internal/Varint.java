package io.experienceledger.index.internal;

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

    /** The varint at absolute {@code offset} of {@code buffer}. */
    static long get(ByteBuffer buffer, int offset) {
        int at = offset;
        long value = 0;
        int shift = 0;
        byte b;
        do {
            b = buffer.get(at++);
            value |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0 && shift < 64);
        return value;
    }

    /** The offset just after the varint at absolute {@code offset} of {@code buffer}. */
    static int skip(ByteBuffer buffer, int offset) {
        int at = offset;
        for (int i = 0; i < MAX_LENGTH && buffer.get(at++) < 0; i++) {
            // continuation bit set: the varint goes on
        }
        return at;
    }

    /** Maps a signed value to an unsigned one small in magnitude: 0, -1, 1, -2, … become 0, 1, 2, 3, … */
    static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    /** The inverse of {@link #zigzag}. */
    static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }
}
