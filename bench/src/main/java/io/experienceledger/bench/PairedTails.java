package io.experienceledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One figure of a latency tail (the engine's p99.9) from rounds that each measure every number of threads one after
 * the other, so that each thread count is compared with the single thread of its own round: a stall of the machine
 * that lands in one round's single-thread run moves one ratio, not the base of every ratio.
 */
final class PairedTails {
    private final Map<Integer, List<Double>> byThreads = new TreeMap<>();

    /** The next round's figure for {@code threads} threads; each thread count's rounds are added in the same order. */
    void add(int threads, double figure) {
        byThreads.computeIfAbsent(threads, t -> new ArrayList<>()).add(figure);
    }

    boolean isEmpty() {
        return byThreads.isEmpty();
    }

    /** The figures of {@code threads} threads, round by round; empty when not measured. */
    List<Double> rounds(int threads) {
        return List.copyOf(byThreads.getOrDefault(threads, List.of()));
    }

    /**
     * Each round's figure of {@code threads} threads over the same round's figure of {@code one} thread(s); empty
     * when either was not measured.
     *
     * @throws IllegalStateException when the two have measured a different number of rounds
     */
    List<Double> ratios(int threads, int one) {
        final List<Double> many = byThreads.getOrDefault(threads, List.of());
        final List<Double> base = byThreads.getOrDefault(one, List.of());
        if (many.isEmpty() || base.isEmpty()) {
            return List.of();
        }
        if (many.size() != base.size()) {
            throw new IllegalStateException(many.size() + " rounds of " + threads + " threads but " + base.size()
                    + " of " + one + ": a round measures every thread count");
        }
        final List<Double> ratios = new ArrayList<>(many.size());
        for (int round = 0; round < many.size(); round++) {
            ratios.add(many.get(round) / base.get(round));
        }
        return ratios;
    }
}
