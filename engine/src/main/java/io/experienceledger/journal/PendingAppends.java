package io.experienceledger.journal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Single entries handed to whichever thread holds the append lock (flat combining): a thread that finds the lock
 * held encodes its entry with its own writer, queues it here and waits; the holder appends every queued entry,
 * makes them durable with its own and then releases their threads. Threads appending at once thus share one lock
 * hand-off among many entries instead of paying a park and an unpark each, and each still returns only once its
 * entry is in the journal (and as durable as the store promises), or with the error that kept it out.
 *
 * <p>Queued by any thread; appended and released only by the lock holder. The queue is the waiters themselves,
 * linked (one per thread, reused): queueing allocates nothing.
 */
final class PendingAppends {
    /** One appending thread's waiting entry, reused for each of its appends. */
    static final class Waiter {
        final Thread thread = Thread.currentThread();
        final EntryWriter encoder;
        EntryBuffer entry;
        RuntimeException failure;
        /** The waiter queued before this one (while queued), then the one appended after it (while taken). */
        Waiter next;
        volatile boolean done;
        volatile boolean parked;

        Waiter(long maxEntryBytes) {
            encoder = new EntryWriter(maxEntryBytes);
        }

        /** Readies this waiter for {@code encoded}, the entry its encoder just wrote. */
        void prepare(EntryBuffer encoded) {
            entry = encoded;
            failure = null;
            done = false;
        }

        /** Throws what kept the entry out of the journal, if anything did. */
        void rethrowFailure() {
            final RuntimeException e = failure;
            if (e != null) {
                failure = null;
                throw e;
            }
        }
    }

    /** The waiter queued last, linked to the ones before it; null when none waits. */
    private final AtomicReference<Waiter> last = new AtomicReference<>();
    private final ThreadLocal<Waiter> waiters;
    /** The waiters the current holder took, in the order they were queued, until it releases them. */
    private Waiter taken;

    PendingAppends(long maxEntryBytes) {
        waiters = ThreadLocal.withInitial(() -> new Waiter(maxEntryBytes));
    }

    /** The calling thread's waiter. */
    Waiter waiter() {
        return waiters.get();
    }

    /** Whether an entry waits for the lock holder. */
    boolean hasQueued() {
        return last.get() != null;
    }

    /** Queues {@code waiter}'s entry for the lock holder. */
    void offer(Waiter waiter) {
        Waiter before;
        do {
            before = last.get();
            waiter.next = before;
        } while (!last.compareAndSet(before, waiter));
    }

    /**
     * Under the append lock: takes every queued entry and appends them in the order they were queued; an entry
     * the journal refuses keeps the error for its thread. {@link #release} follows.
     *
     * @return whether any entry was queued
     */
    boolean appendQueued(Journal journal) {
        final Waiter first = take();
        for (Waiter waiter = first; waiter != null; waiter = waiter.next) {
            try {
                journal.append(waiter.entry);
            } catch (RuntimeException e) {
                waiter.failure = e;
            }
        }
        return first != null;
    }

    /**
     * Under the append lock, once the entries taken are as durable as promised, or with {@code failure} when
     * making them so failed: lets their threads return.
     */
    void release(RuntimeException failure) {
        Waiter waiter = taken;
        taken = null;
        while (waiter != null) {
            final Waiter next = waiter.next;
            waiter.next = null;
            if (failure != null && waiter.failure == null) {
                waiter.failure = failure;
            }
            waiter.done = true;
            if (waiter.parked) {
                LockSupport.unpark(waiter.thread);
            }
            waiter = next;
        }
    }

    /** Under the append lock of a closed store: every queued entry fails with {@code failure}, none appended. */
    void failQueued(RuntimeException failure) {
        take();
        release(failure);
    }

    /** Takes the queued waiters, oldest first, as {@link #taken}. */
    private Waiter take() {
        // a plain read first: an uncontended append finds nothing queued without an atomic exchange
        Waiter queued = last.get() == null ? null : last.getAndSet(null);
        Waiter oldestFirst = null;
        while (queued != null) {
            final Waiter before = queued.next;
            queued.next = oldestFirst;
            oldestFirst = queued;
            queued = before;
        }
        taken = oldestFirst;
        return oldestFirst;
    }
}
