package io.experienceledger.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.store.ExperienceStoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thread that reads and encodes entries ahead of the sender, on real ledgers: what the sender takes is what a
 * scan of the ledger gives, in order and with its batches, whatever the chunking; a reading stopped early lets go
 * of the ledger; a read that fails fails the sender with the same error.
 */
class ReadAheadTest {
    @TempDir
    Path dir;

    /** Everything one reading hands over, chunk by chunk, until its last chunk. */
    private static List<EncodedEntry> readAll(ReadAhead readAhead, long afterIndex, List<Integer> chunkSizes)
            throws InterruptedException {
        final List<EncodedEntry> taken = new ArrayList<>();
        try (ReadAhead.Reading reading = readAhead.from(afterIndex)) {
            ReadAhead.Chunk chunk;
            do {
                chunk = reading.next();
                chunkSizes.add(chunk.size());
                for (int i = 0; i < chunk.size(); i++) {
                    taken.add(chunk.get(i));
                }
            } while (!chunk.last());
        }
        return taken;
    }

    private static void assertSame(List<TestLedgers.Entry> expected, List<EncodedEntry> taken) {
        assertEquals(expected.size(), taken.size());
        for (int i = 0; i < expected.size(); i++) {
            final TestLedgers.Entry entry = expected.get(i);
            final EncodedEntry encoded = taken.get(i);
            assertEquals(entry.json(), new String(encoded.value(), StandardCharsets.UTF_8), "entry " + i);
            assertEquals(entry.batch(), encoded.batch(), "batch of entry " + i);
            assertEquals(entry.tenant(), encoded.key() == null ? null
                    : new String(encoded.key(), StandardCharsets.UTF_8), "key of entry " + i);
        }
    }

    @Test
    void theSenderTakesWhatAScanGivesInOrderAcrossChunks() throws InterruptedException {
        TestLedgers.append(dir, 3 * ReadAhead.CHUNK_ENTRIES + 77, 11);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir);
             ReadAhead readAhead = new ReadAhead(store, "test-read-ahead")) {
            final List<TestLedgers.Entry> expected = TestLedgers.entries(store);
            final List<Integer> sizes = new ArrayList<>();
            final List<EncodedEntry> taken = readAll(readAhead, -1, sizes);
            assertSame(expected, taken);
            assertTrue(sizes.size() >= 4, "chunks " + sizes);
            for (int i = 1; i < taken.size(); i++) {
                assertTrue(taken.get(i).journalIndex() > taken.get(i - 1).journalIndex(), "journal order at " + i);
            }

            // from inside an atomic batch (as a pass hands over to the reading thread): only what follows, each
            // entry still with its batch; and the same thread serves the next reading
            int middle = 1000;
            while (expected.get(middle).batch() < 0
                    || expected.get(middle + 1).batch() != expected.get(middle).batch()) {
                middle++;
            }
            final List<EncodedEntry> rest = readAll(readAhead, taken.get(middle).journalIndex(), new ArrayList<>());
            assertSame(expected.subList(middle + 1, expected.size()), rest);
            assertEquals(expected.get(middle).batch(), rest.get(0).batch(), "resumed inside batch");

            // nothing after the last entry: one empty last chunk
            final List<Integer> emptySizes = new ArrayList<>();
            assertTrue(readAll(readAhead, taken.get(taken.size() - 1).journalIndex(), emptySizes).isEmpty());
            assertEquals(List.of(0), emptySizes);
        }
    }

    @Test
    void largeValuesEndAChunkBeforeItIsFullOfEntries() throws InterruptedException {
        final String big = "x".repeat(200_000);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir);
             ReadAhead readAhead = new ReadAhead(store, "test-read-ahead")) {
            for (int i = 0; i < 30; i++) {
                store.appendEvent(ExperienceEventEnvelope.of("evt-" + i, new ExperienceEvent.BudgetExceeded(
                        ChainId.of("c-1"), BudgetResource.Named.Tokens, big, "1"))
                        .withTimestamp("2026-04-28T12:00:00Z"));
            }
            final List<Integer> sizes = new ArrayList<>();
            final List<EncodedEntry> taken = readAll(readAhead, -1, sizes);
            assertEquals(30, taken.size());
            for (int size : sizes) {
                // a chunk ends at the first entry that brings it to 1 MiB of values: 6 of these
                assertTrue(size <= ReadAhead.CHUNK_BYTES / big.length() + 1, "chunk sizes " + sizes);
            }
            assertNotEquals(1, sizes.size());
        }
    }

    /** Without the stop, the first reading would hold the thread, blocked on a full queue, and this would time out. */
    @Test
    @Timeout(60)
    void aReadingClosedEarlyLetsGoAndTheNextOneStartsAfresh() throws InterruptedException {
        TestLedgers.append(dir, 20 * ReadAhead.CHUNK_ENTRIES, 12);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir);
             ReadAhead readAhead = new ReadAhead(store, "test-read-ahead")) {
            final List<TestLedgers.Entry> expected = TestLedgers.entries(store);
            try (ReadAhead.Reading reading = readAhead.from(-1)) {
                final ReadAhead.Chunk first = reading.next();
                assertFalse(first.last());
            }
            // the reading thread stopped (else this one would wait behind it) and a new reading sees everything
            assertSame(expected, readAll(readAhead, -1, new ArrayList<>()));
        }
    }

    @Test
    void aFailedReadFailsTheSenderWithItsError() {
        TestLedgers.append(dir, 10, 13);
        final ChronicleExperienceStore store = ChronicleExperienceStore.open(dir);
        store.close();
        try (ReadAhead readAhead = new ReadAhead(store, "test-read-ahead");
             ReadAhead.Reading reading = readAhead.from(-1)) {
            final ExperienceStoreException failure = assertThrows(ExperienceStoreException.class, reading::next);
            assertTrue(failure.getMessage().contains("closed"), failure.getMessage());
        }
    }
}
