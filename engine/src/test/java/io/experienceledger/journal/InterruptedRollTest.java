package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.StoreFixtures;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed while Chronicle rolls to the next cycle's file, after creating it and before finishing its
 * header, leaves the newest journal file empty (no bytes, only zeros once extended, or a header begun and not
 * finished). No entry was ever written to it: a writable open removes it and appends go on, a read-only open answers
 * without reporting damage and changes nothing. When the side index holds entries of that file's cycle, the file
 * was cut, not left unwritten, and a begun header with bytes further on is not a file being created: both stay
 * truncations, reported and refused for writing. The state is made from real journal files: entries in two cycle
 * files, the newest one emptied, and the index (derived data) removed so that it holds nothing of it.
 */
class InterruptedRollTest {
    @TempDir
    Path root;

    private Path dir;
    private final List<ExperienceEventEnvelope> first = new ArrayList<>();

    @Test
    void writableOpenRemovesAnEmptyNewestFileAndAppendsGoOn() throws Exception {
        final Path newest = twoCycles(0);
        deleteIndex();
        try (ChronicleExperienceStore store = open(false)) {
            assertFalse(Files.exists(newest), "the empty file is still there");
            assertTrue(store.damage().isEmpty(), () -> store.damage().get());
            assertEquals(first, store.queryEvents(EventQuery.all()));
            store.appendEvent(StoreFixtures.engine("after", "2026-05-10T09:00:00Z"));
            store.appendEvents(List.of(StoreFixtures.engine("after-1", "2026-05-10T09:00:00Z"),
                    StoreFixtures.engine("after-2", "2026-05-10T09:00:00Z")));
        }
        try (ChronicleExperienceStore store = open(true)) {
            final List<ExperienceEventEnvelope> all = store.queryEvents(EventQuery.all());
            assertEquals(first, all.subList(0, first.size()));
            assertEquals(List.of("after", "after-1", "after-2"),
                    all.subList(first.size(), all.size()).stream().map(e -> e.eventId().value()).toList());
            assertTrue(store.verify(null).intact(), store.verify(null).toString());
            assertTrue(store.damage().isEmpty(), () -> store.damage().get());
        }
    }

    @Test
    void anExtendedButUnwrittenNewestFileIsRemovedToo() throws Exception {
        final Path newest = twoCycles(8L << 20);
        deleteIndex();
        try (ChronicleExperienceStore store = open(false)) {
            assertFalse(Files.exists(newest), "the unwritten file is still there");
            assertTrue(store.damage().isEmpty(), () -> store.damage().get());
            assertEquals(first, store.queryEvents(EventQuery.all()));
            store.appendEvent(StoreFixtures.engine("after", "2026-05-10T09:00:00Z"));
            assertEquals(first.size() + 1, store.queryEvents(EventQuery.all()).size());
        }
    }

