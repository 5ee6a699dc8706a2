package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.StoreFixtures;
import io.experienceledger.testing.ChildJvm;
import io.experienceledger.testing.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors a user can act on: each is an ExperienceStoreException whose message says what is wrong and what to do. */
class StoreErrorsTest {
    @TempDir
    Path root;

    @Test
    void directoryWithOtherFilesIsNotALedger() throws Exception {
        final Path dir = Files.createDirectories(root.resolve("photos"));
        Files.writeString(dir.resolve("holiday.jpg"), "not a ledger");
        final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                () -> ChronicleExperienceStore.open(dir));
        assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, e.kind());
        assertTrue(e.getMessage().contains("is not a ledger directory"), e.getMessage());
        assertEquals(List.of(dir.resolve("holiday.jpg")), Files.list(dir).toList(), "the directory was changed");
    }

    @Test
    void readOnlyOpenOfAMissingDirectoryIsNotFound() {
        final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                () -> ChronicleExperienceStore.builder(root.resolve("missing")).readOnly().open());
        assertEquals(ExperienceStoreException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().startsWith("Not found: "), e.getMessage());
    }

    @Test
    void newerFormatIsRefused() throws Exception {
        final Path dir = root.resolve("ledger");
        ChronicleExperienceStore.open(dir).close();
        final Path marker = dir.resolve(LedgerDirectory.MARKER);
        Files.writeString(marker, Files.readString(marker).replace("format.major=1", "format.major=2"));
        final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                () -> ChronicleExperienceStore.open(dir));
        assertTrue(e.getMessage().contains("newer than this version reads"), e.getMessage());
    }

    /**
     * A real unwritable directory, also for root (who ignores permission bits): a tmpfs remounted read-only. A new
     * ledger cannot be created there, an existing one opens read-only and answers, and a writable open of it says
     * the file system is read-only.
     */
    @Test
    void unwritableDirectoryIsReportedAsSuch() throws Exception {
        try (Tmpfs tmpfs = Tmpfs.mount(root.resolve("tmpfs"), "16m")) {
            final Path parent = Files.createDirectories(tmpfs.path().resolve("ledgers"));
            final Path empty = Files.createDirectories(parent.resolve("empty"));
            final Path existing = parent.resolve("existing");
            try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(existing).blockSize(1L << 20).open()) {
                store.appendEvent(StoreFixtures.engine("e-1", "2026-01-01T00:00:00Z"));
                store.appendEvents(List.of(StoreFixtures.engine("e-2", "2026-01-01T00:00:00Z"),
                        StoreFixtures.engine("e-3", "2026-01-01T00:00:00Z")));
            }
            tmpfs.remountReadOnly();

            for (Path fresh : List.of(parent.resolve("new"), empty)) {
                final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                        () -> ChronicleExperienceStore.open(fresh));
                assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, e.kind());
                assertEquals("Storage error: cannot create a ledger in " + fresh + ": it is on a read-only file system;"
                        + " choose another directory or remount the file system read-write", e.getMessage());
            }
            try (var entries = Files.list(parent)) {
                assertEquals(List.of(empty, existing), entries.sorted().toList(), "a refused open created a file");
            }

            final ExperienceStoreException writable = assertThrows(ExperienceStoreException.class,
                    () -> ChronicleExperienceStore.builder(existing).blockSize(1L << 20).open());
            assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, writable.kind());
            assertEquals("Storage error: " + existing + " is on a read-only file system; open the store read-only to"
                    + " query it, or remount the file system read-write to append", writable.getMessage());

            try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(existing).readOnly().open()) {
                assertEquals(List.of("e-1", "e-2", "e-3"), reader.queryEvents(EventQuery.all()).stream()
                        .map(e -> e.eventId().value()).toList());
                assertEquals(1, reader.queryEvents(EventQuery.all().withLimit(1L)).size());
                assertTrue(reader.verify(null).intact(), () -> reader.verify(null).problem());
                final ExperienceStoreException append = assertThrows(ExperienceStoreException.class,
                        () -> reader.appendEvent(StoreFixtures.engine("e-4", "2026-01-01T00:00:00Z")));
                assertTrue(append.getMessage().contains("is open read-only"), append.getMessage());
            }
        }
    }

    @Test
    void closedStoreRefusesEveryCall() {
        final ChronicleExperienceStore store = ChronicleExperienceStore.open(root.resolve("ledger"));
        store.close();
        store.close();
        final ExperienceStoreException append = assertThrows(ExperienceStoreException.class,
                () -> store.appendEvent(StoreFixtures.engine("e-1", "2026-01-01T00:00:00Z")));
        assertTrue(append.getMessage().contains("is closed"), append.getMessage());
        assertThrows(ExperienceStoreException.class, () -> store.queryEvents(EventQuery.all()));
    }

    /**
     * Appends check the envelope as they encode it; an invalid one is still refused for what is wrong with it before
     * the store's state is looked at, as before the check moved into the encoder (converge validates first).
     */
    @Test
    void anInvalidEnvelopeIsRefusedAsInvalidWhateverTheStoresState() {
        final Path dir = root.resolve("ledger");
        final ChronicleExperienceStore closed = ChronicleExperienceStore.open(dir);
        closed.close();
        final ExperienceStoreException whenClosed = assertThrows(ExperienceStoreException.class,
                () -> closed.appendEvent(StoreFixtures.engine("bad id", "2026-01-01T00:00:00Z")));
        assertEquals(ExperienceStoreException.Kind.INVALID_QUERY, whenClosed.kind(), whenClosed.getMessage());
        try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            final ExperienceStoreException whenReadOnly = assertThrows(ExperienceStoreException.class,
                    () -> reader.appendEvent(StoreFixtures.engine("e-1", "")));
            assertEquals("Invalid query: occurred_at must not be empty", whenReadOnly.getMessage());
        }
        final ChronicleExperienceStore queued = ChronicleExperienceStore.builder(dir).queuedAppends().open();
        queued.close();
        final ExperienceStoreException whenQueuedClosed = assertThrows(ExperienceStoreException.class,
                () -> queued.appendEvent(StoreFixtures.engine("e-\u00e9", "2026-01-01T00:00:00Z")));
        assertEquals(ExperienceStoreException.Kind.INVALID_QUERY, whenQueuedClosed.kind(),
                whenQueuedClosed.getMessage());
    }

    @Test
    void readOnlyStoreRefusesAppendsButSeesTheWriter() {
        final Path dir = root.resolve("ledger");
        try (ChronicleExperienceStore writer = ChronicleExperienceStore.open(dir);
             ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            writer.appendEvent(StoreFixtures.engine("e-1", "2026-01-01T00:00:00Z"));
            assertEquals(1, reader.queryEvents(EventQuery.all()).size());
            writer.appendEvent(StoreFixtures.engine("e-2", "2026-01-01T00:00:00Z"));
            assertEquals(2, reader.queryEvents(EventQuery.all()).size());
            final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                    () -> reader.appendEvent(StoreFixtures.engine("e-3", "2026-01-01T00:00:00Z")));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        }
    }

    @Test
    void readOnlyStoreWritesNoFile() throws Exception {
        final Path dir = root.resolve("ledger");
        try (ChronicleExperienceStore writer = ChronicleExperienceStore.open(dir)) {
            writer.appendEvent(StoreFixtures.engine("e-1", "2026-01-01T00:00:00Z"));
        }
        final List<String> before = listing(dir);
        try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            assertEquals(1, reader.queryEvents(EventQuery.all()).size());
        }
        assertEquals(before, listing(dir));
    }

    private static List<String> listing(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> dir.relativize(f) + " " + f.toFile().lastModified() + " " + f.toFile().length())
                    .sorted().toList();
        }
    }

    @Test
    void secondWriterInTheSameProcessIsToldToShare() throws Exception {
        final Path dir = root.resolve("ledger");
        try (ChronicleExperienceStore first = ChronicleExperienceStore.open(dir)) {
            final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                    () -> ChronicleExperienceStore.open(dir));
            assertTrue(e.getMessage().contains("already open for writing in this process"), e.getMessage());
            first.appendEvent(StoreFixtures.engine("e-1", "2026-01-01T00:00:00Z"));
            try (ChildJvm probe = ChildJvm.start(JournalChild.class, "probe", dir.toString())) {
                assertEquals("refused", probe.readLine(), "the refused second open dropped the OS lock: "
                        + probe.errors());
            }
        }
    }

    @Test
    void statsCountEntriesAndTheBlocksTheyUse() {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(root.resolve("ledger"))
                .blockSize(1L << 20).open()) {
            for (int i = 0; i < 10_000; i++) {
                store.appendEvent(StoreFixtures.engine("e-" + i, "2026-01-01T00:00:00Z").withTenant("t-" + i % 3));
            }
            final LedgerStats stats = store.stats();
            assertEquals(10_000, stats.entries());
            assertEquals(3, stats.byTenantAndKind().size());
            assertTrue(stats.journalBytes() > 1_000_000 && stats.journalBytes() < 50_000_000,
                    "journal bytes " + stats.journalBytes());
            assertEquals(null, stats.damage());
        }
    }

    @Test
    void secondWriterProcessWaitsThenFailsNamingTheHolder() throws Exception {
        final Path dir = root.resolve("ledger");
        try (ChildJvm holder = ChildJvm.start(JournalChild.class, "hold", dir.toString())) {
            assertEquals("ready", holder.readLine(), holder.errors());
            final long started = System.nanoTime();
            final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                    () -> ChronicleExperienceStore.builder(dir).writerLockTimeout(Duration.ofMillis(300)).open());
            assertTrue(System.nanoTime() - started >= 300_000_000L, "did not wait for the lock");
            assertTrue(e.getMessage().contains("being written by another process (pid " + holder.pid() + ")"),
                    e.getMessage());
            holder.kill();
        }
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir)
                .writerLockTimeout(Duration.ofSeconds(5)).open()) {
            store.appendEvent(StoreFixtures.engine("after-holder-died", "2026-01-01T00:00:00Z"));
            assertEquals(1, store.queryEvents(EventQuery.all()).size());
        }
    }

    @Test
    void oversizedEnvelopeIsRejectedAndNothingIsWritten() {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(root.resolve("ledger"))
                .maxEntryBytes(4096).open()) {
            final var huge = StoreFixtures.engine("big", "2026-01-01T00:00:00Z", new ExperienceEvent.BudgetExceeded(
                    ChainId.of("c-1"), BudgetResource.Named.Tokens, "x".repeat(10_000), null));
            final ExperienceStoreException single = assertThrows(ExperienceStoreException.class,
                    () -> store.appendEvent(huge));
            assertEquals(ExperienceStoreException.Kind.INVALID_QUERY, single.kind());
            assertTrue(single.getMessage().contains("maximum entry size of 4096 bytes"), single.getMessage());
            final var small = StoreFixtures.engine("small", "2026-01-01T00:00:00Z");
            assertThrows(ExperienceStoreException.class, () -> store.appendEvents(List.of(small, huge, small)));
            assertTrue(store.queryEvents(EventQuery.all()).isEmpty(), "part of a failed batch is visible");
            store.appendEvent(small);
            assertEquals(List.of(small), store.queryEvents(EventQuery.all()));
        }
        try (ChronicleExperienceStore reopened = ChronicleExperienceStore.open(root.resolve("ledger"))) {
            assertEquals(1, reopened.queryEvents(EventQuery.all()).size());
        }
    }

    @Test
    void aFullRollCycleRefusesTheAppendCleanlyAndKeepsWhatItHolds() {
        // TEST_DAILY holds 64 entries per cycle; the default daily cycle holds 2^32 - 1
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(root.resolve("ledger")).blockSize(1L << 20)
                .rollCycle(net.openhft.chronicle.queue.rollcycles.TestRollCycles.TEST_DAILY).open()) {
            for (int i = 0; i < 64; i++) {
                store.appendEvent(StoreFixtures.engine("e-" + i, "2026-01-01T00:00:00Z"));
            }
            final ExperienceStoreException full = assertThrows(ExperienceStoreException.class,
                    () -> store.appendEvent(StoreFixtures.engine("e-64", "2026-01-01T00:00:00Z")));
            assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, full.kind());
            assertTrue(full.getMessage().contains("roll cycle is full: TEST_DAILY holds at most 64 entries"),
                    full.getMessage());
            assertEquals(64, store.queryEvents(EventQuery.all()).size());
            assertTrue(store.verify(null).intact(), () -> store.verify(null).problem());
        }
    }
}
