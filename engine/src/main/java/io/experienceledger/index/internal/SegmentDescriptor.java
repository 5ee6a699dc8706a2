package io.experienceledger.index.internal;

/**
 * Layout of a postings segment file, {@code index/seg-<first position hex>-<last position hex>.idx}: the
 * postings of every journal entry from {@code first position} to {@code last position}, immutable once
 * renamed into place. All integers are little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Magic "ELIXSEG1" (8 bytes)                   |
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |         Major version         |         Minor version         |
 *  +-------------------------------+-------------------------------+
 *  |                 Located entries (u32; 1.1)                    |
 *  +---------------------------------------------------------------+
 *  |                   First journal position (i64)                |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Last journal position (i64)                 |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                Journal entries covered (i64)                  |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                       Key count (u32)                         |
 *  +---------------------------------------------------------------+
 *  |                      Reserved (4 bytes, 0)                    |
 *  +---------------------------------------------------------------+
 *  |                 Postings blob length (i64)                    |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |             Location data length (u32; 1.1)                   |
 *  +---------------------------------------------------------------+
 *  |      CRC32C of bytes [0, 60) and [64, end of file) (u32)      |
 *  +---------------------------------------------------------------+  64
 *  |  Key directory: key count entries of 16 bytes, sorted by key  |
 *  |  hash as an unsigned 64-bit number:                           |
 *  |    key hash (u64), postings offset in blob (u32),             |
 *  |    postings count (u32)                                       |
 *  ...                                                             ...
 *  +---------------------------------------------------------------+  64 + 16 * key count
 *  |  Postings blob: for each key, its positions ascending, each   |
 *  |  an unsigned LEB128 varint of the gap to the previous one;    |
 *  |  the first gap is taken from the segment's first position     |
 *  ...                                                             ...
 *  +---------------------------------------------------------------+  blob end
 *  |  Location blocks (1.1): one per 16 located entries, 24 bytes: |
 *  |    first journal position (i64), its location (i64),          |
 *  |    offset of the block's data in the location data (u32),     |
 *  |    entries in the block (u32)                                 |
 *  ...                                                             ...
 *  +---------------------------------------------------------------+
 *  |  Location data: per block, for each entry after its first,    |
 *  |  a varint of the position gap and a zigzag varint of the      |
 *  |  location's difference to the previous entry's                |
 *  ...                                                             ...
 *  +---------------------------------------------------------------+
 * </pre>
 * A <em>location</em> is where the journal holds the entry: the byte offset of its document in its roll-cycle
 * file, or -1 when unknown. A 1.0 file has no locations (its located-entries and location-data fields are the
 * 0 of the reserved bytes they were), and a lookup there answers "unknown".
 *
 * A file is at most {@link #MAX_FILE_LENGTH} bytes, so one read-only mapping covers it and 32-bit blob
 * offsets suffice.
 */
final class SegmentDescriptor {
    /** "ELIXSEG1" read as a little-endian long. */
    static final long MAGIC = magic("ELIXSEG1");
    static final short MAJOR_VERSION = 1;
    static final short MINOR_VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int MAJOR_VERSION_OFFSET = 8;
    static final int MINOR_VERSION_OFFSET = 10;
    static final int LOCATED_COUNT_OFFSET = 12;
    static final int FIRST_POSITION_OFFSET = 16;
    static final int LAST_POSITION_OFFSET = 24;
    static final int ENTRY_COUNT_OFFSET = 32;
    static final int KEY_COUNT_OFFSET = 40;
    static final int BLOB_LENGTH_OFFSET = 48;
    static final int LOCATION_DATA_LENGTH_OFFSET = 56;
    static final int CHECKSUM_OFFSET = 60;
    static final int HEADER_LENGTH = 64;

    static final int DIRECTORY_ENTRY_LENGTH = 16;
    static final int KEY_HASH_FIELD = 0;
    static final int POSTINGS_OFFSET_FIELD = 8;
    static final int POSTINGS_COUNT_FIELD = 12;

    /** Located entries per location block. */
    static final int LOCATION_BLOCK_ENTRIES = 16;
    static final int LOCATION_BLOCK_LENGTH = 24;
    static final int BLOCK_FIRST_POSITION_FIELD = 0;
    static final int BLOCK_FIRST_LOCATION_FIELD = 8;
    static final int BLOCK_DATA_OFFSET_FIELD = 16;
    static final int BLOCK_COUNT_FIELD = 20;

    /** The largest segment file: one mapping, 32-bit offsets. */
    static final long MAX_FILE_LENGTH = 1L << 30;

    static final String FILE_PREFIX = "seg-";
    static final String FILE_SUFFIX = ".idx";

    private SegmentDescriptor() {
    }

    /** The file name of the segment covering {@code firstPosition..lastPosition}. */
    static String fileName(long firstPosition, long lastPosition) {
        return FILE_PREFIX + hex16(firstPosition) + '-' + hex16(lastPosition) + FILE_SUFFIX;
    }

    /** The offset of the directory entry with index {@code i}. */
    static long directoryEntryOffset(int i) {
        return HEADER_LENGTH + (long) i * DIRECTORY_ENTRY_LENGTH;
    }

    /** The offset of the postings blob in a segment with {@code keyCount} keys. */
    static long blobOffset(int keyCount) {
        return directoryEntryOffset(keyCount);
    }

    /** The number of location blocks holding {@code locatedCount} entries. */
    static long locationBlocks(long locatedCount) {
        return (locatedCount + LOCATION_BLOCK_ENTRIES - 1) / LOCATION_BLOCK_ENTRIES;
    }

    /**
     * The file length of a segment with {@code keyCount} keys, a blob of {@code blobLength} bytes and
     * {@code locatedCount} located entries whose location data takes {@code locationDataLength} bytes.
     */
    static long fileLength(int keyCount, long blobLength, long locatedCount, long locationDataLength) {
        return blobOffset(keyCount) + blobLength + locationBlocks(locatedCount) * LOCATION_BLOCK_LENGTH
            + locationDataLength;
    }

    static long magic(String eightAsciiChars) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (eightAsciiChars.charAt(i) & 0xFF);
        }
        return value;
    }

    static String hex16(long value) {
        final String hex = Long.toHexString(value);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
