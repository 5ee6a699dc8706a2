package io.experienceledger.index.internal;

/**
 * Layout of {@code index/manifest}: which journal the index belongs to, how far its segments reach, and the
 * segments themselves in position order. Replaced as a whole (temp file, force, rename, directory fsync);
 * never edited in place. All integers are little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Magic "ELIXMAN1" (8 bytes)                   |
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |         Major version         |         Minor version         |
 *  +-------------------------------+-------------------------------+
 *  |                     Segment count (u32)                       |
 *  +---------------------------------------------------------------+
 *  |         Journal identity, high 64 bits (opaque, i64)          |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |         Journal identity, low 64 bits (opaque, i64)           |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |   Checkpoint: last journal position in a segment, -1 if none  |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |         Generation: 1 for the first manifest, then +1         |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |           Journal entries covered by all segments             |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Reserved (4 bytes, 0)                    |
 *  +---------------------------------------------------------------+
 *  |      CRC32C of bytes [0, 60) and [64, end of file) (u32)      |
 *  +---------------------------------------------------------------+  64
 *  |  Segment records, segment count of them, 48 bytes each,       |
 *  |  ascending and disjoint by position:                          |
 *  |    first position (i64), last position (i64),                 |
 *  |    entries (i64), file length (i64), key count (u32),         |
 *  |    segment checksum (u32), reserved (8 bytes, 0)              |
 *  ...                                                             ...
 *  +---------------------------------------------------------------+
 * </pre>
 * A segment's file name follows from its first and last positions
 * ({@link SegmentDescriptor#fileName(long, long)}). A reader that finds a major version above
 * {@link #MAJOR_VERSION} treats the index as unusable and the journal rebuilds it; a higher minor version
 * only adds meaning to reserved bytes and is read as usual.
 */
final class ManifestDescriptor {
    /** "ELIXMAN1" read as a little-endian long. */
    static final long MAGIC = SegmentDescriptor.magic("ELIXMAN1");
    static final short MAJOR_VERSION = 1;
    static final short MINOR_VERSION = 0;

    static final int MAGIC_OFFSET = 0;
    static final int MAJOR_VERSION_OFFSET = 8;
    static final int MINOR_VERSION_OFFSET = 10;
    static final int SEGMENT_COUNT_OFFSET = 12;
    static final int IDENTITY_HI_OFFSET = 16;
    static final int IDENTITY_LO_OFFSET = 24;
    static final int CHECKPOINT_OFFSET = 32;
    static final int GENERATION_OFFSET = 40;
    static final int ENTRY_COUNT_OFFSET = 48;
    static final int CHECKSUM_OFFSET = 60;
    static final int HEADER_LENGTH = 64;

    static final int RECORD_LENGTH = 48;
    static final int RECORD_FIRST_POSITION = 0;
    static final int RECORD_LAST_POSITION = 8;
    static final int RECORD_ENTRY_COUNT = 16;
    static final int RECORD_FILE_LENGTH = 24;
    static final int RECORD_KEY_COUNT = 32;
    static final int RECORD_CHECKSUM = 36;

    /** More segments than this means the file is not a manifest (the compaction keeps far fewer). */
    static final int MAX_SEGMENTS = 1 << 20;

    static final String FILE_NAME = "manifest";
    static final String LOCK_FILE_NAME = "index.lock";
    static final String TEMP_SUFFIX = ".tmp";

    private ManifestDescriptor() {
    }

    /** The offset of the record of segment {@code i}. */
    static int recordOffset(int i) {
        return HEADER_LENGTH + i * RECORD_LENGTH;
    }

    /** The length of a manifest listing {@code segmentCount} segments. */
    static int fileLength(int segmentCount) {
        return recordOffset(segmentCount);
    }
}
