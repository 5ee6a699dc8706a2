package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.cli.LedgerMain;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.StoreFixtures;
import io.experienceledger.testing.ChildJvm;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal file cut short (mid-entry, inside Chronicle's header, to nothing, at an entry boundary, just after the
 * last entry) is found before Chronicle maps it: a read-only open answers with the intact entries before the cut
 * and names file and offset in {@code damage()} and {@code verify}; a writable open is refused and changes nothing.
 * Chronicle maps its files, so reading past the end of one would fault: these cases ran in a child JVM first.
 */
class TruncatedJournalTest {
    private static final int ENTRIES = 300;
    private static final long PAGE = 4096;

    @TempDir
    Path root;

    private Path dir;
    private Path file;
    /** Every journal document: start (of Chronicle's 4-byte header) and end offsets in the file, journal index. */
    private final List<long[]> documents = new ArrayList<>();
    private final List<ExperienceEventEnvelope> appended = new ArrayList<>();

    @BeforeEach
    void writeJournal() throws IOException {
        dir = root.resolve("ledger");
        try (ChronicleExperienceStore store = open(false)) {
            for (int i = 0; i < ENTRIES; i++) {
                final ExperienceEventEnvelope envelope = StoreFixtures.engine(String.format("evt-%05d", i),
                        "2026-01-01T00:00:00Z");
                store.appendEvent(envelope);
                appended.add(envelope);
            }
            store.flushIndex();
        }
        try (Journal journal = Journal.open(dir.resolve("journal"), RollCycles.FAST_DAILY,
                1L << 20, true, Durability.PAGE_CACHE, -1);
             ExcerptTailer tailer = journal.tailer()) {
            while (true) {
                try (DocumentContext context = tailer.readingDocument()) {
                    if (!context.isPresent()) {
                        break;
                    }
                    final Bytes<?> bytes = context.wire().bytes();
                    documents.add(new long[] {bytes.readPosition() - 4, bytes.readLimit(), context.index()});
                }
            }
        }
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            file = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        assertEquals(ENTRIES, documents.size());
    }

    @Test
    void cutInTheMiddleOfAnEntry() throws Exception {
        final long[] entry = documents.get(150);
        assertDamaged(entry[0] + (entry[1] - entry[0]) / 2, 150, entry[0], "inside the entry");
    }

    @Test
    void cutOnAPageBoundaryInsideTheEntries() throws Exception {
        for (int k = 1; k < documents.size(); k++) {
            final long boundary = (documents.get(k)[0] / PAGE + 1) * PAGE;
            if (boundary > documents.get(k)[0] + 4 && boundary < documents.get(k)[1]) {
                assertDamaged(boundary, k, documents.get(k)[0], "inside the entry");
                return;
            }
        }
        throw new AssertionError("no entry straddles a page boundary");
    }

    @Test
    void cutAtAnEntryBoundaryLosesTheRestAndSaysSo() throws Exception {
        assertDamaged(documents.get(200)[0], 200, documents.get(200)[0], "entries were cut off");
    }

    @Test
    void cutInsideChronicleHeaderLeavesNothingReadable() throws Exception {
        assertDamaged(100, 0, 0, "inside Chronicle's header");
    }

    @Test
    void cutInsideChronicleIndexTablesLeavesNothingReadable() throws Exception {
        assertDamaged(PAGE, 0, -1, "inside Chronicle's header");
    }

    @Test
    void cutToZeroLength() throws Exception {
        assertDamaged(0, 0, 0, "the file has no bytes");
    }

    @Test
    void cutJustAfterTheLastEntryLosesNothing() throws Exception {
        truncate(documents.get(ENTRIES - 1)[1]);
        try (ChronicleExperienceStore store = open(true)) {
            assertEquals(appended, store.queryEvents(EventQuery.all()));
            assertTrue(store.verify(null).intact(), () -> store.verify(null).problem());
        }
        try (ChronicleExperienceStore store = open(false)) {
            final ExperienceEventEnvelope after = StoreFixtures.engine("after", "2026-01-02T00:00:00Z");
            store.appendEvent(after);
            assertEquals(after, store.queryEvents(EventQuery.all()).get(ENTRIES));
            assertTrue(store.verify(null).intact(), () -> store.verify(null).problem());
        }
    }

    @Test
    void ledgerVerifyInAChildProcessExitsWith3NamingFileAndOffset() throws Exception {
        final long[] entry = documents.get(42);
        truncate(entry[0] + 9);
        try (ChildJvm child = ChildJvm.start(LedgerMain.class, "verify", "--store", dir.toString())) {
            assertEquals(3, child.waitFor(), child.errors());
            assertTrue(child.errors().contains("damaged: entry " + Long.toHexString(entry[2]) + " in "
                    + file.getFileName() + " at offset " + entry[0] + ": journal file " + file.getFileName()
                    + " is truncated"), child.errors());
        }
    }

    /**
     * Truncates the journal file at {@code cut}; then a read-only open answers with the first {@code intact}
     * envelopes and reports the damage at {@code offset} (-1: any), verify names it, and a writable open is refused
     * without changing a byte.
     */
    private void assertDamaged(long cut, int intact, long offset, String what) throws Exception {
        truncate(cut);
        final String context = "cut at " + cut;
        final List<ExperienceEventEnvelope> expected = appended.subList(0, intact);
        try (ChronicleExperienceStore store = open(true)) {
            assertTrue(store.damage().isPresent(), context);
            assertTrue(store.damage().get().contains(what), context + ": " + store.damage().get());
            assertEquals(expected, store.queryEvents(EventQuery.all()), context);
            final EventQuery byKind = EventQuery.all().withKinds(ExperienceEventKind.OutcomeRecorded,
                    ExperienceEventKind.ProposalCreated, ExperienceEventKind.BudgetExceeded);
            assertEquals(store.queryEventsByScan(byKind), store.queryEvents(byKind), context + " (index-backed)");
            final VerifyReport report = store.verify(null);
            assertFalse(report.intact(), context);
            assertTrue(report.problem().contains("journal file " + file.getFileName() + " is truncated"),
                    context + ": " + report.problem());
            assertEquals(file.getFileName().toString(), report.file(), context);
            if (offset >= 0) {
                assertEquals(offset, report.fileOffset(), context);
            }
            assertEquals(intact, report.entries(), context);
            assertThrows(ExperienceStoreException.class, store::digest, context);
        }
        final byte[] before = Files.readAllBytes(file);
        final ExperienceStoreException refused = assertThrows(ExperienceStoreException.class, () -> open(false),
                context);
        assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, refused.kind(), context);
        assertTrue(refused.getMessage().contains("is truncated") && refused.getMessage().contains("read-only"),
                refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), context + ": the refused open changed the file");
    }

    private void truncate(long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }

    private ChronicleExperienceStore open(boolean readOnly) {
        final ChronicleExperienceStore.Builder builder = ChronicleExperienceStore.builder(dir).blockSize(1L << 20);
        return (readOnly ? builder.readOnly() : builder).open();
    }
}
