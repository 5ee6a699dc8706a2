package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.EventQuery;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.StoreFixtures;
import io.experienceledger.testing.SmallDisk;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Disk full on a real, small file system (an 8 MiB tmpfs; the build runs as root, as CI does): a clear
 * {@code Storage error: disk full} message, no JVM crash, earlier data intact, appends work again once space is
 * freed, and the store reopens.
 */
class DiskFullTest {
    @RegisterExtension
    final SmallDisk disk = new SmallDisk("8m");

    @Test
    void fullDiskIsAStorageErrorAndTheStoreRecovers() throws Exception {
        final Path dir = disk.path().resolve("ledger");
        disk.fill(5 << 20);
        int appended = 0;
        ExperienceStoreException full = null;
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).blockSize(1L << 20).open()) {
            for (int i = 0; i < 200_000 && full == null; i++) {
                try {
                    store.appendEvent(StoreFixtures.engine("e-" + i, "2026-01-01T00:00:00Z"));
                    appended++;
                } catch (ExperienceStoreException e) {
                    full = e;
                }
            }
            assertNotNull(full, "the disk never filled up");
            assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, full.kind());
            assertTrue(full.getMessage().startsWith("Storage error: disk full"), full.getMessage());
            assertEquals(appended, store.queryEvents(EventQuery.all()).size(), "earlier data lost");

            disk.deleteFiller();
            store.appendEvent(StoreFixtures.engine("after-space-freed", "2026-01-01T00:00:00Z"));
            store.appendEvents(List.of(StoreFixtures.engine("batch-1", "2026-01-01T00:00:00Z"),
                    StoreFixtures.engine("batch-2", "2026-01-01T00:00:00Z")));
            assertEquals(appended + 3, store.queryEvents(EventQuery.all()).size());
        }
        try (ChronicleExperienceStore reopened = ChronicleExperienceStore.builder(dir).blockSize(1L << 20).open()) {
            assertEquals(appended + 3, reopened.queryEvents(EventQuery.all()).size());
        }
    }
}
