package io.experienceledger.index.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The memtable's primitive postings lists: growth, collision de-duplication, key order, clear. */
class MemtableTest {
    @Test
    void keepsAscendingListsPerKeyAcrossGrowth() {
        final long seed = new Random().nextLong();
        final Random random = new Random(seed);
        final Memtable memtable = new Memtable();
        final long[] keys = new long[3_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong();
        }
        final List<List<Long>> expected = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            expected.add(new ArrayList<>());
        }
        for (long position = 0; position < 20_000; position++) {
            memtable.addEntry(position, position * 3);
            final int key = random.nextInt(keys.length);
            memtable.post(keys[key], position);
            memtable.post(keys[key], position);
            expected.get(key).add(position);
        }
        assertEquals(20_000, memtable.entryCount());
        assertEquals(3 * 12_345, memtable.location(12_345));
        assertEquals(-1, memtable.location(20_000));
        for (int i = 0; i < keys.length; i++) {
            final int slot = memtable.find(keys[i]);
            final List<Long> actual = new ArrayList<>();
            if (slot >= 0) {
                for (int node = memtable.head(slot), n = 0; n < memtable.count(slot); n++) {
                    actual.add(memtable.position(node));
                    node = memtable.next(node);
                }
            }
            assertEquals(expected.get(i), actual, "seed " + seed);
        }
    }

    @Test
    void sortsKeysAsUnsignedAndClears() {
        final Memtable memtable = new Memtable();
        memtable.addEntry(7, 1_000);
        for (long key : new long[] {-1L, 5L, Long.MIN_VALUE, 0L, Long.MAX_VALUE}) {
            memtable.post(key, 7);
        }
        assertArrayEquals(new long[] {0L, 5L, Long.MAX_VALUE, Long.MIN_VALUE, -1L}, memtable.sortedKeyHashes());
        assertEquals(7, memtable.firstPosition());
        assertEquals(1_000, memtable.location(7));
        assertEquals(-1, memtable.location(6));
        memtable.clear();
        assertEquals(-1, memtable.location(7));
        assertEquals(0, memtable.keyCount());
        assertEquals(-1, memtable.find(5L));
        assertEquals(-1, memtable.lastPosition());
    }
}
