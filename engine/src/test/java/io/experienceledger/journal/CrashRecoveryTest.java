package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.store.StoreFixtures;
import io.experienceledger.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real child JVM while it appends: after reopening, every acknowledged event is present exactly once,
 * no partial batch is visible, the index agrees with a full scan, and appending goes on. The number of trials is
 * {@code -Dledger.crash.trials} (eight of each kind in the default build, several hundred in the long mode, docs/operations.md).
 */
class CrashRecoveryTest {
    private static final int TRIALS = Integer.getInteger("ledger.crash.trials", 8);

    @TempDir
    Path root;

    @Test
    void killedBatchAppenderLeavesWholeBatchesOnly() throws Exception {
        final long seed = Long.getLong("ledger.crash.seed", 7L);
        final Random random = new Random(seed);
        for (int trial = 0; trial < TRIALS; trial++) {
            final Path dir = root.resolve("batches-" + trial);
            final int size = 1 + random.nextInt(random.nextBoolean() ? 20 : 3000);
            final long acked = runAndKill(dir, random, "batches", dir.toString(), Integer.toString(size));
            try (ChronicleExperienceStore store = open(dir)) {
                final List<ExperienceEventEnvelope> all = store.queryEvents(EventQuery.all());
                final TreeMap<Long, Integer> perBatch = new TreeMap<>();
                for (ExperienceEventEnvelope envelope : all) {
                    final String id = envelope.eventId().value();
                    final long batch = Long.parseLong(id.substring(1, id.indexOf('-')));
                    final int position = Integer.parseInt(id.substring(id.indexOf('-') + 1));
                    final int seen = perBatch.merge(batch, 1, Integer::sum);
                    assertEquals(seen - 1, position, context(seed, trial, size) + ": batch " + batch + " out of order");
                }
                for (var entry : perBatch.entrySet()) {
                    assertEquals(size, entry.getValue(), context(seed, trial, size) + ": partial batch " + entry.getKey());
                }
                final long present = perBatch.isEmpty() ? -1 : perBatch.lastKey();
                assertEquals(present + 1, perBatch.size(), context(seed, trial, size) + ": batches are not a prefix");
                assertTrue(present >= acked, context(seed, trial, size) + ": acknowledged batch " + acked + " lost");
                assertIndexAgreesWithScan(store);
                assertAppendGoesOn(store, all.size());
            }
        }
    }

