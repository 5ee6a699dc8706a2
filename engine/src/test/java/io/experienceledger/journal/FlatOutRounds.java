package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.store.ExperienceStoreContractTest;
import io.experienceledger.store.StoreFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Threads appending prebuilt envelopes to one store as fast as they can, round after round, until what a test
 * waits for has happened; then every thread's entries must be in the journal once each, in its order.
 */
final class FlatOutRounds {
    private static final String AT = "2026-01-01T00:00:00Z";
    private static final int PER_ROUND = 5_000;
    /**
     * The most rounds a thread appends while waiting for what the test looks for. The rounds stop as soon as it
     * happens; many are allowed because the suite runs two test JVMs on two cores, and while the other one is busy
     * the appending threads share a core and rarely meet at the lock (40 rounds once went by without a back-off).
     */
    static final int MAX_ROUNDS = 200;

    private final List<List<ExperienceEventEnvelope>> envelopes = new ArrayList<>();
    private final int[] rounds;

    /** Builds each thread's envelopes first, so that the threads only append ({@code t<thread>-<i>}, under 10 threads). */
    FlatOutRounds(int threads) {
        for (int t = 0; t < threads; t++) {
            final List<ExperienceEventEnvelope> own = new ArrayList<>(PER_ROUND);
            for (int i = 0; i < PER_ROUND; i++) {
                own.add(StoreFixtures.engine("t" + t + "-" + i, AT));
            }
            envelopes.add(own);
        }
        rounds = new int[threads];
    }

    /**
     * Every thread appends its envelopes at least once, and again until {@code happened} says so, at most
     * {@value #MAX_ROUNDS} rounds.
     */
    void run(ChronicleExperienceStore store, BooleanSupplier happened) throws Exception {
        ExperienceStoreContractTest.runConcurrently(rounds.length, t -> {
            while (rounds[t] < MAX_ROUNDS && (rounds[t] == 0 || !happened.getAsBoolean())) {
                envelopes.get(t).forEach(store::appendEvent);
                rounds[t]++;
            }
        });
    }

    /** Every entry the threads appended is in {@code store} once, in its thread's order, and nothing else is. */
    void assertEachAppendedOnceInItsThreadsOrder(ChronicleExperienceStore store) {
        final int[] next = new int[rounds.length];
        for (ExperienceEventEnvelope envelope : store.queryEvents(EventQuery.all())) {
            final String id = envelope.eventId().value();
            final int thread = id.charAt(1) - '0';
            assertEquals("t" + thread + "-" + next[thread] % PER_ROUND, id,
                    "out of its thread's order, twice or after a gap");
            next[thread]++;
        }
        for (int t = 0; t < rounds.length; t++) {
            assertEquals(rounds[t] * PER_ROUND, next[t], "thread " + t + "'s entries appended");
        }
    }
}