    @Test
    void aNewestFileWhoseHeaderWasBeingWrittenIsRemoved() throws Exception {
        final Path newest = twoCycles(8L << 20);
        deleteIndex();
        // Chronicle marks the header as being written (bit 31 of its length word), then writes it
        try (RandomAccessFile raf = new RandomAccessFile(newest.toFile(), "rw")) {
            raf.writeInt(Integer.reverseBytes(0x8000_0000));
            raf.write("header: !SCQStore { writePosition: [".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        try (ChronicleExperienceStore store = open(false)) {
            assertFalse(Files.exists(newest), "the half-written file is still there");
            assertTrue(store.damage().isEmpty(), () -> store.damage().get());
            assertEquals(first, store.queryEvents(EventQuery.all()));
            store.appendEvent(StoreFixtures.engine("after", "2026-05-10T09:00:00Z"));
            assertEquals(first.size() + 1, store.queryEvents(EventQuery.all()).size());
        }
    }

    @Test
    void aNewestFileWithAnIncompleteHeaderAndBytesFurtherOnIsNotRemoved() throws Exception {
        final Path newest = twoCycles(8L << 20);
        deleteIndex();
        try (RandomAccessFile raf = new RandomAccessFile(newest.toFile(), "rw")) {
            raf.writeInt(Integer.reverseBytes(0x8000_0000));
            raf.seek(70_000);
            raf.write(new byte[] {1, 2, 3, 4});
        }
        final ExperienceStoreException refused = assertThrows(ExperienceStoreException.class, () -> open(false));
        assertTrue(refused.getMessage().contains(newest.getFileName() + " is truncated"), refused.getMessage());
        assertTrue(Files.exists(newest));
    }

    @Test
    void readOnlyOpenAnswersWithoutDamageAndChangesNothing() throws Exception {
        final Path newest = twoCycles(0);
        deleteIndex();
        try (ChronicleExperienceStore store = open(true)) {
            assertEquals(first, store.queryEvents(EventQuery.all()));
            assertTrue(store.damage().isEmpty(), () -> store.damage().get());
            final VerifyReport report = store.verify(null);
            assertTrue(report.intact(), report.toString());
            assertEquals(first.size(), report.entries());
        }
        assertTrue(Files.exists(newest));
        assertEquals(0, Files.size(newest));
    }

    @Test
    void anEmptyOnlyFileIsAFirstFileCutShort() throws Exception {
        dir = root.resolve("ledger");
        try (ChronicleExperienceStore store = open(false)) {
            store.appendEvent(StoreFixtures.engine("gone", "2026-05-10T09:00:00Z"));
        }
        final List<Path> files = journalFiles();
        assertEquals(1, files.size());
        truncate(files.get(0), 0);
        deleteIndex();
        try (ChronicleExperienceStore store = open(false)) {
            assertTrue(store.queryEvents(EventQuery.all()).isEmpty());
            assertTrue(store.damage().isEmpty(), () -> store.damage().get());
            store.appendEvent(StoreFixtures.engine("first", "2026-05-10T09:00:00Z"));
            assertEquals("first", store.queryEvents(EventQuery.all()).get(0).eventId().value());
        }
    }

    @Test
    void anEmptyNewestFileTheIndexHoldsEntriesOfIsATruncation() throws Exception {
        final Path newest = twoCycles(0);
        try (ChronicleExperienceStore store = open(true)) {
            assertTrue(store.damage().isPresent(), "no damage reported");
            assertTrue(store.damage().get().contains(newest.getFileName() + " is truncated"), store.damage().get());
            assertFalse(store.verify(null).intact());
        }
        final ExperienceStoreException refused = assertThrows(ExperienceStoreException.class, () -> open(false));
        assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, refused.kind());
        assertTrue(refused.getMessage().contains("the file has no bytes"), refused.getMessage());
        assertTrue(Files.exists(newest), "the refused open removed the file");
    }

    /**
     * Writes entries into one cycle file and one entry into the next (a roll, so Chronicle ended the first file),
     * then cuts the newest file to {@code length} zero bytes; returns it.
     */
    private Path twoCycles(long length) throws Exception {
        dir = root.resolve("ledger");
        ChronicleExperienceStore.builder(dir).rollCycle(TestRollCycles.TEST_SECONDLY).open().close();
        try (ChronicleExperienceStore store = open(false)) {
            // at the start of a second, so that the five entries (the first takes a new file) share one cycle
            Thread.sleep(1_000 - System.currentTimeMillis() % 1_000 + 5);
            for (int i = 0; i < 5; i++) {
                final ExperienceEventEnvelope envelope = StoreFixtures.engine("e" + i, "2026-05-10T09:00:00Z");
                store.appendEvent(envelope);
                first.add(envelope);
            }
            final int files = journalFiles().size();
            while (journalFiles().size() == files) {
                Thread.sleep(1_000 - System.currentTimeMillis() % 1_000 + 5);
                store.appendEvent(StoreFixtures.engine("next", "2026-05-10T09:00:00Z"));
                if (journalFiles().size() == files) {
                    // the clock had not yet reached the next cycle: the entry joined the first file
                    first.add(store.queryEvents(EventQuery.all()).get(first.size()));
                }
            }
        }
        final List<Path> files = journalFiles();
        assertEquals(2, files.size(), files.toString());
        final Path newest = files.get(1);
        truncate(newest, 0);
        truncate(newest, length);
        return newest;
    }

    private void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }

    private void deleteIndex() throws IOException {
        try (Stream<Path> walk = Files.walk(dir.resolve("index"))) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private List<Path> journalFiles() throws IOException {
        try (Stream<Path> listed = Files.list(dir.resolve("journal"))) {
            return listed.filter(f -> f.toString().endsWith(".cq4")).sorted().toList();
        }
    }

    private ChronicleExperienceStore open(boolean readOnly) {
        final ChronicleExperienceStore.Builder builder = ChronicleExperienceStore.builder(dir).blockSize(1L << 20);
        return (readOnly ? builder.readOnly() : builder).open();
    }
}
