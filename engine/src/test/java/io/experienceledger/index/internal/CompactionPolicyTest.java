package io.experienceledger.index.internal;

import io.experienceledger.index.IndexOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tiers, the choice of the run to merge, and the size cap. */
class CompactionPolicyTest {
    private final CompactionPolicy policy = new CompactionPolicy(IndexOptions.defaults().withFlushThreshold(100));

    @Test
    void tiersArePowersOfTheMergeFactorInFlushes() {
        assertEquals(0, policy.tier(1));
        assertEquals(0, policy.tier(799));
        assertEquals(1, policy.tier(800));
        assertEquals(1, policy.tier(6_399));
        assertEquals(2, policy.tier(6_400));
    }

    @Test
    void mergesTheNewestRunOfEightInOneTier() {
        final List<SegmentInfo> segments = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            segments.add(segment(i, 800));
        }
        for (int i = 7; i < 14; i++) {
            segments.add(segment(i, 100));
        }
        assertEquals(-1, policy.pick(segments));
        segments.add(segment(14, 30));
        assertEquals(7, policy.pick(segments));
    }

    @Test
    void doesNotMergeBeyondTheSizeCap() {
        final CompactionPolicy capped = new CompactionPolicy(IndexOptions.defaults().withFlushThreshold(100)
            .withMaxSegmentBytes(64 << 10));
        final List<SegmentInfo> segments = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            segments.add(new SegmentInfo(i * 1_000L, i * 1_000L + 99, 100, 10_000, 100, 0));
        }
        assertEquals(-1, capped.pick(segments));
        assertEquals(0, policy.pick(segments));
    }

    private static SegmentInfo segment(int i, long entries) {
        return new SegmentInfo(i * 1_000_000L, i * 1_000_000L + entries - 1, entries, 64 + 16 + entries, 1, 0);
    }
}
