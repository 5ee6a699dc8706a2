package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.index.IndexOptions;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.RandomModel;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TimeRange;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.InMemoryExperienceStore;
import io.experienceledger.store.StoreFixtures;
import io.experienceledger.testing.ChildJvm;
import io.experienceledger.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The side index is derived data: caught up after reopen, rebuilt when deleted or damaged, and never the reason
 * for a different answer. Every answer is compared with the in-memory store fed the same envelopes (the oracle).
 */
class IndexRecoveryTest {
    private static final long SEED = 42L;
    private static final List<String> TENANTS = List.of("t-0", "t-1", "t-2", "t-3");

    @TempDir
    Path root;

    @Test
    void reopenedStoreCatchesUpWithoutRescanningAndAnswersLikeTheOracle() {
        final Path dir = root.resolve("ledger");
        final InMemoryExperienceStore oracle = new InMemoryExperienceStore();
        final Random random = new Random(SEED);
        final RandomModel model = new RandomModel(SEED);
        try (ChronicleExperienceStore store = open(dir)) {
            append(store, oracle, model, random, 3_000);
            assertSameAnswers(store, oracle);
        }
        try (ChronicleExperienceStore store = open(dir)) {
            assertEquals("OPENED", store.stats().indexState());
            assertSameAnswers(store, oracle);
            append(store, oracle, model, random, 1_000);
            assertSameAnswers(store, oracle);
        }
    }

