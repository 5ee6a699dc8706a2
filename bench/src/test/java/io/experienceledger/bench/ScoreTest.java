package io.experienceledger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreTest {
    private static Score time(String benchmark, double mean, double best, double alloc) {
        return new Score(benchmark, Map.of(), mean, 1.0, "us/op", alloc, best);
    }

    private static Score throughput(String benchmark, double mean, double best) {
        return new Score(benchmark, Map.of("threads", "2"), mean, 0.1, "ops/us", Double.NaN, best);
    }

    @Test
    void bestsTakeEachMethodsShortestIterationOverItsRoundsWithThatRoundsAllocation() {
        final List<List<Score>> rounds = List.of(
                List.of(time("Q.engine", 1100, 1050, 2000), time("Q.sqlite", 13000, 12500, 900)),
                List.of(time("Q.engine", 800, 760, 2100), time("Q.sqlite", 14000, 13800, 950)),
                List.of(time("Q.engine", 1300, 1200, 2200)));

        final List<Score> bests = Score.bests(rounds);

        assertEquals(2, bests.size());
        final Score engine = Score.find(bests, "Q.engine").orElseThrow();
        assertEquals(760, engine.score());
        assertEquals(760, engine.best());
        assertEquals(2100, engine.allocPerOp(), "the allocation of the round the best second came from");
        assertTrue(Double.isNaN(engine.error()), "one iteration has no confidence interval");
        assertEquals(12500, Score.find(bests, "Q.sqlite").orElseThrow().score());
    }

    @Test
    void bestsOfThroughputTakeTheHighestIteration() {
        final List<Score> bests = Score.bests(List.of(List.of(throughput("T.engine", 2.0, 2.4)),
                List.of(throughput("T.engine", 2.5, 2.9)), List.of(throughput("T.engine", 2.2, 2.3))));

        assertEquals(2.9, Score.find(bests, "T.engine", "threads", "2").orElseThrow().score());
    }

    @Test
    void mediansTakeEachMethodsMiddleRoundWhole() {
        final List<Score> medians = Score.medians(List.of(List.of(time("Q.engine", 1100, 1050, 2000)),
                List.of(time("Q.engine", 800, 760, 2100)), List.of(time("Q.engine", 1300, 1200, 2200))));

        final Score engine = Score.find(medians, "Q.engine").orElseThrow();
        assertEquals(1100, engine.score());
        assertEquals(1.0, engine.error());
        assertEquals(2000, engine.allocPerOp());
    }
}
