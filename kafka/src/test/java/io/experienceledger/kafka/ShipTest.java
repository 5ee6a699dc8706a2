package io.experienceledger.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.store.ExperienceStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Shipping to a real broker: what a read_committed consumer sees is the ledger's export, once, in order. */
class ShipTest {
    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    @TempDir
    Path dir;

    private LedgerShipper.Builder shipper(ChronicleExperienceStore store, String topic) {
        return LedgerShipper.builder(store, BROKER.bootstrapServers(), topic).timeout(Duration.ofSeconds(20))
                .transactionEntries(500);
    }

    /**
     * The topic holds exactly the ledger's entries: sorted by position they are the export, byte for byte; every
     * header is there; keys are tenants; each tenant's entries are in order in one partition; batch headers name
     * each batch's first position, and the last entry of each batch, only it, carries the batch's size.
     */
    static void assertShippedExactly(List<TestLedgers.Entry> expected, List<KafkaBroker.Read> records,
                                     String ledgerId) {
        assertEquals(expected.size(), records.size(), "records in the topic");
        final KafkaBroker.Read[] byPosition = new KafkaBroker.Read[expected.size()];
        final Map<String, Integer> partitionOfTenant = new HashMap<>();
        final Map<Integer, Long> lastPositionInPartition = new HashMap<>();
        for (KafkaBroker.Read record : records) {
            final int position = Integer.parseInt(record.header(ShipRecords.POSITION));
            assertNull(byPosition[position], "position " + position + " twice");
            byPosition[position] = record;
            assertEquals(ledgerId, record.header(ShipRecords.LEDGER_ID));
            final Long last = lastPositionInPartition.put(record.partition(), (long) position);
            assertTrue(last == null || last < position, "partition " + record.partition() + " out of order");
            if (record.key() != null) {
                final Integer before = partitionOfTenant.putIfAbsent(record.key(), record.partition());
                assertTrue(before == null || before == record.partition(), "tenant " + record.key() + " split");
            }
        }
        long batchStart = -1;
        long batch = -1;
        for (int position = 0; position < expected.size(); position++) {
            final TestLedgers.Entry entry = expected.get(position);
            final KafkaBroker.Read record = byPosition[position];
            assertEquals(entry.json(), record.value(), "position " + position);
            assertEquals(entry.tenant(), record.key(), "position " + position);
            assertEquals(entry.json().contains("\"type\":\"User"), record.header(ShipRecords.KIND).startsWith("User"));
            assertEquals(Set.of(ShipRecords.LEDGER_ID, ShipRecords.POSITION, ShipRecords.KIND), withoutBatch(record));
            assertTrue(entry.json().contains("\"type\":\"" + record.header(ShipRecords.KIND) + "\""), record.toString());
            if (entry.batch() >= 0 && entry.batch() != batch) {
                batchStart = position;
            }
            batch = entry.batch();
            assertEquals(entry.batch() < 0 ? null : Long.toString(batchStart), record.header(ShipRecords.BATCH),
                    "position " + position);
            final boolean lastOfBatch = entry.batch() >= 0
                    && (position + 1 == expected.size() || expected.get(position + 1).batch() != entry.batch());
            assertEquals(lastOfBatch ? Long.toString(position - batchStart + 1) : null,
                    record.header(ShipRecords.BATCH_SIZE), "position " + position);
        }
    }

    private static Set<String> withoutBatch(KafkaBroker.Read record) {
        final Set<String> names = new HashSet<>(record.headers().keySet());
        names.remove(ShipRecords.BATCH);
        names.remove(ShipRecords.BATCH_SIZE);
        return names;
    }