    /**
     * The catch-up on open reads the journal after the index's checkpoint only. A writer killed before it closed
     * left {@code tail} entries in the journal that its index never took: the next stores, read-only and writable,
     * read exactly those, and a store opened after a clean close reads none.
     */
    @Test
    void catchUpOnReopenReadsOnlyTheJournalTail() throws Exception {
        final Path dir = root.resolve("ledger");
        final int head = 4_000;
        final int tail = 300;
        final List<String> ids = new ArrayList<>();
        try (ChronicleExperienceStore store = open(dir)) {
            for (int i = 0; i < head; i++) {
                store.appendEvent(StoreFixtures.engine("head-" + i, "2026-05-10T08:00:00Z").withTenant(TENANTS.get(i % 4)));
                ids.add("head-" + i);
            }
            assertEquals(head, store.queryEvents(EventQuery.all()).size());
        }
        try (ChronicleExperienceStore store = open(dir)) {
            assertEquals(head, store.queryEvents(EventQuery.all()).size());
            assertEquals(0, store.entriesReadByCatchUp(), "a reopen after a clean close read the journal");
        }
        try (ChildJvm writer = ChildJvm.start(JournalChild.class, "unclosed", dir.toString(), Integer.toString(tail),
                "tail")) {
            assertEquals("done", writer.readLine(), writer.errors());
            writer.kill();
        }
        for (int i = 0; i < tail; i++) {
            ids.add("tail-" + i);
        }
        try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).blockSize(1L << 20).readOnly()
                .open()) {
            assertEquals(ids, reader.queryEvents(EventQuery.all()).stream().map(e -> e.eventId().value()).toList());
            assertEquals(tail, reader.entriesReadByCatchUp(), "the read-only catch-up read more than the tail");
        }
        try (ChronicleExperienceStore store = open(dir)) {
            assertEquals(tail, store.entriesReadByCatchUp(), "the writable catch-up read more than the tail");
            assertEquals(ids, store.queryEvents(EventQuery.all()).stream().map(e -> e.eventId().value()).toList());
            final EventQuery tenant = EventQuery.all().withTenant(TenantId.of(TENANTS.get(0)));
            assertEquals(store.queryEventsByScan(tenant), store.queryEvents(tenant));
            assertEquals(tail, store.entriesReadByCatchUp(), "queries after the catch-up read the journal again");
        }
        try (ChronicleExperienceStore store = open(dir)) {
            assertEquals(head + tail, store.queryEvents(EventQuery.all()).size());
            assertEquals(0, store.entriesReadByCatchUp(), "a reopen after a clean close read the journal");
        }
    }

    @Test
    void deletingTheIndexChangesNoAnswer() throws IOException {
        final Path dir = root.resolve("ledger");
        final InMemoryExperienceStore oracle = written(dir, 3_000);
        TestFiles.deleteRecursively(dir.resolve("index"));
        try (ChronicleExperienceStore store = open(dir)) {
            assertSameAnswers(store, oracle);
        }
    }

    @Test
    void damagedIndexFilesAreRebuiltFromTheJournal() throws IOException {
        final Path dir = root.resolve("ledger");
        final InMemoryExperienceStore oracle = written(dir, 3_000);
        try (Stream<Path> files = Files.list(dir.resolve("index"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.getFileName().toString().endsWith(".lock")) {
                    continue;
                }
                final byte[] bytes = Files.readAllBytes(file);
                if (bytes.length > 20) {
                    bytes[bytes.length / 2] ^= 0x5A;
                    Files.write(file, bytes);
                }
            }
        }
        try (ChronicleExperienceStore store = open(dir)) {
            assertTrue(!"OPENED".equals(store.stats().indexState()), "damage went unnoticed");
            assertSameAnswers(store, oracle);
        }
    }

    @Test
    void truncatedOrEmptyIndexFilesAreRebuiltOrBypassedAndChangeNoAnswer() throws IOException {
        final Path dir = root.resolve("ledger");
        final InMemoryExperienceStore oracle = written(dir, 1_200);
        final Path indexDir = dir.resolve("index");
        final java.util.Map<Path, byte[]> original = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(indexDir)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".lock")).toList()) {
                original.put(file, Files.readAllBytes(file));
            }
        }
        assertTrue(original.size() >= 2, "expected a manifest and segments, got " + original.keySet());
        final List<Path> names = List.copyOf(original.keySet());
        final java.util.Set<Path> damaged = new java.util.TreeSet<>(List.of(names.get(0), names.get(names.size() - 1),
                indexDir.resolve("manifest")));
        boolean readOnly = false;
        for (Path file : damaged) {
            for (int length : new int[] {0, original.get(file).length / 2}) {
                // each file is cut to nothing and to half its length, one read-only and one writable
                readOnly = !readOnly;
                final String context = file.getFileName() + " truncated to " + length + (readOnly ? ", read-only" : "");
                TestFiles.deleteRecursively(indexDir);
                Files.createDirectories(indexDir);
                for (var backup : original.entrySet()) {
                    Files.write(backup.getKey(), backup.getKey().equals(file)
                            ? java.util.Arrays.copyOf(backup.getValue(), length) : backup.getValue());
                }
                try (ChronicleExperienceStore store = readOnly
                        ? ChronicleExperienceStore.builder(dir).blockSize(1L << 20).readOnly().open() : open(dir)) {
                    assertTrue(!"OPENED".equals(store.stats().indexState()), context + ": damage went unnoticed");
                    assertSameAnswers(store, oracle);
                    assertTrue(store.verify(null).intact(), context + ": " + store.verify(null).problem());
                }
            }
            readOnly = !readOnly;
        }
    }

    /** A store in {@code dir} with {@code count} random appends, closed; returns the oracle fed the same. */
    private static InMemoryExperienceStore written(Path dir, int count) {
        final InMemoryExperienceStore oracle = new InMemoryExperienceStore();
        try (ChronicleExperienceStore store = open(dir)) {
            append(store, oracle, new RandomModel(SEED), new Random(SEED), count);
        }
        return oracle;
    }

    private static void append(ChronicleExperienceStore store, InMemoryExperienceStore oracle, RandomModel model,
                               Random random, int count) {
        final List<ExperienceEventEnvelope> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final int pick = random.nextInt(10);
            if (pick == 0) {
                final UserExperienceEventEnvelope user = shape(model.userEnvelope(), random);
                store.appendUserEvent(user);
                oracle.appendUserEvent(user);
            } else if (pick < 4) {
                batch.add(shape(model.engineEnvelope(), random));
                if (batch.size() == 25) {
                    store.appendEvents(batch);
                    oracle.appendEvents(batch);
                    batch.clear();
                }
            } else {
                final ExperienceEventEnvelope engine = shape(model.engineEnvelope(), random);
                store.appendEvent(engine);
                oracle.appendEvent(engine);
            }
        }
        store.appendEvents(batch);
        oracle.appendEvents(batch);
    }

    private static ExperienceEventEnvelope shape(ExperienceEventEnvelope envelope, Random random) {
        final ExperienceEventEnvelope tenanted = random.nextInt(8) == 0 ? envelope
                : new ExperienceEventEnvelope(envelope.eventId(), envelope.occurredAt(),
                        TenantId.of(TENANTS.get(skewed(random))), envelope.correlationId(), envelope.event());
        return random.nextBoolean() ? tenanted : tenanted.withCorrelation("run-" + random.nextInt(50));
    }

    private static UserExperienceEventEnvelope shape(UserExperienceEventEnvelope envelope, Random random) {
        final UserExperienceEventEnvelope tenanted = envelope.withTenant(TENANTS.get(skewed(random)));
        return random.nextBoolean() ? tenanted : tenanted.withCorrelation("run-" + random.nextInt(50));
    }

    private static int skewed(Random random) {
        final int r = random.nextInt(16);
        return r < 8 ? 0 : r < 12 ? 1 : r < 14 ? 2 : 3;
    }

    private static void assertSameAnswers(ChronicleExperienceStore store, InMemoryExperienceStore oracle) {
        final List<EventQuery> queries = new ArrayList<>();
        queries.add(EventQuery.all());
        for (String tenant : TENANTS) {
            queries.add(EventQuery.all().withTenant(TenantId.of(tenant)));
            queries.add(EventQuery.all().withTenant(TenantId.of(tenant))
                    .withKinds(ExperienceEventKind.OutcomeRecorded, ExperienceEventKind.BudgetExceeded).withLimit(7L));
        }
        for (ExperienceEventKind kind : ExperienceEventKind.values()) {
            queries.add(EventQuery.all().withKinds(kind));
        }
        queries.add(EventQuery.all().withCorrelation(CorrelationId.of("run-7")));
        queries.add(EventQuery.all().withCorrelation(CorrelationId.of("run-7")).withTenant(TenantId.of("t-1")));
        queries.add(EventQuery.all().withChain(ChainId.of("c-1")));
        queries.add(EventQuery.all().withTimeRange(new TimeRange("2026", "2027")).withLimit(100L));
        for (EventQuery query : queries) {
            assertEquals(oracle.queryEvents(query), store.queryEvents(query), query.toString());
            assertEquals(oracle.queryRecords(query), store.queryRecords(query), query.toString());
        }
    }

    private static ChronicleExperienceStore open(Path dir) {
        return ChronicleExperienceStore.builder(dir).blockSize(1L << 20)
                .indexOptions(IndexOptions.defaults().withFlushThreshold(500)).open();
    }
}
