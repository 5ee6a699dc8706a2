package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.ChainId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.DecisionStep;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.BackendId;
import io.experienceledger.store.StoreFixtures;
import io.experienceledger.testing.PageFaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cursor reads the documents of a journal file straight from its mapping ({@link DocumentWalk}), and so does the
 * lookahead that finds how a batch ended; both leave file ends to Chronicle's tailer. What the cursor shows must be
 * exactly what a bare Chronicle tailer reads, with the format's visibility rule applied: the same entries, with the
 * same journal indexes, at the same offsets, across mapped chunks (entries up to 200 KiB in 1 MiB chunks),
 * Chronicle's own index documents between entries, committed and aborted batches and roll-cycle files; and a
 * cursor at the end of the journal goes on with what is appended later, also into a new file.
 */
class DocumentWalkTest {
    private static final long BLOCK = 1L << 20;
    /**
     * Files of one second with an index array of Chronicle's (a metadata document) every 128 entries, so that the
     * walk passes metadata between entries; a file holds at most 4,096 entries, so appends are paced.
     */
    private static final RollCycle SECONDLY = TestRollCycles.TEST4_SECONDLY;

    @TempDir
    Path dir;

    /** One entry as a reader found it: journal index, and the offsets of its document in its file. */
    private record Found(long index, long start, long end) {
    }

