package io.experienceledger.index.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic journal-like workloads: ascending positions with gaps and cycle jumps of 2^32, tenants with a
 * skewed distribution (and some entries without one), every engine and user kind, correlation runs, and trace
 * links on ReplayTraceRecorded entries (kind 4), some of them repeated and some not ASCII.
 */
final class Workload {
    static final int TRACE_KIND = 4;
    static final int[] KINDS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20};

    /** One journal entry's header fields. */
    record Entry(long position, int kind, String tenant, String correlation, String trace) {
        /**
         * Where a journal would hold the entry: ascending within a cycle, starting over in the next one (so the
         * index stores differences of either sign), unknown (-1) for a few entries.
         */
        long location() {
            final long sequence = position & 0xFFFF_FFFFL;
            return position % 53 == 7 ? -1 : 65_536 + sequence * 264 + (position >>> 32) % 7;
        }
    }

    private Workload() {
    }

    /** {@code count} entries from {@code seed}, starting at journal cycle 19,000, sequence 0. */
    static List<Entry> generate(long seed, int count) {
        return generate(seed, count, 19_000L << 32);
    }

    /** {@code count} entries from {@code seed}, the first at {@code firstPosition}. */
    static List<Entry> generate(long seed, int count, long firstPosition) {
        final Random random = new Random(seed);
        final int tenants = 1 + random.nextInt(40);
        final List<Entry> entries = new ArrayList<>(count);
        long position = firstPosition;
        String correlation = "run-0";
        int runLeft = 0;
        int traces = 0;
        for (int i = 0; i < count; i++) {
            if (runLeft-- <= 0) {
                runLeft = 1 + random.nextInt(25);
                correlation = random.nextInt(8) == 0 ? null : "run-" + Long.toHexString(random.nextLong());
            }
            final int kind = kind(random);
            String trace = null;
            if (kind == TRACE_KIND) {
                trace = random.nextInt(4) == 0 && traces > 0 ? traceId(random.nextInt(traces)) : traceId(traces++);
            }
            entries.add(new Entry(position, kind, tenant(random, tenants), correlation, trace));
            position = advance(random, position);
        }
        return entries;
    }

    /** Realistic shape for the size measurement: dense positions, daily-like cycles, skewed tenants and kinds. */
    static List<Entry> realistic(long seed, int count) {
        final Random random = new Random(seed);
        final List<Entry> entries = new ArrayList<>(count);
        long position = 19_000L << 32;
        String correlation = null;
        int runLeft = 0;
        for (int i = 0; i < count; i++) {
            if (runLeft-- <= 0) {
                runLeft = 5 + random.nextInt(40);
                correlation = random.nextInt(10) == 0 ? null : "req-" + Long.toHexString(random.nextLong());
            }
            final int kind = kind(random);
            final String trace = kind == TRACE_KIND ? "trace-" + Long.toHexString(random.nextLong()) : null;
            entries.add(new Entry(position, kind, tenant(random, 50), correlation, trace));
            position = (i + 1) % 250_000 == 0 ? ((position >>> 32) + 1) << 32 : position + 1;
        }
        return entries;
    }

    private static long advance(Random random, long position) {
        final int roll = random.nextInt(1000);
        if (roll < 3) {
            return ((position >>> 32) + 1 + random.nextInt(3)) << 32 | random.nextInt(4);
        }
        if (roll < 50) {
            return position + 2 + random.nextInt(1000);
        }
        return position + 1;
    }

    private static int kind(Random random) {
        final double r = random.nextDouble();
        return KINDS[(int) (r * r * KINDS.length)];
    }

    private static String tenant(Random random, int tenants) {
        if (random.nextInt(20) == 0) {
            return null;
        }
        final double r = random.nextDouble();
        return "tenant-" + (int) (r * r * r * tenants);
    }

    private static String traceId(int n) {
        return n % 7 == 0 ? "trace-\u00e9\u2603\uD834\uDD1E-" + n : "trace-" + n;
    }
}
