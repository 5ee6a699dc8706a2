package io.experienceledger.index.internal;

import io.experienceledger.index.IndexOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Once the memtable has grown to a flush's worth of entries, adding an entry allocates nothing: no object per
 * entry, key or posting, nothing boxed.
 */
class AddAllocationTest {
    private static final int ENTRIES = 50_000;
    /**
     * Far below one byte an add: room for the few hundred bytes that now and then show up on the thread once
     * C2 compiles the loop (never with -Xint or C1 alone), none for an object per add.
     */
    private static final long BUDGET = 16_384;

    @TempDir
    Path tmp;

    @Test
    void postingToAWarmMemtableAllocatesNothing() {
        final com.sun.management.ThreadMXBean bean = allocationCounter();
        final Random random = new Random(42);
        final long[] keys = new long[ENTRIES / 4];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong();
        }
        final Memtable memtable = new Memtable();
        fill(memtable, keys, 0);
        memtable.clear();
        final long threadId = Thread.currentThread().getId();
        final long before = bean.getThreadAllocatedBytes(threadId);
        fill(memtable, keys, ENTRIES);
        final long allocated = bean.getThreadAllocatedBytes(threadId) - before;
        assertEquals(ENTRIES, memtable.entryCount());
        assertEquals(keys.length + 1, memtable.keyCount());
        System.out.printf("memtable: %d bytes allocated over %,d warm entries%n", allocated, ENTRIES);
        assertTrue(allocated < BUDGET, "posting allocated " + allocated + " bytes over " + ENTRIES + " entries");
    }

    @Test
    void addingToAWarmSideIndexAllocatesNothing() {
        final com.sun.management.ThreadMXBean bean = allocationCounter();
        final Workload.Entry[] first = Workload.realistic(7, ENTRIES).toArray(new Workload.Entry[0]);
        final long offset = first[ENTRIES - 1].position() + 1 - first[0].position();
        final Workload.Entry[] second = new Workload.Entry[ENTRIES - 1];
        for (int i = 0; i < second.length; i++) {
            final Workload.Entry e = first[i];
            second[i] = new Workload.Entry(e.position() + offset, e.kind(), e.tenant(), e.correlation(), e.trace());
        }
        final IndexOptions options = IndexOptions.defaults().withFlushThreshold(ENTRIES).withSyncWrites(false);
        try (SideIndex index = SideIndex.open(tmp.resolve("index"), 1, 1, options)) {
            assertEquals(ENTRIES, add(index, first));
            assertEquals(1, index.segmentCount());
            final long threadId = Thread.currentThread().getId();
            final long before = bean.getThreadAllocatedBytes(threadId);
            final int added = add(index, second);
            final long allocated = bean.getThreadAllocatedBytes(threadId) - before;
            assertEquals(second.length, added);
            assertEquals(1, index.segmentCount());
            System.out.printf("side index: %d bytes allocated over %,d warm adds%n", allocated, added);
            assertTrue(allocated < BUDGET, "adding allocated " + allocated + " bytes over " + added + " entries");
        }
    }

    /** Adds {@code ENTRIES} entries after {@code first}, each posting one of {@code keys} and a shared key. */
    private static void fill(Memtable memtable, long[] keys, long first) {
        for (int i = 0; i < ENTRIES; i++) {
            final long position = first + i;
            memtable.addEntry(position, position * 3);
            memtable.post(-1L, position);
            memtable.post(keys[i % keys.length], position);
            memtable.post(keys[i % keys.length], position);
        }
    }

    private static int add(SideIndex index, Workload.Entry[] entries) {
        int added = 0;
        for (Workload.Entry e : entries) {
            added += index.add(e.position(), e.location(), e.kind(), e.tenant(), e.correlation(), e.trace()) ? 1 : 0;
        }
        return added;
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        final java.lang.management.ThreadMXBean plain = ManagementFactory.getThreadMXBean();
        assertTrue(plain instanceof com.sun.management.ThreadMXBean, "allocation counters unavailable");
        final com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) plain;
        assertTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled(),
            "allocation counters off");
        return bean;
    }
}
