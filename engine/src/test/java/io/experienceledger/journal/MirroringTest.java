package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.StoreFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Mirroring}: entries copied from other ledgers keep their origins; a batch's note commits with it. */
class MirroringTest {
    private static final String A = "0123456789abcdef0123456789abcdef";
    private static final String B = "fedcba9876543210fedcba9876543210";

    @TempDir
    Path root;

    @Test
    void mirroredEntriesAreStoredUnchangedAndCountedByOrigin() {
        final List<MirroredEntry> entries = List.of(
                engine("a-0", "t1", A, 0), user("a-1", A, 1), engine("b-0", "t2", B, 0), engine("a-2", "t1", A, 2));
        try (ChronicleExperienceStore store = open()) {
            store.appendEvent(StoreFixtures.engine("local", "2026-01-01T00:00:00Z"));
            assertEquals(4, store.mirroring().append(entries.iterator(), () -> note("n1")));
            final List<String> exported = new ArrayList<>();
            store.scan(-1, (index, record) -> exported.add(ConvergeJson.writeAnyEnvelope(record)));
            final List<String> expected = new ArrayList<>();
            expected.add(ConvergeJson.writeAnyEnvelope(new ExperienceRecord.Engine(
                    StoreFixtures.engine("local", "2026-01-01T00:00:00Z"))));
            entries.forEach(e -> expected.add(ConvergeJson.writeAnyEnvelope(e.record())));
            assertEquals(expected, exported);

            final Map<String, OriginStats> origins = store.stats().origins();
            assertEquals(List.of(A, B), List.copyOf(origins.keySet()));
            assertEquals(new OriginStats(3, 0, 2, 0, 0, List.of()), origins.get(A));
            assertEquals(new OriginStats(1, 0, 0, 0, 0, List.of()), origins.get(B));
            assertTrue(store.verify(null).intact());
        }
        try (ChronicleExperienceStore reopened = open()) {
            assertEquals(5, reopened.stats().entries());
            assertEquals(3, reopened.stats().origins().get(A).entries());
        }
    }

    @Test
    void queriesCanBeLimitedToOneOrigin() {
        try (ChronicleExperienceStore store = open()) {
            store.appendEvent(StoreFixtures.engine("local", "2026-01-01T00:00:00Z").withTenant("t1"));
            store.mirroring().append(List.of(engine("a-0", "t1", A, 0), engine("b-0", "t1", B, 0),
                    user("a-1", A, 1), engine("a-2", "t2", A, 2)).iterator(), () -> note("n"));
            final EventQuery tenant = EventQuery.all().withTenant(new TenantId("t1"));
            assertEquals(List.of("local", "a-0", "b-0"), ids(store.queryEvents(tenant)));
            assertEquals(List.of("a-0"), ids(store.mirroring().queryEvents(tenant, A)));
            assertEquals(List.of("b-0"), ids(store.mirroring().queryEvents(tenant, B)));
            // records merge by occurred_at, as converge merges them: the user envelope (a day later) comes last
            assertEquals(List.of("a-0", "a-2", "a-1"), store.mirroring().queryRecords(EventQuery.all(), A).stream()
                    .map(r -> r.eventId().value()).toList());
            assertTrue(store.mirroring().queryEvents(EventQuery.all(), "00000000000000000000000000000000").isEmpty());
            final ExperienceStoreException bad = assertThrows(ExperienceStoreException.class,
                    () -> store.mirroring().queryEvents(EventQuery.all(), "ABC"));
            assertEquals(ExperienceStoreException.Kind.INVALID_QUERY, bad.kind());
        }
    }

    @Test
    void missingAndDuplicatedPositionsAreReported() {
        final List<MirroredEntry> entries = new ArrayList<>();
        LongStream.of(0, 1, 2, 5, 6, 9, 2, 70_000).forEach(p -> entries.add(engine("a-" + entries.size(), "t", A, p)));
        try (ChronicleExperienceStore store = open()) {
            store.mirroring().append(entries.iterator(), () -> note("n"));
            final OriginStats stats = store.stats().origins().get(A);
            assertEquals(8, stats.entries());
            assertEquals(0, stats.firstPosition());
            assertEquals(70_000, stats.lastPosition());
            assertEquals(1, stats.duplicates());
            assertEquals(2 + 2 + (70_000 - 10), stats.missing());
            assertEquals("[3-4, 7-8, 10-69999]", stats.gaps().toString());
        }
    }

