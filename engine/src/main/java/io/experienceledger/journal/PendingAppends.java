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

    /**
     * Holds that appended entries other threads had queued, each within {@link #CONTENDED_GAP_NANOS} of the one
     * before, from which appends count as contended: the threads keep meeting at the lock, not by chance. Threads
     * appending as fast as they can get there within tens of microseconds; at 100,000 appends a second from several
     * threads a few percent of appends collide, and even a burst of appends catching up after a stall seldom makes
     * this many in a row.
     */
    private static final int CONTENDED_HOLDS = 16;
    /** The longest gap between two such holds that keeps counting them towards contention. */
    private static final long CONTENDED_GAP_NANOS = 10_000;
    /**
     * Once appends count as contended, the longest gap between two such holds that keeps them so: longer than a
     * back-off ({@code BatchAppender}) with the kernel's timer slack, since a thread waking from one hands its entry
     * over if the lock is still held. Without it each wake-up started the count anew, and the other threads handed
     * over {@link #CONTENDED_HOLDS} entries between sleeps.
     */
    private static final long CONTENDED_STAY_NANOS = 200_000;
    /** The waiter queued last, linked to the ones before it; null when none waits. */
    private final AtomicReference<Waiter> last = new AtomicReference<>();
    private final ThreadLocal<Waiter> waiters;
    /** The waiters the current holder took, in the order they were queued, until it releases them. */
    private Waiter taken;
    /**
     * How many holds in a row, each soon after the one before, appended entries other threads had queued, up to
     * {@link #CONTENDED_HOLDS}; written under the lock, only by holds that appended such entries. Read without the
     * lock, as a hint.
     */
    private int busyHolds;
    /** When the last hold that appended entries other threads had queued did so ({@link System#nanoTime}). */
    private long lastBusyHold;

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
     * the journal refuses keeps the error for its thread; a hold that found entries counts towards
     * {@link #contended}. {@link #release} follows.
     */
    void appendQueued(Journal journal) {
        final Waiter first = take();
        if (first != null) {
            countBusyHold();
        }
        for (Waiter waiter = first; waiter != null; waiter = waiter.next) {
            try {
                journal.append(waiter.entry);
            } catch (RuntimeException e) {
                waiter.failure = e;
            }
        }
    }

    /**
     * Whether appends are contended: the lock's holders keep finding entries other threads queued. Read without the
     * lock, as a hint for a thread that just found it held.
     */
    boolean contended() {
        return busyHolds >= CONTENDED_HOLDS;
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

    /** Under the append lock, for a hold that found entries other threads had queued: counts it as contention. */
    private void countBusyHold() {
        final long now = System.nanoTime();
        if (now - lastBusyHold > (busyHolds >= CONTENDED_HOLDS ? CONTENDED_STAY_NANOS : CONTENDED_GAP_NANOS)) {
            busyHolds = 1;
        } else if (busyHolds < CONTENDED_HOLDS) {
            busyHolds++;
        }
        lastBusyHold = now;
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