    /**
     * Batches that span journal files: a ledger with a one-second roll cycle, each streamed batch of 15 taking
     * 1.5 s, killed at a random moment after its first acknowledged batch.
     */
    @Test
    void killedAppenderOfBatchesAcrossRollCyclesLeavesWholeBatchesOnly() throws Exception {
        final long seed = Long.getLong("ledger.crash.seed", 13L);
        final Random random = new Random(seed);
        final int size = 15;
        for (int trial = 0; trial < Math.max(2, TRIALS / 6); trial++) {
            final Path dir = root.resolve("rolling-" + trial);
            ChronicleExperienceStore.builder(dir).rollCycle(TestRollCycles.TEST_SECONDLY).open().close();
            long acked = -1;
            try (ChildJvm child = ChildJvm.start(JournalChild.class, "slowbatches", dir.toString(),
                    Integer.toString(size))) {
                final String line = child.readLine();
                assertNotNull(line, "child ended early in " + dir + ":\n" + child.errors());
                acked = Long.parseLong(line.substring("ack ".length()));
                Thread.sleep(random.nextInt(1_500));
                child.kill();
            }
            final String context = "seed " + seed + " trial " + trial;
            try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
                assertTrue(files.filter(f -> f.toString().endsWith(".cq4")).count() >= 2,
                        context + ": the batches did not span journal files");
            }
            try (ChronicleExperienceStore store = open(dir)) {
                final List<ExperienceEventEnvelope> all = store.queryEvents(EventQuery.all());
                assertEquals(0, all.size() % size, context + ": a partial batch is visible: " + all.size());
                assertTrue(all.size() / size >= acked + 1, context + ": acknowledged batch " + acked + " lost");
                for (int i = 0; i < all.size(); i++) {
                    assertEquals("b" + i / size + "-" + i % size, all.get(i).eventId().value(), context);
                }
                assertIndexAgreesWithScan(store);
                assertAppendGoesOn(store, all.size());
                assertTrue(store.verify(null).intact(), context);
            }
        }
    }

    @Test
    void killedSingleAppenderLosesNothingAcknowledged() throws Exception {
        final long seed = Long.getLong("ledger.crash.seed", 11L);
        final Random random = new Random(seed);
        for (int trial = 0; trial < TRIALS; trial++) {
            final Path dir = root.resolve("singles-" + trial);
            final long acked = runAndKill(dir, random, "singles", dir.toString());
            try (ChronicleExperienceStore store = open(dir)) {
                final List<ExperienceEventEnvelope> all = store.queryEvents(EventQuery.all());
                for (int i = 0; i < all.size(); i++) {
                    assertEquals("s" + i, all.get(i).eventId().value(), "seed " + seed + " trial " + trial);
                }
                assertTrue(all.size() >= acked + 1, "seed " + seed + " trial " + trial + ": acknowledged event lost");
                assertIndexAgreesWithScan(store);
                assertAppendGoesOn(store, all.size());
            }
        }
    }

    /**
     * Queued appends from two threads, killed at a random moment: every entry appended before a flush that returned
     * is present, each thread's entries are a prefix of what it appended, in order, and appending goes on.
     */
    @Test
    void killedQueuedAppenderLosesNothingFlushed() throws Exception {
        final long seed = Long.getLong("ledger.crash.seed", 17L);
        final Random random = new Random(seed);
        for (int trial = 0; trial < TRIALS; trial++) {
            final Path dir = root.resolve("queued-" + trial);
            final int flushesBeforeKill = 1 + random.nextInt(20);
            long[] flushed = {0, 0};
            try (ChildJvm child = ChildJvm.start(JournalChild.class, "queued", dir.toString())) {
                for (int i = 0; i < flushesBeforeKill; i++) {
                    final String line = child.readLine();
                    assertNotNull(line, "child ended early in " + dir + ":\n" + child.errors());
                    final String[] counts = line.substring("ack ".length()).split(" ");
                    flushed = new long[] {Long.parseLong(counts[0]), Long.parseLong(counts[1])};
                }
                child.kill();
            }
            final String context = "seed " + seed + " trial " + trial;
            try (ChronicleExperienceStore store = open(dir)) {
                final List<ExperienceEventEnvelope> all = store.queryEvents(EventQuery.all());
                final long[] next = new long[2];
                for (ExperienceEventEnvelope envelope : all) {
                    final String id = envelope.eventId().value();
                    final int thread = id.charAt(1) - '0';
                    assertEquals("q" + thread + "-" + next[thread], id, context + ": out of order or missing");
                    next[thread]++;
                }
                for (int t = 0; t < 2; t++) {
                    assertTrue(next[t] >= flushed[t], context + ": thread " + t + " had " + flushed[t]
                            + " flushed, " + next[t] + " present");
                }
                assertIndexAgreesWithScan(store);
                assertAppendGoesOn(store, all.size());
            }
        }
    }

    /** Starts the child, lets it acknowledge a random number of appends, kills it; returns the last ack seen. */
    private static long runAndKill(Path dir, Random random, String... args) throws Exception {
        final int acksBeforeKill = 1 + random.nextInt(40);
        long acked = -1;
        try (ChildJvm child = ChildJvm.start(JournalChild.class, args)) {
            for (int i = 0; i < acksBeforeKill; i++) {
                final String line = child.readLine();
                assertNotNull(line, "child ended early in " + dir + ":\n" + child.errors());
                acked = Long.parseLong(line.substring("ack ".length()));
            }
            child.kill();
        }
        return acked;
    }

    private static void assertIndexAgreesWithScan(ChronicleExperienceStore store) {
        final EventQuery byKind = EventQuery.all().withKinds(ExperienceEventKind.OutcomeRecorded);
        assertEquals(store.queryEventsByScan(byKind), store.queryEvents(byKind));
        assertEquals(store.queryEventsByScan(EventQuery.all()), store.queryEvents(EventQuery.all()));
    }

    private static void assertAppendGoesOn(ChronicleExperienceStore store, int before) {
        store.appendEvent(StoreFixtures.engine("after-crash", "2026-05-10T09:00:00Z"));
        store.appendEvents(List.of(StoreFixtures.engine("after-crash-1", "2026-05-10T09:00:00Z"),
                StoreFixtures.engine("after-crash-2", "2026-05-10T09:00:00Z")));
        final List<ExperienceEventEnvelope> all = store.queryEvents(EventQuery.all());
        assertEquals(before + 3, all.size());
        assertEquals("after-crash-2", all.get(all.size() - 1).eventId().value());
    }

    private static String context(long seed, int trial, int size) {
        return "seed " + seed + " trial " + trial + " batch size " + size;
    }

    private static ChronicleExperienceStore open(Path dir) {
        return ChronicleExperienceStore.builder(dir).blockSize(1L << 20).open();
    }
}
