package io.experienceledger.index.internal;

import java.nio.ByteBuffer;

/**
 * Decodes one key's postings from a segment: {@code count} varints, each the gap to the previous position,
 * the first one the gap from the segment's first position. Reusable; allocates nothing.
 */
final class PostingsDecoder {
    private ByteBuffer buffer;
    private int offset;
    private int remaining;
    private long previous;

    /** Starts decoding {@code count} postings at absolute {@code offset}, relative to {@code base}. */
    void wrap(ByteBuffer buffer, int offset, int count, long base) {
        this.buffer = buffer;
        this.offset = offset;
        this.remaining = count;
        this.previous = base;
    }

    /** True while postings are left. */
    boolean hasNext() {
        return remaining > 0;
    }

    /** How many postings are left. */
    int remaining() {
        return remaining;
    }

    /** The next position; only call while {@link #hasNext()}. */
    long next() {
        int index = offset;
        long gap = 0;
        int shift = 0;
        byte b;
        do {
            b = buffer.get(index++);
            gap |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0 && shift < 64);
        offset = index;
        remaining--;
        previous += gap;
        return previous;
    }

    /** Forgets the buffer, so that an unmapped segment is never touched through this decoder. */
    void clear() {
        buffer = null;
        remaining = 0;
    }
}
