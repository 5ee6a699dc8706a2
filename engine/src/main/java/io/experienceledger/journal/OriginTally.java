package io.experienceledger.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Counts the entries of each origin as a pass reads their headers, and tells which positions are missing or held
 * twice: one bit per position, in chunks of {@value #CHUNK_BITS} allocated as positions reach them.
 */
final class OriginTally {
    private static final int CHUNK_SHIFT = 16;
    private static final int CHUNK_BITS = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_BITS - 1;

    private final Map<Id, Positions> origins = new HashMap<>();

    /** Counts the entry whose header is {@code header}, when it has an origin. */
    void add(EntryHeader header) {
        if (!header.hasOrigin()) {
            return;
        }
        origins.computeIfAbsent(new Id(header.originIdHigh(), header.originIdLow()), id -> new Positions())
                .add(header.originPosition());
    }

    /** Each origin's figures, by ledger id. */
    Map<String, OriginStats> stats() {
        final Map<String, OriginStats> stats = new TreeMap<>();
        origins.forEach((id, positions) -> stats.put(Origin.ledgerId(id.high, id.low), positions.stats()));
        return Collections.unmodifiableMap(stats);
    }

    /** An origin's ledger identity. */
    private record Id(long high, long low) {
    }

    /** The positions of one origin. */
    private static final class Positions {
        private final Long2ObjectHashMap<long[]> chunks = new Long2ObjectHashMap<>();
        private long entries;
        private long first = Long.MAX_VALUE;
        private long last = -1;
        private long duplicates;

        void add(long position) {
            long[] chunk = chunks.get(position >>> CHUNK_SHIFT);
            if (chunk == null) {
                chunk = new long[CHUNK_BITS / Long.SIZE];
                chunks.put(position >>> CHUNK_SHIFT, chunk);
            }
            final int bit = (int) (position & CHUNK_MASK);
            final long mask = 1L << bit;
            if ((chunk[bit >>> 6] & mask) != 0) {
                duplicates++;
            }
            chunk[bit >>> 6] |= mask;
            entries++;
            first = Math.min(first, position);
            last = Math.max(last, position);
        }

        OriginStats stats() {
            final List<OriginStats.PositionRange> gaps = new ArrayList<>();
            long missing = 0;
            long runStart = -1;
            for (long chunkNo = 0; chunkNo <= last >>> CHUNK_SHIFT; chunkNo++) {
                final long[] chunk = chunks.get(chunkNo);
                final long base = chunkNo << CHUNK_SHIFT;
                final long end = Math.min(CHUNK_BITS, last - base + 1);
                for (int bit = 0; bit < end; bit++) {
                    final boolean held = chunk != null && (chunk[bit >>> 6] & 1L << bit) != 0;
                    if (!held) {
                        missing++;
                        if (runStart < 0) {
                            runStart = base + bit;
                        }
                    } else if (runStart >= 0) {
                        addGap(gaps, runStart, base + bit - 1);
                        runStart = -1;
                    }
                }
            }
            return new OriginStats(entries, first, last, missing, duplicates, gaps);
        }

        private static void addGap(List<OriginStats.PositionRange> gaps, long first, long last) {
            if (gaps.size() < OriginStats.GAPS_LISTED) {
                gaps.add(new OriginStats.PositionRange(first, last));
            }
        }
    }
}
