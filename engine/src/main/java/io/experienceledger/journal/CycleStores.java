package io.experienceledger.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.core.io.ReferenceOwner;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;

/**
 * The roll-cycle files that readers map (located reads, {@link LocatedReads}; scans, {@link DocumentWalk}), opened
 * once and kept for the next read: opening one costs a file open, a mapping and a header parse, more than the rest
 * of a small query. Keeps the {@value #KEPT} most recently used; each reader takes its own {@code MappedBytes} over
 * a kept file, which holds its own reference, so evicting a file never unmaps it under a reader. The bytes a query
 * used are handed back ({@link #giveBack}) and lent to the next query of the same file: a new {@code MappedBytes}
 * maps its chunk again, and releasing the last one unmaps it (with an {@code msync}), which cost a small query more
 * than its reads.
 *
 * <p>The mapped chunks of a kept file that a scan read stay mapped too ({@link #keepMapped}) until the file is no
 * longer kept: a chunk mapped anew is page-faulted in again on its first read, a few dozen pages at a time, and on
 * a virtual machine those faults were most of a header-only pass over a journal the page cache already held.
 * Thread-safe.
 */
final class CycleStores implements AutoCloseable {
    private static final int KEPT = 4;
    /** Idle bytes kept per file: as many as queries that read it at once, usually one. */
    private static final int IDLE_PER_FILE = 4;
    private static final ReferenceOwner OWNER = ReferenceOwner.temporary("ledger-cycle-stores");

    private final SingleChronicleQueue queue;
    private final ArrayDeque<SingleChronicleQueueStore> kept = new ArrayDeque<>(KEPT);
    /** Bytes over kept files that no query uses now, by cycle. */
    private final Map<Integer, ArrayDeque<MappedBytes>> idle = new HashMap<>();
    /** The length each kept file had when a reader last looked: files only grow, so a reader looks again only past it. */
    private final Map<Integer, Long> lengths = new HashMap<>();
    /** The mapped chunks of kept files held mapped, by cycle, each reserved once by {@link #OWNER}. */
    private final Map<Integer, List<BytesStore<?, ?>>> mapped = new HashMap<>();
    private boolean closed;

    CycleStores(SingleChronicleQueue queue) {
        this.queue = queue;
    }

    /**
     * Keeps {@code chunk}, a mapped chunk of the file of {@code cycle} that the caller's bytes hold now, mapped
     * while the file is kept, so that the next reader of the file finds its pages mapped; nothing when the file is
     * not kept.
     */
    synchronized void keepMapped(int cycle, BytesStore<?, ?> chunk) {
        if (closed || !isKept(cycle)) {
            return;
        }
        final List<BytesStore<?, ?>> chunks = mapped.computeIfAbsent(cycle, c -> new ArrayList<>());
        for (BytesStore<?, ?> held : chunks) {
            if (held == chunk) {
                return;
            }
        }
        if (chunk.tryReserve(OWNER)) {
            chunks.add(chunk);
        }
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
            close(kept.removeLast());
        }
        kept.addFirst(store);
        return store;
    }

    /**
     * Bytes over the file of roll cycle {@code cycle} for one reader: idle ones a query gave back, or new ones; null
     * when there is no such file. Give them back when done.
     */
    synchronized MappedBytes lend(int cycle) {
        final ArrayDeque<MappedBytes> free = idle.get(cycle);
        if (free != null && !free.isEmpty() && !closed) {
            return free.pop();
        }
        final SingleChronicleQueueStore store = acquire(cycle);
        return store == null ? null : store.bytes();
    }

    /** The length of the file of {@code cycle} as last seen by a reader (0 when unknown): a lower bound. */
    synchronized long knownLength(int cycle) {
        return lengths.getOrDefault(cycle, 0L);
    }

    /**
     * Takes back bytes {@link #lend} gave for {@code cycle}, with the file length the reader saw; the bytes are
     * released when their file is no longer kept.
     */
    synchronized void giveBack(int cycle, MappedBytes bytes, long fileLength) {
        if (closed || !isKept(cycle)) {
            bytes.releaseLast();
            return;
        }
        lengths.merge(cycle, fileLength, Math::max);
        final ArrayDeque<MappedBytes> free = idle.computeIfAbsent(cycle, c -> new ArrayDeque<>(IDLE_PER_FILE));
        if (free.size() == IDLE_PER_FILE) {
            bytes.releaseLast();
            return;
        }
        free.push(bytes);
    }

    private boolean isKept(int cycle) {
        for (SingleChronicleQueueStore store : kept) {
            if (store.cycle() == cycle) {
                return true;
            }
        }
        return false;
    }

    /** Closes a kept file and releases the idle bytes over it. */
    private void close(SingleChronicleQueueStore store) {
        lengths.remove(store.cycle());
        final List<BytesStore<?, ?>> chunks = mapped.remove(store.cycle());
        if (chunks != null) {
            chunks.forEach(chunk -> chunk.release(OWNER));
        }
        final ArrayDeque<MappedBytes> free = idle.remove(store.cycle());
        if (free != null) {
            free.forEach(MappedBytes::releaseLast);
        }
        queue.closeStore(store);
    }

    /** Closes the kept files of cycles before {@code cycle} (retention removed them), so they are unmapped. */
    synchronized void closeBefore(int cycle) {
        for (Iterator<SingleChronicleQueueStore> it = kept.iterator(); it.hasNext(); ) {
            final SingleChronicleQueueStore store = it.next();
            if (store.cycle() < cycle) {
                it.remove();
                close(store);
            }
        }
    }

    /** Closes every kept file; later {@link #acquire} calls answer null. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!kept.isEmpty()) {
            close(kept.removeFirst());
        }
        idle.values().forEach(free -> free.forEach(MappedBytes::releaseLast));
        idle.clear();
        lengths.clear();
    }
}