    @Test
    void readsWhatChronicleReadsAcrossChunksBatchesAndFiles() throws Exception {
        final long seed = new Random().nextLong();
        final Random random = new Random(seed);
        final Path ledger = dir.resolve("ledger");
        int files = 0;
        try (ChronicleExperienceStore store = open(ledger)) {
            // three roll-cycle files at least: entries keep coming until the clock has passed two cycle boundaries
            final long until = (System.currentTimeMillis() / 1000 + 3) * 1000;
            int i = 0;
            while (System.currentTimeMillis() < until || i < 1_500) {
                append(store, random, i++);
                Thread.sleep(1);
            }
            files = store.journal().queue().lastCycle() - store.journal().queue().firstCycle() + 1;
        }
        assertTrue(files >= 3, files + " roll-cycle files");
        final List<Found> chronicle = readByTailer(ledger.resolve("journal"));
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(ledger).blockSize(BLOCK).readOnly()
                .open()) {
            assertSame(chronicle, readByCursor(store.journal(), -1), "seed " + seed);
            // from the middle of a file, and from the last entry of one
            final Found middle = chronicle.get(chronicle.size() / 2);
            assertSame(chronicle.subList(chronicle.size() / 2 + 1, chronicle.size()),
                    readByCursor(store.journal(), middle.index()), "seed " + seed + ", from the middle");
            for (int k = 1; k < chronicle.size(); k++) {
                final int cycle = SECONDLY.toCycle(chronicle.get(k).index());
                if (cycle != SECONDLY.toCycle(chronicle.get(k - 1).index())) {
                    assertSame(chronicle.subList(k, chronicle.size()),
                            readByCursor(store.journal(), chronicle.get(k - 1).index()),
                            "seed " + seed + ", from the end of a file");
                    break;
                }
            }
        }
    }

    @Test
    void aCursorAtTheEndGoesOnWithWhatIsAppendedLaterAlsoInANewFile() throws Exception {
        final Random random = new Random(3);
        final Path ledger = dir.resolve("ledger");
        try (ChronicleExperienceStore writer = open(ledger);
             ChronicleExperienceStore reader = ChronicleExperienceStore.builder(ledger).blockSize(BLOCK).readOnly()
                     .open();
             EntryCursor cursor = new EntryCursor(reader.journal())) {
            final List<Found> read = new ArrayList<>();
            int appended = 0;
            cursor.startAfter(-1);
            final int firstCycle = writer.journal().queue().cycle();
            while (writer.journal().queue().cycle() < firstCycle + 2) {
                for (int k = 0; k < 1 + random.nextInt(30); k++) {
                    append(writer, random, appended++);
                }
                // the cursor stopped at the end: it goes on from where it stopped, without being moved
                cursor.startAfter(cursor.lastPassed());
                while (cursor.next()) {
                    read.add(new Found(cursor.index(), cursor.header().start(), cursor.header().end()));
                }
                assertFalse(cursor.stoppedAtPendingBatch());
                Thread.sleep(random.nextInt(40));
            }
            assertSame(readByTailer(ledger.resolve("journal")), read, "read while appended");
        }
    }

    /**
     * The chunks a scan read stay mapped while the store keeps their file, so a second pass over the same entries
     * takes no page fault (a chunk mapped anew faults every page in again). Checked by this thread's minor-fault
     * count over ~16 MiB of journal in 1 MiB chunks.
     */
    @Test
    void aSecondPassOverAFileTheStoreKeepsTakesNoPageFault() throws Exception {
        final Path ledger = dir.resolve("ledger");
        final Random random = new Random(5);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(ledger).blockSize(BLOCK).open()) {
            for (int i = 0; i < 40_000; i++) {
                store.appendEvent(StoreFixtures.engine("e-" + i, "2026-01-01T00:00:00Z",
                        new ExperienceEvent.OutcomeRecorded(ChainId.of("c"), DecisionStep.Planning, true, null, 1L,
                                2L, null, new BackendId("local"), Map.of("pad", "x".repeat(random.nextInt(500)))))
                        .withTenant(TenantId.of("t-" + random.nextInt(3))));
            }
        }
        final long pages = LedgerDirectory.sizeOf(ledger.resolve("journal")) / 4096;
        final EventQuery absent = EventQuery.all().withTenant(TenantId.of("absent"));
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(ledger).blockSize(BLOCK).readOnly()
                .open()) {
            final long beforeFirst = PageFaults.ofThisThread();
            assertEquals(List.of(), store.queryEventsByScan(absent));
            final long first = PageFaults.ofThisThread() - beforeFirst;
            final long beforeSecond = PageFaults.ofThisThread();
            assertEquals(List.of(), store.queryEventsByScan(absent));
            final long second = PageFaults.ofThisThread() - beforeSecond;
            System.out.printf("DocumentWalkTest: %,d pages of journal; a first pass took %,d page faults, the second"
                    + " %,d%n", pages, first, second);
            assertTrue(second < pages / 64, second + " page faults in a second pass over " + pages + " pages");
        }
    }

    /** The same entries in the same order; else the first that differs, not two lists of thousands. */
    private static void assertSame(List<Found> expected, List<Found> actual, String context) {
        for (int k = 0; k < Math.min(expected.size(), actual.size()); k++) {
            assertEquals(expected.get(k), actual.get(k), context + ": entry " + k + " of " + expected.size());
        }
        assertEquals(expected.size(), actual.size(), context + ": entries");
    }

    private static ChronicleExperienceStore open(Path ledger) {
        return ChronicleExperienceStore.builder(ledger).blockSize(BLOCK).rollCycle(SECONDLY).open();
    }

    /**
     * Engine envelopes of 200 B to 200 KiB, alone and in atomic batches of up to 9; one batch in ten is aborted
     * midway (its stream fails), which leaves its entries in the journal, invisible.
     */
    private static void append(ChronicleExperienceStore store, Random random, int i) {
        final int batch = random.nextInt(6) == 0 ? 2 + random.nextInt(8) : 1;
        final boolean abort = batch > 1 && random.nextInt(10) == 0;
        final List<ExperienceEventEnvelope> envelopes = new ArrayList<>();
        for (int k = 0; k < batch; k++) {
            final int size = random.nextInt(30) == 0 ? 50_000 + random.nextInt(150_000) : random.nextInt(400);
            envelopes.add(StoreFixtures.engine("e-" + i + "-" + k, "2026-01-01T00:00:00Z",
                    new ExperienceEvent.OutcomeRecorded(ChainId.of("c"), DecisionStep.Planning, true, null, 1L, 2L,
                            null, new BackendId("local"), Map.of("pad", "x".repeat(size))))
                    .withTenant(TenantId.of("t-" + random.nextInt(3))));
        }
        if (batch == 1) {
            store.appendEvent(envelopes.get(0));
        } else if (abort) {
            final Iterator<ExperienceEventEnvelope> failing = envelopes.iterator();
            final Iterator<ExperienceRecord> records = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public ExperienceRecord next() {
                    if (!failing.hasNext()) {
                        throw new IllegalStateException("the stream fails");
                    }
                    return new ExperienceRecord.Engine(failing.next());
                }
            };
            assertThrows(IllegalStateException.class, () -> store.appendBatch(records));
        } else {
            store.appendEvents(envelopes);
        }
    }

    private static List<Found> readByCursor(Journal journal, long after) {
        final List<Found> found = new ArrayList<>();
        try (EntryCursor cursor = new EntryCursor(journal)) {
            cursor.startAfter(after);
            while (cursor.next()) {
                found.add(new Found(cursor.index(), cursor.header().start(), cursor.header().end()));
                // the entry's bytes are there for decoding, at the offsets the header names
                final Bytes<?> bytes = cursor.bytes();
                assertEquals(EntryLayout.FORMAT_MAJOR, bytes.readUnsignedByte(cursor.header().start()));
            }
            assertEquals(null, cursor.damage());
        }
        return found;
    }

    /**
     * Every visible envelope entry of the journal as a bare Chronicle tailer reads it, by the rule of docs/format.md:
     * a batch's entries (flag 16) are visible iff the first document after them is a commit marker.
     */
    private static List<Found> readByTailer(Path journal) {
        final List<Found> found = new ArrayList<>();
        final List<Found> batch = new ArrayList<>();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(journal).rollCycle(SECONDLY)
                .blockSize(BLOCK).readOnly(true).build();
             ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext context = tailer.readingDocument()) {
                    if (!context.isPresent()) {
                        return found;
                    }
                    final Bytes<?> bytes = context.wire().bytes();
                    final int type = bytes.readUnsignedByte(bytes.readPosition() + 2);
                    final boolean inBatch = (bytes.readUnsignedByte(bytes.readPosition() + 8) & 16) != 0;
                    final Found entry = new Found(context.index(), bytes.readPosition(), bytes.readLimit());
                    if (type == EntryLayout.TYPE_ENGINE || type == EntryLayout.TYPE_USER) {
                        (inBatch ? batch : found).add(entry);
                        continue;
                    }
                    if (type == EntryLayout.TYPE_BATCH_COMMIT) {
                        found.addAll(batch);
                    }
                    batch.clear();
                }
            }
        }
    }
}
