package io.experienceledger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.experienceledger.bench.ThreadsHarness.Appends;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How the alternating rounds of several JVMs are put together: each count against one thread of the same round. */
class ThreadsHarnessTest {
    /**
     * One JVM's rounds: {@code rates[round]} holds the throughput of 1, 2 and 4 waiting threads, then of 1, 2 and 4
     * queueing threads, in that round.
     */
    private static Properties jvm(double[]... rates) {
        final Properties results = new Properties();
        for (int round = 0; round < rates.length; round++) {
            int i = 0;
            for (Appends kind : Appends.values()) {
                for (int count : ThreadsHarness.COUNTS) {
                    results.setProperty(ThreadsHarness.rateKey(kind, count, round + 1), Double.toString(rates[round][i++]));
                }
            }
        }
        return results;
    }

    @Test
    void eachCountIsComparedWithOneThreadOfTheSameRoundAndTheMedianRatioIsJudged() {
        // the second JVM runs everything at half the speed of the first: its rounds' ratios are the same
        final Properties fast = jvm(new double[] {3.0, 3.3, 2.7, 3.0, 3.0, 3.0}, new double[] {2.0, 2.4, 2.2, 2.0, 2.0, 2.0});
        final Properties slow = jvm(new double[] {1.5, 1.2, 1.5, 1.5, 1.5, 1.5}, new double[] {1.0, 1.1, 1.0, 1.0, 1.0, 1.0});

        final Properties combined = ThreadsHarness.combine(List.of(fast, slow), 2);

        // 2 threads: ratios 1.1, 1.2, 0.8, 1.1 -> the lower middle one of four, 1.1
        assertEquals("1.100", combined.getProperty("threads.2.ratio"));
        assertEquals("0.800", combined.getProperty("threads.2.ratio.min"));
        assertEquals("1.200", combined.getProperty("threads.2.ratio.max"));
        // four ratios are too few for a 95% interval of their median: the lowest and the highest
        assertEquals("0.800", combined.getProperty("threads.2.ratio.low"));
        assertEquals("1.200", combined.getProperty("threads.2.ratio.high"));
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
    void queuedAppendsAreComparedWithTheirOwnOneThreadAndWithTheHigherOfOneQueuedAndOneWaiting() {
        // round 1: one queued thread (2.0) is slower than one waiting thread (2.5); round 2: faster (3.0 against 2.0)
        final Properties results = jvm(new double[] {2.5, 2.5, 2.5, 2.0, 2.2, 2.4}, new double[] {2.0, 2.0, 2.0, 3.0, 3.3, 3.6});

        final Properties combined = ThreadsHarness.combine(List.of(results), 2);

        // against one queued thread: 2 threads 1.1 and 1.1, 4 threads 1.2 and 1.2
        assertEquals("1.100", combined.getProperty("queued.2.ratio"));
        assertEquals("1.200", combined.getProperty("queued.4.ratio"));
        // against the higher one thread: round 1 against the waiting 2.5 (2.2 / 2.5 = 0.88, 2.4 / 2.5 = 0.96),
        // round 2 against the queued 3.0 (1.1, 1.2); the lower middle of two ratios is the lower one
        assertEquals("0.880", combined.getProperty("queued.2.ratio_to_best_one"));
        assertEquals("0.880", combined.getProperty("queued.2.ratio_to_best_one.min"));
        assertEquals("1.100", combined.getProperty("queued.2.ratio_to_best_one.max"));
        assertEquals("0.960", combined.getProperty("queued.4.ratio_to_best_one"));
        // one queued thread against the higher one thread: 0.8 and 1.0
        assertEquals("0.800", combined.getProperty("queued.1.ratio_to_best_one"));
        // throughputs of one queued thread: 2.0 and 3.0 -> the lower middle one, 2.0
        assertEquals("2.000", combined.getProperty("queued.1.median.appends_per_us"));
    }

    @Test
    void theCoresOneThreadKeepsBusyBoundWhatMoreThreadsCanReach() {
        final Properties results = jvm(new double[] {4.0, 4.0, 4.0, 2.0, 2.0, 2.0}, new double[] {2.0, 2.0, 2.0, 1.0, 1.0, 1.0});
        results.setProperty("cores", "2");
        // one waiting thread keeps 1.6 and then 2.0 cores busy; 2 waiting threads 2.0 both times
        busy(results, Appends.WAITING, 1, 1, 1.6, 1.0, 0.6, 0.0);
        busy(results, Appends.WAITING, 1, 2, 2.0, 1.0, 1.0, 0.0);
        busy(results, Appends.WAITING, 2, 1, 2.0, 1.1, 0.9, 0.0);
        busy(results, Appends.WAITING, 2, 2, 2.0, 1.1, 0.9, 0.0);

        final Properties combined = ThreadsHarness.combine(List.of(results), 2);

        // 2 cores over 1.6 and over 2.0: 1.25 and 1.0, of which the lower middle one
        assertEquals("1.000", combined.getProperty("threads.ceiling"));
        assertEquals("1.000", combined.getProperty("threads.ceiling.min"));
        assertEquals("1.250", combined.getProperty("threads.ceiling.max"));
        assertEquals("1.600", combined.getProperty("threads.1.median.cores"));
        assertEquals("0.600", combined.getProperty("threads.1.median.prefetcher_cores"));
        // 1.6 cores at 4 appends/µs: 400 ns of CPU an append; 2.0 cores at 2 appends/µs: 1,000 ns
        assertEquals("400.000", combined.getProperty("threads.1.median.cpu_ns_per_append"));
        assertEquals("1.100", combined.getProperty("threads.2.median.appending_cores"));
        // runs that did not count their cores report none
        assertNull(combined.getProperty("queued.1.median.cores"));
        assertNull(combined.getProperty("queued.ceiling"));
    }

    private static void busy(Properties results, Appends kind, int count, int round, double... cores) {
        for (ThreadsHarness.Busy busy : ThreadsHarness.Busy.values()) {
            results.setProperty(ThreadsHarness.busyKey(kind, count, round, busy), Double.toString(cores[busy.ordinal()]));
        }
    }

    @Test
    void aJvmMissingARoundIsAnErrorNotASmallerSample() {
        final Properties full = jvm(new double[] {3.0, 3.3, 2.7, 3.0, 3.0, 3.0}, new double[] {2.0, 2.4, 2.2, 2.0, 2.0, 2.0});
        final Properties missingOne = jvm(new double[] {3.0, 3.3, 2.7, 3.0, 3.0, 3.0});
        assertThrows(IllegalStateException.class, () -> ThreadsHarness.combine(List.of(full, missingOne), 2));
    }
}
