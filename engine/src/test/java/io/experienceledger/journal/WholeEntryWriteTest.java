package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.store.StoreFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries written to the journal as a whole, once the cycle's file has disk allocated ahead ({@link Journal#append}):
 * across a roll of the cycle that Chronicle makes in the middle of the write, and after a write Chronicle gives up
 * halfway. Real journal files in a temporary directory, rolled by the real clock.
 */
class WholeEntryWriteTest {
    private static final RollCycle SECONDLY = TestRollCycles.TEST_SECONDLY;
    private static final String T = "2026-01-01T00:00:00Z";

    @TempDir
    Path root;

    @Test
    void anEntryWrittenAsTheCycleRollsIsInTheNewCyclesFileWhichGetsTheLedgersModeAtOnce() throws Exception {
        final Path dir = root.resolve("ledger");
        final List<ExperienceEventEnvelope> appended = new ArrayList<>();
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).blockSize(1L << 20)
                .rollCycle(SECONDLY).open()) {
            final Journal journal = store.journal();
            final Set<PosixFilePermission> fileMode = Files.getPosixFilePermissions(dir.resolve("journal"));
            fileMode.removeAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
            for (int roll = 0; roll < 3; roll++) {
                append(store, appended, 20);
                final int cycleBefore = cycleOf(journal, journal.appendStamp());
                final Set<Path> filesBefore = journalFiles(dir);
                RollCycleTest.nextCycle();
                // the appender is still on the cycle before: Chronicle rolls inside the write of this entry
                append(store, appended, 1);
                final long rolled = journal.appendStamp();
                assertNotEquals(cycleBefore, cycleOf(journal, rolled), "the entry after the roll is in the old cycle");
                final Set<Path> created = journalFiles(dir);
                created.removeAll(filesBefore);
                assertEquals(1, created.size(), "files the roll created: " + created);
                assertEquals(PosixFilePermissions.toString(fileMode),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(created.iterator().next())),
                        "the new cycle's file does not have the ledger's mode");
                assertTrue(journal.writeEnd() > 0, "no write position in the new cycle's file");
                append(store, appended, 20); // the new cycle's file, allocated ahead: written as a whole again
            }
            assertEquals(ids(appended), ids(store.queryEvents(EventQuery.all())));
        }
        try (ChronicleExperienceStore reopened = ChronicleExperienceStore.builder(dir).rollCycle(SECONDLY).open()) {
            assertEquals(ids(appended), ids(reopened.queryEvents(EventQuery.all())));
            assertTrue(reopened.damage().isEmpty(), "damage after the rolls: " + reopened.damage());
        }
    }

    @Test
    void aWholeWriteChronicleGivesUpHalfwayLeavesNothingAndTheNextEntryTakesItsPlace() throws Exception {
        final Path dir = root.resolve("journal");
        final long blockSize = 1L << 20;
        final EntryWriter writer = new EntryWriter(blockSize / 4);
        final long first;
        final long next;
        try (Journal journal = Journal.open(dir, RollCycles.FAST_DAILY, blockSize, false, Durability.PAGE_CACHE, -1)) {
            first = journal.append(writer.engine(StoreFixtures.engine("before", T), Framing.ALONE));
            journal.append(writer.engine(StoreFixtures.engine("whole", T), Framing.ALONE));
            // more than a mapped chunk can take at once: Chronicle refuses it only after it began the entry
            final Bytes<?> tooLarge = Bytes.allocateDirect(4 * blockSize);
            try {
                tooLarge.writeSkip(4 * blockSize);
                assertThrows(RuntimeException.class, () -> journal.append(tooLarge));
            } finally {
                tooLarge.releaseLast();
            }
            next = journal.append(writer.engine(StoreFixtures.engine("after", T), Framing.ALONE));
            assertEquals(first + 2, next, "the refused entry took an index");
            assertEquals(List.of("before", "whole", "after"), ConcurrentAppendTest.eventIds(journal));
            assertEquals(next + 1, journal.append(writer.engine(StoreFixtures.engine("last", T), Framing.ALONE)));
        }
        try (Journal reopened = Journal.open(dir, RollCycles.FAST_DAILY, blockSize, true, Durability.PAGE_CACHE, -1)) {
            assertEquals(List.of("before", "whole", "after", "last"), ConcurrentAppendTest.eventIds(reopened));
        }
    }

    private static void append(ChronicleExperienceStore store, List<ExperienceEventEnvelope> appended, int count) {
        for (int i = 0; i < count; i++) {
            final ExperienceEventEnvelope envelope = StoreFixtures.engine("e-" + appended.size(), T);
            store.appendEvent(envelope);
            appended.add(envelope);
        }
    }

    private static int cycleOf(Journal journal, long index) {
        return journal.queue().rollCycle().toCycle(index);
    }

    private static Set<Path> journalFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            return files.filter(file -> file.toString().endsWith(".cq4")).collect(Collectors.toSet());
        }
    }

    private static List<String> ids(List<ExperienceEventEnvelope> envelopes) {
        return envelopes.stream().map(e -> e.eventId().value()).collect(Collectors.toList());
    }
}
