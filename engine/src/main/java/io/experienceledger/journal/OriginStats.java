package io.experienceledger.journal;

import java.util.List;

/**
 * What a ledger holds of one origin ledger's entries ({@link LedgerStats#origins()}): how many, the range of their
 * positions there, the positions missing below the last one (a gap: e.g. records the topic's retention dropped
 * before they were mirrored) and the positions held more than once.
 *
 * @param entries       entries copied from that ledger
 * @param firstPosition the smallest position held
 * @param lastPosition  the largest position held
 * @param missing       positions from 0 to {@code lastPosition} not held
 * @param duplicates    entries whose position is held by an earlier entry too
 * @param gaps          the first {@link #GAPS_LISTED} runs of missing positions, in order
 */
public record OriginStats(long entries, long firstPosition, long lastPosition, long missing, long duplicates,
                          List<PositionRange> gaps) {
    /** At most this many runs of missing positions are listed. */
    public static final int GAPS_LISTED = 10;

    public OriginStats {
        gaps = List.copyOf(gaps);
    }

    /**
     * A run of positions, both ends included.
     *
     * @param first the first position of the run
     * @param last  the last position of the run
     */
    public record PositionRange(long first, long last) {
        @Override
        public String toString() {
            return first == last ? Long.toString(first) : first + "-" + last;
        }
    }
}
