package io.experienceledger.journal;

import io.experienceledger.index.internal.SideIndex;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps the side index caught up with the journal, off the append path: indexes the entries appended since the
 * index's checkpoint, reading their headers only, and runs every reader of the index on a caught-up index under
 * the index lock ({@link #read}, {@link #exclusive}), so that no caller handles the lock itself.
 */
final class IndexCatchUp implements AutoCloseable {
    private final Journal journal;
    private final SideIndex index;
    private final ArtifactIds artifactIds;
    private final DamageLog damage;
    private final StoreLifecycle lifecycle;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Kept between catch-ups, so that a query after no append does not seek. */
    private EntryCursor cursor;
    private long caughtUpTo = -1;
    /** Entries read from the journal since open. */
    private long entriesRead;
    /** True when the index could not take every entry: the entries after its checkpoint must be scanned. */
    private boolean lagging;
    /** Run before a read takes the index lock: appends what is queued (queued appends). */
    private final Runnable beforeRead;

    IndexCatchUp(Journal journal, SideIndex index, ArtifactIds artifactIds, DamageLog damage,
                 StoreLifecycle lifecycle) {
        this(journal, index, artifactIds, damage, lifecycle, () -> { });
    }

    /**
     * As above; {@code beforeRead} runs before each {@link #read} and {@link #exclusive} takes the index lock
     * (never while this thread holds it, so that it may take the append lock).
     */
    IndexCatchUp(Journal journal, SideIndex index, ArtifactIds artifactIds, DamageLog damage,
                 StoreLifecycle lifecycle, Runnable beforeRead) {
        this.beforeRead = beforeRead;
        this.journal = journal;
        this.index = index;
        this.artifactIds = artifactIds;
        this.damage = damage;
        this.lifecycle = lifecycle;
    }

    /**
     * Catches the index up, then runs {@code work} under the read lock, so that no catch-up changes the index under
     * it. A reader's catch-up takes the write lock, so it waits for the work of the readers before it: queries take
     * turns.
     */
    <T> T read(Supplier<T> work) {
        lifecycle.checkOpen();
        runBeforeRead();
        lock.writeLock().lock();
        try {
            catchUp();
            lock.readLock().lock();
        } finally {
            lock.writeLock().unlock();
        }
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code work} under the read lock without catching up: the index as it stands. */
    <T> T current(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Catches the index up, then runs {@code work} holding the write lock: nothing reads or indexes meanwhile. */
    <T> T exclusive(Supplier<T> work) {
        runBeforeRead();
        lock.writeLock().lock();
        try {
            catchUp();
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Catches the index up and returns the journal index of the begin marker of a batch still open at the end of
     * the journal (a writer that crashed in the middle of it), or -1.
     */
    long openBatchBegin() {
        lock.writeLock().lock();
        try {
            return catchUp();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Catches up a last time before the store closes; a failure is ignored, the next open catches up again. */
    void finish() {
        lock.writeLock().lock();
        try {
            catchUp();
        } catch (RuntimeException ignored) {
            // the index is derived; the next open catches up from its last checkpoint
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Indexes the journal again from its first retained entry, dropping every posting (retention removed the
     * oldest files). Returns false when the index could not be reset; queries stay right either way, as they skip
     * positions before the first retained one.
     */
    boolean rebuild() {
        lock.writeLock().lock();
        try {
            if (!index.reset()) {
                return false;
            }
            caughtUpTo = -1;
            if (cursor != null) {
                cursor.close();
                cursor = null;
            }
            catchUp();
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void runBeforeRead() {
        if (!lock.isWriteLockedByCurrentThread() && lock.getReadHoldCount() == 0) {
            beforeRead.run();
        }
    }

    /** True when the last catch-up could not index every entry. Read it in the work of {@link #read}. */
    boolean lagging() {
        return lagging;
    }

    /** Entries read from the journal since open: those after the index's checkpoint, not the whole journal. */
    long entriesRead() {
        return current(() -> entriesRead);
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
        }
    }

    /** Indexes every visible entry after the checkpoint. Under the write lock. Returns an open batch's begin, or -1. */
    private long catchUp() {
        final long from = Math.max(index.checkpoint(), caughtUpTo);
        if (cursor == null) {
            cursor = new EntryCursor(journal);
        }
        cursor.startAfter(from);
        boolean indexed = true;
        while (indexed && cursor.next()) {
            entriesRead++;
            final EntryHeader header = cursor.header();
            artifactIds.note(header);
            indexed = index.add(cursor.index(), header.start(), header.kindCode(), header.tenant(),
                    header.correlation(), header.traceLinkId());
        }
        cursor.release();
        lagging = !indexed;
        if (indexed) {
            caughtUpTo = Math.max(caughtUpTo, cursor.lastPassed());
        }
        damage.note(cursor.damage());
        return cursor.pendingBatchBegin();
    }
}
