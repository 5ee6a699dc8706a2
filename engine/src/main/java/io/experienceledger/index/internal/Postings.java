package io.experienceledger.index.internal;

/**
 * Journal positions in ascending order, read one at a time. Candidates only: a 64-bit key-hash collision can
 * add a position of another key, so the journal checks every position it gets with its query matcher.
 */
public interface Postings {
    /** Returned by {@link #next()} when no position is left; journal positions are never negative. */
    long NO_POSITION = -1;

    /**
     * The next position, strictly greater than the previous one.
     *
     * @return the next position, or {@link #NO_POSITION} when there is none left
     */
    long next();
}
