package io.experienceledger.index.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The staging buffers a {@link SegmentWriter} fills before each write to its file, kept by the index for every
 * segment it writes (flushes and merges run one at a time), so that writing a segment allocates no buffer. Made
 * at the first segment written: an index that never writes one never holds them.
 */
final class SegmentStaging {
    static final int DIRECTORY_BYTES = 64 << 10;
    static final int BLOB_BYTES = 256 << 10;

    private ByteBuffer directory;
    private ByteBuffer blob;

    /** The directory's staging buffer, empty, little-endian. */
    ByteBuffer directory() {
        if (directory == null) {
            directory = ByteBuffer.allocate(DIRECTORY_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        }
        return directory.clear();
    }

    /** The postings' and locations' staging buffer, empty. */
    ByteBuffer blob() {
        if (blob == null) {
            blob = ByteBuffer.allocate(BLOB_BYTES);
        }
        return blob.clear();
    }
}
