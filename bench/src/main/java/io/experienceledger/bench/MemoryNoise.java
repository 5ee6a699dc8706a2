package io.experienceledger.bench;

import java.util.Arrays;

/**
 * How steady the machine's memory is while the report runs: the same loop of pseudo-random read-modify-writes,
 * counted second by second, over a table larger than a core's own caches ({@value #LARGE_BYTES} bytes) and, as a
 * control, over one that fits in its first-level cache ({@value #SMALL_BYTES} bytes). On a virtual machine whose
 * host shares its memory bandwidth and last-level cache with other guests, the first varies from one second to the
 * next while the control does not, and so does any work that reads much memory (queries, the tree): the report
 * judges those comparisons on each method's best second ({@link Score#bests}).
 */
final class MemoryNoise {
    static final int LARGE_BYTES = 8 << 20;
    static final int SMALL_BYTES = 8 << 10;
    private static final long SECOND = 1_000_000_000L;
    private static final int BATCH = 4096;
    /** Where the loop's result goes, so that the compiler cannot drop it. */
    private static volatile long sink;

    /**
     * Loop rounds per second, lowest, median and highest, over the seconds measured.
     *
     * @param tableBytes the table the loop updates
     */
    record Spread(int tableBytes, long min, long median, long max) {
        /** The highest second over the lowest. */
        double ratio() {
            return (double) max / min;
        }
    }

    private MemoryNoise() {
    }

    /** The spread of each table's loop over {@code seconds} seconds, the large table first, each after a warm-up second. */
    static Spread[] measure(int seconds) {
        return new Spread[] {spread(LARGE_BYTES, seconds), spread(SMALL_BYTES, seconds)};
    }

    private static Spread spread(int tableBytes, int seconds) {
        final long[] table = new long[tableBytes / Long.BYTES];
        final int shift = Long.SIZE - Integer.numberOfTrailingZeros(table.length);
        final long[] perSecond = new long[seconds];
        long x = 1;
        for (int s = -1; s < seconds; s++) {
            final long end = System.nanoTime() + SECOND;
            long batches = 0;
            while (System.nanoTime() < end) {
                for (int i = 0; i < BATCH; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                    table[(int) (x >>> shift)] += x;
                }
                batches++;
            }
            if (s >= 0) {
                perSecond[s] = batches;
            }
        }
        sink = x + table[0];
        Arrays.sort(perSecond);
        return new Spread(tableBytes, perSecond[0], perSecond[seconds / 2], perSecond[seconds - 1]);
    }
}
