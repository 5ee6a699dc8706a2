package io.experienceledger.journal;

import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.internal.BatchValidator;
import io.experienceledger.store.internal.EnvelopeValidator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Appends validated envelopes to the journal, one appender at a time: single entries, and atomic batches framed
 * by a begin and a commit marker (an abort marker when a batch fails), then makes each append as durable as the
 * store's {@link Durability} promises. Encoding happens here ({@link EntryWriter}); the index is never touched.
 */
final class BatchAppender {
    /**
     * A waiting thread checks this often for its entry before it yields: briefly, since the holder appends it
     * within an append or two, and a spinning thread takes a core the holder and the prefetcher could use.
     */
    private static final int SPINS = 10;
    /** Then it yields this often before it parks. */
    private static final int YIELDS = 20;
    /** Then it parks this long at a time, unless the holder unparks it first. */
    private static final long PARK_NANOS = 50_000;
    /**
     * How long a thread that finds the lock held sleeps before it hands its entry over, while appends are contended.
     * Handing an entry to the holder costs the holder more than appending one of its own would cost this thread (its
     * bytes and the waiter's flags come from another core's cache, ~0.5 µs a line here): under sustained contention
     * the holder is better left to append at full speed from a warm cache while the others sleep, and the sleeping
     * thread gives its core up (to the prefetcher, say). The sleep lasts longer than asked, by the kernel's timer
     * slack; the first hold that appends another thread's entry after a longer gap ends the stretch.
     */
    private static final long BACK_OFF_NANOS = 20_000;
    /** The drainer, finding nothing queued, checks this often before it yields, then sleeps. */
    private static final int DRAINER_SPINS = 200;
    private static final long DRAINER_SLEEP_NANOS = 20_000_000;
    /** How long the drainer waits before it offers the journal an entry it refused again. */
    private static final long RETRY_NANOS = 10_000_000;

    private final Journal journal;
    private final StoreLifecycle lifecycle;
    /** The encoder of batches, used under the lock; null when the store is open read-only. */
    private final EntryWriter writer;
    /** Single entries of threads that found the lock held, for its holder to append. */
    private final PendingAppends pending;
    private final boolean syncEach;
    private final boolean syncOnClose;
    private final GroupCommit groupCommit;
    private final ReentrantLock lock = new ReentrantLock();
    /** How many times a thread backed off before handing its entry over; counted off the uncontended path. */
    private final LongAdder backOffs = new LongAdder();
    /** Single entries queued for the drainer ({@link StoreSettings#queuedAppends()}); null when appends wait. */
    private final QueuedAppends queue;
    private final Thread drainer;
    /** {@link #drainHere()}, made once: queueing allocates nothing. */
    private final BooleanSupplier drainHere = this::drainHere;
    private volatile boolean stopping;

    BatchAppender(Journal journal, StoreSettings settings, StoreLifecycle lifecycle) {
        this.journal = journal;
        this.lifecycle = lifecycle;
        this.writer = lifecycle.writable() ? new EntryWriter(settings.maxEntryBytes()) : null;
        this.pending = new PendingAppends(settings.maxEntryBytes());
        this.syncEach = settings.syncEach();
        this.syncOnClose = settings.durability() != Durability.PAGE_CACHE && lifecycle.writable();
        this.groupCommit = settings.durability() == Durability.SYNC_BATCH && lifecycle.writable()
                ? GroupCommit.start(this::syncUnderLock, settings.syncInterval()) : null;
        if (settings.queuedAppends() && lifecycle.writable()) {
            queue = new QueuedAppends(settings.maxEntryBytes(), journal);
            drainer = new Thread(this::drainLoop, "ledger-drainer " + lifecycle.root());
            drainer.setDaemon(true);
            queue.drainerIs(drainer);
        } else {
            queue = null;
            drainer = null;
        }
    }

    /** Starts the thread that appends queued entries, with queued appends; once the store is open. */
    void startDrainer() {
        if (drainer != null) {
            drainer.start();
        }
    }

