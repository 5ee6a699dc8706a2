package io.experienceledger.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.json.ConvergeJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger mirror} killed with {@code kill -9} at random moments, again and again, while two source ledgers
 * grow and ship: after every kill the central ledger holds each source entry at most once, each source tenant's
 * entries as a prefix in order, and every source batch whole or not at all; a last run to the end leaves it holding
 * the union exactly once, and a run after that appends nothing. {@code -Dmirror.crash.trials=N} runs more trials
 * (default 6, a new random seed every run); {@code -Dmirror.crash.seed=S} repeats a run.
 */
class MirrorCrashTest {
    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void aMirrorKilledAtAnyMomentLeavesEveryEntryMirroredOnce() throws Exception {
        final long seed = Long.getLong("mirror.crash.seed", System.nanoTime());
        final int trials = Integer.getInteger("mirror.crash.trials", 6);
        final Random random = new Random(seed);
        final List<Path> sources = List.of(dir.resolve("a"), dir.resolve("b"));
        final Path central = dir.resolve("central");
        final Path log = dir.resolve("mirror.log");
        final String context = "seed " + seed + " (rerun with -Dmirror.crash.seed=" + seed + ")";
        BROKER.createTopic("mirror-crash", 3);
        for (int trial = 0; trial < trials; trial++) {
            for (int s = 0; s < sources.size(); s++) {
                TestLedgers.append(sources.get(s), 1_500, seed + 2L * trial + s);
                ship(sources.get(s));
            }
            // kill while it mirrors: once its committed count passes a random point of this trial's entries
            final long killAt = mirroredSoFar(central) + 1 + random.nextInt(3_000);
            final Process mirror = mirror(central, log);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (mirroredSoFar(central) < killAt && mirror.isAlive() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            mirror.destroyForcibly();
            assertTrue(mirror.waitFor(30, TimeUnit.SECONDS), "the killed mirror is gone");
            final long held = assertOnceInOrderWholeBatches(central, sources, context + ", trial " + trial
                    + ", killed once " + killAt + " entries were committed");
            System.out.printf("MirrorCrashTest trial %d: killed at %d committed, %d of %d entries mirrored%n", trial,
                    killAt, held, 3_000 * (trial + 1));
        }
        final Process last = mirror(central, log);
        assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the last run ends");
        assertEquals(0, last.exitValue(), () -> context + ": " + read(log));
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(central).readOnly().open()) {
            MirrorTest.assertMirrorsExactly(store, sources);
            assertTrue(store.verify(null).intact(), context);
        }
        final Process again = mirror(central, log);
        assertTrue(again.waitFor(120, TimeUnit.SECONDS), "the run after the end ends");
        assertTrue(read(log).endsWith("mirrored 0 entries from 0 ledgers (" + 3_000 * trials
                + " entries mirrored into this ledger in all)\n"), () -> context + ": " + read(log));
    }

    /**
     * The central ledger holds each source entry at most once, as export printed it; each source tenant's entries
     * are a prefix of that tenant's, in order; each source batch is there whole or not at all.
     *
     * @return the entries held
     */
    private static long assertOnceInOrderWholeBatches(Path central, List<Path> sources, String context) {
        if (Files.notExists(central)) {
            return 0;
        }
        long held = 0;
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(central).readOnly().open()) {
            for (Path source : sources) {
                final String id = MirrorTest.ledgerId(source);
                final List<TestLedgers.Entry> entries = TestLedgers.entries(source);
                final boolean[] seen = new boolean[entries.size()];
                final Map<String, Integer> nextOfTenant = new HashMap<>();
                final Map<String, List<Integer>> order = new HashMap<>();
                for (int position = 0; position < entries.size(); position++) {
                    order.computeIfAbsent(String.valueOf(entries.get(position).tenant()), t -> new ArrayList<>())
                            .add(position);
                }
                final long[] count = {0};
                store.mirroring().scan(-1, (index, batch, record, origin) -> {
                    if (origin == null || !origin.ledgerId().equals(id)) {
                        return true;
                    }
                    final int position = (int) origin.position();
                    assertTrue(!seen[position], context + ": position " + position + " of " + id + " twice");
                    seen[position] = true;
                    assertEquals(entries.get(position).json(), ConvergeJson.writeAnyEnvelope(record),
                            context + ": position " + position);
                    final String tenant = String.valueOf(entries.get(position).tenant());
                    final int next = nextOfTenant.merge(tenant, 1, Integer::sum) - 1;
                    assertEquals(order.get(tenant).get(next), position, context + ": tenant " + tenant + " of " + id
                            + " is not a prefix in order");
                    count[0]++;
                    return true;
                });
                final Map<Long, int[]> batches = new HashMap<>();
                for (int position = 0; position < entries.size(); position++) {
                    if (entries.get(position).batch() >= 0) {
                        final int[] counts = batches.computeIfAbsent(entries.get(position).batch(), b -> new int[2]);
                        counts[0]++;
                        counts[1] += seen[position] ? 1 : 0;
                    }
                }
                batches.forEach((batch, counts) -> assertTrue(counts[1] == 0 || counts[1] == counts[0],
                        context + ": batch " + batch + " of " + id + " is there in part: " + counts[1] + " of "
                                + counts[0]));
                held += count[0];
            }
        }
        return held;
    }

    private static void ship(Path ledger) {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(ledger).readOnly().open();
             LedgerShipper shipper = LedgerShipper.builder(store, BROKER.bootstrapServers(), "mirror-crash")
                     .timeout(Duration.ofSeconds(20)).transactionEntries(300).build()) {
            shipper.shipAvailable();
        }
        BROKER.awaitSettled("mirror-crash");
    }

    private static Process mirror(Path central, Path log) throws Exception {
        return ShipProcess.start(log, "mirror", "--store", central.toString(), "--bootstrap-servers",
                BROKER.bootstrapServers(), "--topic", "mirror-crash", "--batch-entries", "100", "--timeout", "30");
    }

    /** The entries the mirror's mark says are committed, 0 before the first commit. */
    private static long mirroredSoFar(Path central) {
        try {
            for (String line : Files.readAllLines(central.resolve(MirrorMark.FILE))) {
                if (line.startsWith("entries=")) {
                    return Long.parseLong(line.substring("entries=".length()));
                }
            }
        } catch (java.io.IOException e) {
            // not written yet, or being replaced
        }
        return 0;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
