package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.StoreFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scanEntries} names each entry's atomic batch: one id per batch, -1 for an entry appended alone. */
class ScanEntriesTest {
    @TempDir
    Path dir;

    private record Seen(long index, long batch, String eventId) {
    }

    private static List<Seen> scan(ChronicleExperienceStore store, long after) {
        final List<Seen> seen = new ArrayList<>();
        store.scanEntries(after, (index, batch, record) -> seen.add(new Seen(index, batch, record.eventId().value())));
        return seen;
    }

    private static ExperienceRecord engine(String id) {
        return new ExperienceRecord.Engine(StoreFixtures.engine(id, "2026-01-01T00:00:00Z"));
    }

    @Test
    void everyEntryOfABatchNamesTheSameBatchAndSingleEntriesNone() {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            store.appendEvent(StoreFixtures.engine("single-1", "2026-01-01T00:00:00Z"));
            store.appendEvents(List.of(StoreFixtures.engine("a-1", "2026-01-01T00:00:00Z"),
                    StoreFixtures.engine("a-2", "2026-01-01T00:00:00Z")));
            store.appendBatch(List.of(engine("b-1"), engine("b-2"), engine("b-3")).iterator());
            store.appendEvent(StoreFixtures.engine("single-2", "2026-01-01T00:00:00Z"));
            store.appendEvents(List.of(StoreFixtures.engine("c-1", "2026-01-01T00:00:00Z"),
                    StoreFixtures.engine("c-2", "2026-01-01T00:00:00Z")));

            final List<Seen> all = scan(store, -1);
            assertEquals(List.of("single-1", "a-1", "a-2", "b-1", "b-2", "b-3", "single-2", "c-1", "c-2"),
                    all.stream().map(Seen::eventId).toList());
            assertEquals(-1, all.get(0).batch());
            assertEquals(-1, all.get(6).batch());
            final long a = all.get(1).batch();
            final long b = all.get(3).batch();
            final long c = all.get(7).batch();
            assertTrue(a >= 0 && b >= 0 && c >= 0, all.toString());
            assertEquals(a, all.get(2).batch());
            assertEquals(b, all.get(4).batch());
            assertEquals(b, all.get(5).batch());
            assertEquals(c, all.get(8).batch());
            assertNotEquals(a, b);
            assertNotEquals(b, c);
            // the batch id is the journal index of its begin marker, just before its first entry
            assertTrue(a < all.get(1).index() && b < all.get(3).index(), all.toString());

            // a scan resuming inside a batch names the same batch, found from the marker that ends it
            final List<Seen> resumed = scan(store, all.get(3).index());
            assertEquals("b-2", resumed.get(0).eventId());
            assertEquals(b, resumed.get(0).batch());
            assertEquals(b, resumed.get(1).batch());
            assertEquals(-1, resumed.get(2).batch());
        }
    }
}