    /**
     * Appends one engine envelope (queues it, with queued appends), validated as it is encoded: an invalid one is
     * refused before the store's state is checked, as converge validates first.
     */
    void append(ExperienceEventEnvelope envelope) {
        if (queue != null) {
            enqueue(envelope);
        } else if (writer == null) {
            EnvelopeValidator.validate(envelope); // no encoder to check it on a read-only store
            refuseUnwritable();
        } else {
            appendAlone(envelope);
        }
    }

    /** Appends one user envelope (queues it, with queued appends), validated as it is encoded. */
    void append(UserExperienceEventEnvelope envelope) {
        if (queue != null) {
            enqueue(envelope);
        } else if (writer == null) {
            EnvelopeValidator.validate(envelope); // no encoder to check it on a read-only store
            refuseUnwritable();
        } else {
            appendAlone(envelope);
        }
    }

    /** Refuses a valid envelope on a store without an encoder: it is open read-only. */
    private void refuseUnwritable() {
        lifecycle.checkWritable();
        throw new IllegalStateException("a store without a writer is writable");
    }

    /**
     * Encodes one engine or user envelope with this thread's encoder and queues it for the drainer; returns
     * without waiting for the journal. Refused while queued entries cannot be appended. An append that races with
     * {@link #shutDown} either is appended by the final drain or fails with the store's closed error.
     */
    private void enqueue(Object envelope) {
        final QueuedAppends.Producer producer = queue.producer();
        final EntryBuffer entry = encodeAlone(producer.encoder, envelope);
        lifecycle.checkWritable();
        if (entry.position() > queue.maxQueuedBytes()) {
            lock(); // appends what is queued first
            try {
                journal.append(entry);
                afterAppend();
            } finally {
                unlock();
            }
            return;
        }
        if (!queue.offer(producer, entry, drainHere)) {
            throw lifecycle.closedError();
        }
    }

    /**
     * The ring is full: appends what is queued on the calling thread, if the lock is free, rather than leave the
     * cores to the drainer and wait for it.
     *
     * @return false when another thread holds the lock (the caller waits for room)
     */
    private boolean drainHere() {
        if (!lock.tryLock()) {
            return false;
        }
        drainAndUnlock();
        return true;
    }

    /**
     * Waits until every entry queued before the call is in the journal, as durable as an append that waits
     * would be when it returns; returns at once without queued appends.
     *
     * @throws ExperienceStoreException a storage error when queued entries cannot be appended (they stay queued)
     */
    void flushQueued() {
        lifecycle.checkOpen();
        if (queue == null) {
            return;
        }
        if (queue.busy() || queue.failure() != null) {
            drainNow();
        }
        final RuntimeException failing = queue.failure();
        if (failing != null) {
            throw ExperienceStoreException.storageError("queued entries cannot be appended: " + failing.getMessage()
                    + "; they stay queued and are appended as soon as the journal takes them again", failing);
        }
        final RuntimeException syncFailure = queue.takeSyncFailure();
        if (syncFailure != null) {
            throw ExperienceStoreException.storageError("queued entries were appended but not made as durable as"
                    + " the store's durability promises: " + syncFailure.getMessage(), syncFailure);
        }
    }

    /** Before a read: appends what is queued, so that a thread reads what it appended. Never throws for it. */
    void drainForRead() {
        if (queue != null && queue.busy()) {
            drainNow();
        }
    }

    private void drainNow() {
        lock.lock();
        drainAndUnlock();
    }

    /** With the lock just taken: appends what is queued unless the store or the queue closed, then unlocks. */
    private void drainAndUnlock() {
        try {
            if (!lifecycle.isClosed() && !queue.isClosed()) {
                drainQueued();
            }
        } finally {
            unlock();
        }
    }

    /** Under the lock: appends what is queued and makes it as durable as promised. */
    private void drainQueued() {
        if (!queue.busy()) {
            return;
        }
        if (queue.appendQueued() > 0) {
            try {
                afterAppend();
            } catch (RuntimeException e) {
                queue.syncFailed(e); // the entries are in the journal, not as durable as promised: flush says so
            }
        }
    }

