package io.experienceledger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a Kafka harness picks the runs it reports: the median and the best of a target's rounds. */
class RunTest {
    private static final Cpu IDLE = new Cpu(Map.of(), Map.of(), 0, 0, 0, 0, 0);

    private static Run run(long entries, long millis) {
        return new Run("mirror", entries, millis * 1_000_000L, 0, IDLE, IDLE, null);
    }

    @Test
    void theBestRunIsTheOneOfHighestThroughputAndTheMedianTheMiddleOne() {
        final Run slow = run(200_000, 1_300);
        final Run fast = run(200_000, 700);
        final Run middle = run(200_000, 900);
        final Run slower = run(200_000, 1_250);
        final Run fastest = run(200_000, 650);
        final List<Run> rounds = List.of(slow, fast, middle, slower, fastest);

        assertSame(fastest, Run.best(rounds));
        assertSame(middle, Run.median(rounds));
        assertEquals(200_000 / 0.65, Run.best(rounds).perSecond(), 1e-6);
    }
}
