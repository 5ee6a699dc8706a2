package io.experienceledger.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ledger ship} as a user runs it: what it prints, its exit codes, --follow ended by SIGTERM. */
class ShipCommandTest {
    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    @TempDir
    Path dir;

    private record Run(int code, String output) {
    }

    private Run run(String... args) throws Exception {
        final Path log = Files.createTempFile(dir, "ship", ".log");
        final Process process = ShipProcess.start(log, args);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "ledger ship ends");
        return new Run(process.exitValue(), Files.readString(log));
    }

    @Test
    void shipsThenShipsNothingNewAndSaysSo() throws Exception {
        final Path ledger = dir.resolve("ledger");
        TestLedgers.append(ledger, 250, 21);
        final String[] ship = {"ship", "--store", ledger.toString(), "--bootstrap-servers", BROKER.bootstrapServers(),
            "--topic", "cli-1", "--partitions", "2"};
        final Run first = run(ship);
        assertEquals(0, first.code(), first.output());
        assertEquals("shipped 250 entries to cli-1 (250 entries of this ledger in all)\n", first.output());
        final Run again = run(ship);
        assertEquals("shipped 0 entries to cli-1 (250 entries of this ledger in all)\n", again.output());
        assertEquals(250, BROKER.readCommitted("cli-1").size());
        final Run stats = run("stats", "--store", ledger.toString());
        assertTrue(stats.output().contains("shipped   cli-1: 250, 0 not yet\n"), stats.output());
    }

    @Test
    void pruneRemovesOnlyWhatTheShipperHasShipped() throws Exception {
        final Path ledger = dir.resolve("ledger");
        io.experienceledger.journal.ChronicleExperienceStore.builder(ledger).rollCycle("TEST_SECONDLY").open().close();
        nextSecond();
        TestLedgers.append(ledger, 60, 31);
        final String[] ship = {"ship", "--store", ledger.toString(), "--bootstrap-servers", BROKER.bootstrapServers(),
            "--topic", "cli-prune"};
        assertEquals(0, run(ship).code());
        nextSecond();
        TestLedgers.append(ledger, 40, 32);
        nextSecond();
        final String cut = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        TestLedgers.append(ledger, 10, 33);
        final String[] prune = {"prune", "--store", ledger.toString(), "--before", cut};
        final Run guarded = run(prune);
        assertEquals(3, guarded.code(), guarded.output());
        assertTrue(guarded.output().contains(" files, 60 entries"), guarded.output());
        assertTrue(guarded.output().contains("not yet shipped (topic cli-prune"), guarded.output());
        final Run shipped = run(ship);
        assertEquals("shipped 50 entries to cli-prune (110 entries of this ledger in all)\n", shipped.output());
        final Run pruned = run(prune);
        assertEquals(0, pruned.code(), pruned.output());
        assertTrue(pruned.output().contains(" files, 40 entries"), pruned.output());
        assertEquals("shipped 0 entries to cli-prune (110 entries of this ledger in all)\n", run(ship).output(),
                "the shipper resumes after the pruned files");
        final Run stats = run("stats", "--store", ledger.toString());
        assertTrue(stats.output().contains("shipped   cli-prune: 110, 0 not yet\n"), stats.output());
        assertTrue(stats.output().contains("pruned    100 entries"), stats.output());
        assertEquals(110, BROKER.readCommitted("cli-prune").size());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(ledger.resolve("shipped"))), "the shipper's marks are private");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(ledger.resolve("shipped").resolve("cli-prune.properties"))));
    }

    private static void nextSecond() throws InterruptedException {
        Thread.sleep(1_000 - System.currentTimeMillis() % 1_000 + 20);
    }

    @Test
    void followShipsNewEntriesThroughABrokerRestartUntilSigterm() throws Exception {
        final Path ledger = dir.resolve("ledger");
        TestLedgers.append(ledger, 100, 22);
        final Path log = dir.resolve("follow.log");
        final Process follower = ShipProcess.start(log, "ship", "--store", ledger.toString(), "--bootstrap-servers",
                BROKER.bootstrapServers(), "--topic", "cli-2", "--follow", "--poll-interval", "50");
        try {
            awaitRecords("cli-2", 100);
            BROKER.stop();
            try {
                TestLedgers.append(ledger, 150, 23);
                Thread.sleep(1_500);
            } finally {
                BROKER.restart();
            }
            awaitRecords("cli-2", 250);
        } finally {
            follower.destroy();
        }
        assertTrue(follower.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, follower.exitValue(), Files.readString(log));
        assertTrue(Files.readString(log).endsWith("shipped 250 entries to cli-2 (250 entries of this ledger in all)\n"),
                Files.readString(log));
    }

    @Test
    void badInputExitsWithTwoAndAMissingLedgerWithOne() throws Exception {
        final Path ledger = dir.resolve("ledger");
        TestLedgers.append(ledger, 3, 24);
        final Run badTopic = run("ship", "--store", ledger.toString(), "--bootstrap-servers",
                BROKER.bootstrapServers(), "--topic", "no spaces");
        assertEquals(2, badTopic.code(), badTopic.output());
        assertTrue(badTopic.output().contains("'no spaces' contains one or more characters other than"), badTopic.output());
        final Run noConfig = run("ship", "--store", ledger.toString(), "--bootstrap-servers",
                BROKER.bootstrapServers(), "--topic", "t", "--client-config", dir.resolve("missing.properties").toString());
        assertEquals(2, noConfig.code(), noConfig.output());
        assertTrue(noConfig.output().contains("--client-config: no such file: "), noConfig.output());
        final Run missing = run("ship", "--store", dir.resolve("nothing").toString(), "--bootstrap-servers",
                BROKER.bootstrapServers(), "--topic", "t");
        assertEquals(1, missing.code(), missing.output());
        final Run unreachable = run("ship", "--store", ledger.toString(), "--bootstrap-servers", "127.0.0.1:1",
                "--topic", "t", "--timeout", "2");
        assertEquals(3, unreachable.code(), unreachable.output());
        final List<String> lines = unreachable.output().lines().toList();
        assertEquals(1, lines.size(), unreachable.output());
        assertTrue(lines.get(0).startsWith("Storage error: the Kafka cluster at 127.0.0.1:1 did not answer within 2000"
                + " ms"), lines.get(0));
        assertTrue(lines.get(0).endsWith("; check --bootstrap-servers and that the brokers are up"), lines.get(0));
        assertFalse(BROKER.topics().contains("t"));
    }

    private static void awaitRecords(String topic, int count) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (BROKER.readCommittedSoFar(topic).size() < count) {
            assertTrue(System.nanoTime() < deadline, topic + " did not reach " + count + " records");
            Thread.sleep(200);
        }
        assertEquals(count, BROKER.readCommitted(topic).size());
    }
}
