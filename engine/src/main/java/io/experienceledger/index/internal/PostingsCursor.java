package io.experienceledger.index.internal;

import java.util.Arrays;

/**
 * The postings of one key across an index's segments and memtable, decoded in place as {@link #next()} is
 * called; nothing is allocated per lookup or per position. Fill it with one of the {@code postingsFor…}
 * lookups of {@link SideIndex} and reuse it for the next lookup.
 *
 * <p>A cursor is valid until the index changes: after {@link SideIndex#add}, {@link SideIndex#flush()} or
 * {@link SideIndex#close()}, {@link #next()} throws {@link IllegalStateException} instead of reading files
 * that may be gone. A cursor is not thread-safe; give each querying thread its own.
 */
public final class PostingsCursor implements Postings {
    private static final int INITIAL_RUNS = 8;

    private final KeyHasher hasher = new KeyHasher();
    private final PostingsDecoder decoder = new PostingsDecoder();
    private SideIndex index;
    private long version;
    private Segment[] runSegments = new Segment[INITIAL_RUNS];
    private int[] runEntries = new int[INITIAL_RUNS];
    private int runCount;
    private int nextRun;
    private Memtable memtable;
    private int memtableNode;
    private int memtableLeft;
    private long size;

    /** An empty cursor; {@link #next()} returns {@link #NO_POSITION} until a lookup fills it. */
    public PostingsCursor() {
    }

    /** The next candidate position, ascending; {@link #NO_POSITION} at the end. */
    @Override
    public long next() {
        if (index == null) {
            return NO_POSITION;
        }
        if (index.version() != version) {
            throw new IllegalStateException("the side index changed after this lookup; look up again");
        }
        while (true) {
            if (decoder.hasNext()) {
                return decoder.next();
            }
            if (nextRun < runCount) {
                final Segment segment = runSegments[nextRun];
                final int entry = runEntries[nextRun];
                decoder.wrap(segment.buffer(), segment.postingsOffset(entry), segment.postingsCount(entry),
                    segment.firstPosition());
                runSegments[nextRun++] = null;
                continue;
            }
            if (memtableLeft > 0) {
                final long position = memtable.position(memtableNode);
                memtableNode = memtable.next(memtableNode);
                memtableLeft--;
                return position;
            }
            return NO_POSITION;
        }
    }

    /**
     * How many positions the lookup found in all; {@link #next()} returns exactly these. An upper bound of the
     * matching entries (collisions add candidates), cheap enough to choose between query plans.
     */
    public long size() {
        return size;
    }

    KeyHasher hasher() {
        return hasher;
    }

    /** Points the cursor at the postings of {@code hash} in {@code owner}'s current segments and memtable. */
    PostingsCursor reset(SideIndex owner, long hash) {
        owner.checkOpen();
        clearRuns();
        index = owner;
        version = owner.version();
        size = 0;
        for (Segment segment : owner.segments()) {
            final int entry = segment.find(hash);
            if (entry >= 0) {
                addRun(segment, entry);
                size += segment.postingsCount(entry);
            }
        }
        memtable = owner.memtable();
        final int slot = memtable.find(hash);
        memtableNode = slot < 0 ? -1 : memtable.head(slot);
        memtableLeft = slot < 0 ? 0 : memtable.count(slot);
        size += memtableLeft;
        return this;
    }

    private void addRun(Segment segment, int entry) {
        if (runCount == runSegments.length) {
            runSegments = Arrays.copyOf(runSegments, runCount * 2);
            runEntries = Arrays.copyOf(runEntries, runCount * 2);
        }
        runSegments[runCount] = segment;
        runEntries[runCount++] = entry;
    }

    private void clearRuns() {
        for (int i = nextRun; i < runCount; i++) {
            runSegments[i] = null;
        }
        runCount = 0;
        nextRun = 0;
        decoder.clear();
        memtableLeft = 0;
    }
}
