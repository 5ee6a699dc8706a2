package io.experienceledger.index.internal;

import io.experienceledger.index.IndexOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.experienceledger.index.internal.IndexChecks.addAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Size on disk for 1,000,000 entries of a realistic shape (50 skewed tenants, all kinds, correlation runs of
 * 5 to 45 entries, trace links on ReplayTraceRecorded): printed, and held to the design target of 16 bytes an
 * entry. The lookup cost is printed too, never asserted.
 */
class SideIndexSizeTest {
    private static final int ENTRIES = 1_000_000;

    @TempDir
    Path tmp;

    @Test
    void millionEntriesFitTheSizeTarget() {
        final long seed = new Random().nextLong();
        final List<Workload.Entry> entries = Workload.realistic(seed, ENTRIES);
        try (SideIndex index = SideIndex.open(tmp.resolve("index"), 1, 1, IndexOptions.defaults())) {
            final long start = System.nanoTime();
            assertEquals(ENTRIES, addAll(index, entries));
            index.flush();
            final long addNanos = System.nanoTime() - start;
            final double bytesPerEntry = (double) index.bytesOnDisk() / ENTRIES;
            System.out.printf("side index: %,d entries, %,d bytes on disk, %.2f bytes/entry, %d segments, "
                    + "%.0f ns/add incl. flushes and merges (seed %d)%n", ENTRIES, index.bytesOnDisk(),
                bytesPerEntry, index.segmentCount(), (double) addNanos / ENTRIES, seed);
            printLookupCost(index, entries, seed);
            printLookupCost(index, entries, seed + 1);
            assertTrue(bytesPerEntry <= 16, "seed " + seed + ": " + bytesPerEntry + " bytes/entry");
        }
    }

    /** Prints the cost of correlation lookups and of decoding; the second call runs warm (JIT, page faults). */
    private static void printLookupCost(SideIndex index, List<Workload.Entry> entries, long seed) {
        final Random random = new Random(seed);
        final PostingsCursor cursor = new PostingsCursor();
        final int lookups = 20_000;
        long found = 0;
        long start = System.nanoTime();
        for (int i = 0; i < lookups; i++) {
            final Workload.Entry e = entries.get(random.nextInt(entries.size()));
            found += index.postingsForCorrelation(e.correlation() == null ? "none" : e.correlation(), cursor).size();
        }
        final long lookupNanos = System.nanoTime() - start;
        long positions = 0;
        start = System.nanoTime();
        for (int kind : Workload.KINDS) {
            index.postingsForKind(kind, cursor);
            for (long p = cursor.next(); p != Postings.NO_POSITION; p = cursor.next()) {
                positions++;
            }
        }
        final long scanNanos = System.nanoTime() - start;
        System.out.printf("side index: %.0f ns per correlation lookup (%d segments, %d postings found), "
                + "%.1f ns per position decoded (%,d positions)%n", (double) lookupNanos / lookups,
            index.segmentCount(), found, (double) scanNanos / positions, positions);
    }
}
