package io.experienceledger.journal;

import java.nio.ByteBuffer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * The journal's off-heap copy of an encoded entry, made just before Chronicle copies it into its mapped file:
 * Chronicle copies off-heap bytes with one native copy, but heap bytes eight at a time through unsafe accesses it
 * cannot optimise; this copy and the native one cost less. One per journal, used under the append lock, so that
 * entries encoded on the heap by any thread need no off-heap memory of their own.
 */
final class DirectStaging implements AutoCloseable {
    private ByteBuffer direct;
    private BytesStore<?, ByteBuffer> offHeap;
    /** The reader over {@link #offHeap} that {@link #copyOf} hands out, positioned on the entry; reused. */
    private Bytes<ByteBuffer> reader;

    /**
     * {@code entry}'s bytes, [0, position), in off-heap memory, as a reader whose readable bytes are exactly the
     * entry's; valid until the next call.
     */
    Bytes<?> copyOf(EntryBuffer entry) {
        final int length = entry.position();
        if (offHeap == null || direct.capacity() < length) {
            release();
            direct = ByteBuffer.allocateDirect(Math.max(length, entry.array().length));
            offHeap = BytesStore.wrap(direct);
            reader = offHeap.bytesForRead();
            reader.singleThreadedCheckDisabled(true); // used by whichever thread holds the append lock
        }
        direct.put(0, entry.array(), 0, length);
        reader.readPositionRemaining(0, length);
        return reader;
    }

    /** Frees the off-heap memory; the staging stays usable. */
    @Override
    public void close() {
        release();
    }

    /** The reader holds a reference to the memory, so it goes first. */
    private void release() {
        if (offHeap != null) {
            reader.releaseLast();
            reader = null;
            offHeap.releaseLast();
            offHeap = null;
            direct = null;
        }
    }
}
