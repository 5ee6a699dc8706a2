package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.index.IndexOptions;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TraceLinkId;
import io.experienceledger.store.StoreFixtures;
import io.experienceledger.testing.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks of the journal that resume in the middle of a batch: an index checkpoint can fall anywhere, so a catch-up,
 * or a read-only store whose index is full and scans after its checkpoint, starts inside a committed batch whose
 * begin marker it never read. The rest of that batch must still be seen; an aborted or unfinished one never.
 */
class BatchResumeTest {
    private static final int BATCH = 2_000;
    private static final int SMALL_FLUSH = 500;

    @TempDir
    Path root;

    /** single, batch of {@link #BATCH} (two tenants, correlations, one trace link near its end), single. */
    private static void writeLedger(ChronicleExperienceStore store) {
        store.appendEvent(StoreFixtures.engine("first", "2026-01-01T00:00:00Z").withTenant("t1").withCorrelation("run-0"));
        final List<ExperienceEventEnvelope> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            final ExperienceEventEnvelope envelope = i == BATCH - 10
                    ? StoreFixtures.engine("b-" + i, "2026-01-02T00:00:00Z",
                            StoreFixtures.traceRecorded("trace-late", StoreFixtures.localTrace()))
                    : StoreFixtures.engine("b-" + i, "2026-01-02T00:00:00Z");
            batch.add(envelope.withTenant(i % 2 == 0 ? "t1" : "t2").withCorrelation("run-" + (i % 7)));
        }
        store.appendEvents(batch);
        store.appendEvent(StoreFixtures.engine("last", "2026-01-03T00:00:00Z").withTenant("t2").withCorrelation("run-0"));
    }

    private static List<EventQuery> queries() {
        return List.of(EventQuery.all(),
                EventQuery.all().withTenant(new TenantId("t1")),
                EventQuery.all().withTenant(new TenantId("t2")),
                EventQuery.all().withCorrelation(new CorrelationId("run-3")),
                EventQuery.all().withKinds(ExperienceEventKind.ReplayTraceRecorded),
                EventQuery.all().withTenant(new TenantId("t1")).withKinds(ExperienceEventKind.BudgetExceeded,
                        ExperienceEventKind.ReplayTraceRecorded));
    }

    /** Every query answers as a full scan does, and the scan holds every entry of the ledger. */
    private static void assertAnswersComplete(ChronicleExperienceStore store) {
        assertEquals(BATCH + 2, store.queryEventsByScan(EventQuery.all()).size());
        for (EventQuery query : queries()) {
            assertEquals(ids(store.queryEventsByScan(query)), ids(store.queryEvents(query)), query.toString());
        }
        assertEquals(BATCH / 2 + 1, store.queryEvents(EventQuery.all().withTenant(new TenantId("t1"))).size());
        assertEquals(BATCH + 2, store.queryRecords(EventQuery.all()).size());
        final Optional<ReplayTrace> trace = store.getTraceLink(new TraceLinkId("trace-late"));
        assertTrue(trace.isPresent(), "the trace link recorded near the end of the batch");
        assertTrue(store.damage().isEmpty(), () -> store.damage().get());
    }

    private static List<String> ids(List<ExperienceEventEnvelope> envelopes) {
        return envelopes.stream().map(e -> e.eventId().value()).toList();
    }

    private ChronicleExperienceStore.Builder builder() {
        return ChronicleExperienceStore.builder(root.resolve("ledger")).blockSize(16L << 20);
    }

    @Test
    void aReadOnlyStoreWithoutAnIndexScansPastItsFullIndexIntoTheRestOfABatch() throws Exception {
        try (ChronicleExperienceStore store = builder().open()) {
            writeLedger(store);
        }
        TestFiles.deleteRecursively(root.resolve("ledger").resolve("index"));
        try (ChronicleExperienceStore reader = builder().readOnly()
                .indexOptions(IndexOptions.defaults().withFlushThreshold(SMALL_FLUSH)).open()) {
            assertAnswersComplete(reader);
        }
    }

    @Test
    void aWriterWhoseIndexFlushedInsideABatchCatchesUpWithTheRestAfterReopening() throws Exception {
        final IndexOptions small = IndexOptions.defaults().withFlushThreshold(SMALL_FLUSH);
        try (ChronicleExperienceStore store = builder().indexOptions(small).open()) {
            writeLedger(store);
            assertAnswersComplete(store);
        }
        try (ChronicleExperienceStore reopened = builder().indexOptions(small).open()) {
            assertAnswersComplete(reopened);
        }
        TestFiles.deleteRecursively(root.resolve("ledger").resolve("index"));
        try (ChronicleExperienceStore rebuilt = builder().indexOptions(small).open()) {
            assertAnswersComplete(rebuilt);
        }
        try (ChronicleExperienceStore reader = builder().readOnly().indexOptions(small).open()) {
            assertAnswersComplete(reader);
        }
    }

    @Test
    void aScanResumingInsideABatchSeesItsRestOnlyOnceItIsCommitted() {
        try (ChronicleExperienceStore writer = builder().open();
             ChronicleExperienceStore reader = builder().readOnly().open()) {
            writer.appendEvent(StoreFixtures.engine("first", "2026-01-01T00:00:00Z"));
            final long[] positions = new long[3];
            writer.scan(-1, (index, record) -> {
                positions[0] = index;
                return true;
            });
            final int size = 100;
            final List<String> seenWhileOpen = new ArrayList<>();
            writer.appendBatch(new Iterator<ExperienceRecord>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public ExperienceRecord next() {
                    if (next >= size) {
                        throw new NoSuchElementException();
                    }
                    if (next == size / 2) {
                        // the batch is open: begin marker at first + 1, its entries from first + 2
                        final long inside = positions[0] + 10;
                        reader.scan(inside, (index, record) -> seenWhileOpen.add(record.eventId().value()));
                        positions[1] = inside;
                    }
                    return new ExperienceRecord.Engine(StoreFixtures.engine("b-" + next++, "2026-01-02T00:00:00Z"));
                }
            });
            assertEquals(List.of(), seenWhileOpen, "entries of a batch still being written");
            final List<String> seen = new ArrayList<>();
            reader.scan(positions[1], (index, record) -> seen.add(record.eventId().value()));
            // entries b-0 … b-8 sit at first + 2 … first + 10; the walk starts after first + 10
            final List<String> expected = new ArrayList<>();
            for (int i = 9; i < size; i++) {
                expected.add("b-" + i);
            }
            assertEquals(expected, seen);
            assertTrue(reader.damage().isEmpty());
        }
    }

    @Test
    void aScanResumingInsideAnAbortedBatchSeesNoneOfIt() {
        try (ChronicleExperienceStore store = builder().open()) {
            store.appendEvent(StoreFixtures.engine("first", "2026-01-01T00:00:00Z"));
            final long[] first = new long[1];
            store.scan(-1, (index, record) -> {
                first[0] = index;
                return true;
            });
            final List<ExperienceEventEnvelope> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(StoreFixtures.engine(i == 40 ? "bad id" : "b-" + i, "2026-01-02T00:00:00Z"));
            }
            org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> store.appendBatch(
                    batch.stream().map(e -> (ExperienceRecord) new ExperienceRecord.Engine(e)).iterator()));
            store.appendEvent(StoreFixtures.engine("after", "2026-01-03T00:00:00Z"));
            final List<String> seen = new ArrayList<>();
            store.scan(first[0] + 5, (index, record) -> seen.add(record.eventId().value()));
            assertEquals(List.of("after"), seen);
        }
    }
}
