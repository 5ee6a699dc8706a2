package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.experienceledger.index.IndexOptions;
import io.experienceledger.index.internal.SideIndex;
import io.experienceledger.store.StoreFixtures;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers of the index pass their work in: it runs on a caught-up index, and the lock never outlives it. */
class IndexCatchUpTest {
    @TempDir
    Path dir;

    private Journal journal;
    private SideIndex index;
    private IndexCatchUp catchUp;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void open() {
        journal = Journal.open(dir.resolve("journal"), RollCycles.FAST_DAILY,
                1L << 20, false, Durability.PAGE_CACHE, -1);
        index = SideIndex.open(dir.resolve("index"), 1, 2, IndexOptions.defaults());
        catchUp = new IndexCatchUp(journal, index, new ArtifactIds(journal), new DamageLog(),
                new StoreLifecycle(dir, true));
        final EntryWriter writer = new EntryWriter(1 << 20);
        for (int i = 0; i < 3; i++) {
            journal.append(writer.engine(StoreFixtures.engine("evt-" + i, "2026-01-01T00:00:00Z"), Framing.ALONE));
        }
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        StoreResources.closeAll(catchUp, index, journal);
    }

    @Test
    void workRunsOnACaughtUpIndex() {
        assertEquals(3L, catchUp.read(() -> index.entries()));
        assertEquals(3L, catchUp.entriesRead());
    }

    @Test
    void aFailingReaderReleasesTheLock() throws Exception {
        final IllegalStateException failure = new IllegalStateException("reader failed");
        assertSame(failure, assertThrows(IllegalStateException.class, () -> catchUp.read(() -> {
            throw failure;
        })));
        // a leaked read lock would keep every other thread from the write lock for ever
        final Future<Long> writer = threads.submit(() -> catchUp.exclusive(() -> index.entries()));
        assertEquals(3L, writer.get(30, TimeUnit.SECONDS));
    }
}
