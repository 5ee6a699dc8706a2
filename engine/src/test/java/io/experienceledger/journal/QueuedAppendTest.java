package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.StoreFixtures;
import io.experienceledger.testing.ChildJvm;
import io.experienceledger.testing.SmallDisk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queued appends ({@link ChronicleExperienceStore.Builder#queuedAppends()}) on real journal files: many threads
 * lose nothing and keep each thread's order, a flush puts everything queued into the journal where another reader
 * sees it, batches and reads come after what was queued before them, an append racing with close is either
 * appended or refused (never acknowledged and lost), and a full disk keeps the queued entries until there is
 * space again. Crash: {@link CrashRecoveryTest#killedQueuedAppenderLosesNothingFlushed()}.
 */
class QueuedAppendTest {
    private static final String AT = "2026-05-10T09:00:00Z";

    @TempDir
    Path root;

    @RegisterExtension
    final SmallDisk disk = new SmallDisk("8m");

    @Test
    void manyThreadsLoseNothingAndKeepEachThreadsOrder() throws Exception {
        final Path dir = root.resolve("ledger");
        final int threads = 4;
        final int each = 5_000;
        try (ChronicleExperienceStore store = open(dir)) {
            onThreads(threads, thread -> {
                for (int i = 0; i < each; i++) {
                    store.appendEvent(StoreFixtures.engine("t" + thread + "-" + i, AT));
                }
            }, () -> { });
        }
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            assertEachThreadInOrder(store.queryEvents(EventQuery.all()), threads, each);
        }
    }

    /**
     * The journal gets the entries in the order they were queued across threads, not only each thread's in its
     * order: the threads take turns, each appending once the one before it has returned, while the drainer drains
     * as it goes. A queue that kept a ring per thread and drained them in turn would fail this.
     */
    @Test
    void entriesOfDifferentThreadsReachTheJournalInTheOrderTheyWereQueued() throws Exception {
        final int threads = 3;
        final int entries = 30_000;
        final AtomicInteger turn = new AtomicInteger();
        try (ChronicleExperienceStore store = open(root.resolve("ledger"))) {
            onThreads(threads, first -> {
                for (int i = first; i < entries; i += threads) {
                    while (turn.get() != i) {
                        if (turn.get() == Integer.MAX_VALUE) {
                            return; // another thread failed: onThreads reports it
                        }
                        Thread.yield();
                    }
                    store.appendEvent(StoreFixtures.engine("e-" + i, AT));
                    turn.set(i + 1);
                }
            }, () -> turn.set(Integer.MAX_VALUE)); // the others stop waiting for the failed thread's turn
            final List<ExperienceEventEnvelope> all = store.queryEvents(EventQuery.all());
            assertEquals(entries, all.size());
            for (int i = 0; i < entries; i++) {
                assertEquals("e-" + i, all.get(i).eventId().value(), "journal position " + i);
            }
        }
    }

    @Test
    void threadsThatFillTheRingAreWokenByTheDrainAndLoseNothing() throws Exception {
        final FlatOutRounds appends = new FlatOutRounds(4);
        final Path dir = root.resolve("ledger");
        final long[] waits;
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).queuedAppends().open()) {
            appends.run(store, () -> store.roomWaits()[1] > 0);
            waits = store.roomWaits();
        }
        assertTrue(waits[0] > 0, "no thread found the ring full in " + FlatOutRounds.MAX_ROUNDS + " rounds");
        assertTrue(waits[1] > 0, "none of " + waits[0] + " waits for room was ended by a drain waking the thread");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            appends.assertEachAppendedOnceInItsThreadsOrder(store);
        }
    }

    @Test
    void flushPutsQueuedEntriesInTheJournalForOtherReaders() {
        final Path dir = root.resolve("ledger");
        try (ChronicleExperienceStore store = open(dir)) {
            for (int i = 0; i < 2_000; i++) {
                store.appendEvent(StoreFixtures.engine("e-" + i, AT));
            }
            store.flush();
            try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
                final List<ExperienceEventEnvelope> all = reader.queryEvents(EventQuery.all());
                assertEquals(2_000, all.size());
                assertEquals("e-1999", all.get(1_999).eventId().value());
            }
        }
    }

    @Test
    void readsAndBatchesComeAfterWhatWasQueuedBefore() {
        try (ChronicleExperienceStore store = open(root.resolve("ledger"))) {
            for (int round = 0; round < 50; round++) {
                store.appendEvent(StoreFixtures.engine("single-" + round, AT));
                assertEquals("single-" + round, last(store), "a read missed the thread's own append");
                store.appendEvent(StoreFixtures.engine("before-batch-" + round, AT));
                store.appendEvents(List.of(StoreFixtures.engine("batch-" + round + "-a", AT),
                        StoreFixtures.engine("batch-" + round + "-b", AT)));
            }
            final List<String> ids = store.queryEvents(EventQuery.all()).stream().map(e -> e.eventId().value())
                    .toList();
            for (int round = 0; round < 50; round++) {
                assertEquals(List.of("single-" + round, "before-batch-" + round, "batch-" + round + "-a",
                        "batch-" + round + "-b"), ids.subList(round * 4, round * 4 + 4));
            }
        }
    }

    @Test
    void anEntryTooLargeToQueueIsAppendedInItsPlace() {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(root.resolve("ledger"))
                .blockSize(4L << 20).maxEntryBytes(1L << 20).queuedAppends().open()) {
            for (int round = 0; round < 20; round++) {
                store.appendEvent(StoreFixtures.engine("small-" + round, AT));
                store.appendEvent(StoreFixtures.engine("large-" + round, AT, new ExperienceEvent.BudgetExceeded(
                        ChainId.of("c-1"), BudgetResource.Named.Tokens, "x".repeat(200_000), null)));
            }
            final List<String> ids = store.queryEvents(EventQuery.all()).stream().map(e -> e.eventId().value())
                    .toList();
            for (int round = 0; round < 20; round++) {
                assertEquals(List.of("small-" + round, "large-" + round), ids.subList(round * 2, round * 2 + 2));
            }
        }
    }

    @Test
    void anAppendRacingWithCloseIsAppendedOrRefusedNeverLost() throws Exception {
        for (int trial = 0; trial < 5; trial++) {
            final Path dir = root.resolve("race-" + trial);
            final int threads = 3;
            final Map<Integer, List<String>> acknowledged = new HashMap<>();
            final Map<Integer, ExperienceStoreException> refused = new HashMap<>();
            final CountDownLatch started = new CountDownLatch(threads);
            final List<Thread> running = new ArrayList<>();
            final ChronicleExperienceStore store = open(dir);
            for (int t = 0; t < threads; t++) {
                final int thread = t;
                final List<String> acked = new ArrayList<>();
                acknowledged.put(t, acked);
                final Thread appender = new Thread(() -> {
                    started.countDown();
                    for (int i = 0; ; i++) {
                        final String id = "t" + thread + "-" + i;
                        try {
                            store.appendEvent(StoreFixtures.engine(id, AT));
                        } catch (ExperienceStoreException e) {
                            synchronized (refused) {
                                refused.put(thread, e);
                            }
                            return;
                        }
                        acked.add(id);
                    }
                });
                running.add(appender);
                appender.start();
            }
            started.await();
            Thread.sleep(50 + 20 * trial);
            store.close();
            for (Thread appender : running) {
                appender.join();
            }
            try (ChronicleExperienceStore reopened = ChronicleExperienceStore.builder(dir).readOnly().open()) {
                final List<String> present = reopened.queryEvents(EventQuery.all()).stream()
                        .map(e -> e.eventId().value()).toList();
                final Set<String> presentSet = new HashSet<>(present);
                assertEquals(present.size(), presentSet.size(), "an entry was appended twice");
                for (int t = 0; t < threads; t++) {
                    final ExperienceStoreException e = refused.get(t);
                    assertNotNull(e, "thread " + t + " was never refused");
                    assertTrue(e.getMessage().contains("is closed"), e.getMessage());
                    for (String id : acknowledged.get(t)) {
                        assertTrue(presentSet.contains(id), "trial " + trial + ": acknowledged " + id + " lost");
                    }
                    final String prefix = "t" + t + "-";
                    final List<String> mine = present.stream().filter(id -> id.startsWith(prefix)).toList();
                    for (int i = 0; i < mine.size(); i++) {
                        assertEquals(prefix + i, mine.get(i), "trial " + trial + ": thread " + t + " out of order");
                    }
                    // at most the refused append itself may have been written besides the acknowledged ones
                    assertTrue(mine.size() <= acknowledged.get(t).size() + 1, "trial " + trial + ": " + mine.size()
                            + " present, " + acknowledged.get(t).size() + " acknowledged");
                }
            }
        }
    }

    @Test
    void aFullDiskKeepsTheQueuedEntriesUntilThereIsSpace() throws Exception {
        final Path dir = disk.path().resolve("ledger");
        disk.fill(5 << 20);
        final List<String> acknowledged = new ArrayList<>();
        ExperienceStoreException full = null;
        try (ChronicleExperienceStore store = open(dir)) {
            for (int i = 0; i < 200_000 && full == null; i++) {
                final String id = "e-" + i;
                try {
                    store.appendEvent(StoreFixtures.engine(id, AT));
                    acknowledged.add(id);
                } catch (ExperienceStoreException e) {
                    full = e;
                }
            }
            assertNotNull(full, "the disk never filled up");
            assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, full.kind());
            assertTrue(full.getMessage().contains("was not queued") && full.getMessage().contains("disk full"),
                    full.getMessage());
            try {
                store.flush(); // the journal may take the held entry again once a smaller allocation fits
            } catch (ExperienceStoreException e) {
                assertTrue(e.getMessage().contains("stay queued"), e.getMessage());
            }

            disk.deleteFiller();
            store.flush();
            store.appendEvent(StoreFixtures.engine("after-space-freed", AT));
            acknowledged.add("after-space-freed");
            final List<String> present = store.queryEvents(EventQuery.all()).stream()
                    .map(e -> e.eventId().value()).toList();
            assertEquals(acknowledged, present);
        }
        try (ChronicleExperienceStore reopened = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            assertEquals(acknowledged.size(), reopened.queryEvents(EventQuery.all()).size());
        }
    }

    @Test
    void closedStoreRefusesAppendsAndFlush() {
        final ChronicleExperienceStore store = open(root.resolve("ledger"));
        store.appendEvent(StoreFixtures.engine("only", AT));
        store.close();
        assertTrue(assertThrows(ExperienceStoreException.class,
                () -> store.appendEvent(StoreFixtures.engine("late", AT))).getMessage().contains("is closed"));
        assertTrue(assertThrows(ExperienceStoreException.class, store::flush).getMessage().contains("is closed"));
        assertThrows(IllegalArgumentException.class,
                () -> ChronicleExperienceStore.builder(root.resolve("ledger")).readOnly().queuedAppends().open());
    }

    @Test
    void withoutTheJvmFlagAQueuedStoreIsRefusedNamingIt() throws Exception {
        final String flag = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
        final Path dir = root.resolve("ledger");
        try (ChildJvm child = ChildJvm.startWithout(flag, JournalChild.class, "queued-open", dir.toString())) {
            final String line = child.readLine();
            assertNotNull(line, child.errors());
            assertTrue(line.startsWith("refused ") && line.contains("--add-exports java.base/jdk.internal.misc"
                    + "=ALL-UNNAMED") && line.contains("without queuedAppends()"), line);
            assertEquals("then opened", child.readLine(), child.errors());
        }
        try (ChildJvm child = ChildJvm.start(JournalChild.class, "queued-open", dir.toString())) {
            final String line = child.readLine();
            assertNotNull(line, child.errors());
            assertTrue(line.startsWith("opened "), line);
        }
    }

    /**
     * Runs {@code body} on {@code count} threads at once, each given its number, and waits for them; a thread that
     * throws runs {@code afterFailure}, and the test then fails with what every failed thread threw.
     */
    private static void onThreads(int count, IntConsumer body, Runnable afterFailure) throws InterruptedException {
        final List<Thread> running = new ArrayList<>();
        final List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            final int number = t;
            final Thread thread = new Thread(() -> body.accept(number));
            thread.setUncaughtExceptionHandler((th, e) -> {
                synchronized (failures) {
                    failures.add(e);
                }
                afterFailure.run();
            });
            running.add(thread);
            thread.start();
        }
        for (Thread thread : running) {
            thread.join();
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    private static void assertEachThreadInOrder(List<ExperienceEventEnvelope> all, int threads, int each) {
        assertEquals(threads * each, all.size());
        final int[] next = new int[threads];
        for (ExperienceEventEnvelope envelope : all) {
            final String id = envelope.eventId().value();
            final int thread = Integer.parseInt(id.substring(1, id.indexOf('-')));
            assertEquals("t" + thread + "-" + next[thread], id, "thread " + thread + " out of order");
            next[thread]++;
        }
    }

    private static String last(ChronicleExperienceStore store) {
        final List<ExperienceEventEnvelope> all = store.queryEvents(EventQuery.all());
        return all.get(all.size() - 1).eventId().value();
    }

    private static ChronicleExperienceStore open(Path dir) {
        return ChronicleExperienceStore.builder(dir).blockSize(1L << 20).queuedAppends().open();
    }
}
