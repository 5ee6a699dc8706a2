package io.experienceledger.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ledger mirror} as a user runs it: what it prints, stats and queries by origin, exit codes, --follow. */
class MirrorCommandTest {
    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    @TempDir
    Path dir;

    private record Run(int code, String output) {
    }

    private Run run(String... args) throws Exception {
        final Path log = Files.createTempFile(dir, "mirror", ".log");
        final Process process = ShipProcess.start(log, args);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "ledger " + args[0] + " ends");
        return new Run(process.exitValue(), Files.readString(log));
    }

    @Test
    void mirrorsTwoLedgersThenNothingNewAndStatsAndQueriesShowTheOrigins() throws Exception {
        final Path a = dir.resolve("a");
        final Path b = dir.resolve("b");
        TestLedgers.append(a, 300, 41);
        TestLedgers.append(b, 200, 42);
        BROKER.createTopic("cli-m1", 2);
        ship(a, "cli-m1");
        ship(b, "cli-m1");
        final Path central = dir.resolve("central");
        final String[] mirror = {"mirror", "--store", central.toString(), "--bootstrap-servers",
            BROKER.bootstrapServers(), "--topic", "cli-m1"};
        final Run first = run(mirror);
        assertEquals(0, first.code(), first.output());
        assertEquals("mirrored 500 entries from 2 ledgers (500 entries mirrored into this ledger in all)\n",
                first.output());
        final Run again = run(mirror);
        assertEquals("mirrored 0 entries from 0 ledgers (500 entries mirrored into this ledger in all)\n",
                again.output());

        final String idA = MirrorTest.ledgerId(a);
        final String idB = MirrorTest.ledgerId(b);
        final Run stats = run("stats", "--store", central.toString());
        assertEquals(0, stats.code(), stats.output());
        assertTrue(stats.output().contains("mirrored  from cli-m1: 500 entries, 0 invalid records skipped\n"),
                stats.output());
        assertTrue(stats.output().contains("origins   2 ledgers; their entries here, by origin:\n"), stats.output());
        assertTrue(stats.output().matches("(?s).*\n" + idA + " +300 +0 +299 +0 +0  -\n.*"), stats.output());
        assertTrue(stats.output().matches("(?s).*\n" + idB + " +200 +0 +199 +0 +0  -\n.*"), stats.output());

        final Run query = run("query", "--store", central.toString(), "--origin", idA, "--tenant", "acme");
        assertEquals(0, query.code(), query.output());
        try (ChronicleExperienceStore source = ChronicleExperienceStore.builder(a).readOnly().open()) {
            final int expected = source.queryEvents(EventQuery.all().withTenant(new TenantId("acme"))).size();
            assertTrue(expected > 0);
            assertEquals(expected, query.output().lines().count(), query.output());
        }
        final Run badOrigin = run("query", "--store", central.toString(), "--origin", "xyz");
        assertEquals(2, badOrigin.code(), badOrigin.output());
        assertTrue(badOrigin.output().contains("--origin: a ledger id is 32 lowercase hex digits"), badOrigin.output());
        final Run verify = run("verify", "--store", central.toString());
        assertEquals(0, verify.code(), verify.output());
        assertTrue(verify.output().startsWith("intact: "), verify.output());
        assertEquals(1, verify.output().lines().count(), "no findings: " + verify.output());
    }

    @Test
    void anInvalidRecordExitsWithTwoNamingItAndSkipInvalidGoesOn() throws Exception {
        final Path a = dir.resolve("a");
        TestLedgers.append(a, 40, 43);
        BROKER.createTopic("cli-m2", 1);
        ship(a, "cli-m2");
        final long offset;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(BROKER.clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            offset = producer.send(new ProducerRecord<>("cli-m2", "{\"x\":1}".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS).offset();
        }
        final Path central = dir.resolve("central");
        final Run stopped = run("mirror", "--store", central.toString(), "--bootstrap-servers",
                BROKER.bootstrapServers(), "--topic", "cli-m2");
        assertEquals(2, stopped.code(), stopped.output());
        assertEquals("mirrored 40 entries from 1 ledger (40 entries mirrored into this ledger in all)\n"
                + "invalid record in topic cli-m2, partition 0, offset " + offset + ": it has no experience-ledger.id"
                + " header: it was not shipped by a ledger; everything before it is mirrored (--skip-invalid FILE"
                + " goes past such records)\n", stopped.output());
        final Path skipped = dir.resolve("skipped.jsonl");
        final Run past = run("mirror", "--store", central.toString(), "--bootstrap-servers",
                BROKER.bootstrapServers(), "--topic", "cli-m2", "--skip-invalid", skipped.toString());
        assertEquals(0, past.code(), past.output());
        assertEquals("mirrored 0 entries from 0 ledgers (40 entries mirrored into this ledger in all, 1 invalid"
                + " records skipped)\n", past.output());
        assertEquals(1, Files.readAllLines(skipped).size());
        final Run stats = run("stats", "--store", central.toString());
        assertTrue(stats.output().contains("mirrored  from cli-m2: 40 entries, 1 invalid records skipped\n"),
                stats.output());
    }

    @Test
    void aMissingTopicExitsWithOneAndAnUnreachableClusterWithThree() throws Exception {
        final Path central = dir.resolve("central");
        final Run missing = run("mirror", "--store", central.toString(), "--bootstrap-servers",
                BROKER.bootstrapServers(), "--topic", "cli-none");
        assertEquals(1, missing.code(), missing.output());
        assertEquals("Not found: the topic cli-none does not exist on " + BROKER.bootstrapServers()
                + ": check --topic\n", missing.output());
        final Run unreachable = run("mirror", "--store", central.toString(), "--bootstrap-servers", "127.0.0.1:1",
                "--topic", "t", "--timeout", "2");
        assertEquals(3, unreachable.code(), unreachable.output());
        assertTrue(unreachable.output().startsWith("Storage error: the Kafka cluster at 127.0.0.1:1 did not answer"
                + " within 2000 ms"), unreachable.output());
        final Run twice = run("mirror", "--store", central.toString(), "--bootstrap-servers",
                BROKER.bootstrapServers(), "--topic", "a,a");
        assertEquals(2, twice.code(), twice.output());
    }

    @Test
    void followMirrorsNewRecordsThroughABrokerRestartUntilSigterm() throws Exception {
        final Path a = dir.resolve("a");
        TestLedgers.append(a, 100, 44);
        BROKER.createTopic("cli-m3", 2);
        ship(a, "cli-m3");
        final Path central = dir.resolve("central");
        final Path log = dir.resolve("follow.log");
        final Process follower = ShipProcess.start(log, "mirror", "--store", central.toString(),
                "--bootstrap-servers", BROKER.bootstrapServers(), "--topic", "cli-m3", "--follow",
                "--poll-interval", "50");
        try {
            awaitMirrored(central, 100);
            BROKER.stop();
            Thread.sleep(1_500);
            BROKER.restart();
            TestLedgers.append(a, 150, 45);
            ship(a, "cli-m3");
            awaitMirrored(central, 250);
        } finally {
            follower.destroy();
        }
        assertTrue(follower.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, follower.exitValue(), Files.readString(log));
        assertTrue(Files.readString(log).endsWith("mirrored 250 entries from 1 ledger (250 entries mirrored into this"
                + " ledger in all)\n"), Files.readString(log));
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(central).readOnly().open()) {
            MirrorTest.assertMirrorsExactly(store, List.of(a));
        }
    }

    private static void awaitMirrored(Path central, long entries) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        final Path mark = central.resolve(MirrorMark.FILE);
        while (!(Files.exists(mark) && Files.readString(mark).contains("\nentries=" + entries + "\n"))) {
            assertTrue(System.nanoTime() < deadline, "the mirror did not reach " + entries + " entries");
            Thread.sleep(100);
        }
    }

    private static void ship(Path ledger, String topic) {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(ledger).readOnly().open();
             LedgerShipper shipper = LedgerShipper.builder(store, BROKER.bootstrapServers(), topic)
                     .timeout(Duration.ofSeconds(20)).build()) {
            shipper.shipAvailable();
        }
        BROKER.awaitSettled(topic);
    }
}
