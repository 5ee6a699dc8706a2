package io.experienceledger.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger ship} killed with {@code kill -9} at random moments, again and again, while the ledger grows: after
 * every kill a read_committed consumer sees a prefix of the ledger, each entry once and no batch in part; a last
 * run to the end leaves every entry shipped exactly once. {@code -Dship.crash.trials=N} runs more trials (default
 * 6, a new random seed every run); {@code -Dship.crash.seed=S} repeats a run.
 */
class ShipCrashTest {
    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void aShipperKilledAtAnyMomentLeavesEveryEntryShippedOnce() throws Exception {
        final long seed = Long.getLong("ship.crash.seed", System.nanoTime());
        final int trials = Integer.getInteger("ship.crash.trials", 6);
        final Random random = new Random(seed);
        final Path ledger = dir.resolve("ledger");
        final Path log = dir.resolve("ship.log");
        final String context = "seed " + seed + " (rerun with -Dship.crash.seed=" + seed + ")";
        BROKER.createTopic("crash", 3);
        for (int trial = 0; trial < trials; trial++) {
            TestLedgers.append(ledger, 4_000, seed + trial);
            final String before = mark(ledger);
            final Process shipper = ship(ledger, log);
            // kill while it ships: a random moment after its first commit of this trial (or when it has ended)
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (mark(ledger).equals(before) && shipper.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            final long killAfter = random.nextInt(400);
            shipper.waitFor(killAfter, TimeUnit.MILLISECONDS);
            shipper.destroyForcibly();
            assertTrue(shipper.waitFor(30, TimeUnit.SECONDS), "the killed shipper is gone");
            final List<TestLedgers.Entry> expected = TestLedgers.entries(ledger);
            final List<KafkaBroker.Read> records = BROKER.readCommittedSoFar("crash");
            assertPrefixOfWholeBatches(expected, records, context + ", trial " + trial + ", killed after " + killAfter
                    + " ms of shipping");
            System.out.printf("ShipCrashTest trial %d: killed %d ms into shipping, %d of %d entries shipped%n", trial,
                    killAfter, records.size(), expected.size());
        }
        final Process last = ship(ledger, log);
        assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the last run ends");
        assertEquals(0, last.exitValue(), () -> context + ": " + read(log));
        final List<TestLedgers.Entry> expected = TestLedgers.entries(ledger);
        final List<KafkaBroker.Read> records = BROKER.readCommitted("crash");
        assertPrefixOfWholeBatches(expected, records, context + ", the last run");
        assertEquals(expected.size(), records.size(), context);
    }

    private static Process ship(Path ledger, Path log) throws Exception {
        return ShipProcess.start(log, "ship", "--store", ledger.toString(), "--bootstrap-servers",
                BROKER.bootstrapServers(), "--topic", "crash", "--transaction-entries", "500", "--timeout", "30");
    }

    /** The records are the ledger's first entries, each once, as export prints them, and no batch is cut. */
    private static void assertPrefixOfWholeBatches(List<TestLedgers.Entry> expected, List<KafkaBroker.Read> records,
                                                   String context) {
        final boolean[] seen = new boolean[expected.size()];
        int shipped = 0;
        for (KafkaBroker.Read record : records) {
            final int position = Integer.parseInt(record.header(ShipRecords.POSITION));
            assertTrue(position < expected.size() && !seen[position], context + ": position " + position + " twice");
            seen[position] = true;
            assertEquals(expected.get(position).json(), record.value(), context + ": position " + position);
            shipped++;
        }
        for (int position = 0; position < shipped; position++) {
            assertTrue(seen[position], context + ": position " + position + " missing of " + shipped);
        }
        if (shipped > 0 && shipped < expected.size()) {
            final long lastBatch = expected.get(shipped - 1).batch();
            assertTrue(lastBatch < 0 || expected.get(shipped).batch() != lastBatch,
                    context + ": the batch at position " + (shipped - 1) + " is cut");
        }
    }

    /** The shipper's local mark of how far it shipped ("" before the first commit). */
    private static String mark(Path ledger) throws java.io.IOException {
        final Path file = ledger.resolve("shipped").resolve("crash.properties");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
