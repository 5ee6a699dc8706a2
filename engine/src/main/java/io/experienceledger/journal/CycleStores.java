package io.experienceledger.journal;

import java.util.ArrayDeque;
import java.util.Iterator;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;

/**
 * The roll-cycle files that located reads ({@link LocatedReads}) use, opened once and kept for the next query:
 * opening one costs a file open, a mapping and a header parse, more than the rest of a small query. Keeps the
 * {@value #KEPT} most recently used; each reader takes its own {@code MappedBytes} over a kept file, which holds
 * its own reference, so evicting a file never unmaps it under a reader. Thread-safe.
 */
final class CycleStores implements AutoCloseable {
    private static final int KEPT = 4;

    private final SingleChronicleQueue queue;
    private final ArrayDeque<SingleChronicleQueueStore> kept = new ArrayDeque<>(KEPT);
    private boolean closed;

    CycleStores(Journal journal) {
        this.queue = journal.queue();
    }

    /** The open file of roll cycle {@code cycle}, or null when there is none (or this is closed). */
    synchronized SingleChronicleQueueStore acquire(int cycle) {
        if (closed) {
            return null;
        }
        for (Iterator<SingleChronicleQueueStore> it = kept.iterator(); it.hasNext(); ) {
            final SingleChronicleQueueStore store = it.next();
            if (store.cycle() == cycle) {
                it.remove();
                kept.addFirst(store);
                return store;
            }
        }
        final SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
        if (store == null) {
            return null;
        }
        if (kept.size() == KEPT) {
            queue.closeStore(kept.removeLast());
        }
        kept.addFirst(store);
        return store;
    }

    /** Closes the kept files of cycles before {@code cycle} (retention removed them), so they are unmapped. */
    synchronized void closeBefore(int cycle) {
        for (Iterator<SingleChronicleQueueStore> it = kept.iterator(); it.hasNext(); ) {
            final SingleChronicleQueueStore store = it.next();
            if (store.cycle() < cycle) {
                it.remove();
                queue.closeStore(store);
            }
        }
    }

    /** Closes every kept file; later {@link #acquire} calls answer null. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!kept.isEmpty()) {
            queue.closeStore(kept.removeFirst());
        }
    }
}
