package io.experienceledger.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.Origin;
import io.experienceledger.journal.OriginStats;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.TenantId;
import io.experienceledger.store.ExperienceStoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Mirroring shipped topics into one central ledger on a real broker: the union of the sources, each entry once. */
class MirrorTest {
    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    @TempDir
    Path dir;

    /** What the central ledger holds, in append order, with each entry's origin and central batch. */
    record Mirrored(String json, Origin origin, long batch) {
    }

    @Test
    void twoSourcesLandInOneLedgerEachEntryOnceInTheirOrder() throws Exception {
        final Path a = dir.resolve("a");
        final Path b = dir.resolve("b");
        TestLedgers.append(a, 1_500, 11);
        TestLedgers.append(b, 1_200, 12);
        BROKER.createTopic("union", 3);
        ship(a, "union");
        ship(b, "union");
        final Path central = dir.resolve("central");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(central);
             LedgerMirror mirror = mirror(store, "union").build()) {
            assertEquals(2_700, mirror.mirrorAvailable());
            assertEquals(2, mirror.ledgersMirrored());
            // the batches of a pass follow each other faster than the mark is rewritten; the pass's end writes it
            assertTrue(Files.readString(central.resolve(MirrorMark.FILE)).contains("\nentries=2700\n"),
                    Files.readString(central.resolve(MirrorMark.FILE)));
            assertEquals(0, mirror.mirrorAvailable(), "a second pass with nothing new appends nothing");
            assertMirrorsExactly(store, List.of(a, b));
            assertTrue(store.verify(null).intact());
            final MirrorStatus status = mirror.status();
            assertEquals(2_700, status.entries());
            assertEquals(0, status.lag());
            assertEquals(3, status.partitions().size());

            // queries answer over all sources, and --origin over one
            final String idA = ledgerId(a);
            final EventQuery tenant = EventQuery.all().withTenant(new TenantId("acme"));
            assertEquals(sorted(query(a, tenant), query(b, tenant)), sorted(store.queryEvents(tenant)));
            assertEquals(sorted(query(a, tenant)), sorted(store.mirroring().queryEvents(tenant, idA)));
            final EventQuery kinds = EventQuery.all().withKinds(ExperienceEventKind.OutcomeRecorded);
            assertEquals(sorted(query(a, kinds), query(b, kinds)), sorted(store.queryEvents(kinds)));
        }

