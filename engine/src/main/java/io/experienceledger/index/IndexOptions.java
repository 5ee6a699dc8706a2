package io.experienceledger.index;

/**
 * Settings of the journal store's side index, validated on construction. Start from {@link #defaults()} and change what
 * you need with the {@code with…} methods.
 *
 * @param flushThreshold  entries the memtable holds before they are written as a segment (1 to 4,194,304;
 *                        default 65,536); also the most a process without the write lock keeps in memory
 * @param mergeFactor     how many consecutive segments of one size tier are merged into one (2 to 64;
 *                        default 8)
 * @param maxSegmentBytes segments are not merged into one larger than this (64 KiB to 1 GiB; default
 *                        256 MiB), which bounds the work of one merge
 * @param verifyChecksums whether opening an index reads every segment once to check its CRC32C (default
 *                        true); without it only lengths and headers are checked
 * @param syncWrites      whether every segment and manifest is forced to the device before it is published
 *                        (default true). The index is derived and checksummed, so without it a power failure
 *                        can at worst leave an index that is found damaged and rebuilt; a process crash never
 *                        needs the sync
 */
public record IndexOptions(int flushThreshold, int mergeFactor, long maxSegmentBytes, boolean verifyChecksums,
                           boolean syncWrites) {
    /** Default {@link #flushThreshold()}. */
    public static final int DEFAULT_FLUSH_THRESHOLD = 65_536;
    /** Default {@link #mergeFactor()}. */
    public static final int DEFAULT_MERGE_FACTOR = 8;
    /** Default {@link #maxSegmentBytes()}. */
    public static final long DEFAULT_MAX_SEGMENT_BYTES = 256L << 20;

    static final int MAX_FLUSH_THRESHOLD = 1 << 22;
    static final int MAX_MERGE_FACTOR = 64;
    static final long MIN_SEGMENT_BYTES = 64L << 10;
    /** The largest {@link #maxSegmentBytes()}: 1 GiB, the largest segment file the index format allows. */
    public static final long SEGMENT_BYTES_LIMIT = 1L << 30;

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException when a setting is out of its range
     */
    public IndexOptions {
        check(flushThreshold >= 1 && flushThreshold <= MAX_FLUSH_THRESHOLD, "flushThreshold", flushThreshold);
        check(mergeFactor >= 2 && mergeFactor <= MAX_MERGE_FACTOR, "mergeFactor", mergeFactor);
        check(maxSegmentBytes >= MIN_SEGMENT_BYTES && maxSegmentBytes <= SEGMENT_BYTES_LIMIT,
            "maxSegmentBytes", maxSegmentBytes);
    }

    /** The defaults: 65,536 entries a flush, merges of 8, segments up to 256 MiB, checksums verified, writes synced. */
    public static IndexOptions defaults() {
        return new IndexOptions(DEFAULT_FLUSH_THRESHOLD, DEFAULT_MERGE_FACTOR, DEFAULT_MAX_SEGMENT_BYTES, true, true);
    }

    /** These options with another {@link #flushThreshold()}. */
    public IndexOptions withFlushThreshold(int entries) {
        return new IndexOptions(entries, mergeFactor, maxSegmentBytes, verifyChecksums, syncWrites);
    }

    /** These options with another {@link #mergeFactor()}. */
    public IndexOptions withMergeFactor(int segments) {
        return new IndexOptions(flushThreshold, segments, maxSegmentBytes, verifyChecksums, syncWrites);
    }

    /** These options with another {@link #maxSegmentBytes()}. */
    public IndexOptions withMaxSegmentBytes(long bytes) {
        return new IndexOptions(flushThreshold, mergeFactor, bytes, verifyChecksums, syncWrites);
    }

    /** These options with another {@link #verifyChecksums()}. */
    public IndexOptions withVerifyChecksums(boolean verify) {
        return new IndexOptions(flushThreshold, mergeFactor, maxSegmentBytes, verify, syncWrites);
    }

    /** These options with another {@link #syncWrites()}. */
    public IndexOptions withSyncWrites(boolean sync) {
        return new IndexOptions(flushThreshold, mergeFactor, maxSegmentBytes, verifyChecksums, sync);
    }

    private static void check(boolean valid, String name, long value) {
        if (!valid) {
            throw new IllegalArgumentException(name + " out of range: " + value);
        }
    }
}