    /** The drainer thread: appends queued entries as they come, retrying ones the journal refused. */
    private void drainLoop() {
        int idle = 0;
        while (!stopping) {
            if (queue.busy()) {
                idle = 0;
                try {
                    drainNow();
                } catch (RuntimeException e) {
                    queue.syncFailed(e); // not expected: the journal's own errors are kept by the queue
                }
                if (queue.failure() != null && !stopping) {
                    // the journal refused an entry: offer it again a little later
                    LockSupport.parkNanos(this, RETRY_NANOS);
                }
            } else if (Spinning.step(idle, DRAINER_SPINS, YIELDS)) {
                idle++;
            } else {
                queue.drainerSleep(DRAINER_SLEEP_NANOS);
            }
        }
    }

    /**
     * Appends one engine or user envelope on its own. Uncontended, it is encoded and appended under the lock. When
     * another thread holds the lock, it is encoded with this thread's writer and handed to the holder
     * ({@link PendingAppends}); while it waits, this thread takes the lock itself if it comes free, and then
     * appends what is queued, its own entry included. While appends are contended
     * ({@link PendingAppends#contended}), a thread that finds the lock held first sleeps a little and tries it once
     * more ({@link #backOff}).
     */
    private void appendAlone(Object envelope) {
        if (lock.tryLock() || (pending.contended() && backOff())) {
            try {
                final EntryBuffer entry = encodeAlone(writer, envelope);
                lifecycle.checkWritable();
                journal.append(entry);
                appendQueuedAndCommit();
            } finally {
                unlock();
            }
            return;
        }
        final PendingAppends.Waiter waiter = pending.waiter();
        waiter.prepare(encodeAlone(waiter.encoder, envelope));
        lifecycle.checkWritable();
        pending.offer(waiter);
        awaitAppended(waiter);
    }

    /**
     * While appends are contended, before handing an entry over: sleeps {@link #BACK_OFF_NANOS}, leaving the
     * holder to append at full speed, then tries the lock once more.
     *
     * @return whether this thread now holds the lock
     */
    private boolean backOff() {
        backOffs.increment();
        LockSupport.parkNanos(this, BACK_OFF_NANOS);
        return lock.tryLock();
    }

    private static EntryBuffer encodeAlone(EntryWriter encoder, Object envelope) {
        return envelope instanceof ExperienceEventEnvelope engine
                ? encoder.engine(engine, Framing.ALONE)
                : encoder.user((UserExperienceEventEnvelope) envelope, Framing.ALONE);
    }

    /**
     * Waits until a lock holder appended {@code waiter}'s entry. The lock is tried once, right after the entry was
     * queued, and again only once this thread has parked: every holder looks for queued entries after it unlocks
     * ({@link #unlock}), so an entry queued while the lock was held is always taken by a holder, and the waiting
     * thread reads nothing but its own flag, leaving the lock's cache line to the holder's core.
     */
    private void awaitAppended(PendingAppends.Waiter waiter) {
        int idle = 0;
        boolean tryLock = true;
        while (!waiter.done) {
            if (tryLock && !lock.isLocked() && lock.tryLock()) {
                try {
                    appendQueuedUnderLock(waiter);
                } finally {
                    unlock();
                }
            } else if (Spinning.step(idle, SPINS, YIELDS)) {
                idle++;
            } else {
                waiter.parked = true;
                if (!waiter.done) {
                    LockSupport.parkNanos(this, PARK_NANOS);
                }
                waiter.parked = false;
            }
            tryLock = idle >= SPINS + YIELDS;
        }
        waiter.rethrowFailure();
    }

    /** Under the lock, taken to append queued entries: appends them, or fails them on a closed store. */
    private void appendQueuedUnderLock(PendingAppends.Waiter waiter) {
        if (lifecycle.isClosed()) {
            pending.failQueued(lifecycle.closedError());
        } else if (waiter == null || !waiter.done) {
            appendQueuedAndCommit();
        }
    }

