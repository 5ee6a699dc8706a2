package io.experienceledger.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment files: directory search over uniform and skewed hashes, postings round trip, writer checks. */
class SegmentTest {
    @TempDir
    Path dir;

    @Test
    void findsEveryKeyAndNoOtherWhateverTheHashDistribution() throws Exception {
        final long seed = new Random().nextLong();
        final Random random = new Random(seed);
        for (int shape = 0; shape < 4; shape++) {
            final long[] hashes = hashes(random, shape, 1 + random.nextInt(5_000));
            final SegmentInfo info;
            try (SegmentWriter writer = new SegmentWriter(new SegmentStaging(), dir, 1_000, 1_000 + hashes.length, hashes.length,
                hashes.length, 0, false)) {
                for (int i = 0; i < hashes.length; i++) {
                    writer.beginKey(hashes[i], 2);
                    writer.posting(1_000 + i);
                    writer.posting(1_000 + hashes.length);
                }
                info = writer.finish();
            }
            final Segment segment = Segment.open(dir, info, true);
            final PostingsDecoder decoder = new PostingsDecoder();
            for (int i = 0; i < hashes.length; i++) {
                final int entry = segment.find(hashes[i]);
                assertEquals(i, entry, "seed " + seed + " shape " + shape);
                decoder.wrap(segment.buffer(), segment.postingsOffset(entry), segment.postingsCount(entry),
                    segment.firstPosition());
                assertEquals(1_000 + i, decoder.next());
                assertEquals(1_000 + hashes.length, decoder.next());
                assertEquals(0, decoder.remaining());
            }
            for (int i = 0; i < 2_000; i++) {
                final long absent = random.nextLong();
                final int found = segment.find(absent);
                assertEquals(Arrays.binarySearch(unsignedOrder(hashes), absent ^ Long.MIN_VALUE) >= 0,
                    found >= 0, "seed " + seed);
            }
            segment.close();
            Files.delete(dir.resolve(info.fileName()));
        }
    }

    @Test
    void writerRejectsMisorderedInputAndLeavesNoTempFile() throws IOException {
        try (SegmentWriter writer = new SegmentWriter(new SegmentStaging(), dir, 10, 20, 2, 2, 0, false)) {
            writer.beginKey(5, 2);
            writer.posting(12);
            assertThrows(IllegalStateException.class, () -> writer.posting(12));
            writer.posting(13);
            assertThrows(IllegalStateException.class, () -> writer.beginKey(5, 1));
            assertThrows(IllegalStateException.class, () -> writer.beginKey(-1L, 0));
            writer.beginKey(-1L, 1);
            assertThrows(IllegalStateException.class, () -> writer.posting(21));
            assertThrows(IllegalStateException.class, () -> writer.posting(9));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
        assertThrows(IllegalArgumentException.class, () -> new SegmentWriter(new SegmentStaging(), dir, 10, 9, 1, 1, 0, false));
    }

    @Test
    void largeGapsAndCycleJumpsRoundTrip() throws Exception {
        final long first = 19_000L << 32;
        final long[] positions = {first, first + 1, first + 127, first + 128, (19_001L << 32), Long.MAX_VALUE - 1};
        final SegmentInfo info;
        try (SegmentWriter writer = new SegmentWriter(new SegmentStaging(), dir, first, Long.MAX_VALUE - 1, positions.length, 1, 0, false)) {
            writer.beginKey(42, positions.length);
            for (long p : positions) {
                writer.posting(p);
            }
            info = writer.finish();
        }
        final Segment segment = Segment.open(dir, info, true);
        final PostingsDecoder decoder = new PostingsDecoder();
        decoder.wrap(segment.buffer(), segment.postingsOffset(0), segment.postingsCount(0), segment.firstPosition());
        final List<Long> decoded = new ArrayList<>();
        while (decoder.hasNext()) {
            decoded.add(decoder.next());
        }
        assertEquals(Arrays.stream(positions).boxed().toList(), decoded);
        assertTrue(info.fileName().matches("seg-00004a3800000000-7ffffffffffffffe\\.idx"), info.fileName());
        segment.close();
    }

    /** Distinct hashes in directory order: uniform, clustered, two far clusters, or extremes and zero. */
    private static long[] hashes(Random random, int shape, int count) {
        final TreeSet<Long> set = new TreeSet<>(Long::compareUnsigned);
        while (set.size() < count) {
            set.add(switch (shape) {
                case 0 -> random.nextLong();
                case 1 -> 0x1234_0000_0000L + random.nextInt(count * 3);
                case 2 -> (random.nextBoolean() ? 0L : -1L << 20) + random.nextInt(1 << 20);
                default -> random.nextBoolean() ? random.nextInt(count * 2) : -1L - random.nextInt(count * 2);
            });
        }
        return set.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] unsignedOrder(long[] hashes) {
        final long[] flipped = new long[hashes.length];
        for (int i = 0; i < hashes.length; i++) {
            flipped[i] = hashes[i] ^ Long.MIN_VALUE;
        }
        return flipped;
    }
}
