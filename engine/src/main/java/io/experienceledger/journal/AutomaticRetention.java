package io.experienceledger.journal;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.RollCycle;

/**
 * The store's automatic retention ({@link ChronicleExperienceStore.Builder#retainCycles}): one daemon thread that,
 * at open and then once per roll cycle, prunes the journal files older than the newest {@code cycles} cycles. It
 * never runs on an appending thread; a failure is kept for {@link #lastFailure()} and the next pass tries again.
 */
final class AutomaticRetention implements AutoCloseable {
    private final ChronicleExperienceStore store;
    private final RollCycle rollCycle;
    private final int cycles;
    private final ScheduledExecutorService thread;
    private volatile String lastFailure;

    AutomaticRetention(ChronicleExperienceStore store, RollCycle rollCycle, int cycles) {
        this.store = store;
        this.rollCycle = rollCycle;
        this.cycles = cycles;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread daemon = new Thread(runnable, "ledger-retention");
            daemon.setDaemon(true);
            return daemon;
        });
        final long period = rollCycle.lengthInMillis();
        thread.scheduleWithFixedDelay(this::pass, 0, period, TimeUnit.MILLISECONDS);
    }

    /** One pass: the files whose cycle ended before the start of the oldest cycle kept go. */
    private void pass() {
        try {
            final long now = System.currentTimeMillis();
            final long length = rollCycle.lengthInMillis();
            final long currentStart = Math.floorDiv(now - rollCycle.defaultEpoch(), length) * length
                    + rollCycle.defaultEpoch();
            store.prune(PruneRequest.before(Instant.ofEpochMilli(currentStart - (cycles - 1L) * length)));
            lastFailure = null;
        } catch (RuntimeException e) {
            lastFailure = e.getMessage();
        }
    }

    Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