    /**
     * Releases the append lock, then appends what other threads queued meanwhile, unless another thread holds the
     * lock by then (it does the same when it unlocks). A thread that queues an entry and then finds the lock held
     * can therefore rely on a holder to take it.
     */
    private void unlock() {
        lock.unlock();
        while (pending.hasQueued() && !lock.isLocked() && lock.tryLock()) {
            try {
                appendQueuedUnderLock(null);
            } catch (RuntimeException e) {
                // not this thread's: the threads whose entries it concerns return with it
            } finally {
                lock.unlock();
            }
        }
    }

    /** How many times a thread found appends contended and backed off before handing its entry over. For tests. */
    long backOffs() {
        return backOffs.sum();
    }

    /** With queued appends, how many times a thread waited for room, and how many of those a drain ended. For tests. */
    long[] roomWaits() {
        return queue == null ? new long[2] : new long[] {queue.roomWaits(), queue.roomWaitsWoken()};
    }

    /**
     * Under the lock, after the holder's own append: appends the entries other threads queued, makes everything
     * as durable as promised, then lets those threads return (with the error, if that failed).
     */
    private void appendQueuedAndCommit() {
        pending.appendQueued(journal);
        try {
            afterAppend();
        } catch (RuntimeException e) {
            pending.release(e);
            throw e;
        }
        pending.release(null);
    }

