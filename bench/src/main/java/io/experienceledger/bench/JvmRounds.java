package io.experienceledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The throughput rounds of one harness run in several JVMs, put together. A target's throughput on this machine
 * varies more from one JVM to the next than between the rounds of one JVM, as JMH's forks do; so each target is
 * judged on its best round in any of the JVMs, and the median over every JVM's rounds is reported beside it. The first JVM's results are the base (its tables, and what only it measured); each JVM's own
 * figures are kept under {@code jvm.<n>.}.
 */
final class JvmRounds {
    private JvmRounds() {
    }

    /**
     * The results of {@code jvms} (the first one's, with the rounds of all), for the throughput of {@code over}
     * against {@code under}: {@code <target>.best.entries_per_s} and {@code <over>.<under>.best.ratio} become those
     * of the best round of any JVM, {@code <over>.<under>.all.ratio} is the ratio of the medians of all rounds.
     */
    static Properties combine(List<Properties> jvms, String over, String under) {
        if (jvms.isEmpty()) {
            throw new IllegalArgumentException("no JVM's results to combine");
        }
        final Properties combined = new Properties();
        combined.putAll(jvms.get(0));
        combined.setProperty("jvms", Integer.toString(jvms.size()));
        for (int jvm = 1; jvm <= jvms.size(); jvm++) {
            final Properties results = jvms.get(jvm - 1);
            for (String target : List.of(over, under)) {
                combined.setProperty("jvm." + jvm + "." + target + ".best.entries_per_s",
                        fmt(best(rounds(results, target))));
                combined.setProperty("jvm." + jvm + "." + target + ".median.entries_per_s",
                        fmt(median(rounds(results, target))));
            }
        }
        final List<Double> overRounds = new ArrayList<>();
        final List<Double> underRounds = new ArrayList<>();
        for (Properties results : jvms) {
            overRounds.addAll(rounds(results, over));
            underRounds.addAll(rounds(results, under));
        }
        final double bestOver = best(overRounds);
        final double bestUnder = best(underRounds);
        combined.setProperty(over + ".best.entries_per_s", fmt(bestOver));
        combined.setProperty(under + ".best.entries_per_s", fmt(bestUnder));
        combined.setProperty(over + "." + under + ".best.ratio", String.format(Locale.ROOT, "%.3f",
                bestOver / bestUnder));
        combined.setProperty(over + "." + under + ".all.ratio", String.format(Locale.ROOT, "%.3f",
                median(overRounds) / median(underRounds)));
        return combined;
    }

    /** The counted rounds' throughput of {@code target}: {@code <target>.round.<n>.entries_per_s} from 1 on. */
    static List<Double> rounds(Properties results, String target) {
        final List<Double> rounds = new ArrayList<>();
        for (int round = 1; ; round++) {
            final String value = results.getProperty(target + ".round." + round + ".entries_per_s");
            if (value == null) {
                break;
            }
            rounds.add(Double.parseDouble(value));
        }
        if (rounds.isEmpty()) {
            throw new IllegalStateException("a JVM reported no rounds of " + target);
        }
        return rounds;
    }

    private static double best(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /**
     * A distribution-free interval of at least 95% confidence for the median of what {@code values} sample: the
     * {@code k}-th lowest and the {@code k}-th highest value, {@code k} the largest rank whose binomial tail
     * {@code P(Bin(n, 1/2) < k)} is at most 2.5% (the sign test's interval; 21 values give the 6th and the 16th).
     * Fewer than 6 values give no such interval: then the lowest and the highest.
     *
     * @return {low, high}
     */
    static double[] medianInterval(List<Double> values) {
        final double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        final int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("no values");
        }
        // P(Bin(n, 1/2) <= j), accumulated while it stays within 2.5%
        double term = Math.pow(0.5, n);
        double tail = term;
        int k = 0;
        while (tail <= 0.025 && k < n / 2) {
            k++;
            term = term * (n - k + 1) / k;
            tail += term;
        }
        final int rank = Math.max(k, 1);
        return new double[] {sorted[rank - 1], sorted[n - rank]};
    }

    /** The median (the lower middle one of an even count), as {@link Run#median} picks. */
    static double median(List<Double> values) {
        final double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(sorted.length - 1) / 2];
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
