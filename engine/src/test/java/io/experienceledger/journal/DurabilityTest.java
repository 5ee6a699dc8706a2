package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.EventQuery;
import io.experienceledger.store.StoreFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durability modes force the journal to the device when they promise to. */
class DurabilityTest {
    @TempDir
    Path root;

    @Test
    void syncEachForcesEveryAppendBeforeItReturns() {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(root.resolve("each"))
                .blockSize(1L << 20).durability(Durability.SYNC_EACH).open()) {
            for (int i = 0; i < 20; i++) {
                store.appendEvent(StoreFixtures.engine("e-" + i, "2026-01-01T00:00:00Z"));
                assertEquals(store.lastIndex(), store.lastIndexSynced(), "append " + i + " returned before msync");
            }
            store.appendEvents(List.of(StoreFixtures.engine("b-1", "2026-01-01T00:00:00Z"),
                    StoreFixtures.engine("b-2", "2026-01-01T00:00:00Z")));
            assertEquals(store.lastIndex(), store.lastIndexSynced());
            assertEquals(22, store.queryEvents(EventQuery.all()).size());
        }
    }

    @Test
    void syncBatchForcesWithinTheInterval() throws InterruptedException {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(root.resolve("batch"))
                .blockSize(1L << 20).durability(Durability.SYNC_BATCH).syncInterval(Duration.ofMillis(5)).open()) {
            for (int i = 0; i < 50; i++) {
                store.appendEvent(StoreFixtures.engine("e-" + i, "2026-01-01T00:00:00Z"));
            }
            final long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (store.lastIndexSynced() != store.lastIndex() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(store.lastIndex(), store.lastIndexSynced(), "the group commit never forced the journal");
            assertTrue(store.lastIndex() >= 0);
        }
    }
}