    /** Appends validated engine envelopes atomically: one alone, several as a batch, none not at all. */
    void appendAll(List<ExperienceEventEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return;
        }
        if (envelopes.size() == 1) {
            append(envelopes.get(0));
            return;
        }
        lock();
        try {
            final long begin = journal.append(writer.marker(EntryLayout.TYPE_BATCH_BEGIN, envelopes.size()));
            try {
                for (int i = 0; i < envelopes.size(); i++) {
                    journal.append(writer.engine(envelopes.get(i), Framing.BATCH_MEMBER));
                }
            } catch (RuntimeException e) {
                abort(begin, e);
                throw e;
            }
            journal.append(writer.marker(EntryLayout.TYPE_BATCH_COMMIT, begin));
            afterAppend();
        } finally {
            unlock();
        }
    }

    /**
     * Appends engine and user envelopes as one atomic batch as they come, validating each
     * ({@link BatchValidator#validateMember}); any failure aborts the batch.
     *
     * @return the number of envelopes appended
     */
    long appendStream(Iterator<? extends ExperienceRecord> records) {
        lock();
        try {
            final long begin = journal.append(writer.marker(EntryLayout.TYPE_BATCH_BEGIN, 0));
            long count = 0;
            try {
                while (records.hasNext()) {
                    final ExperienceRecord record = records.next();
                    BatchValidator.validateMember(count, record);
                    journal.append(record instanceof ExperienceRecord.Engine engine
                            ? writer.engine(engine.value(), Framing.BATCH_MEMBER)
                            : writer.user(((ExperienceRecord.User) record).value(), Framing.BATCH_MEMBER));
                    count++;
                }
            } catch (RuntimeException e) {
                abort(begin, e);
                throw e;
            }
            journal.append(writer.marker(EntryLayout.TYPE_BATCH_COMMIT, begin));
            afterAppend();
            return count;
        } finally {
            unlock();
        }
    }

    /**
     * Appends envelopes copied from other ledgers, each with its origin, as one atomic batch as they come (each
     * {@link MirroredEntry} checked its envelope when it was made), and puts {@code note}, asked for once the
     * entries are written, on the batch's commit marker. An empty iterator still commits a batch, so that the note
     * is kept.
     *
     * @return the number of envelopes appended
     */
    long appendMirrored(Iterator<MirroredEntry> entries, Supplier<byte[]> note) {
        lock();
        try {
            final long begin = journal.append(writer.marker(EntryLayout.TYPE_BATCH_BEGIN, 0));
            long count = 0;
            final EntryBuffer commit;
            try {
                while (entries.hasNext()) {
                    final MirroredEntry entry = entries.next();
                    if (entry == null) {
                        BatchValidator.validateMember(count, null); // its envelope was checked when it was made
                    }
                    journal.append(writer.mirrored(entry));
                    count++;
                }
                commit = writer.commit(begin, Objects.requireNonNull(note.get(), "note"));
            } catch (RuntimeException e) {
                abort(begin, e);
                throw e;
            }
            journal.append(commit);
            afterAppend();
            return count;
        } finally {
            unlock();
        }
    }

    /**
     * Marks the batch begun at {@code begin} aborted: after a crash in the middle of it, so that readers stop
     * waiting for its commit. With the writer lock held, nobody else can be writing that batch.
     */
    void abortOpenBatch(long begin) {
        lock();
        try {
            journal.append(writer.marker(EntryLayout.TYPE_BATCH_ABORT, begin));
            afterAppend();
        } finally {
            unlock();
        }
    }

    /**
     * Runs {@code work} holding the append lock, so that what it decides from the journal still holds when it
     * appends ({@link #appendHeld}); then makes its append durable.
     */
    void exclusively(Runnable work) {
        lock();
        try {
            work.run();
            afterAppend();
        } finally {
            unlock();
        }
    }

    /** Appends one validated engine envelope; only from the work of {@link #exclusively}. */
    void appendHeld(ExperienceEventEnvelope envelope) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("appendHeld outside exclusively()");
        }
        journal.append(writer.engine(envelope, Framing.ALONE));
    }

    /**
     * Stops the group commit, then, holding the append lock so that no append runs alongside, runs
     * {@code release} once: not when the store is already closed.
     */
    void shutDown(Runnable release) {
        if (groupCommit != null) {
            groupCommit.close();
        }
        stopDrainer();
        lock.lock();
        try {
            if (!lifecycle.isClosed()) {
                final RuntimeException lost = finalDrain();
                release.run();
                if (lost != null) {
                    throw lost;
                }
            }
        } finally {
            unlock();
        }
    }

    /** Stops the threads the constructor started, for a store whose open failed after it: nothing was appended. */
    void abandon() {
        if (groupCommit != null) {
            groupCommit.close();
        }
        stopDrainer();
    }

    private void stopDrainer() {
        if (drainer == null || !drainer.isAlive()) {
            return;
        }
        stopping = true;
        LockSupport.unpark(drainer);
        boolean interrupted = false;
        while (drainer.isAlive()) {
            try {
                drainer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Under the lock, at close: no entry is queued from now on, and every queued one is appended; returns the
     * error to throw when the journal refused some (they are lost), else null.
     */
    private RuntimeException finalDrain() {
        if (queue == null) {
            return null;
        }
        queue.close();
        drainQueued();
        final RuntimeException cause = queue.failure();
        final int lost = cause == null ? 0 : queue.discardAll();
        queue.release();
        if (cause == null) {
            return null;
        }
        return ExperienceStoreException.storageError(lost + " queued entries were not appended before the store"
                + " closed, and are lost: " + cause.getMessage(), cause);
    }

    /** Forces the journal to the device at close, unless the store promises only the page cache. */
    void syncOnClose() {
        if (syncOnClose) {
            journal.sync();
        }
    }

    /** Takes the append lock of a writable, open store (the caller unlocks). */
    private void lock() {
        lifecycle.checkWritable();
        lock.lock();
        if (lifecycle.isClosed()) {
            unlock();
            lifecycle.checkOpen();
        }
        if (queue != null) {
            // what this thread (or any) queued before goes first; nothing may overtake an entry the journal refused
            drainQueued();
            final RuntimeException failing = queue.failure();
            if (failing != null) {
                unlock();
                throw QueuedAppends.refused(failing);
            }
        }
    }

    private void abort(long begin, RuntimeException cause) {
        try {
            journal.append(writer.marker(EntryLayout.TYPE_BATCH_ABORT, begin));
        } catch (RuntimeException again) {
            cause.addSuppressed(again);
        }
    }

    /** Makes the append as durable as promised. Under the append lock. */
    private void afterAppend() {
        if (syncEach) {
            journal.sync();
        } else if (groupCommit != null) {
            groupCommit.dirty();
        }
    }

    private void syncUnderLock() {
        lock.lock();
        try {
            if (!lifecycle.isClosed()) {
                journal.sync();
            }
        } finally {
            unlock();
        }
    }
}
