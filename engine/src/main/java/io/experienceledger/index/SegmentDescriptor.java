package io.experienceledger.index;

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
 *  |                      Reserved (4 bytes, 0)                    |
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
 *  |                      Reserved (4 bytes, 0)                    |
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
 *  +---------------------------------------------------------------+
 * </pre>
 * A file is at most {@link #MAX_FILE_LENGTH} bytes, so one read-only mapping covers it and 32-bit blob
 * offsets suffice.
 */
final class SegmentDescriptor {
    /** "ELIXSEG1" read as a little-endian long. */
    static final long MAGIC = magic("ELIXSEG1");
    static final short MAJOR_VERSION = 1;
    static final short MINOR_VERSION = 0;

    static final int MAGIC_OFFSET = 0;
    static final int MAJOR_VERSION_OFFSET = 8;
    static final int MINOR_VERSION_OFFSET = 10;
    static final int FIRST_POSITION_OFFSET = 16;
    static final int LAST_POSITION_OFFSET = 24;
    static final int ENTRY_COUNT_OFFSET = 32;
    static final int KEY_COUNT_OFFSET = 40;
    static final int BLOB_LENGTH_OFFSET = 48;
    static final int CHECKSUM_OFFSET = 60;
    static final int HEADER_LENGTH = 64;

    static final int DIRECTORY_ENTRY_LENGTH = 16;
    static final int KEY_HASH_FIELD = 0;
    static final int POSTINGS_OFFSET_FIELD = 8;
    static final int POSTINGS_COUNT_FIELD = 12;

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

    /** The file length of a segment with {@code keyCount} keys and a blob of {@code blobLength} bytes. */
    static long fileLength(int keyCount, long blobLength) {
        return blobOffset(keyCount) + blobLength;
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
