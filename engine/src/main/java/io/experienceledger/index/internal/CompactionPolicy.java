package io.experienceledger.index.internal;

import io.experienceledger.index.IndexOptions;
import java.util.List;

/**
 * Tiered compaction: a segment's tier is how many times {@code mergeFactor} divides its entry count in units
 * of the flush threshold (tier 0 below {@code mergeFactor} flushes, tier 1 below {@code mergeFactor²}, and so
 * on). When {@code mergeFactor} consecutive segments share a tier they are merged into one of the next tier,
 * like carrying in a base-{@code mergeFactor} counter: with {@code n} entries there are at most
 * {@code (mergeFactor - 1)} segments per tier and {@code log_mergeFactor(n / flushThreshold)} tiers, and each
 * entry is rewritten once per tier. A merge whose result could exceed {@code maxSegmentBytes} is not made, which
 * bounds the work of one flush.
 */
final class CompactionPolicy {
    private final long flushThreshold;
    private final int mergeFactor;
    private final long maxSegmentBytes;

    CompactionPolicy(IndexOptions options) {
        this.flushThreshold = options.flushThreshold();
        this.mergeFactor = options.mergeFactor();
        this.maxSegmentBytes = options.maxSegmentBytes();
    }

    /** The index of the first of {@code mergeFactor} segments to merge now, newest run first; -1 for none. */
    int pick(List<SegmentInfo> segments) {
        for (int start = segments.size() - mergeFactor; start >= 0; start--) {
            if (sameTier(segments, start) && mergedBound(segments, start) <= maxSegmentBytes) {
                return start;
            }
        }
        return -1;
    }

    /** How many segments one merge takes. */
    int mergeFactor() {
        return mergeFactor;
    }

    /** The tier of a segment of {@code entryCount} entries. */
    int tier(long entryCount) {
        long units = entryCount / flushThreshold;
        int tier = 0;
        while (units >= mergeFactor) {
            units /= mergeFactor;
            tier++;
        }
        return tier;
    }

    private boolean sameTier(List<SegmentInfo> segments, int start) {
        final int tier = tier(segments.get(start).entryCount());
        for (int i = start + 1; i < start + mergeFactor; i++) {
            if (tier(segments.get(i).entryCount()) != tier) {
                return false;
            }
        }
        return true;
    }

    /**
     * An upper bound of the merged file's length: the inputs' bytes, plus room for each key's first gap to
     * grow to a full varint when it is counted from an earlier segment's posting instead.
     */
    private long mergedBound(List<SegmentInfo> segments, int start) {
        long bound = SegmentDescriptor.HEADER_LENGTH;
        for (int i = start; i < start + mergeFactor; i++) {
            final SegmentInfo segment = segments.get(i);
            bound += segment.fileLength() - SegmentDescriptor.HEADER_LENGTH
                + (long) segment.keyCount() * (Varint.MAX_LENGTH - 1);
        }
        return bound;
    }
}