    @Test
    void shipsEveryEntryOnceAsExportPrintsIt() {
        TestLedgers.append(dir, 3_000, 1);
        final List<TestLedgers.Entry> expected = TestLedgers.entries(dir);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).readOnly().open();
             LedgerShipper shipper = shipper(store, "audit-1").partitions(3).build()) {
            assertEquals(expected.size(), shipper.shipAvailable());
            assertEquals(0, shipper.shipAvailable(), "a second pass with nothing new ships nothing");
            final ShipStatus status = shipper.status();
            assertEquals(expected.size(), status.shipped());
            assertEquals(0, status.lag());
            assertShippedExactly(expected, BROKER.readCommitted("audit-1"), store.ledgerId());
        }
    }

    /**
     * Batches are compressed by default (the broker holds less than the values' bytes, and a consumer reads the
     * export back unchanged); {@code compression.type=none} in the client configuration turns it off.
     */
    @Test
    void shippedBatchesAreCompressedUnlessTheClientConfigurationSaysOtherwise() throws Exception {
        TestLedgers.append(dir, 2_000, 5);
        final List<TestLedgers.Entry> expected = TestLedgers.entries(dir);
        final long valueBytes = expected.stream()
                .mapToLong(e -> e.json().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
        final Properties plain = new Properties();
        plain.setProperty("compression.type", "none");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            try (LedgerShipper shipper = shipper(store, "compressed").build()) {
                assertEquals(expected.size(), shipper.shipAvailable());
            }
            try (LedgerShipper shipper = shipper(store, "uncompressed").clientConfig(plain).build()) {
                assertEquals(expected.size(), shipper.shipAvailable());
            }
            assertShippedExactly(expected, BROKER.readCommitted("compressed"), store.ledgerId());
            assertShippedExactly(expected, BROKER.readCommitted("uncompressed"), store.ledgerId());
        }
        final long compressed = BROKER.bytesOnDisk("compressed");
        final long uncompressed = BROKER.bytesOnDisk("uncompressed");
        assertTrue(uncompressed >= valueBytes, uncompressed + " bytes on disk for " + valueBytes + " of values");
        assertTrue(compressed > 0 && compressed < valueBytes / 2,
                compressed + " bytes on disk for " + valueBytes + " bytes of values, compressed");
    }

    @Test
    void anIncrementalShipAddsOnlyTheNewEntriesAndRecordsItLocally() throws Exception {
        TestLedgers.append(dir, 700, 2);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).readOnly().open();
             LedgerShipper shipper = shipper(store, "audit-2").build()) {
            assertEquals(700, shipper.shipAvailable());
        }
        TestLedgers.append(dir, 300, 3);
        final List<TestLedgers.Entry> expected = TestLedgers.entries(dir);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).readOnly().open();
             LedgerShipper shipper = shipper(store, "audit-2").build()) {
            assertEquals(300, shipper.shipAvailable(), "a new shipper resumes from Kafka's checkpoint");
            assertShippedExactly(expected, BROKER.readCommitted("audit-2"), store.ledgerId());
        }
        final Properties mark = new Properties();
        mark.load(Files.newBufferedReader(dir.resolve("shipped").resolve("audit-2.properties")));
        assertEquals("1000", mark.getProperty("entries"));
        assertEquals("audit-2", mark.getProperty("topic"));
    }

    @Test
    void aSecondShipperWithTheSameTransactionalIdFencesTheFirst() {
        TestLedgers.append(dir, 200, 4);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).readOnly().open();
             LedgerShipper first = shipper(store, "audit-3").build();
             LedgerShipper second = shipper(store, "audit-3").build()) {
            assertEquals(200, first.shipAvailable());
            assertEquals(0, second.shipAvailable(), "the second resumes where the first committed");
            final ExperienceStoreException fenced = assertThrows(ExperienceStoreException.class, () -> {
                TestLedgers.append(dir, 10, 5);
                first.shipAvailable();
            });
            assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, fenced.kind());
            assertTrue(fenced.getMessage().contains("took over (this one was fenced)"), fenced.getMessage());
            assertEquals(10, second.shipAvailable());
            assertShippedExactly(TestLedgers.entries(dir), BROKER.readCommitted("audit-3"), store.ledgerId());
        }
    }

    @Test
    void anEntryLargerThanKafkaAcceptsIsNamedWithTheSettingToRaise() {
        TestLedgers.append(dir, 20, 6);
        final Properties small = new Properties();
        small.put("max.request.size", "200");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).readOnly().open();
             LedgerShipper shipper = shipper(store, "audit-4").clientConfig(small).build()) {
            final ExperienceStoreException tooLarge = assertThrows(ExperienceStoreException.class,
                    shipper::shipAvailable);
            assertTrue(tooLarge.getMessage().contains("the entry at position 0 (event_id "), tooLarge.getMessage());
            assertTrue(tooLarge.getMessage().contains("max.request.size"), tooLarge.getMessage());
        }
        assertEquals(List.of(), BROKER.readCommitted("audit-4"));
    }

    @Test
    void anUnreachableClusterIsReportedWithinTheTimeout() {
        TestLedgers.append(dir, 5, 7);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).readOnly().open();
             LedgerShipper shipper = LedgerShipper.builder(store, "127.0.0.1:1", "audit-5")
                     .timeout(Duration.ofSeconds(2)).build()) {
            final long start = System.nanoTime();
            final ExperienceStoreException unreachable = assertThrows(ExperienceStoreException.class,
                    shipper::shipAvailable);
            assertTrue(unreachable.getMessage().contains("the Kafka cluster at 127.0.0.1:1 did not answer"),
                    unreachable.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "gave up in bounded time");
        }
    }

    @Test
    void theBackgroundShipperFollowsAppendsAndRidesOutABrokerRestart() throws Exception {
        TestLedgers.append(dir, 300, 8);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir);
             LedgerShipper shipper = shipper(store, "audit-6").build()) {
            final List<String> warnings = new ArrayList<>();
            shipper.start(Duration.ofMillis(50), warnings::add);
            awaitShipped(shipper, 300);
            BROKER.stop();
            try {
                appendSome(store, 200, "during-outage");
                Thread.sleep(1_000);
            } finally {
                BROKER.restart();
            }
            appendSome(store, 100, "after-restart");
            awaitShipped(shipper, 600);
            assertTrue(shipper.failure().isEmpty(), shipper.failure().toString());
            shipper.stop();
            assertShippedExactly(TestLedgers.entries(store), BROKER.readCommitted("audit-6"), store.ledgerId());
        }
    }

    private static void appendSome(ChronicleExperienceStore store, int count, String prefix) {
        for (int i = 0; i < count; i++) {
            store.appendEvent(ExperienceEventEnvelope.of(prefix + "-" + i,
                    new ExperienceEvent.BudgetExceeded(ChainId.of("c"), BudgetResource.Named.Tokens, "1", "2"))
                    .withTenant("t-" + (i % 3)).withTimestamp("2026-05-01T00:00:00Z"));
        }
    }

    private static void awaitShipped(LedgerShipper shipper, long entries) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (shipper.status().shipped() < entries) {
            assertTrue(shipper.failure().isEmpty(), () -> shipper.failure().get());
            assertTrue(System.nanoTime() < deadline, "shipped " + shipper.status().shipped() + " of " + entries);
            Thread.sleep(50);
        }
        assertEquals(entries, shipper.status().shipped());
    }
}
