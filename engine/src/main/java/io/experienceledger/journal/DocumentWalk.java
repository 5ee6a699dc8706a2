package io.experienceledger.journal;

import java.io.File;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.chronicle.wire.Wires;

/**
 * Reads the documents of one roll-cycle file of the journal in order, straight from its memory mapping: each
 * document is a 4-byte header word (length, metadata bit, not-complete bit; 4-byte aligned when the file pads)
 * followed by its bytes, and data documents are numbered in order within the file. This is what Chronicle's tailer
 * does for each document, without its per-document bookkeeping (which costs a header-only pass several times what
 * reading the headers does). The walk starts after a document a tailer read ({@link #resumeAfter}) and reports
 * where the file ends for now; crossing to the next file, and everything else a tailer knows about files, is left
 * to the tailer. Not thread-safe; close it when done.
 */
final class DocumentWalk implements AutoCloseable {
    /** {@link #next()}: a complete data document, now current. */
    static final int DATA = 0;
    /** {@link #next()}: nothing more in the file for now (the next header is not written or not complete). */
    static final int END = 1;
    /** {@link #next()}: the file's end-of-data marker; the journal goes on in the next file. */
    static final int END_OF_FILE = 2;

    private static final int HEADER_LENGTH = 4;

    private final CycleStores stores;
    private MappedBytes bytes;
    private boolean padded;
    private int cycle;
    /** The mapped chunk the walk reads and its bounds: a header may start in [chunkStart, chunkSafeLimit). */
    private BytesStore<?, ?> chunk;
    private long chunkStart;
    private long chunkSafeLimit;
    private long chunkLimit;
    private long chunkAddress;
    /** The file offset of the next document's header word. */
    private long position;
    /** The journal index the next data document has. */
    private long nextIndex;
    private long documentStart;
    private long documentEnd;
    private boolean active;

    DocumentWalk(CycleStores stores) {
        this.stores = stores;
    }

    /**
     * Continues after a document a tailer just read, which ends at file offset {@code documentEnd} and has journal
     * index {@code index}, in the file of roll cycle {@code cycle}; {@code padded} is whether the file aligns its
     * headers to 4 bytes.
     *
     * @return false when the file cannot be mapped for the walk (the tailer then reads on)
     */
    boolean resumeAfter(int cycle, long documentEnd, long index, boolean padded) {
        active = false;
        if (bytes == null || cycle != this.cycle) {
            releaseBytes();
            bytes = stores.lend(cycle);
            if (bytes == null) {
                return false;
            }
            this.cycle = cycle;
        }
        this.padded = padded;
        this.position = documentEnd;
        this.nextIndex = index + 1;
        this.active = true;
        return true;
    }

    /** Continues from where {@code other} is: after its current document, with bytes of its own. */
    boolean resumeAfter(DocumentWalk other) {
        return resumeAfter(other.cycle, other.position, other.nextIndex - 1, other.padded);
    }

    /** The roll cycle of the file being walked. */
    int cycle() {
        return cycle;
    }

    /** Whether the walk has a position to read on from. */
    boolean active() {
        return active;
    }

    /** Stops walking; the next read is the tailer's. */
    void deactivate() {
        active = false;
    }

    /**
     * Moves to the next data document, passing metadata documents.
     *
     * @return {@link #DATA}, {@link #END} or {@link #END_OF_FILE}
     */
    int next() {
        while (true) {
            if (padded) {
                position += -position & 3;
            }
            if (position < chunkStart || position >= chunkSafeLimit) {
                map(position);
            }
            final int word = UnsafeMemory.MEMORY.readVolatileInt(chunkAddress + (position - chunkStart));
            if (word == 0 || (word & Wires.NOT_COMPLETE) != 0) {
                return word == Wires.END_OF_DATA ? END_OF_FILE : END;
            }
            final long start = position + HEADER_LENGTH;
            final long end = start + Wires.lengthOf(word);
            position = end;
            if ((word & Wires.META_DATA) == 0) {
                if (start >= chunkSafeLimit) {
                    // the chunk any reader of the document maps (the one its first byte is safely inside), so that
                    // documentBytes() never moves to another chunk under views of this one
                    map(start);
                }
                documentStart = start;
                documentEnd = end;
                nextIndex++;
                return DATA;
            }
        }
    }

    /** Goes back before the current document, so that {@link #next()} reads it again. */
    void rollback() {
        position = documentStart - HEADER_LENGTH;
        nextIndex--;
    }

    /** The journal index of the current document. */
    long index() {
        return nextIndex - 1;
    }

    /** The journal index of the document after the current one. */
    long nextIndex() {
        return nextIndex;
    }

    /** The file offset of the current document's first byte. */
    long start() {
        return documentStart;
    }

    /** The file offset just past the current document. */
    long end() {
        return documentEnd;
    }

    /** Whether the chunk at hand holds all of the current document, so that {@link #chunk()} can read it. */
    boolean inChunk() {
        return documentEnd <= chunkLimit;
    }

    /** The mapped chunk holding the current document, when {@link #inChunk()}. */
    BytesStore<?, ?> chunk() {
        return chunk;
    }

    /** The memory address of the current document's first byte, when {@link #inChunk()}. */
    long address() {
        return chunkAddress + (documentStart - chunkStart);
    }

    /** Bytes holding the current document at its file offsets: the chunk when it holds all of it. */
    BytesStore<?, ?> documentStore() {
        return inChunk() ? chunk : documentBytes();
    }

    /**
     * The bytes of the file with the current document between read position and read limit, for decoding it. The
     * walk's chunk may change: read {@link #chunk()} and {@link #address()} again after this.
     */
    Bytes<?> documentBytes() {
        bytes.readPositionRemaining(documentStart, documentEnd - documentStart);
        adopt(bytes.bytesStore());
        return bytes;
    }

    /** The file being walked. */
    File file() {
        return bytes.mappedFile().file();
    }

    private void map(long at) {
        bytes.readPositionRemaining(at, HEADER_LENGTH);
        adopt(bytes.bytesStore());
    }

    private void adopt(BytesStore<?, ?> store) {
        if (store == chunk) {
            return;
        }
        chunk = store;
        chunkStart = store.start();
        chunkSafeLimit = store.safeLimit();
        chunkLimit = store.realCapacity();
        chunkAddress = store.addressForRead(chunkStart);
        stores.keepMapped(cycle, store);
    }

    private void releaseBytes() {
        if (bytes != null) {
            stores.giveBack(cycle, bytes, 0);
            bytes = null;
        }
        chunk = null;
        chunkStart = 0;
        chunkSafeLimit = 0;
        chunkLimit = 0;
    }

    @Override
    public void close() {
        active = false;
        releaseBytes();
    }
}
