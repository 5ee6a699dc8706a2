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
                assertEquals(store.journal().lastIndex(), store.journal().queue().lastIndexMSynced(), "append " + i + " returned before msync");
            }
            store.appendEvents(List.of(StoreFixtures.engine("b-1", "2026-01-01T00:00:00Z"),
                    StoreFixtures.engine("b-2", "2026-01-01T00:00:00Z")));
            assertEquals(store.journal().lastIndex(), store.journal().queue().lastIndexMSynced());
            assertEquals(22, store.queryEvents(EventQuery.all()).size());
        }
    }

    /**
     * The kernel's own account: after SYNC_EACH appends, the journal's mapped pages are clean (written to the device)
     * except Chronicle's header and index pages, which it updates outside the entry's range; without msync every
     * written page would stay dirty for the kernel's writeback interval (30 s by default).
     */
    @Test
    void syncEachLeavesTheWrittenPagesCleanInTheKernelsAccount() throws Exception {
        final Path dir = root.resolve("each-pages");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir)
                .blockSize(1L << 20).durability(Durability.SYNC_EACH).open()) {
            final String observed = "9".repeat(2_000);
            for (int i = 0; i < 100; i++) {
                store.appendEvent(StoreFixtures.engine("e-" + i, "2026-01-01T00:00:00Z",
                        new io.experienceledger.model.ExperienceEvent.BudgetExceeded(
                                new io.experienceledger.model.ChainId("c-1"),
                                io.experienceledger.model.BudgetResource.Named.Tokens, "1", observed)));
            }
            final long[] residentAndDirty = journalMappingKb(dir);
            assertTrue(residentAndDirty[0] >= 100, "journal pages resident: " + residentAndDirty[0] + " kB");
            assertTrue(residentAndDirty[1] <= 16, residentAndDirty[1] + " kB of " + residentAndDirty[0]
                    + " kB of the journal's pages are still dirty after SYNC_EACH appends returned");
        }
    }

    /** {resident kB, dirty kB} of this process's mappings of the journal files under {@code dir}. */
    private static long[] journalMappingKb(Path dir) throws java.io.IOException {
        final long[] totals = new long[2];
        boolean journal = false;
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                journal = line.contains(dir.toString()) && line.endsWith(".cq4");
            } else if (journal && line.startsWith("Rss:")) {
                totals[0] += kb(line);
            } else if (journal && (line.startsWith("Shared_Dirty:") || line.startsWith("Private_Dirty:"))) {
                totals[1] += kb(line);
            }
        }
        return totals;
    }

    private static long kb(String smapsLine) {
        return Long.parseLong(smapsLine.replaceAll("[^0-9]", ""));
    }

    @Test
    void syncBatchForcesWithinTheInterval() throws InterruptedException {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(root.resolve("batch"))
                .blockSize(1L << 20).durability(Durability.SYNC_BATCH).syncInterval(Duration.ofMillis(5)).open()) {
            for (int i = 0; i < 50; i++) {
                store.appendEvent(StoreFixtures.engine("e-" + i, "2026-01-01T00:00:00Z"));
            }
            final long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (store.journal().queue().lastIndexMSynced() != store.journal().lastIndex() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(store.journal().lastIndex(), store.journal().queue().lastIndexMSynced(), "the group commit never forced the journal");
            assertTrue(store.journal().lastIndex() >= 0);
        }
    }
}
