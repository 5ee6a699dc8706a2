package io.experienceledger.index.internal;

import java.util.Arrays;

/**
 * The union of several {@link Postings} in ascending position order, each position once: for a query over
 * several kinds ({@code kinds = [K1, K2]}) or several tenant-kind pairs. Reusable, and it pools the cursors it
 * hands out, so a query allocates nothing once the union has served one of its size:
 * <pre>{@code
 * union.clear();
 * index.postingsForKind(k1, union.input());
 * index.postingsForKind(k2, union.input());
 * for (long p = union.next(); p != Postings.NO_POSITION; p = union.next()) { ... }
 * }</pre>
 * Not thread-safe; keep one per querying thread.
 */
public final class PostingsUnion implements Postings {
    private static final int INITIAL_INPUTS = 4;

    private PostingsCursor[] pool = new PostingsCursor[INITIAL_INPUTS];
    private Postings[] inputs = new Postings[INITIAL_INPUTS];
    private long[] heads = new long[INITIAL_INPUTS];
    private int count;
    private boolean started;

    /** An empty union. */
    public PostingsUnion() {
    }

    /** Removes every input; the pooled cursors are kept for reuse. */
    public PostingsUnion clear() {
        Arrays.fill(inputs, 0, count, null);
        count = 0;
        started = false;
        return this;
    }

    /** A pooled cursor, added as the next input: fill it with a lookup before the first {@link #next()}. */
    public PostingsCursor input() {
        ensureCapacity();
        if (pool[count] == null) {
            pool[count] = new PostingsCursor();
        }
        inputs[count] = pool[count];
        return pool[count++];
    }

    /** Adds {@code postings} as the next input; only before the first {@link #next()}. */
    public PostingsUnion add(Postings postings) {
        ensureCapacity();
        inputs[count++] = postings;
        return this;
    }

    /** The smallest position not yet returned by any input, or {@link #NO_POSITION} when all are exhausted. */
    @Override
    public long next() {
        if (!started) {
            for (int i = 0; i < count; i++) {
                heads[i] = inputs[i].next();
            }
            started = true;
        }
        long lowest = NO_POSITION;
        for (int i = 0; i < count; i++) {
            final long head = heads[i];
            if (head != NO_POSITION && (lowest == NO_POSITION || head < lowest)) {
                lowest = head;
            }
        }
        if (lowest != NO_POSITION) {
            for (int i = 0; i < count; i++) {
                if (heads[i] == lowest) {
                    heads[i] = inputs[i].next();
                }
            }
        }
        return lowest;
    }

    private void ensureCapacity() {
        if (started) {
            throw new IllegalStateException("inputs must be added before the first next()");
        }
        if (count == inputs.length) {
            pool = Arrays.copyOf(pool, count * 2);
            inputs = Arrays.copyOf(inputs, count * 2);
            heads = Arrays.copyOf(heads, count * 2);
        }
    }
}