        // more entries in one source: only they are added, by a new mirror that resumes from the ledger's note
        TestLedgers.append(a, 300, 13);
        ship(a, "union");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(central);
             LedgerMirror mirror = mirror(store, "union").build()) {
            assertEquals(300, mirror.mirrorAvailable());
            assertEquals(1, mirror.ledgersMirrored());
            assertTrue(Files.readString(central.resolve(MirrorMark.FILE)).contains("\nentries=3000\n"),
                    Files.readString(central.resolve(MirrorMark.FILE)));
            assertMirrorsExactly(store, List.of(a, b));
        }
    }

    @Test
    void aForeignRecordStopsTheMirrorAndSkipInvalidGoesPastIt() throws Exception {
        final Path a = dir.resolve("a");
        TestLedgers.append(a, 100, 21);
        BROKER.createTopic("foreign", 1);
        ship(a, "foreign");
        final long foreignOffset = produceForeign("foreign", "not an envelope");
        TestLedgers.append(a, 50, 22);
        ship(a, "foreign");
        final Path central = dir.resolve("central");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(central);
             LedgerMirror mirror = mirror(store, "foreign").build()) {
            final ExperienceStoreException e = assertThrows(ExperienceStoreException.class, mirror::mirrorAvailable);
            assertEquals(ExperienceStoreException.Kind.INVALID_QUERY, e.kind());
            assertTrue(e.detail().startsWith("invalid record in topic foreign, partition 0, offset " + foreignOffset
                    + ": it has no experience-ledger.id header"), e.detail());
            assertEquals(100, store.stats().entries(), "everything before the record is mirrored");
            assertThrows(ExperienceStoreException.class, mirror::mirrorAvailable, "it stops there again");
        }
        final Path skipped = dir.resolve("skipped.jsonl");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(central);
             LedgerMirror mirror = mirror(store, "foreign").skipInvalid(skipped).build()) {
            assertEquals(50, mirror.mirrorAvailable());
            assertEquals(1, mirror.status().skipped());
            assertMirrorsExactly(store, List.of(a));
            assertEquals(0, mirror.mirrorAvailable());
        }
        final List<String> lines = Files.readAllLines(skipped);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("{\"topic\":\"foreign\",\"partition\":0,\"offset\":" + foreignOffset
                + ",\"reason\":\"it has no experience-ledger.id header"), lines.get(0));
        assertTrue(lines.get(0).endsWith(",\"value\":\"not an envelope\"}"), lines.get(0));
    }

    @Test
    void recordsDeletedBeforeTheyWereMirroredShowAsAGap() throws Exception {
        final Path a = dir.resolve("a");
        TestLedgers.append(a, 400, 31);
        BROKER.createTopic("gappy", 1);
        ship(a, "gappy");
        try (Admin admin = Admin.create(BROKER.clientConfig())) {
            admin.deleteRecords(Map.of(new TopicPartition("gappy", 0), RecordsToDelete.beforeOffset(150)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        final List<String> warnings = new CopyOnWriteArrayList<>();
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir.resolve("central"));
             LedgerMirror mirror = mirror(store, "gappy").warnings(warnings::add).build()) {
            final long mirrored = mirror.mirrorAvailable();
            final OriginStats stats = store.stats().origins().get(ledgerId(a));
            assertEquals(mirrored, stats.entries());
            assertEquals(399, stats.lastPosition());
            assertTrue(stats.firstPosition() > 0 && stats.firstPosition() <= 150, stats.toString());
            assertEquals(stats.firstPosition(), stats.missing(), stats.toString());
            assertEquals(List.of(new OriginStats.PositionRange(0, stats.firstPosition() - 1)), stats.gaps());
            assertEquals(0, stats.duplicates());
            assertEquals(400 - stats.firstPosition(), mirrored);
            assertTrue(store.verify(null).intact());
        }
    }

    @Test
    void partitionsAddedToATopicAreMirroredToo() throws Exception {
        final Path a = dir.resolve("a");
        TestLedgers.append(a, 200, 51);
        BROKER.createTopic("growing", 1);
        ship(a, "growing");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir.resolve("central"));
             LedgerMirror mirror = mirror(store, "growing").build()) {
            assertEquals(200, mirror.mirrorAvailable());
            try (Admin admin = Admin.create(BROKER.clientConfig())) {
                admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(3))).all().get(30, TimeUnit.SECONDS);
            }
            TestLedgers.append(a, 400, 52);
            ship(a, "growing");
            assertEquals(400, mirror.mirrorAvailable(), "the same mirror reads the new partitions too");
            assertEquals(3, mirror.status().partitions().size());
            assertMirrorsExactly(store, List.of(a));
        }
    }

    @Test
    void aTopicThatDoesNotExistOrAClusterThatDoesNotAnswerIsNamed() throws Exception {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir.resolve("central"))) {
            try (LedgerMirror mirror = mirror(store, "no-such-topic").build()) {
                final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                        mirror::mirrorAvailable);
                assertEquals(ExperienceStoreException.Kind.NOT_FOUND, e.kind());
                assertEquals("the topic no-such-topic does not exist on " + BROKER.bootstrapServers()
                        + ": check --topic", e.detail());
            }
            try (LedgerMirror mirror = LedgerMirror.builder(store, "127.0.0.1:1", List.of("t"))
                    .timeout(Duration.ofSeconds(2)).build()) {
                final long start = System.nanoTime();
                final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                        mirror::mirrorAvailable);
                assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, e.kind());
                assertTrue(e.detail().startsWith("the Kafka cluster at 127.0.0.1:1 did not answer within 2000 ms"),
                        e.detail());
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "a bounded wait");
            }
            assertEquals(0, store.stats().entries());
        }
        assertThrows(IllegalArgumentException.class, () -> LedgerMirror.builder(
                ChronicleExperienceStore.open(dir.resolve("other")), "x:1", List.of()).build());
    }

    /**
     * The central ledger holds exactly the entries of the sources, each once, as their export prints them; each
     * source's entries of one tenant in their order; each source batch inside one central batch; stats per origin.
     */
    static void assertMirrorsExactly(ChronicleExperienceStore central, List<Path> sources) {
        final List<Mirrored> mirrored = new ArrayList<>();
        central.mirroring().scan(-1, (index, batch, record, origin) ->
                mirrored.add(new Mirrored(ConvergeJson.writeAnyEnvelope(record), origin, batch)));
        int expectedTotal = 0;
        for (Path source : sources) {
            final String id = ledgerId(source);
            final List<TestLedgers.Entry> entries = TestLedgers.entries(source);
            expectedTotal += entries.size();
            final Mirrored[] byPosition = new Mirrored[entries.size()];
            final Map<String, Long> lastOfTenant = new HashMap<>();
            for (Mirrored entry : mirrored) {
                if (!entry.origin().ledgerId().equals(id)) {
                    continue;
                }
                final int position = (int) entry.origin().position();
                assertTrue(byPosition[position] == null, "position " + position + " of " + id + " twice");
                byPosition[position] = entry;
                assertEquals(entries.get(position).json(), entry.json(), "position " + position + " of " + id);
                final String tenant = String.valueOf(entries.get(position).tenant());
                final Long before = lastOfTenant.put(tenant, (long) position);
                assertTrue(before == null || before < position, "tenant " + tenant + " of " + id + " out of order");
            }
            final Map<Long, Set<Long>> centralBatchesOfSourceBatch = new HashMap<>();
            for (int position = 0; position < entries.size(); position++) {
                assertTrue(byPosition[position] != null, "position " + position + " of " + id + " is missing");
                if (entries.get(position).batch() >= 0) {
                    centralBatchesOfSourceBatch.computeIfAbsent(entries.get(position).batch(), k -> new HashSet<>())
                            .add(byPosition[position].batch());
                }
            }
            centralBatchesOfSourceBatch.forEach((batch, centralBatches) -> assertEquals(1, centralBatches.size(),
                    "source batch " + batch + " of " + id + " is split across central batches " + centralBatches));
            assertEquals(new OriginStats(entries.size(), 0, entries.size() - 1, 0, 0, List.of()),
                    central.stats().origins().get(id));
        }
        assertEquals(expectedTotal, mirrored.size(), "entries in the central ledger");
    }

    private LedgerMirror.Builder mirror(ChronicleExperienceStore store, String... topics) {
        return LedgerMirror.builder(store, BROKER.bootstrapServers(), List.of(topics)).timeout(Duration.ofSeconds(20))
                .batchEntries(400);
    }

    private static void ship(Path ledger, String topic) {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(ledger).readOnly().open();
             LedgerShipper shipper = LedgerShipper.builder(store, BROKER.bootstrapServers(), topic)
                     .timeout(Duration.ofSeconds(20)).transactionEntries(300).build()) {
            shipper.shipAvailable();
        }
        BROKER.awaitSettled(topic);
    }

    private static long produceForeign(String topic, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(BROKER.clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS).offset();
        }
    }

    static String ledgerId(Path ledger) {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(ledger).readOnly().open()) {
            return store.ledgerId();
        }
    }

    private static List<ExperienceEventEnvelope> query(Path ledger, EventQuery query) {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(ledger).readOnly().open()) {
            return store.queryEvents(query);
        }
    }

    @SafeVarargs
    private static List<String> sorted(List<ExperienceEventEnvelope>... lists) {
        final List<String> all = new ArrayList<>();
        for (List<ExperienceEventEnvelope> list : lists) {
            list.forEach(envelope -> all.add(ConvergeJson.write(envelope)));
        }
        all.sort(null);
        return all;
    }
}
