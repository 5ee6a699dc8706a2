package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.StoreFixtures;
import io.experienceledger.testing.TestFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger keeps the roll cycle it was created with: it is recorded in {@code ledger.properties}, later opens use
 * it whatever they ask for by default, and an explicit other one is refused. Journals here span several files of
 * Chronicle's one-second test cycle (the tests wait for the clock to pass a second).
 */
class RollCycleTest {
    private static final RollCycle SECONDLY = TestRollCycles.TEST_SECONDLY;
    private static final EventQuery ALL = EventQuery.all();

    @TempDir
    Path root;

    @Test
    void aLedgerCreatedWithAFastCycleReopensWithDefaultsAcrossItsFiles() throws Exception {
        final Path dir = root.resolve("ledger");
        final List<ExperienceEventEnvelope> appended = new ArrayList<>();
        try (ChronicleExperienceStore store = secondly(dir)) {
            appendSingles(store, appended, 20);
            nextCycle();
            appendSingles(store, appended, 20);
        }
        assertEquals("TEST_SECONDLY", recorded(dir));
        assertTrue(journalFiles(dir).size() >= 2, () -> "one journal file: " + journalFiles(dir));

        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            assertSameAnswers(appended, store);
            nextCycle();
            appendSingles(store, appended, 10);
            assertSameAnswers(appended, store);
        }
        assertTrue(journalFiles(dir).size() >= 3, () -> "no third journal file: " + journalFiles(dir));
        for (String file : journalFiles(dir)) {
            assertTrue(file.matches("\\d{8}-\\d{6}T\\.cq4"), file);
        }
        try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            assertSameAnswers(appended, reader);
            assertEquals(appended.size(), reader.stats().entries());
            final VerifyReport report = reader.verify(null);
            assertTrue(report.intact(), report::problem);
            assertEquals(appended.size(), report.entries());
        }
        try (ChronicleExperienceStore same = ChronicleExperienceStore.builder(dir).rollCycle(SECONDLY).open()) {
            assertSameAnswers(appended, same);
        }
    }

    @Test
    void aBatchAcrossARollIsAllOrNothingAndSurvivesReopenAndALostIndex() throws Exception {
        final Path dir = root.resolve("ledger");
        final List<ExperienceEventEnvelope> expected = new ArrayList<>();
        try (ChronicleExperienceStore store = secondly(dir);
             ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            appendSingles(store, expected, 5);
            final List<ExperienceEventEnvelope> batch = envelopes(expected.size(), 20);
            final List<Integer> seenMidBatch = new ArrayList<>();
            store.appendEvents(new PausingList(batch, 10, () -> {
                nextCycle();
                seenMidBatch.add(reader.queryEvents(ALL).size());
            }));
            assertFalse(seenMidBatch.isEmpty(), "the batch was not paused");
            for (int seen : seenMidBatch) {
                assertEquals(5, seen, "a reader saw part of the batch before its commit");
            }
            expected.addAll(batch);
            assertEquals(expected, reader.queryEvents(ALL));
            final List<Integer> cycles = cyclesOf(store, batch);
            assertTrue(cycles.get(0) < cycles.get(cycles.size() - 1), () -> "the batch is in one file: " + cycles);

            final List<ExperienceEventEnvelope> aborted = envelopes(100, 10);
            final IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> store.appendBatch(failingAfterARoll(aborted)));
            assertEquals("the source failed", failure.getMessage());
            assertEquals(expected, store.queryEvents(ALL));
            assertEquals(expected, reader.queryEvents(ALL));
        }
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            assertSameAnswers(expected, store);
        }
        TestFiles.deleteRecursively(dir.resolve("index"));
        try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            assertSameAnswers(expected, reader);
        }
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            assertSameAnswers(expected, store);
            final VerifyReport report = store.verify(null);
            assertTrue(report.intact(), report::problem);
        }
    }

    @Test
    void anExplicitOtherRollCycleIsRefusedAndChangesNothing() throws Exception {
        final Path dir = root.resolve("ledger");
        final List<ExperienceEventEnvelope> appended = new ArrayList<>();
        try (ChronicleExperienceStore store = secondly(dir)) {
            appendSingles(store, appended, 3);
        }
        final List<String> before = listing(dir);
        for (boolean readOnly : new boolean[] {false, true}) {
            final ChronicleExperienceStore.Builder daily = ChronicleExperienceStore.builder(dir)
                    .rollCycle(RollCycles.FAST_DAILY);
            final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                    () -> (readOnly ? daily.readOnly() : daily).open().close());
            assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, e.kind());
            assertEquals("Storage error: the ledger in " + dir.toAbsolutePath() + " was created with the roll cycle"
                    + " TEST_SECONDLY (recorded in ledger.properties), but the store was opened with the roll cycle"
                    + " FAST_DAILY; a journal keeps one roll cycle for life. Open it without choosing a roll cycle (it"
                    + " uses TEST_SECONDLY), or create a new ledger in another directory for FAST_DAILY",
                    e.getMessage());
        }
        assertEquals(before, listing(dir), "a refused open changed the ledger");

        final Path daily = root.resolve("daily");
        ChronicleExperienceStore.open(daily).close();
        assertEquals("FAST_DAILY", recorded(daily));
        final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                () -> ChronicleExperienceStore.builder(daily).rollCycle(SECONDLY).open().close());
        assertTrue(e.getMessage().contains("created with the roll cycle FAST_DAILY"), e.getMessage());
        assertTrue(e.getMessage().contains("opened with the roll cycle TEST_SECONDLY"), e.getMessage());
    }

    @Test
    void aLedgerThatPredatesTheRecordUsesTheCycleItsFilesAreNamedBy() throws Exception {
        final Path dir = root.resolve("ledger");
        final List<ExperienceEventEnvelope> appended = new ArrayList<>();
        try (ChronicleExperienceStore store = secondly(dir)) {
            appendSingles(store, appended, 5);
            nextCycle();
            appendSingles(store, appended, 5);
        }
        forgetRollCycle(dir);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            assertSameAnswers(appended, store);
            nextCycle();
            appendSingles(store, appended, 5);
        }
        try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            assertSameAnswers(appended, reader);
        }
        assertEquals(null, recorded(dir), "the marker was rewritten");
        final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                () -> ChronicleExperienceStore.builder(dir).rollCycle(RollCycles.FAST_DAILY).open().close());
        assertTrue(e.getMessage().contains("was created with the roll cycle TEST_SECONDLY (as its journal's files"
                + " are named), but the store was opened with the roll cycle FAST_DAILY"), e.getMessage());
    }

    @Test
    void aLedgerThatPredatesTheRecordWithoutJournalFilesFollowsChroniclesMetadata() {
        final Path daily = root.resolve("daily");
        ChronicleExperienceStore.open(daily).close();
        forgetRollCycle(daily);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(daily)) {
            store.appendEvent(StoreFixtures.engine("e-1", "2026-01-01T00:00:00Z"));
        }
        assertTrue(journalFiles(daily).get(0).matches("\\d{8}F\\.cq4"), journalFiles(daily)::toString);

        // created with another cycle but never appended to: only Chronicle's metadata.cq4t knows the cycle
        final Path secondly = root.resolve("secondly");
        secondly(secondly).close();
        forgetRollCycle(secondly);
        final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                () -> ChronicleExperienceStore.builder(secondly).rollCycle(RollCycles.FAST_DAILY).open().close());
        assertTrue(e.getMessage().contains("was created with the roll cycle TEST_SECONDLY (recorded in its journal's"
                + " metadata.cq4t), but the store was opened with the roll cycle FAST_DAILY"), e.getMessage());
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(secondly)) {
            store.appendEvent(StoreFixtures.engine("e-1", "2026-01-01T00:00:00Z"));
        }
        assertTrue(journalFiles(secondly).get(0).matches("\\d{8}-\\d{6}T\\.cq4"), journalFiles(secondly)::toString);
        try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(secondly).readOnly().open()) {
            assertEquals(1, reader.queryEvents(ALL).size());
        }
    }

    @Test
    void aLedgerThatPredatesTheRecordWithAFileOfNoKnownCycleIsRefused() throws Exception {
        final Path dir = root.resolve("ledger");
        ChronicleExperienceStore.open(dir).close();
        forgetRollCycle(dir);
        Files.writeString(dir.resolve("journal").resolve("notes.cq4"), "not a journal file");
        final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                () -> ChronicleExperienceStore.builder(dir).readOnly().open().close());
        assertEquals("Storage error: cannot tell the roll cycle of the journal in "
                + dir.toAbsolutePath().resolve("journal") + ": " + dir.toAbsolutePath().resolve("ledger.properties") + " records none (the ledger predates that)"
                + " and the file notes.cq4 is not named like the files of exactly one roll cycle this version knows."
                + " Open the ledger with the version that created it", e.getMessage());
    }

    @Test
    void aJournalWhoseMetadataDisagreesWithTheRecordIsRefused() throws Exception {
        final Path dir = root.resolve("ledger");
        secondly(dir).close();
        final Path marker = dir.resolve(LedgerDirectory.MARKER);
        Files.writeString(marker, Files.readString(marker).replace("journal.rollCycle=TEST_SECONDLY",
                "journal.rollCycle=FAST_DAILY"));
        for (boolean readOnly : new boolean[] {false, true}) {
            final ChronicleExperienceStore.Builder builder = ChronicleExperienceStore.builder(dir);
            final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                    () -> (readOnly ? builder.readOnly() : builder).open().close());
            assertEquals("Storage error: the journal in " + dir.toAbsolutePath().resolve("journal") + " has the roll"
                    + " cycle TEST_SECONDLY in Chronicle's metadata (metadata.cq4t), but the ledger's is FAST_DAILY"
                    + " (recorded in ledger.properties): the journal does not belong to this ledger or was changed."
                    + " Restore the ledger directory from a backup", e.getMessage());
        }
        // the refused writable open released the writer lock
        Files.writeString(marker, Files.readString(marker).replace("journal.rollCycle=FAST_DAILY",
                "journal.rollCycle=TEST_SECONDLY"));
        ChronicleExperienceStore.open(dir).close();
    }

    @Test
    void aRecordedRollCycleThisVersionDoesNotKnowIsRefused() throws Exception {
        final Path dir = root.resolve("ledger");
        ChronicleExperienceStore.open(dir).close();
        final Path marker = dir.resolve(LedgerDirectory.MARKER);
        Files.writeString(marker, Files.readString(marker).replace("journal.rollCycle=FAST_DAILY",
                "journal.rollCycle=FORTNIGHTLY"));
        final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                () -> ChronicleExperienceStore.builder(dir).readOnly().open().close());
        assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, e.kind());
        assertEquals("Storage error: " + marker.toAbsolutePath() + " records the roll cycle 'FORTNIGHTLY', which this"
                + " version does not know; open the ledger with the version that created it", e.getMessage());
    }

    @Test
    void aRollCycleALedgerCannotRecordIsRefusedBeforeAnythingIsCreated() {
        final Path dir = root.resolve("ledger");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChronicleExperienceStore.builder(dir).rollCycle(new Unnamed(SECONDLY)).open().close());
        assertTrue(e.getMessage().startsWith("rollCycle must be one of Chronicle's named roll cycles"), e.getMessage());
        assertFalse(Files.exists(dir));
    }

    @Test
    void everyNamedRollCycleIsToldFromTheNamesChronicleGivesItsFiles() {
        final long[] instants = {Instant.parse("2026-11-28T17:32:59Z").toEpochMilli(),
                Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli(),
                Instant.parse("2031-01-01T00:00:00Z").toEpochMilli()};
        for (RollCycle cycle : RollCycles.all()) {
            final RollingResourcesCache names = new RollingResourcesCache(cycle, cycle.defaultEpoch(), File::new,
                    File::getName);
            for (long millis : instants) {
                // cycleNaming answers only when exactly one named cycle gives the file that name
                final String name = names.resourceFor((millis - cycle.defaultEpoch()) / cycle.lengthInMillis()).text;
                assertSame(cycle, JournalRollCycle.cycleNaming(name), name);
            }
        }
        assertEquals(null, JournalRollCycle.cycleNaming("holiday"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static ChronicleExperienceStore secondly(Path dir) {
        return ChronicleExperienceStore.builder(dir).blockSize(1L << 20).rollCycle(SECONDLY).open();
    }

    /** Sleeps until the clock has passed into the next second, the next cycle of {@link #SECONDLY}. */
    static void nextCycle() {
        try {
            Thread.sleep(1_000 - System.currentTimeMillis() % 1_000 + 20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<ExperienceEventEnvelope> envelopes(int first, int count) {
        final List<ExperienceEventEnvelope> envelopes = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            envelopes.add(StoreFixtures.engine("e-" + i, "2026-01-01T00:00:00Z").withCorrelation("run-" + i % 3));
        }
        return envelopes;
    }

    private static void appendSingles(ChronicleExperienceStore store, List<ExperienceEventEnvelope> appended,
                                      int count) {
        for (ExperienceEventEnvelope envelope : envelopes(appended.size(), count)) {
            store.appendEvent(envelope);
            appended.add(envelope);
        }
    }

    /** Everything, and each correlation (answered from the index's postings, located across the files). */
    private static void assertSameAnswers(List<ExperienceEventEnvelope> expected, ChronicleExperienceStore store) {
        assertEquals(expected, store.queryEvents(ALL));
        for (int run = 0; run < 3; run++) {
            final String id = "run-" + run;
            assertEquals(expected.stream().filter(e -> id.equals(e.correlationId().value())).toList(),
                    store.queryEvents(ALL.withCorrelation(CorrelationId.of(id))), id);
        }
    }

    /** The roll cycles of the journal entries holding {@code envelopes}, in journal order. */
    private static List<Integer> cyclesOf(ChronicleExperienceStore store, List<ExperienceEventEnvelope> envelopes) {
        final List<String> ids = envelopes.stream().map(e -> e.eventId().value()).toList();
        final List<Integer> cycles = new ArrayList<>();
        store.scan(-1, (position, record) -> {
            if (record instanceof ExperienceRecord.Engine engine && ids.contains(engine.value().eventId().value())) {
                cycles.add(SECONDLY.toCycle(position));
            }
            return true;
        });
        assertEquals(envelopes.size(), cycles.size());
        return cycles;
    }

    /** Half of {@code envelopes}, then (in the next cycle) the other half, then a failure. */
    private static Iterator<ExperienceRecord> failingAfterARoll(List<ExperienceEventEnvelope> envelopes) {
        final Iterator<ExperienceEventEnvelope> source = envelopes.iterator();
        return new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public ExperienceRecord next() {
                if (given == envelopes.size() / 2) {
                    nextCycle();
                }
                if (!source.hasNext()) {
                    throw new IllegalStateException("the source failed");
                }
                given++;
                return new ExperienceRecord.Engine(source.next());
            }
        };
    }

    /** A list that runs {@code pause} whenever its element {@code at} is read. */
    private static final class PausingList extends AbstractList<ExperienceEventEnvelope> {
        private final List<ExperienceEventEnvelope> elements;
        private final int at;
        private final Runnable pause;

        PausingList(List<ExperienceEventEnvelope> elements, int at, Runnable pause) {
            this.elements = elements;
            this.at = at;
            this.pause = pause;
        }

        @Override
        public ExperienceEventEnvelope get(int index) {
            if (index == at) {
                pause.run();
            }
            return elements.get(index);
        }

        @Override
        public int size() {
            return elements.size();
        }
    }

    /** A roll cycle that is not one of Chronicle's named ones (the same arithmetic as {@code cycle}). */
    private record Unnamed(RollCycle cycle) implements RollCycle {
        @Override
        public String format() {
            return cycle.format();
        }

        @Override
        public int lengthInMillis() {
            return cycle.lengthInMillis();
        }

        @Override
        public int defaultIndexCount() {
            return cycle.defaultIndexCount();
        }

        @Override
        public int defaultIndexSpacing() {
            return cycle.defaultIndexSpacing();
        }

        @Override
        public long toIndex(int cycleNumber, long sequenceNumber) {
            return cycle.toIndex(cycleNumber, sequenceNumber);
        }

        @Override
        public long toSequenceNumber(long index) {
            return cycle.toSequenceNumber(index);
        }

        @Override
        public int toCycle(long index) {
            return cycle.toCycle(index);
        }

        @Override
        public long maxMessagesPerCycle() {
            return cycle.maxMessagesPerCycle();
        }
    }

    private static String recorded(Path dir) throws IOException {
        final java.util.Properties marker = new java.util.Properties();
        try (var reader = Files.newBufferedReader(dir.resolve(LedgerDirectory.MARKER))) {
            marker.load(reader);
        }
        return marker.getProperty(LedgerDirectory.ROLL_CYCLE);
    }

    /** Makes the ledger look as if created before the roll cycle was recorded. */
    private static void forgetRollCycle(Path dir) {
        final Path marker = dir.resolve(LedgerDirectory.MARKER);
        try {
            final List<String> lines = Files.readAllLines(marker);
            assertTrue(lines.removeIf(line -> line.startsWith(LedgerDirectory.ROLL_CYCLE + "=")), lines::toString);
            Files.write(marker, lines);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> journalFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> dir.relativize(f) + " " + f.toFile().lastModified() + " " + f.toFile().length())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new)).stream().toList();
        }
    }
}
