package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several openers creating the same new ledger at once all open it, with one identity and one roll cycle (the
 * winner's, whatever each asked for), even when the winner has already put its own files next to the marker by the
 * time a loser looks (as a writer does with its lock file).
 */
class LedgerDirectoryRaceTest {
    private static final int OPENERS = 4;
    private static final int ROUNDS = 150;
    private static final List<RollCycle> CYCLES = List.of(RollCycles.FAST_DAILY, TestRollCycles.TEST_SECONDLY,
            RollCycles.FAST_HOURLY, TestRollCycles.TEST_DAILY);

    @TempDir
    Path root;

    @Test
    void concurrentCreatorsAgreeOnOneLedger() throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(OPENERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                final Path dir = root.resolve("ledger-" + round);
                final CyclicBarrier start = new CyclicBarrier(OPENERS);
                final List<Future<String>> identities = new ArrayList<>();
                for (int i = 0; i < OPENERS; i++) {
                    final int opener = i;
                    identities.add(pool.submit(() -> {
                        start.await();
                        final LedgerDirectory layout = LedgerDirectory.open(dir, true,
                                CYCLES.get(opener % CYCLES.size()));
                        Files.writeString(dir.resolve("after-open-" + opener), "x");
                        return layout.identityHi() + ":" + layout.identityLo() + " " + layout.rollCycle();
                    }));
                }
                final String first = identities.get(0).get();
                for (Future<String> identity : identities) {
                    assertEquals(first, identity.get(), "round " + round);
                }
                assertEquals(first.substring(first.indexOf(' ') + 1),
                        String.valueOf(LedgerDirectory.open(dir, false, JournalRollCycle.DEFAULT).rollCycle()),
                        "round " + round + ": the recorded roll cycle");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
