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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several openers creating the same new ledger at once all open it, with one identity, even when the winner has
 * already put its own files next to the marker by the time a loser looks (as a writer does with its lock file).
 */
class LedgerDirectoryRaceTest {
    private static final int OPENERS = 4;
    private static final int ROUNDS = 150;

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
                        final LedgerDirectory layout = LedgerDirectory.open(dir, true);
                        Files.writeString(dir.resolve("after-open-" + opener), "x");
                        return layout.identityHi() + ":" + layout.identityLo();
                    }));
                }
                final String first = identities.get(0).get();
                for (Future<String> identity : identities) {
                    assertEquals(first, identity.get(), "round " + round);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
