package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.merkle.MerkleFrontier;
import io.experienceledger.merkle.TreeHead;
import io.experienceledger.model.EventQuery;
import io.experienceledger.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention with real processes: a prune killed ({@code kill -9}) at a random moment leaves the ledger as it was
 * before or after each file's removal, readable, with the same tree head, and the next writable open finishes it;
 * a writer that prunes itself (automatic retention) while it appends never shows a reader in another process a gap
 * or an empty ledger. Trials: {@code -Dledger.crash.trials} (default 4).
 */
class PruneCrashTest {
    private static final int TRIALS = Integer.getInteger("ledger.crash.trials", 4);

    @TempDir
    Path root;

    @Test
    void aPruneKilledAtAnyMomentLeavesTheLedgerBeforeOrAfterEachFile() throws Exception {
        final Path original = root.resolve("original");
        final Instant cut;
        final TreeHead head;
        final List<String> lines;
        try (ChronicleExperienceStore store = PruneTest.secondly(original)) {
            for (int file = 0; file < 4; file++) {
                PruneTest.append(store, 150, file);
                PruneTest.nextCycle();
            }
            cut = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            PruneTest.append(store, 20, 9);
            head = store.tree().head();
            lines = PruneTest.exportLines(store);
        }
        // where each journal file starts, as a leaf index: a killed prune may leave the ledger at any of them
        final List<Long> fileStarts = new ArrayList<>();
        try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(original).readOnly().open()) {
            final int[] cycle = {Integer.MIN_VALUE};
            final long[] leaf = {0};
            reader.scan(-1, (index, record) -> {
                final int entryCycle = TestRollCycles.TEST_SECONDLY.toCycle(index);
                if (entryCycle != cycle[0]) {
                    fileStarts.add(leaf[0]);
                    cycle[0] = entryCycle;
                }
                leaf[0]++;
                return true;
            });
        }
        // what a prune that is not killed leaves
        final Path control = root.resolve("control");
        copy(original, control);
        final long prunedByControl;
        final List<String> filesAfter;
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(control).open()) {
            store.prune(PruneRequest.before(cut));
            prunedByControl = store.tree().prunedLeaves();
            filesAfter = PruneTest.journalFiles(control);
        }
        assertTrue(prunedByControl >= 450, "the prune removes the first files: " + prunedByControl);
        final Random random = new Random();
        long longest = 300;
        for (int trial = 0; trial < TRIALS; trial++) {
            final Path dir = root.resolve("trial-" + trial);
            final Path archive = root.resolve("archive-" + trial);
            copy(original, dir);
            final long delay = random.nextInt((int) longest);
            final String context = "trial " + trial + ", killed " + delay + " ms after opening";
            try (ChildJvm child = ChildJvm.start(JournalChild.class, "prune", dir.toString(),
                    Long.toString(cut.toEpochMilli()), archive.toString())) {
                assertEquals("opened", child.readLine(), child.errors());
                final long started = System.nanoTime();
                Thread.sleep(delay);
                child.kill();
                longest = Math.max(longest, (System.nanoTime() - started) / 1_000_000);
            }
            try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
                final List<String> seen = PruneTest.exportLines(reader);
                final long start = lines.size() - seen.size();
                assertTrue(fileStarts.contains(start), context + ": the ledger starts at entry " + start
                        + ", not at a file's start " + fileStarts);
                assertEquals(lines.subList((int) start, lines.size()), seen, context);
                assertEquals(head, reader.tree().head(), context);
            }
            try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).open()) {
                final VerifyReport report = store.verify(head.toString());
                assertTrue(report.intact(), context + ": " + report.problem());
                final long start = store.tree().prunedLeaves();
                assertEquals(lines.subList((int) start, lines.size()), PruneTest.exportLines(store), context);
                assertEquals(lines.size() - start, store.queryRecords(EventQuery.all()).size(), context);
                store.prune(PruneRequest.before(cut).archiveTo(archive));
                assertEquals(prunedByControl, store.tree().prunedLeaves(), context + ": a second prune finishes");
                assertEquals(head, store.tree().head(), context);
                assertEquals(filesAfter, PruneTest.journalFiles(dir), context);
                final VerifyReport archived = store.verify(head.toString(), archive);
                assertTrue(archived.intact(), context + ": " + archived.problem());
            }
        }
    }

    @Test
    void aWriterThatPrunesItselfNeverShowsAReaderInAnotherProcessAGap() throws Exception {
        final Path dir = root.resolve("ledger");
        try (ChronicleExperienceStore store = PruneTest.secondly(dir)) {
            store.appendEvent(io.experienceledger.store.StoreFixtures.engine("first", "2026-03-01T00:00:00Z"));
        }
        long firstSeen = -1;
        long lastSeen = -1;
        int scans = 0;
        try (ChildJvm writer = ChildJvm.start(JournalChild.class, "retain", dir.toString(), "2");
             ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            assertTrue(writer.readLine().startsWith("ack"), writer.errors());
            // scan for 4.5 s, and on until the writer has pruned, for at most a minute: its retention drops files
            // older than the two newest one-second cycles, about 3 s after it starts, later on a loaded machine
            final long start = System.nanoTime();
            final long until = start + 4_500_000_000L;
            final long atMost = start + 60_000_000_000L;
            TreeHead previous = null;
            while (System.nanoTime() < until || (firstSeen <= 0 && System.nanoTime() < atMost)) {
                final List<Long> ids = new ArrayList<>();
                reader.scan(-1, (index, record) -> {
                    final String id = record.eventId().value();
                    if (id.startsWith("s-")) {
                        ids.add(Long.parseLong(id.substring(2)));
                    }
                    return true;
                });
                assertTrue(!ids.isEmpty(), "scan " + scans + " saw an empty ledger");
                for (int i = 1; i < ids.size(); i++) {
                    assertEquals(ids.get(i - 1) + 1, ids.get(i), "scan " + scans + ": a gap");
                }
                assertTrue(ids.get(0) >= firstSeen, "scan " + scans + " went back");
                assertTrue(ids.get(ids.size() - 1) >= lastSeen, "scan " + scans + " lost entries at the end");
                firstSeen = ids.get(0);
                lastSeen = ids.get(ids.size() - 1);
                final TreeHead head = reader.tree().head();
                assertTrue(previous == null || head.size() >= previous.size(), "the head went back");
                previous = head;
                scans++;
            }
            writer.kill();
        }
        assertTrue(firstSeen > 0, "the writer pruned while the reader scanned (" + scans + " scans)");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).open()) {
            final VerifyReport report = store.verify(null);
            assertTrue(report.intact(), report.problem());
            assertTrue(PruneTest.journalFiles(dir).size() <= 4, PruneTest.journalFiles(dir)::toString);
            final MerkleFrontier check = MerkleFrontier.of(store.tree().prunedLeaves(),
                    store.pruned().orElseThrow().frontier().roots());
            store.scan(-1, (index, record) -> {
                check.append(LedgerTree.leafHash(io.experienceledger.json.ConvergeJson.writeAnyEnvelope(record)));
                return true;
            });
            assertEquals(store.tree().head(), new TreeHead(check.size(), check.root()),
                    "the head is the kept roots followed by the retained entries");
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted().toList()) {
                final Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals(WriterLock.FILE_NAME)) {
                    Files.copy(file, target);
                }
            }
        }
    }
}
