package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.index.IndexOptions;
import io.experienceledger.index.internal.SideIndex;
import io.experienceledger.model.BackendId;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.DecisionStep;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TraceLinkId;
import io.experienceledger.store.InMemoryExperienceStore;
import io.experienceledger.store.StoreFixtures;
import io.experienceledger.testing.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The side index records where the journal holds each entry (the offset of its document in its roll-cycle file),
 * and queries read hits there directly. Entries of every size are located exactly where a journal walk finds them,
 * including entries that straddle the boundary between two mapped chunks, in segments and in the memtable; a
 * location that does not hold its entry never changes an answer, and verify reports it.
 */
class EntryLocationTest {
    private static final long BLOCK = 1L << 20;
    private static final List<String> TENANTS = List.of("t-0", "t-1", "t-2");

    @TempDir
    Path root;

    @Test
    void everyEntryIsLocatedWhereTheJournalHoldsItAndQueriesAgreeWithTheOracle() {
        final long seed = new Random().nextLong();
        final Path dir = root.resolve("ledger");
        final InMemoryExperienceStore oracle = new InMemoryExperienceStore();
        try (ChronicleExperienceStore store = open(dir)) {
            appendMixedSizes(store, oracle, new Random(seed), 1_500);
            assertLocatedAsWalked(store, "seed " + seed + ", memtable and segments");
            assertSameAnswers(store, oracle, "seed " + seed);
        }
        try (ChronicleExperienceStore store = open(dir)) {
            assertLocatedAsWalked(store, "seed " + seed + ", after reopen");
            assertSameAnswers(store, oracle, "seed " + seed + ", after reopen");
        }
    }

    @Test
    void locationsThatDoNotHoldTheirEntriesChangeNoAnswerAndVerifyNamesThem() throws Exception {
        final Path dir = root.resolve("ledger");
        final InMemoryExperienceStore oracle = new InMemoryExperienceStore();
        try (ChronicleExperienceStore store = open(dir)) {
            appendMixedSizes(store, oracle, new Random(7), 600);
        }
        final LedgerDirectory layout = LedgerDirectory.open(dir, false, JournalRollCycle.DEFAULT);
        TestFiles.deleteRecursively(layout.indexDir());
        // an index whose postings are right but whose every location points 8 bytes past the entry
        try (Journal journal = Journal.open(dir.resolve("journal"), RollCycles.FAST_DAILY,
                BLOCK, true, Durability.PAGE_CACHE, -1);
             SideIndex shifted = SideIndex.open(layout.indexDir(), layout.identityHi(), layout.identityLo(),
                     IndexOptions.defaults().withFlushThreshold(128));
             EntryCursor cursor = new EntryCursor(journal)) {
            cursor.startAfter(-1);
            while (cursor.next()) {
                final EntryHeader header = cursor.header();
                assertTrue(shifted.add(cursor.index(), header.start() + 8, header.kindCode(), header.tenant(),
                        header.correlation(), header.traceLinkId()));
            }
            final String problem = new LedgerVerifier(journal).verifyIndex(shifted);
            assertNotNull(problem, "wrong locations passed verification");
            assertTrue(problem.contains("locates entry"), problem);
        }
        try (ChronicleExperienceStore store = open(dir)) {
            assertEquals("OPENED", store.stats().indexState());
            assertSameAnswers(store, oracle, "shifted locations");
            assertTrue(store.damage().isEmpty(), "index trouble reported as journal damage: " + store.damage());
        }
    }

