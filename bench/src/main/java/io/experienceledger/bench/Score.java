package io.experienceledger.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One JMH result as the report uses it.
 *
 * @param benchmark   {@code Class.method}
 * @param params      the {@code @Param} values
 * @param score       the primary score
 * @param error       its 99.9% confidence half-width (NaN with fewer than two iterations)
 * @param unit        the score's unit
 * @param allocPerOp  {@code gc.alloc.rate.norm}, bytes per operation (NaN without {@code -prof gc})
 * @param best        the best of its measured iterations: the shortest time, or the highest throughput
 */
record Score(String benchmark, Map<String, String> params, double score, double error, String unit,
             double allocPerOp, double best) {

    static Score of(RunResult run) {
        final String name = run.getParams().getBenchmark();
        final String[] parts = name.split("\\.");
        final Map<String, String> params = new TreeMap<>();
        for (String key : run.getParams().getParamsKeys()) {
            params.put(key, run.getParams().getParam(key));
        }
        final Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
        final boolean higherIsBetter = !run.getPrimaryResult().getScoreUnit().endsWith("/op");
        double best = Double.NaN;
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                final double value = iteration.getPrimaryResult().getScore();
                if (Double.isNaN(best) || (higherIsBetter ? value > best : value < best)) {
                    best = value;
                }
            }
        }
        return new Score(parts[parts.length - 2] + "." + parts[parts.length - 1], params,
                run.getPrimaryResult().getScore(), run.getPrimaryResult().getScoreError(),
                run.getPrimaryResult().getScoreUnit(), alloc == null ? Double.NaN : alloc.getScore(), best);
    }

    /** The score of {@code benchmark} whose params include {@code params} (key, value, key, value...). */
    static Optional<Score> find(Collection<Score> scores, String benchmark, String... params) {
        return scores.stream().filter(s -> s.benchmark.equals(benchmark) && s.has(params)).findFirst();
    }

    /**
     * For each benchmark (with its params) of {@code rounds}, the score of the round whose score is the median of
     * its rounds (the lower middle one of an even count), whole: its error and allocation are that round's.
     */
    static List<Score> medians(List<List<Score>> rounds) {
        final Map<String, List<Score>> byKey = new LinkedHashMap<>();
        for (List<Score> round : rounds) {
            for (Score score : round) {
                byKey.computeIfAbsent(score.benchmark + score.params, k -> new ArrayList<>()).add(score);
            }
        }
        final List<Score> medians = new ArrayList<>();
        for (List<Score> same : byKey.values()) {
            same.sort(Comparator.comparingDouble(Score::score));
            medians.add(same.get((same.size() - 1) / 2));
        }
        return medians;
    }

    /**
     * For each benchmark (with its params) of {@code rounds}, the round that holds its best iteration, as a score
     * whose {@link #score} is that iteration's and whose error is NaN (one iteration has none); its allocation is
     * that round's. Noise on a shared machine only ever adds time, so the least disturbed second is the closest
     * to what the code costs (Chen and Revels, "Robust benchmarking in noisy environments", 2016).
     */
    static List<Score> bests(List<List<Score>> rounds) {
        final Map<String, Score> byKey = new LinkedHashMap<>();
        for (List<Score> round : rounds) {
            for (Score score : round) {
                byKey.merge(score.benchmark + score.params, score, (a, b) -> a.betterThan(b) ? a : b);
            }
        }
        return byKey.values().stream().map(s -> new Score(s.benchmark, s.params, s.best, Double.NaN, s.unit,
                s.allocPerOp, s.best)).toList();
    }

    static List<Score> all(Collection<RunResult> runs) {
        return runs.stream().map(Score::of).toList();
    }

    /** True when this score's best iteration beats {@code other}'s (shorter time, or higher throughput). */
    private boolean betterThan(Score other) {
        return unit.endsWith("/op") ? best < other.best : best > other.best;
    }

    private boolean has(String... keyValues) {
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (!keyValues[i + 1].equals(params.get(keyValues[i]))) {
                return false;
            }
        }
        return true;
    }
}
