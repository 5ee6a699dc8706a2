package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TimeRange;
import io.experienceledger.store.StoreFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries plan from the side index: a tenant, kind or correlation filter reads only the entries its postings name,
 * other queries read headers only, and a payload is decoded only for an entry that matches every filter.
 */
class QueryPlanTest {
    private static final int ENTRIES = 2_000;

    @TempDir
    Path root;
    private ChronicleExperienceStore store;

    /** Entry i: tenant t(i % 10), BudgetExceeded when i is even else OutcomeRecorded, run-(i % 50), day 1 + i % 2. */
    @BeforeEach
    void writeLedger() {
        store = ChronicleExperienceStore.builder(root.resolve("ledger")).blockSize(16L << 20).open();
        final List<ExperienceEventEnvelope> envelopes = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            envelopes.add(StoreFixtures.engine("e-" + i, "2026-01-0" + (1 + i % 4 / 2) + "T00:00:00Z",
                            i % 2 == 0 ? StoreFixtures.budget("c-" + i) : StoreFixtures.outcome("c-" + i))
                    .withTenant("t" + i % 10).withCorrelation("run-" + i % 50));
        }
        store.appendEvents(envelopes.subList(0, ENTRIES / 2));
        envelopes.subList(ENTRIES / 2, ENTRIES).forEach(store::appendEvent);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        store.close();
    }

    /** Runs the query; asserts the answer's size and {entries read, payloads decoded}. */
    private void assertWork(EventQuery query, int answer, long read, long decoded) {
        assertEquals(answer, store.queryEvents(query).size(), query.toString());
        assertArrayEquals(new long[] {read, decoded}, store.lastQueryWork(), query.toString());
    }

    @Test
    void tenantKindAndCorrelationFiltersReadOnlyTheirPostings() {
        assertWork(EventQuery.all().withTenant(new TenantId("t3")), 200, 200, 200);
        assertWork(EventQuery.all().withTenant(new TenantId("t4")).withKinds(ExperienceEventKind.BudgetExceeded),
                200, 200, 200);
        assertWork(EventQuery.all().withTenant(new TenantId("t3")).withKinds(ExperienceEventKind.BudgetExceeded),
                0, 0, 0);
        assertWork(EventQuery.all().withKinds(ExperienceEventKind.OutcomeRecorded), 1_000, 1_000, 1_000);
        assertWork(EventQuery.all().withCorrelation(new CorrelationId("run-7")), 40, 40, 40);
        assertWork(EventQuery.all().withTenant(new TenantId("nobody")), 0, 0, 0);
    }

    @Test
    void payloadsAreDecodedOnlyForEntriesThatMatchEveryFilter() {
        // t2's entries are i = 2, 12, 22 …: i % 4 is 2 for half of them, so half fall on day 2
        final EventQuery day2 = EventQuery.all().withTenant(new TenantId("t2"))
                .withTimeRange(new TimeRange("2026-01-02T00:00:00Z", "2026-01-02T23:59:59Z"));
        assertWork(day2, 100, 200, 100);
        assertWork(day2.withCorrelation(new CorrelationId("run-2")).withLimit(1L), 1, 1, 1);
    }

    @Test
    void queriesWithoutIndexedFiltersReadHeadersOnly() {
        final EventQuery day1 = EventQuery.all()
                .withTimeRange(new TimeRange("2026-01-01T00:00:00Z", "2026-01-01T23:59:59Z"));
        assertWork(day1, 1_000, ENTRIES, 1_000);
        assertWork(EventQuery.all().withLimit(5L), 5, 5, 5);
    }
}
