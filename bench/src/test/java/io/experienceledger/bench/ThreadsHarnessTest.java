package io.experienceledger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How the alternating rounds of several JVMs are put together: each count against one thread of the same round. */
class ThreadsHarnessTest {
    /** One JVM's rounds: {@code rates[round]} holds the throughput of 1, 2 and 4 threads in that round. */
    private static Properties jvm(double[]... rates) {
        final Properties results = new Properties();
        for (int round = 0; round < rates.length; round++) {
            for (int i = 0; i < ThreadsHarness.COUNTS.size(); i++) {
                results.setProperty("threads." + ThreadsHarness.COUNTS.get(i) + ".round." + (round + 1)
                        + ".appends_per_us", Double.toString(rates[round][i]));
            }
        }
        return results;
    }

    @Test
    void eachCountIsComparedWithOneThreadOfTheSameRoundAndTheMedianRatioIsJudged() {
        // the second JVM runs everything at half the speed of the first: its rounds' ratios are the same
        final Properties fast = jvm(new double[] {3.0, 3.3, 2.7}, new double[] {2.0, 2.4, 2.2});
        final Properties slow = jvm(new double[] {1.5, 1.2, 1.5}, new double[] {1.0, 1.1, 1.0});

        final Properties combined = ThreadsHarness.combine(List.of(fast, slow), 2);

        // 2 threads: ratios 1.1, 1.2, 0.8, 1.1 -> the lower middle one of four, 1.1
        assertEquals("1.100", combined.getProperty("threads.2.ratio"));
        assertEquals("0.800", combined.getProperty("threads.2.ratio.min"));
        assertEquals("1.200", combined.getProperty("threads.2.ratio.max"));
        // 4 threads: ratios 0.9, 1.1, 1.0, 1.0 -> 1.0, although its throughputs span 1.0 to 2.4
        assertEquals("1.000", combined.getProperty("threads.4.ratio"));
        assertEquals("1.000", combined.getProperty("threads.1.ratio"));
        // throughputs of 1 thread: 3.0, 2.0, 1.5, 1.0 -> 1.5
        assertEquals("1.500", combined.getProperty("threads.1.median.appends_per_us"));
        assertEquals("2", combined.getProperty("jvms"));
        assertEquals("2", combined.getProperty("rounds"));
        assertEquals("1.200", combined.getProperty("jvm.2.threads.2.round.1.appends_per_us"));
    }

    @Test
    void aJvmMissingARoundIsAnErrorNotASmallerSample() {
        final Properties full = jvm(new double[] {3.0, 3.3, 2.7}, new double[] {2.0, 2.4, 2.2});
        final Properties missingOne = jvm(new double[] {3.0, 3.3, 2.7});
        assertThrows(IllegalStateException.class, () -> ThreadsHarness.combine(List.of(full, missingOne), 2));
    }
}
