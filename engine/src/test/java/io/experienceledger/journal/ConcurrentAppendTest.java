package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.store.ExperienceStoreContractTest;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.StoreFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads appending single entries at once: a thread that finds the append lock held hands its encoded entry to
 * the holder ({@link PendingAppends}) and returns only once it is in the journal, or with the error that kept it
 * out. Checked on the hand-off itself with a real journal, and on stores whose appends fail or close under load:
 * what returned normally is exactly what the ledger holds.
 */
class ConcurrentAppendTest {
    private static final String T = "2026-01-01T00:00:00Z";
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void theHolderAppendsQueuedEntriesInQueueOrderAndReleasesTheirThreads() throws Exception {
        final PendingAppends pending = new PendingAppends(1 << 20);
        try (Journal journal = Journal.open(dir.resolve("journal"), RollCycles.FAST_DAILY,
                1L << 20, false, Durability.PAGE_CACHE, -1)) {
            final List<PendingAppends.Waiter> queued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                final String id = "queued-" + i;
                final PendingAppends.Waiter waiter = pool.submit(() -> {
                    final PendingAppends.Waiter own = pending.waiter();
                    own.prepare(own.encoder.engine(StoreFixtures.engine(id, T), Framing.ALONE));
                    pending.offer(own);
                    return own;
                }).get(10, TimeUnit.SECONDS);
                queued.add(waiter);
                assertFalse(waiter.done);
            }
            pending.appendQueued(journal);
            queued.forEach(waiter -> assertFalse(waiter.done, "released before its entry was durable"));
            pending.release(null);
            queued.forEach(waiter -> assertTrue(waiter.done));
            queued.forEach(PendingAppends.Waiter::rethrowFailure);
            assertEquals(List.of("queued-0", "queued-1", "queued-2"), eventIds(journal));
        }
    }

    @Test
    void aQueuedEntryTheJournalRefusesFailsOnlyItsOwnThreadWithTheJournalsError() throws Exception {
        final PendingAppends pending = new PendingAppends(1 << 20);
        try (Journal journal = Journal.open(dir.resolve("journal"), TestRollCycles.TEST_DAILY,
                1L << 20, false, Durability.PAGE_CACHE, -1)) {
            final EntryWriter writer = new EntryWriter(1 << 20);
            for (int i = 0; i < 63; i++) {
                journal.append(writer.engine(StoreFixtures.engine("e-" + i, T), Framing.ALONE));
            }
            final List<PendingAppends.Waiter> queued = new ArrayList<>();
            for (String id : List.of("fits", "refused")) {
                queued.add(pool.submit(() -> {
                    final PendingAppends.Waiter own = pending.waiter();
                    own.prepare(own.encoder.engine(StoreFixtures.engine(id, T), Framing.ALONE));
                    pending.offer(own);
                    return own;
                }).get(10, TimeUnit.SECONDS));
            }
            pending.appendQueued(journal);
            pending.release(null);
            queued.get(0).rethrowFailure();
            final ExperienceStoreException refused = assertThrows(ExperienceStoreException.class,
                    queued.get(1)::rethrowFailure);
            assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, refused.kind());
            assertTrue(refused.getMessage().contains("roll cycle is full"), refused.getMessage());
            assertEquals(64, eventIds(journal).size());
            assertEquals("fits", eventIds(journal).get(63));
        }
    }

    @Test
    void aFailureToMakeTheEntriesDurableReachesEveryReleasedThread() throws Exception {
        final PendingAppends pending = new PendingAppends(1 << 20);
        try (Journal journal = Journal.open(dir.resolve("journal"), RollCycles.FAST_DAILY,
                1L << 20, false, Durability.PAGE_CACHE, -1)) {
            final PendingAppends.Waiter waiter = pool.submit(() -> {
                final PendingAppends.Waiter own = pending.waiter();
                own.prepare(own.encoder.engine(StoreFixtures.engine("q", T), Framing.ALONE));
                pending.offer(own);
                return own;
            }).get(10, TimeUnit.SECONDS);
            pending.appendQueued(journal);
            final ExperienceStoreException syncFailed = ExperienceStoreException.storageError("sync failed");
            pending.release(syncFailed);
            assertTrue(waiter.done);
            assertSame(syncFailed, assertThrows(ExperienceStoreException.class, waiter::rethrowFailure));
        }
    }

    @Test
    void threadsRacingForAFullRollCycleEachLearnWhetherTheirEntryWasAppended() throws Exception {
        final Path ledger = dir.resolve("ledger");
        final Set<String> returned = ConcurrentHashMap.newKeySet();
        final Set<String> refused = ConcurrentHashMap.newKeySet();
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(ledger).blockSize(1L << 20)
                .rollCycle(TestRollCycles.TEST_DAILY).open()) {
            ExperienceStoreContractTest.runConcurrently(THREADS, t -> {
                for (int i = 0; i < 40; i++) {
                    final String id = "t" + t + "-" + i;
                    try {
                        store.appendEvent(StoreFixtures.engine(id, T));
                        returned.add(id);
                    } catch (ExperienceStoreException e) {
                        assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, e.kind());
                        assertTrue(e.getMessage().contains("roll cycle is full"), e.getMessage());
                        refused.add(id);
                    }
                }
            });
            assertEquals(64, returned.size(), "TEST_DAILY holds 64 entries");
            assertEquals(THREADS * 40 - 64, refused.size());
            assertEquals(returned, new HashSet<>(ids(store)));
        }
    }

    @Test
    void closingWhileThreadsAppendEndsEveryAppendAndKeepsExactlyWhatReturned() throws Exception {
        final Path ledger = dir.resolve("ledger");
        final Set<String> returned = ConcurrentHashMap.newKeySet();
        final AtomicBoolean sawClosed = new AtomicBoolean();
        final ChronicleExperienceStore store = ChronicleExperienceStore.builder(ledger).blockSize(1L << 20).open();
        final CountDownLatch appending = new CountDownLatch(THREADS);
        final List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            final int thread = t;
            threads.add(pool.submit(() -> {
                appending.countDown();
                for (int i = 0; ; i++) {
                    final String id = "t" + thread + "-" + i;
                    try {
                        store.appendEvent(StoreFixtures.engine(id, T));
                        returned.add(id);
                    } catch (ExperienceStoreException e) {
                        assertTrue(e.getMessage().contains("closed"), e.getMessage());
                        sawClosed.set(true);
                        return null;
                    }
                }
            }));
        }
        appending.await(10, TimeUnit.SECONDS);
        while (returned.size() < 2_000) {
            Thread.sleep(1);
        }
        store.close();
        for (Future<?> thread : threads) {
            thread.get(30, TimeUnit.SECONDS);
        }
        assertTrue(sawClosed.get());
        try (ChronicleExperienceStore reopened = ChronicleExperienceStore.open(ledger)) {
            final List<String> ids = ids(reopened);
            assertEquals(ids.size(), new HashSet<>(ids).size(), "an entry appended twice");
            assertEquals(returned, new HashSet<>(ids));
            for (int t = 0; t < THREADS; t++) {
                final String prefix = "t" + t + "-";
                final List<Integer> order = ids.stream().filter(id -> id.startsWith(prefix))
                        .map(id -> Integer.parseInt(id.substring(prefix.length()))).collect(Collectors.toList());
                for (int i = 0; i < order.size(); i++) {
                    assertEquals(i, order.get(i), "thread " + t + "'s appends out of order or with a gap");
                }
            }
        }
    }

    @Test
    void singleEntriesQueuedBehindBatchesAreEachAppendedOnceInTheirThreadsOrder() throws Exception {
        final int rounds = 2_000;
        final int batch = 5;
        final Path ledger = dir.resolve("ledger");
        final CountDownLatch start = new CountDownLatch(1);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(ledger)) {
            final List<Future<?>> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final String prefix = "t" + t + "-";
                final boolean batches = t % 2 == 0; // two threads append batches, two single entries between them
                threads.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        if (batches) {
                            final List<ExperienceEventEnvelope> members = new ArrayList<>();
                            for (int m = 0; m < batch; m++) {
                                members.add(StoreFixtures.engine(prefix + (i * batch + m), T));
                            }
                            store.appendEvents(members);
                        } else {
                            store.appendEvent(StoreFixtures.engine(prefix + i, T));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> thread : threads) {
                thread.get(60, TimeUnit.SECONDS);
            }
            final List<String> ids = ids(store);
            assertEquals(2 * rounds + 2 * rounds * batch, ids.size(), "entries appended");
            assertEquals(ids.size(), new HashSet<>(ids).size(), "an entry appended twice");
            for (int t = 0; t < THREADS; t++) {
                final String prefix = "t" + t + "-";
                final List<Integer> positions = new ArrayList<>();
                final List<Integer> order = new ArrayList<>();
                for (int at = 0; at < ids.size(); at++) {
                    if (ids.get(at).startsWith(prefix)) {
                        positions.add(at);
                        order.add(Integer.parseInt(ids.get(at).substring(prefix.length())));
                    }
                }
                for (int i = 0; i < order.size(); i++) {
                    assertEquals(i, order.get(i), "thread " + t + "'s appends out of order or with a gap");
                }
                if (t % 2 == 0) {
                    for (int b = 0; b < positions.size(); b += batch) {
                        assertEquals(positions.get(b) + batch - 1, positions.get(b + batch - 1),
                                "thread " + t + "'s batch " + b / batch + " has another entry inside it");
                    }
                }
            }
        }
    }

    /**
     * Threads appending as fast as they can keep meeting at the lock: they back off before handing entries over
     * ({@code BatchAppender}), and still every entry is appended once and each thread's in its order. The threads
     * append their envelopes round after round until one has backed off (or for {@link FlatOutRounds#MAX_ROUNDS}
     * rounds).
     */
    @Test
    void threadsAppendingFlatOutBackOffAndStillEachEntryIsAppendedOnceInItsThreadsOrder() throws Exception {
        final FlatOutRounds appends = new FlatOutRounds(THREADS);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir.resolve("ledger"))) {
            appends.run(store, () -> store.contendedBackOffs() > 0);
            assertTrue(store.contendedBackOffs() > 0, "no thread backed off in " + FlatOutRounds.MAX_ROUNDS + " rounds");
            appends.assertEachAppendedOnceInItsThreadsOrder(store);
        }
    }

    private static List<String> ids(ChronicleExperienceStore store) {
        return store.queryEvents(EventQuery.all()).stream().map(e -> e.eventId().value()).collect(Collectors.toList());
    }

    static List<String> eventIds(Journal journal) {
        final List<String> ids = new ArrayList<>();
        try (EntryCursor cursor = new EntryCursor(journal)) {
            cursor.startAfter(-1);
            while (cursor.next()) {
                ids.add(cursor.header().eventId().toString());
            }
        }
        return ids;
    }
}
