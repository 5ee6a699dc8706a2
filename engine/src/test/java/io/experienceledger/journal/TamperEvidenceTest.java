package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.index.IndexOptions;
import io.experienceledger.index.internal.SideIndex;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.store.StoreFixtures;
import io.experienceledger.testing.TestFiles;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any change to a stored byte is detected: by verify (naming the entry), by queries (never returned), by digests. */
class TamperEvidenceTest {
    @TempDir
    Path root;

    @Test
    void intactLedgerVerifiesAndItsDigestProvesItsPast() {
        try (ChronicleExperienceStore store = open()) {
            appendNumbered(store, 0, 50);
            final VerifyReport report = store.verify(null);
            assertTrue(report.intact(), report.problem());
            assertEquals(46 + 2 * 4, report.entries(), "46 single entries and two batches of begin, 2 entries, commit");
            final String digest = store.digest();
            assertEquals(digest, store.digest(), "the digest is not deterministic");
            appendNumbered(store, 50, 10);
            assertNotEquals(digest, store.digest());
            assertTrue(store.verify(digest).intact(), "an older digest no longer verifies after appends");
        }
    }

    @Test
    void aFlippedPayloadByteIsNamedByVerifyAndNeverReturned() throws Exception {
        final Path dir = root.resolve("ledger");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).blockSize(1L << 20).open()) {
            appendNumbered(store, 0, 50);
        }
        final Path file = flipByteAfter(dir, "evt-00030");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).blockSize(1L << 20).open()) {
            final VerifyReport report = store.verify(null);
            assertFalse(report.intact());
            assertTrue(report.problem().contains("checksum mismatch"), report.problem());
            assertEquals(file.getFileName().toString(), report.file());
            assertTrue(report.fileOffset() > 0);
            final List<ExperienceEventEnvelope> all = store.queryEvents(EventQuery.all());
            assertEquals(49, all.size(), "the changed entry was returned");
            assertTrue(all.stream().noneMatch(e -> e.eventId().value().equals("evt-00030")));
            assertTrue(store.damage().isPresent());
        }
    }

    @Test
    void aRewrittenHistoryFailsTheDigestKeptElsewhere() throws Exception {
        final Path dir = root.resolve("ledger");
        final String digest;
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).blockSize(1L << 20).open()) {
            appendNumbered(store, 0, 20);
            digest = store.digest();
        }
        TestFiles.deleteRecursively(dir);
        try (ChronicleExperienceStore forged = ChronicleExperienceStore.builder(dir).blockSize(1L << 20).open()) {
            appendNumbered(forged, 0, 19);
            forged.appendEvent(StoreFixtures.engine("evt-forged", "2026-01-01T00:00:00Z"));
            final VerifyReport report = forged.verify(digest);
            assertFalse(report.intact());
            assertTrue(report.problem().contains("rewritten"), report.problem());
        }
    }

    @Test
    void anIndexThatDisagreesWithTheJournalIsReported() throws Exception {
        final Path dir = root.resolve("ledger");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).blockSize(1L << 20).open()) {
            appendNumbered(store, 0, 5);
        }
        try (Journal journal = Journal.open(dir.resolve("journal"), net.openhft.chronicle.queue.RollCycles.FAST_DAILY,
                1L << 20, true, Durability.PAGE_CACHE, -1);
             SideIndex wrong = SideIndex.open(root.resolve("other-index"), 1, 2, IndexOptions.defaults())) {
            final long first = journal.queue().firstIndex();
            wrong.add(first, -1, EntryLayout.engineKindCode(ExperienceEventKind.BudgetExceeded), "someone-else", null,
                    null);
            final String problem = new LedgerVerifier(journal).verifyIndex(wrong);
            assertNotNull(problem, "a wrong index passed verification");
            assertTrue(problem.contains("side index disagrees with the journal"), problem);
        }
    }

    private static void appendNumbered(ChronicleExperienceStore store, int from, int count) {
        final List<ExperienceEventEnvelope> batch = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            final ExperienceEventEnvelope envelope = StoreFixtures.engine(String.format("evt-%05d", i), "2026-01-01T00:00:00Z");
            if (i % 25 == 10 || i % 25 == 11) {
                batch.add(envelope);
                if (batch.size() == 2) {
                    store.appendEvents(batch);
                    batch.clear();
                }
            } else {
                store.appendEvent(envelope);
            }
        }
    }

    /** Flips a byte a little after the first occurrence of {@code marker} in a journal file; returns that file. */
    private static Path flipByteAfter(Path dir, String marker) throws Exception {
        final byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".cq4")).toList()) {
                final byte[] bytes = Files.readAllBytes(file);
                final int at = TestFiles.indexOf(bytes, needle, 0);
                if (at >= 0) {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                        final long target = at + needle.length + 40;
                        raf.seek(target);
                        final int old = raf.read();
                        raf.seek(target);
                        raf.write(old ^ 0x01);
                    }
                    return file;
                }
            }
        }
        throw new AssertionError(marker + " not found in the journal");
    }

    private ChronicleExperienceStore open() {
        assertNotNull(root);
        return ChronicleExperienceStore.builder(root.resolve("ledger")).blockSize(1L << 20).open();
    }
}
