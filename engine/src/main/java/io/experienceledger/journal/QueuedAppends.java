package io.experienceledger.journal;

import io.experienceledger.store.ExperienceStoreException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The queue of {@linkplain ChronicleExperienceStore.Builder#queuedAppends() queued appends}: entries their threads
 * encoded, copied into a many-to-one ring buffer (Agrona's {@link ManyToOneRingBuffer}, {@value #CAPACITY} bytes)
 * for the store's drainer thread to append. Queueing claims space with one atomic add, copies the entry and
 * commits it; it allocates nothing. An entry larger than {@link #maxQueuedBytes()} is not queued (the caller
 * appends it itself).
 *
 * <p>Queued by any thread; appended only under the store's append lock. An entry the journal refuses (a full disk)
 * stays in the ring, with every entry after it, and a later drain offers it again; until then {@link #failure()}
 * says why, and new entries are refused.
 *
 * <p>Closing: each queueing thread marks itself active while it checks that the queue is open and queues;
 * {@link #close} marks the queue closed and then waits for every active thread. Either a thread sees the queue
 * closed and queues nothing, or close sees it active and waits until its entry is in the ring, before the final
 * drain: no entry is acknowledged and then left behind.
 */
final class QueuedAppends {
    /** The ring's size in bytes: a power of two; an entry of up to an eighth of it is queued. */
    static final int CAPACITY = 1 << 20;
    private static final int ENTRY = 1;
    /**
     * How long a thread waiting for room sleeps at most: a drain wakes it once the ring is half empty, so this
     * only bounds the wait should that wake-up be missed (or the queue close or fail meanwhile).
     */
    private static final long ROOM_PARK_NANOS = 1_000_000;
    /** Entries a drain appends before it frees their space in the ring and wakes threads waiting for room. */
    private static final int DRAIN_RUN = 256;

    /** One queueing thread: its encoder, and whether it is queueing now. */
    static final class Producer {
        final Thread thread = Thread.currentThread();
        final EntryWriter encoder;
        volatile boolean active;
        /** Waiting for room in a full ring: a drain that frees half of it wakes this thread. */
        volatile boolean awaitingRoom;
        /** A drain woke this thread while it waited for room. */
        volatile boolean woken;

        Producer(long maxEntryBytes) {
            encoder = new EntryWriter(maxEntryBytes);
        }
    }

    private final ManyToOneRingBuffer ring;
    private final ThreadLocal<Producer> producers;
    private final CopyOnWriteArrayList<Producer> registered = new CopyOnWriteArrayList<>();
    /** The ring's memory as Chronicle sees it, so that an entry goes from the ring to the journal in one copy. */
    private final BytesStore<?, ByteBuffer> ringBytes;
    /** A reader over {@link #ringBytes}, positioned on each entry in turn as it goes to the journal. */
    private final Bytes<ByteBuffer> ringReader;
    /**
     * Appends one entry of the ring to the journal. The drainer writes nothing to this object for each entry (nor
     * for each drain, while nothing fails): the queueing threads read its fields on every append, and a write to the
     * cache line they share would cost each of them a miss.
     */
    private final ControlledMessageHandler appendOne;
    private volatile RuntimeException failure;
    /** Why entries appended by a drain were not made as durable as promised, until a flush reports it. */
    private volatile RuntimeException syncFailure;
    private volatile boolean closed;
    private volatile Thread drainer;
    private volatile boolean drainerParked;
    /** How many threads wait for room in a full ring ({@link #awaitRoom}). */
    private final AtomicInteger awaitingRoom = new AtomicInteger();
    /** The place, among the registered threads, of the one {@link #wakeOneAwaitingRoom} woke last; under the lock. */
    private int lastWoken = -1;
    /** Waits for room, and those a drain ended by waking the thread (not its timer); counted off the fast path. */
    private final LongAdder roomWaits = new LongAdder();
    private final LongAdder roomWaitsWoken = new LongAdder();

    /**
     * @throws ExperienceStoreException when the JVM does not let Agrona's buffers reach {@code jdk.internal.misc}
     */
    QueuedAppends(long maxEntryBytes, Journal journal) {
        final ByteBuffer memory = ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH);
        try {
            ring = new ManyToOneRingBuffer(new UnsafeBuffer(memory));
        } catch (LinkageError e) {
            throw ExperienceStoreException.storageError("queued appends need the JVM flag --add-exports"
                    + " java.base/jdk.internal.misc=ALL-UNNAMED (the ring buffer that holds the queued entries,"
                    + " Agrona's, reaches jdk.internal.misc.Unsafe): add it to the JVM's command line (ledger.jar has"
                    + " it in its manifest), or open the store without queuedAppends(): " + e, e);
        }
        ringBytes = BytesStore.wrap(memory);
        ringReader = ringBytes.bytesForRead();
        ringReader.singleThreadedCheckDisabled(true); // used by whichever thread holds the append lock
        producers = ThreadLocal.withInitial(() -> register(new Producer(maxEntryBytes)));
        appendOne = (type, buffer, index, length) -> {
            try {
                ringReader.readPositionRemaining(index, length);
                journal.append(ringReader);
            } catch (RuntimeException e) {
                failure = e;
                return ControlledMessageHandler.Action.ABORT;
            }
            return ControlledMessageHandler.Action.CONTINUE;
        };
    }

    /** The calling thread's producer. */
    Producer producer() {
        return producers.get();
    }

    /** The largest entry that is queued; a larger one is appended by its own thread. */
    int maxQueuedBytes() {
        return ring.maxMsgLength();
    }

    /**
     * Queues {@code entry}, which {@code producer}'s encoder just wrote, and wakes the drainer if it sleeps. When
     * the ring is full, {@code drainHere} appends what is queued on this thread if it can take the append lock
     * (the drainer is behind, often for want of a core); otherwise this thread waits for room.
     *
     * @return false when the queue is closed: the entry is not queued
     * @throws ExperienceStoreException a storage error while queued entries cannot be appended; the entry is then
     *                                  not queued
     */
    boolean offer(Producer producer, EntryBuffer entry, BooleanSupplier drainHere) {
        producer.active = true;
        try {
            while (true) {
                if (closed) {
                    return false;
                }
                final RuntimeException failing = failure;
                if (failing != null) {
                    throw refused(failing);
                }
                final int index = ring.tryClaim(ENTRY, entry.position());
                if (index > 0) {
                    ring.buffer().putBytes(index, entry.array(), 0, entry.position());
                    ring.commit(index);
                    break;
                }
                if (!drainHere.getAsBoolean()) {
                    awaitRoom(producer);
                }
            }
        } finally {
            producer.active = false;
        }
        if (drainerParked) {
            wakeDrainer();
        }
        return true;
    }

    /**
     * The ring is full and another thread holds the append lock, the drainer or a thread draining it. Sleeps,
     * instead of spinning, until the ring is at most half full (or the queue closes or fails), so that the threads
     * that queue leave the cores to the one draining, which is what they wait for, and queue their next entries in
     * a run. The drain wakes it ({@link #wakeOneAwaitingRoom}): a thread that woke up on a timer every few tens of
     * microseconds to look took, with four such threads on two cores, a good part of the drainer's core.
     */
    private void awaitRoom(Producer producer) {
        roomWaits.increment();
        producer.woken = false;
        producer.awaitingRoom = true;
        awaitingRoom.incrementAndGet(); // a full fence: a drain that frees space after this sees this thread waiting
        try {
            wakeDrainer();
            while (ring.size() > CAPACITY / 2 && !closed && failure == null) {
                LockSupport.parkNanos(this, ROOM_PARK_NANOS);
            }
        } finally {
            awaitingRoom.decrementAndGet();
            producer.awaitingRoom = false;
            if (producer.woken) {
                roomWaitsWoken.increment();
            }
        }
    }

    /**
     * Under the append lock, after a drain freed space: wakes one thread waiting for room once the ring is at most
     * half full, taking turns. One thread queues faster than the journal takes entries, so it refills the ring
     * alone while the others leave the cores to the drain; should it not keep up, the next run of the drain finds
     * the ring still half empty and wakes another. With the ring empty, every waiting thread is woken.
     */
    private void wakeOneAwaitingRoom() {
        VarHandle.fullFence(); // the space freed is visible before this looks for waiting threads (see awaitRoom)
        if (awaitingRoom.get() == 0 || ring.size() > CAPACITY / 2) {
            return;
        }
        if (!busy()) {
            wakeAllAwaitingRoom(); // nobody is queueing: a thread woken just as it stopped waiting woke no one
            return;
        }
        Producer first = null;
        int firstAt = -1;
        int at = 0;
        for (Producer producer : registered) { // a snapshot: threads may register meanwhile
            if (producer.awaitingRoom) {
                if (at > lastWoken) {
                    lastWoken = at;
                    wake(producer);
                    return;
                }
                if (first == null) {
                    first = producer;
                    firstAt = at;
                }
            }
            at++;
        }
        if (first != null) {
            lastWoken = firstAt;
            wake(first);
        }
    }

    /** Wakes every thread waiting for room, to look again (the ring emptied, or the queue closed or failed). */
    private void wakeAllAwaitingRoom() {
        for (Producer producer : registered) {
            if (producer.awaitingRoom) {
                wake(producer);
            }
        }
    }

    private static void wake(Producer producer) {
        producer.woken = true;
        LockSupport.unpark(producer.thread);
    }

    /** How many times a thread waited for room in a full ring, and how many of those waits a drain ended. For tests. */
    long roomWaits() {
        return roomWaits.sum();
    }

    long roomWaitsWoken() {
        return roomWaitsWoken.sum();
    }

    /** True when entries are queued, or being queued; any thread. */
    boolean busy() {
        return ring.producerPosition() != ring.consumerPosition();
    }

    /** Why queued entries are not being appended, or null. */
    RuntimeException failure() {
        return failure;
    }

    /**
     * No entry is queued from now on: marks the queue closed, then waits until no thread is queueing, so that
     * every entry that will ever be queued is in the ring.
     */
    void close() {
        closed = true;
        wakeAllAwaitingRoom();
        for (Producer producer : registered) {
            while (producer.active) {
                Thread.onSpinWait();
            }
        }
    }

    /** Frees the ring's view for the journal, after the final drain; nothing is appended from the ring after. */
    void release() {
        ringReader.releaseLast(); // it holds a reference to the ring's memory
        ringBytes.releaseLast();
    }

    /** Keeps {@code e}, for the next {@link #takeSyncFailure}. */
    void syncFailed(RuntimeException e) {
        syncFailure = e;
    }

    /** The last failure to make drained entries durable, once; null when there was none. */
    RuntimeException takeSyncFailure() {
        final RuntimeException e = syncFailure;
        syncFailure = null;
        return e;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Under the append lock: appends, in queue order, every entry queued before the call (waiting for one still
     * being copied in); stops at the first the journal refuses, leaving it and the ones after it queued, with
     * {@link #failure()} saying why. Clears the failure when everything was appended.
     *
     * @return the number of entries appended
     */
    int appendQueued() {
        final long target = ring.producerPosition();
        if (failure != null) {
            failure = null; // written only when set: see appendOne
        }
        int appended = 0;
        while (ring.consumerPosition() < target) {
            final int read = ring.controlledRead(appendOne, DRAIN_RUN); // an entry refused is not counted
            appended += read;
            if (failure != null) {
                wakeAllAwaitingRoom(); // they fail with it rather than wait for their timer
                break;
            }
            if (read == 0) {
                Thread.onSpinWait(); // a thread has claimed its space and is still copying its entry in
            } else {
                wakeOneAwaitingRoom();
            }
        }
        return appended;
    }

    /**
     * Under the append lock, at close, when the journal refuses the queued entries: drops them.
     *
     * @return how many were dropped
     */
    int discardAll() {
        int dropped = 0;
        while (busy()) {
            dropped += ring.read((type, buffer, index, length) -> { });
        }
        return dropped;
    }

    /** {@code thread} drains the queue: {@link #offer} wakes it when it sleeps. */
    void drainerIs(Thread thread) {
        drainer = thread;
    }

    /** The drainer, with nothing queued: sleeps up to {@code nanos} unless an entry is queued meanwhile. */
    void drainerSleep(long nanos) {
        drainerParked = true;
        if (!busy()) {
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

    /** Registers a thread's producer, forgetting those of threads that ended. */
    private Producer register(Producer producer) {
        registered.removeIf(p -> !p.thread.isAlive());
        registered.add(producer);
        return producer;
    }
}
