package io.experienceledger.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How the throughput rounds of several JVMs are put together: best of any JVM, median of all, the first as base. */
class JvmRoundsTest {
    private static Properties jvm(String extra, double[] mirror, double[] bare) {
        final Properties results = new Properties();
        results.setProperty("note", extra);
        for (int i = 0; i < mirror.length; i++) {
            results.setProperty("mirror.round." + (i + 1) + ".entries_per_s", Double.toString(mirror[i]));
        }
        for (int i = 0; i < bare.length; i++) {
            results.setProperty("bare.round." + (i + 1) + ".entries_per_s", Double.toString(bare[i]));
        }
        return results;
    }

    @Test
    void eachTargetIsJudgedOnItsBestRoundInAnyJvmAndTheFirstJvmsResultsAreTheBase() {
        // the mirror is at its best in the second JVM, bare in the first: the two bests come from different JVMs
        final Properties first = jvm("first", new double[] {180_000, 200_000, 190_000},
                new double[] {400_000, 390_000, 380_000});
        final Properties second = jvm("second", new double[] {300_000, 290_000, 310_000},
                new double[] {250_000, 260_000, 240_000});

        final Properties combined = JvmRounds.combine(List.of(first, second), "mirror", "bare");

        assertEquals("first", combined.getProperty("note"));
        assertEquals("180000.0", combined.getProperty("mirror.round.1.entries_per_s"));
        assertEquals("2", combined.getProperty("jvms"));
        assertEquals("310000", combined.getProperty("mirror.best.entries_per_s"));
        assertEquals("400000", combined.getProperty("bare.best.entries_per_s"));
        assertEquals("0.775", combined.getProperty("mirror.bare.best.ratio"));
        assertEquals("200000", combined.getProperty("jvm.1.mirror.best.entries_per_s"));
        assertEquals("190000", combined.getProperty("jvm.1.mirror.median.entries_per_s"));
        assertEquals("260000", combined.getProperty("jvm.2.bare.best.entries_per_s"));
        assertEquals("250000", combined.getProperty("jvm.2.bare.median.entries_per_s"));
        // all six rounds: mirror 180, 190, 200, 290, 300, 310 → 200 (the lower middle); bare 240 ... 400 → 260
        assertEquals("0.769", combined.getProperty("mirror.bare.all.ratio"));
    }

    @Test
    void aJvmWithoutRoundsOrNoJvmAtAllIsAnError() {
        final Properties empty = new Properties();
        final Properties some = jvm("some", new double[] {1}, new double[] {2});
        assertThrows(IllegalStateException.class, () -> JvmRounds.combine(List.of(some, empty), "mirror", "bare"));
        assertThrows(IllegalArgumentException.class, () -> JvmRounds.combine(List.of(), "mirror", "bare"));
    }

    /** 1, 2, ... n in a shuffled order. */
    private static List<Double> oneTo(int n) {
        final List<Double> values = new ArrayList<>();
        for (int i = n; i >= 1; i -= 2) {
            values.add((double) i);
        }
        for (int i = n - 1; i >= 1; i -= 2) {
            values.add((double) i);
        }
        return values;
    }

    @Test
    void theMedianIntervalIsTheSignTestsOrderStatistics() {
        // the ranks of the published tables of distribution-free 95% intervals for a median
        // (n = 10: 2nd and 9th, coverage 97.9%; n = 20: 6th and 15th, 95.9%; n = 21: 6th and 16th, 97.3%)
        assertArrayEquals(new double[] {2, 9}, JvmRounds.medianInterval(oneTo(10)));
        assertArrayEquals(new double[] {6, 15}, JvmRounds.medianInterval(oneTo(20)));
        assertArrayEquals(new double[] {6, 16}, JvmRounds.medianInterval(oneTo(21)));
        // five values cannot give 95%: the lowest and the highest
        assertArrayEquals(new double[] {1, 5}, JvmRounds.medianInterval(oneTo(5)));
        assertThrows(IllegalArgumentException.class, () -> JvmRounds.medianInterval(List.of()));
    }
}
