package io.experienceledger.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 */
record Score(String benchmark, Map<String, String> params, double score, double error, String unit,
             double allocPerOp) {

    static Score of(RunResult run) {
        final String name = run.getParams().getBenchmark();
        final String[] parts = name.split("\\.");
        final Map<String, String> params = new TreeMap<>();
        for (String key : run.getParams().getParamsKeys()) {
            params.put(key, run.getParams().getParam(key));
        }
        final Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
        return new Score(parts[parts.length - 2] + "." + parts[parts.length - 1], params,
                run.getPrimaryResult().getScore(), run.getPrimaryResult().getScoreError(),
                run.getPrimaryResult().getScoreUnit(), alloc == null ? Double.NaN : alloc.getScore());
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

    static List<Score> all(Collection<RunResult> runs) {
        return runs.stream().map(Score::of).toList();
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
