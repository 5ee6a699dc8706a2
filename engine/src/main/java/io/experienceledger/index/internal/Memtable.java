package io.experienceledger.index.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.agrona.collections.Hashing;
import org.agrona.collections.Long2LongHashMap;

/**
 * The postings of the entries not yet in a segment, in primitive arrays shared by all keys: no object per key
 * or per posting, nothing boxed.
 *
 * <p>Keys live in an Agrona {@link Long2LongHashMap} from key hash to slot (open addressing over one
 * {@code long[]}; its primitive {@code get} and {@code putIfAbsent} box nothing). Each slot holds the head,
 * tail and length of a singly linked list of postings; the list nodes of all keys sit in two parallel arrays,
 * so adding a posting is one array store and a link. Positions must be added in ascending order, so every
 * list is ascending; a position posted twice to the same key (two keys of one entry whose hashes collide) is
 * kept once. The map and the arrays grow by doubling and keep their size across {@link #clear()}, which is
 * bounded by the flush threshold.
 */
final class Memtable {
    private static final int NO_NODE = -1;
    private static final int NO_SLOT = -1;
    private static final int INITIAL_KEYS = 256;

    /** Key hash to slot; slots are numbered in the order keys first appear. Its key iterator is reused. */
    private final Long2LongHashMap slots =
        new Long2LongHashMap(INITIAL_KEYS * 2, Hashing.DEFAULT_LOAD_FACTOR, NO_SLOT, true);
    private int[] head;
    private int[] tail;
    private int[] count;

    private long[] nodePosition;
    private int[] nodeNext;
    private int nodeCount;

    private long[] entryPosition;
    private long[] entryLocation;
    private int entryCount;

    Memtable() {
        head = new int[INITIAL_KEYS];
        tail = new int[INITIAL_KEYS];
        count = new int[INITIAL_KEYS];
        nodePosition = new long[INITIAL_KEYS * 4];
        nodeNext = new int[INITIAL_KEYS * 4];
        entryPosition = new long[INITIAL_KEYS];
        entryLocation = new long[INITIAL_KEYS];
    }

    /**
     * Records that the entry at {@code position}, held by the journal at {@code location} (-1: unknown), is in the
     * memtable; its keys follow with {@link #post}.
     */
    void addEntry(long position, long location) {
        if (entryCount == entryPosition.length) {
            entryPosition = Arrays.copyOf(entryPosition, entryCount * 2);
            entryLocation = Arrays.copyOf(entryLocation, entryCount * 2);
        }
        entryPosition[entryCount] = position;
        entryLocation[entryCount++] = location;
    }

    /** The location recorded with the entry at {@code position}, or -1 when the memtable does not hold it. */
    long location(long position) {
        final int i = Arrays.binarySearch(entryPosition, 0, entryCount, position);
        return i < 0 ? -1 : entryLocation[i];
    }

    /** Adds {@code position} to the postings of {@code hash}; positions arrive in ascending order. */
    void post(long hash, long position) {
        final int newSlot = slots.size();
        final int slot = (int) slots.putIfAbsent(hash, newSlot);
        if (slot == NO_SLOT) {
            if (newSlot == head.length) {
                growSlots();
            }
            final int node = newNode(position);
            head[newSlot] = node;
            tail[newSlot] = node;
            count[newSlot] = 1;
        } else if (nodePosition[tail[slot]] != position) {
            final int node = newNode(position);
            nodeNext[tail[slot]] = node;
            tail[slot] = node;
            count[slot]++;
        }
    }

    /** The slot of {@code hash}, or -1 if the memtable has no postings for it. */
    int find(long hash) {
        return (int) slots.get(hash);
    }

    /** The first node of the postings of {@code slot}. */
    int head(int slot) {
        return head[slot];
    }

    /** How many postings {@code slot} has. */
    int count(int slot) {
        return count[slot];
    }

    /** The position held by {@code node}. */
    long position(int node) {
        return nodePosition[node];
    }

    /** The node after {@code node} in its key's list, or -1. */
    int next(int node) {
        return nodeNext[node];
    }

    /** How many distinct key hashes have postings. */
    int keyCount() {
        return slots.size();
    }

    /** How many entries the memtable holds. */
    int entryCount() {
        return entryCount;
    }

    /** The position of the first entry, or -1 when empty. */
    long firstPosition() {
        return entryCount == 0 ? -1 : entryPosition[0];
    }

    /** The position of the last entry, or -1 when empty. */
    long lastPosition() {
        return entryCount == 0 ? -1 : entryPosition[entryCount - 1];
    }

    /** Every key hash with postings, ascending as unsigned 64-bit numbers (the segment directory order). */
    long[] sortedKeyHashes() {
        final long[] hashes = new long[slots.size()];
        final Long2LongHashMap.KeyIterator keys = slots.keySet().iterator();
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = keys.nextValue() ^ Long.MIN_VALUE;
        }
        Arrays.sort(hashes);
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] ^= Long.MIN_VALUE;
        }
        return hashes;
    }

    /**
     * Writes the memtable as one segment file in {@code dir} ({@code sync}: forced before the rename), staged in
     * {@code staging}'s buffers; the memtable must hold at least one entry.
     *
     * @return what the manifest records of the new segment
     */
    SegmentInfo writeSegment(SegmentStaging staging, Path dir, boolean sync) throws IOException {
        final long[] hashes = sortedKeyHashes();
        try (SegmentWriter writer = new SegmentWriter(staging, dir, firstPosition(), lastPosition(), entryCount,
            hashes.length, entryCount, sync)) {
            for (long hash : hashes) {
                final int slot = find(hash);
                writer.beginKey(hash, count[slot]);
                for (int node = head[slot]; node != NO_NODE; node = nodeNext[node]) {
                    writer.posting(nodePosition[node]);
                }
            }
            for (int i = 0; i < entryCount; i++) {
                writer.location(entryPosition[i], entryLocation[i]);
            }
            return writer.finish();
        }
    }

    /** Drops every entry and posting; keeps the arrays and the map's capacity. */
    void clear() {
        slots.clear();
        nodeCount = 0;
        entryCount = 0;
    }

    private void growSlots() {
        final int capacity = head.length * 2;
        head = Arrays.copyOf(head, capacity);
        tail = Arrays.copyOf(tail, capacity);
        count = Arrays.copyOf(count, capacity);
    }

    private int newNode(long position) {
        if (nodeCount == nodePosition.length) {
            nodePosition = Arrays.copyOf(nodePosition, nodeCount * 2);
            nodeNext = Arrays.copyOf(nodeNext, nodeCount * 2);
        }
        final int node = nodeCount++;
        nodePosition[node] = position;
        nodeNext[node] = NO_NODE;
        return node;
    }
}
