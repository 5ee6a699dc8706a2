package io.experienceledger.journal;

import io.experienceledger.store.ExperienceStoreException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The queue of {@linkplain ChronicleExperienceStore.Builder#queuedAppends() queued appends}: single entries that
 * their threads encoded and left for the store's drainer thread to append. Each appending thread has two slots,
 * used in turn, each with its own encoder: a thread encodes its next entry while the drainer appends its last
 * one, and waits only when both of its slots are still queued. Queueing is one compare-and-set and allocates
 * nothing; the queue is the slots themselves, linked.
 *
 * <p>Queued by any thread; appended and released only under the store's append lock. An entry the journal
 * refuses (a full disk) stays queued, with every entry after it, and is appended again by a later drain; until
 * then {@link #failure()} says why, and new entries are refused.
 */
final class QueuedAppends {
    /** A thread waiting for its slot checks this often before it yields. */
    private static final int SPINS = 100;
    /** Then it yields this often before it parks. */
    private static final int YIELDS = 20;
    private static final long PARK_NANOS = 50_000;

    /** One encoded entry of one thread, reused for every other entry of that thread. */
    static final class Slot {
        final Thread thread = Thread.currentThread();
        final EntryWriter encoder;
        EntryBuffer entry;
        /** The slot queued before this one (while queued), then the one queued after it (once taken). */
        Slot next;
        /** Why the entry was not appended (it never will be), once {@link #done}. */
        RuntimeException failure;
        /** True when the slot is free: its entry appended, or failed for good. */
        volatile boolean done = true;
        volatile boolean parked;

        Slot(long maxEntryBytes) {
            encoder = new EntryWriter(maxEntryBytes);
        }
    }

    /** A thread's two slots and which one it uses next. */
    private static final class Pair {
        final Slot first;
        final Slot second;
        boolean useSecond;

        Pair(long maxEntryBytes) {
            first = new Slot(maxEntryBytes);
            second = new Slot(maxEntryBytes);
        }
    }

    /** The slot queued last, linked to the ones before it; null when nothing is queued. */
    private final AtomicReference<Slot> last = new AtomicReference<>();
    private final ThreadLocal<Pair> pairs;
    /** Taken from the queue, oldest first, and not yet released; under the append lock. */
    private Slot taken;
    /** The last of {@link #taken}; under the append lock. */
    private Slot tail;
    /** The first taken slot not yet appended; under the append lock. */
    private Slot unappended;
    /** True while {@link #taken} holds slots: a read must wait for the drain that holds them. */
    private volatile boolean holding;
    private volatile RuntimeException failure;
    private volatile boolean closed;
    /** The drainer, to wake when an entry is queued while it sleeps. */
    private volatile Thread drainer;
    private volatile boolean drainerParked;

    QueuedAppends(long maxEntryBytes) {
        pairs = ThreadLocal.withInitial(() -> new Pair(maxEntryBytes));
    }

    /**
     * The calling thread's next slot, once it is free: waits while the drainer has not yet appended the entry the
     * thread queued two appends ago.
     *
     * @throws ExperienceStoreException when queued entries cannot be appended, so the slot does not come free
     */
    Slot slot() {
        final Pair pair = pairs.get();
        final Slot slot = pair.useSecond ? pair.second : pair.first;
        pair.useSecond = !pair.useSecond;
        int idle = 0;
        while (!slot.done) {
            final RuntimeException failing = failure;
            if (failing != null) {
                throw refused(failing);
            }
            if (idle < SPINS) {
                idle++;
                Thread.onSpinWait();
            } else if (idle < SPINS + YIELDS) {
                idle++;
                Thread.yield();
            } else {
                slot.parked = true;
                if (!slot.done) {
                    wakeDrainer();
                    LockSupport.parkNanos(this, PARK_NANOS);
                }
                slot.parked = false;
            }
        }
        return slot;
    }

    /** Queues {@code entry}, which {@code slot}'s encoder just wrote, and wakes the drainer if it sleeps. */
    void offer(Slot slot, EntryBuffer entry) {
        slot.entry = entry;
        slot.failure = null;
        slot.done = false;
        Slot before;
        do {
            before = last.get();
            slot.next = before;
        } while (!last.compareAndSet(before, slot));
        if (drainerParked) {
            wakeDrainer();
        }
    }

    /** True when entries are queued or held by a drain; any thread. */
    boolean busy() {
        return last.get() != null || holding;
    }

    /** Why queued entries are not being appended, or null. */
    RuntimeException failure() {
        return failure;
    }

    boolean isClosed() {
        return closed;
    }

    /** No entry is queued from now on: {@link #slot} users check this after queueing. */
    void close() {
        closed = true;
    }

    /**
     * Under the append lock: appends, in queue order, the entries held from an earlier drain that the journal
     * refused, then every queued entry; stops at the first the journal refuses, keeping it and the ones after it
     * for the next drain. {@link #release} follows, once the appended entries are as durable as promised.
     *
     * @return the number of entries appended
     */
    int appendQueued(Journal journal) {
        if (unappended == null) {
            take();
        }
        int appended = 0;
        while (unappended != null) {
            try {
                journal.append(unappended.entry);
            } catch (RuntimeException e) {
                failure = e;
                return appended;
            }
            appended++;
            unappended = unappended.next;
            if (unappended == null && last.get() != null) {
                take();
            }
        }
        failure = null;
        return appended;
    }

    /**
     * Under the append lock: frees the slots of the entries appended since the last release, with
     * {@code failure} when making them durable failed (the entries are in the journal, not as durable as
     * promised).
     */
    void release(RuntimeException syncFailure) {
        if (syncFailure != null) {
            failure = syncFailure;
        }
        Slot slot = taken;
        while (slot != null && slot != unappended) {
            final Slot next = slot.next;
            free(slot, null);
            slot = next;
        }
        taken = unappended;
        if (taken == null) {
            tail = null;
        }
        holding = taken != null;
    }

    /**
     * Under the append lock, when nothing will append them any more: fails every held and queued entry with
     * {@code cause}.
     *
     * @return how many entries failed
     */
    int failAll(RuntimeException cause) {
        take();
        int failed = 0;
        Slot slot = taken;
        while (slot != null) {
            final Slot next = slot.next;
            free(slot, cause);
            failed++;
            slot = next;
        }
        taken = null;
        tail = null;
        unappended = null;
        holding = false;
        return failed;
    }

    /** The calling thread's drain loop is the drainer: {@link #offer} wakes it. */
    void drainerIs(Thread thread) {
        drainer = thread;
    }

    /**
     * The drainer, with nothing queued: sleeps up to {@code nanos} unless an entry is queued meanwhile.
     */
    void drainerSleep(long nanos) {
        drainerParked = true;
        if (last.get() == null) {
            LockSupport.parkNanos(this, nanos);
        }
        drainerParked = false;
    }

    /** A storage error for an entry refused because queued entries are not being appended. */
    static ExperienceStoreException refused(RuntimeException cause) {
        return ExperienceStoreException.storageError("the entry was not queued: queued entries before it cannot be"
                + " appended (" + cause.getMessage() + "); they stay queued and are appended as soon as the journal"
                + " takes them again, and appends are accepted again from then on", cause);
    }

    private void wakeDrainer() {
        final Thread thread = drainer;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Takes the queued slots, oldest first, and appends them to {@link #taken}. */
    private Slot take() {
        if (last.get() == null) {
            return null;
        }
        // held before it leaves the queue: a reader that finds the queue empty then finds the drain holding it
        holding = true;
        Slot queued = last.getAndSet(null);
        final Slot newestTaken = queued;
        Slot oldestFirst = null;
        while (queued != null) {
            final Slot before = queued.next;
            queued.next = oldestFirst;
            oldestFirst = queued;
            queued = before;
        }
        if (oldestFirst != null) {
            if (taken == null) {
                taken = oldestFirst;
            } else {
                tail.next = oldestFirst;
            }
            tail = newestTaken;
            if (unappended == null) {
                unappended = oldestFirst;
            }
        }
        return oldestFirst;
    }

    private static void free(Slot slot, RuntimeException cause) {
        slot.next = null;
        slot.entry = null;
        slot.failure = cause;
        slot.done = true;
        if (slot.parked) {
            LockSupport.unpark(slot.thread);
        }
    }
}