    @Test
    void theLatestNoteIsTheOneOfTheLastCommittedBatch() {
        try (ChronicleExperienceStore store = open()) {
            assertEquals(Optional.empty(), store.mirroring().lastNote());
            store.appendEvents(List.of(StoreFixtures.engine("x", "2026-01-01T00:00:00Z"),
                    StoreFixtures.engine("y", "2026-01-01T00:00:00Z")));
            assertEquals(Optional.empty(), store.mirroring().lastNote());
            store.mirroring().append(List.of(engine("a-0", "t", A, 0)).iterator(), () -> note("first"));
            store.appendEvent(StoreFixtures.engine("z", "2026-01-01T00:00:00Z"));
            store.appendEvents(List.of(StoreFixtures.engine("v", "2026-01-01T00:00:00Z"),
                    StoreFixtures.engine("w", "2026-01-01T00:00:00Z")));
            assertNote("first", store);
            assertEquals(0, store.mirroring().append(List.<MirroredEntry>of().iterator(), () -> note("empty")));
            assertNote("empty", store);
        }
        try (ChronicleExperienceStore reopened = open()) {
            assertNote("empty", reopened);
            assertEquals(6, reopened.stats().entries());
        }
    }

    @Test
    void aFailedBatchKeepsNeitherItsEntriesNorItsNote() {
        try (ChronicleExperienceStore store = open()) {
            store.mirroring().append(List.of(engine("a-0", "t", A, 0)).iterator(), () -> note("kept"));
            final IllegalStateException failing = assertThrows(IllegalStateException.class, () -> store.mirroring()
                    .append(List.of(engine("a-1", "t", A, 1)).iterator(), () -> {
                        throw new IllegalStateException("no note");
                    }));
            assertEquals("no note", failing.getMessage());
            final Iterator<MirroredEntry> broken = new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public MirroredEntry next() {
                    if (next++ < 3) {
                        return engine("c-" + next, "t", B, next);
                    }
                    throw new IllegalStateException("source gone");
                }
            };
            assertThrows(IllegalStateException.class, () -> store.mirroring().append(broken, () -> note("lost")));
            final ExperienceStoreException invalid = assertThrows(ExperienceStoreException.class,
                    () -> engine("bad id", "t", A, 3));
            assertEquals(ExperienceStoreException.Kind.INVALID_QUERY, invalid.kind());
            assertTrue(invalid.getMessage().contains("event_id"), invalid.getMessage());
            final ExperienceStoreException missing = assertThrows(ExperienceStoreException.class,
                    () -> store.mirroring().append(java.util.Arrays.asList(engine("a-2", "t", A, 2), null)
                            .iterator(), () -> note("lost")));
            assertTrue(missing.getMessage().contains("events[1]"), missing.getMessage());
            assertNote("kept", store);
            assertEquals(1, store.stats().entries());
            assertEquals(Map.of(A, new OriginStats(1, 0, 0, 0, 0, List.of())), store.stats().origins());
            assertTrue(store.verify(null).intact());
        }
    }

    @Test
    void anOriginIsALedgerIdAndAPosition() {
        assertEquals(ExperienceStoreException.Kind.INVALID_QUERY, assertThrows(ExperienceStoreException.class,
                () -> new Origin("0123", 0)).kind());
        assertThrows(ExperienceStoreException.class, () -> new Origin(A.toUpperCase(), 0));
        assertThrows(ExperienceStoreException.class, () -> new Origin(A, -1));
        assertArrayEquals(new byte[] {0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab, (byte) 0xcd, (byte) 0xef,
                0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab, (byte) 0xcd, (byte) 0xef}, Origin.idBytes(A));
    }

    private static void assertNote(String expected, ChronicleExperienceStore store) {
        assertEquals(expected, new String(store.mirroring().lastNote().orElseThrow(), StandardCharsets.UTF_8));
    }

    private static byte[] note(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static MirroredEntry engine(String id, String tenant, String ledger, long position) {
        return new MirroredEntry(new ExperienceRecord.Engine(
                StoreFixtures.engine(id, "2026-01-01T00:00:00Z").withTenant(tenant)), new Origin(ledger, position));
    }

    private static MirroredEntry user(String id, String ledger, long position) {
        return new MirroredEntry(new ExperienceRecord.User(StoreFixtures.user(id, "2026-01-02T00:00:00Z")),
                new Origin(ledger, position));
    }

    private static List<String> ids(List<ExperienceEventEnvelope> envelopes) {
        return envelopes.stream().map(e -> e.eventId().value()).toList();
    }

    private ChronicleExperienceStore open() {
        return ChronicleExperienceStore.builder(root.resolve("ledger")).blockSize(64L << 20).open();
    }
}