    @Test
    void readOnlyReadersUseTheLocationsToo() {
        final Path dir = root.resolve("ledger");
        final InMemoryExperienceStore oracle = new InMemoryExperienceStore();
        try (ChronicleExperienceStore writer = open(dir)) {
            appendMixedSizes(writer, oracle, new Random(11), 800);
            try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).blockSize(BLOCK).readOnly()
                    .open()) {
                assertLocatedAsWalked(reader, "read-only reader");
                assertSameAnswers(reader, oracle, "read-only reader");
            }
        }
    }

    /** Engine envelopes of 200 B to 200 KiB (so that some cross a 1 MiB chunk boundary), singly and in batches. */
    private static void appendMixedSizes(ChronicleExperienceStore store, InMemoryExperienceStore oracle, Random random,
                                         int count) {
        final List<ExperienceEventEnvelope> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final int size = random.nextInt(20) == 0 ? 50_000 + random.nextInt(150_000) : random.nextInt(400);
            final String id = "e-" + i;
            final ExperienceEvent event = i % 17 == 0
                    ? StoreFixtures.traceRecorded("trace-" + i % 5, StoreFixtures.localTrace())
                    : new ExperienceEvent.OutcomeRecorded(ChainId.of("c-" + i % 3), DecisionStep.Planning, true, null,
                            12L, 42L, null, new BackendId("local"), Map.of("pad", "x".repeat(size)));
            final ExperienceEventEnvelope sized = StoreFixtures.engine(id, "2026-01-01T00:00:00Z", event)
                    .withTenant(TenantId.of(TENANTS.get(random.nextInt(TENANTS.size()))))
                    .withCorrelation(CorrelationId.of("run-" + random.nextInt(40)));
            if (random.nextInt(4) == 0) {
                batch.add(sized);
                if (batch.size() == 9) {
                    store.appendEvents(batch);
                    oracle.appendEvents(batch);
                    batch.clear();
                }
            } else {
                store.appendEvent(sized);
                oracle.appendEvent(sized);
            }
        }
        store.appendEvents(batch);
        oracle.appendEvents(batch);
    }

    private static void assertLocatedAsWalked(ChronicleExperienceStore store, String context) {
        store.flushIndex();
        int entries = 0;
        final EntryHeader located = new EntryHeader();
        try (EntryCursor cursor = new EntryCursor(store.journal());
             LocatedReads reads = new LocatedReads(store.journal())) {
            cursor.startAfter(-1);
            while (cursor.next()) {
                final String entry = context + ": entry " + Long.toHexString(cursor.index());
                final long location = store.sideIndex().location(cursor.index());
                assertEquals(cursor.header().start(), location, entry);
                assertTrue(reads.read(cursor.index(), location, located), entry + " not read at its location");
                assertEquals(cursor.header().eventId().toString(), located.eventId().toString(), entry);
                assertEquals(cursor.header().end(), located.end(), entry);
                entries++;
            }
        }
        assertTrue(entries > 0, context);
    }

    private static void assertSameAnswers(ChronicleExperienceStore store, InMemoryExperienceStore oracle,
                                          String context) {
        final List<EventQuery> queries = new ArrayList<>();
        for (String tenant : TENANTS) {
            queries.add(EventQuery.all().withTenant(TenantId.of(tenant)));
            queries.add(EventQuery.all().withTenant(TenantId.of(tenant)).withKinds(ExperienceEventKind.OutcomeRecorded)
                    .withLimit(50L));
        }
        queries.add(EventQuery.all().withKinds(ExperienceEventKind.ReplayTraceRecorded));
        for (String nearMiss : List.of("t-", "t-00", "T-0", "t-0\u00e9", "\u00e9")) {
            queries.add(EventQuery.all().withTenant(TenantId.of(nearMiss)));
        }
        for (int run = 0; run < 40; run += 7) {
            queries.add(EventQuery.all().withCorrelation(CorrelationId.of("run-" + run)));
        }
        for (EventQuery query : queries) {
            assertEquals(oracle.queryEvents(query), store.queryEvents(query), context + ": " + query);
            assertEquals(oracle.queryEvents(query), store.queryEventsByScan(query), context + ", by scan: " + query);
            assertEquals(oracle.queryRecords(query), store.queryRecords(query), context + ": " + query);
        }
        for (int trace = 0; trace < 6; trace++) {
            final TraceLinkId id = TraceLinkId.of("trace-" + trace);
            assertEquals(oracle.getTraceLink(id), store.getTraceLink(id), context + ": trace " + trace);
        }
    }

    /** Small chunks, so that entries straddle them, and small flushes, so that entries land in several segments. */
    private static ChronicleExperienceStore open(Path dir) {
        return ChronicleExperienceStore.builder(dir).blockSize(BLOCK)
                .indexOptions(IndexOptions.defaults().withFlushThreshold(100)).open();
    }
}
