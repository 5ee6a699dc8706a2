package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.StoreFixtures;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code appendBatch}: engine and user envelopes streamed into one atomic batch, in constant memory. */
class StreamingBatchTest {
    @TempDir
    Path root;

    @Test
    void aLargeMixedBatchLandsWholeAndInOrder() {
        final int size = 300_000;
        try (ChronicleExperienceStore store = open()) {
            store.appendEvent(StoreFixtures.engine("before", "2026-01-01T00:00:00Z"));
            assertEquals(size, store.appendBatch(generated(size, -1)));
            final List<ExperienceRecord> records = store.queryRecords(EventQuery.all());
            assertEquals(size + 1, records.size());
            final long[] seen = {0};
            store.scan(-1, (index, record) -> {
                if (seen[0] > 0) {
                    assertEquals("r-" + (seen[0] - 1), record.eventId().value());
                    assertEquals((seen[0] - 1) % 3 == 0, record instanceof ExperienceRecord.User);
                }
                seen[0]++;
                return true;
            });
            assertEquals(size + 1, seen[0]);
        }
    }

    @Test
    void anInvalidEnvelopeAbortsTheWholeBatch() {
        try (ChronicleExperienceStore store = open()) {
            final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                    () -> store.appendBatch(generated(1_000, 700)));
            assertEquals("Invalid query: events[700]: event_id contains invalid characters; only alphanumeric, '-',"
                    + " '_', '.' are allowed", e.getMessage());
            assertTrue(store.queryRecords(EventQuery.all()).isEmpty(), "part of an aborted batch is visible");
            store.appendEvent(StoreFixtures.engine("after", "2026-01-01T00:00:00Z"));
            assertEquals(1, store.queryRecords(EventQuery.all()).size());
        }
        try (ChronicleExperienceStore reopened = open()) {
            assertEquals(1, reopened.queryRecords(EventQuery.all()).size());
            assertTrue(reopened.verify(null).intact());
        }
    }

    @Test
    void anIteratorThatFailsAbortsTheBatchAndItsErrorPassesThrough() {
        try (ChronicleExperienceStore store = open()) {
            final Iterator<ExperienceRecord> failing = new Iterator<>() {
                private final Iterator<ExperienceRecord> inner = generated(50, -1);

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public ExperienceRecord next() {
                    if (!inner.hasNext()) {
                        throw new IllegalStateException("line 51: not JSON");
                    }
                    return inner.next();
                }
            };
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.appendBatch(failing));
            assertEquals("line 51: not JSON", e.getMessage());
            assertTrue(store.queryRecords(EventQuery.all()).isEmpty());
        }
    }

    /** Records r-0 … r-(size-1), every third a user envelope; the one at {@code badAt} has an invalid id. */
    private static Iterator<ExperienceRecord> generated(int size, int badAt) {
        return new Iterator<>() {
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
                final String id = next == badAt ? "bad id" : "r-" + next;
                final ExperienceRecord record = next % 3 == 0
                        ? new ExperienceRecord.User(StoreFixtures.user(id, "2026-01-01T00:00:00Z"))
                        : new ExperienceRecord.Engine(StoreFixtures.engine(id, "2026-01-01T00:00:00Z"));
                next++;
                return record;
            }
        };
    }

    private ChronicleExperienceStore open() {
        return ChronicleExperienceStore.builder(root.resolve("ledger")).blockSize(64L << 20).open();
    }
}
