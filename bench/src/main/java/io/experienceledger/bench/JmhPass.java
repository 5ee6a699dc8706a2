package io.experienceledger.bench;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The report's quick JMH pass: one fork ({@value #THREAD_FORKS} for the thread comparison), {@value #WARMUP}
 * warm-up and {@value #MEASURED} measured iterations of one second ({@value #MEASURED_APPEND} for appends,
 * {@value #WARMUP_LONG} warm-up for queries), with the GC profiler for allocation per operation. Each benchmark
 * still forks with its own flags.
 */
final class JmhPass {
    static final int WARMUP = 2;
    static final int MEASURED = 3;
    /** Appends stall now and then on page faults of new journal files: more iterations steady their average. */
    static final int MEASURED_APPEND = 6;
    /**
     * An indexed query runs its decoder about a thousand times a second, against millions of calls a second for an
     * append or a scan's loop: on two cores the JIT's optimizing compiler finishes the query path 3-4 s into a
     * fork, so with {@value #WARMUP} warm-up iterations the first measured one still ran partly compiled code
     * (1.85 ms against 0.8 ms after). The tree class, whose pass takes most of a second, gets as many (see
     * {@link #MEASURED_TREE}).
     */
    static final int WARMUP_LONG = 6;
    /**
     * A pass of {@code TreeBenchmark} takes 0.3-0.9 s, so {@value #WARMUP} warm-up iterations are two to six passes:
     * {@code treeCatchUp} then measured 624 ± 8,265 and 772 ± 10,947 ms a pass, against 300 ± 9 and 354 ± 301 ms
     * with {@value #WARMUP_LONG} warm-up and {@value #MEASURED_TREE} measured iterations (alternating runs).
     */
    static final int MEASURED_TREE = 5;
    /**
     * Forks of each {@code ConcurrentAppendBenchmark} pass: its rows compare throughput measured in separate forks,
     * and one fork's throughput varies by a fifth and more from one start to the next on this machine.
     */
    static final int THREAD_FORKS = 3;
    /**
     * Rounds of the classes whose targets compare methods run in separate forks minutes apart ({@code QueryBenchmark}
     * and {@code TreeBenchmark}): each round runs every compared method once, and each method's median round is
     * shown, so that a stretch of minutes in which this shared machine runs slower weighs on every method alike;
     * the comparisons are judged on each method's best iteration over its rounds ({@link Score#bests}).
     */
    static final int COMPARED_ROUNDS = 3;

    private final List<Score> scores = new ArrayList<>();
    private final int measured;
    private final String[] jvmArgs;
    private int threads = 1;
    private int warmup = WARMUP;
    private int forks = 1;

    JmhPass() {
        this(MEASURED);
    }

    /** A pass with {@code measured} iterations per benchmark, its forks started with {@code jvmArgs} appended. */
    JmhPass(int measured, String... jvmArgs) {
        this.measured = measured;
        this.jvmArgs = jvmArgs.clone();
    }

    /** Runs this pass's benchmarks on {@code count} threads at once (JMH's {@code -t}); one by default. */
    JmhPass threads(int count) {
        threads = count;
        return this;
    }

    /** Runs each benchmark in {@code count} forks one after another, their iterations averaged; one by default. */
    JmhPass forks(int count) {
        forks = count;
        return this;
    }

    /** Runs {@code iterations} warm-up iterations of one second before measuring; {@value #WARMUP} by default. */
    JmhPass warmup(int iterations) {
        warmup = iterations;
        return this;
    }

    /** Runs the benchmarks matching {@code include} with {@code params} (name, values, name, values...). */
    JmhPass run(String include, String... params) {
        final ChainedOptionsBuilder options = new OptionsBuilder().include(include)
                .forks(forks).warmupIterations(warmup).warmupTime(TimeValue.seconds(1))
                .measurementIterations(measured).measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class).shouldFailOnError(true).timeout(TimeValue.minutes(5)).threads(threads);
        if (jvmArgs.length > 0) {
            // only when there are some: setting them at all changes which of the host JVM's flags a fork inherits
            options.jvmArgsAppend(jvmArgs);
        }
        for (int i = 0; i + 1 < params.length; i += 2) {
            options.param(params[i], params[i + 1].split(","));
        }
        try {
            scores.addAll(Score.all(new Runner(options.build()).run()));
        } catch (RunnerException e) {
            throw new IllegalStateException("benchmarks " + include + " failed", e);
        }
        return this;
    }

    List<Score> scores() {
        return scores;
    }

    /** The JMH settings, as the report states them. */
    static String settings() {
        return "1 fork, " + WARMUP + " warm-up + " + MEASURED + " measured iterations of 1 s (" + MEASURED_APPEND
                + " for `AppendBenchmark`, " + WARMUP_LONG + " warm-up for `QueryBenchmark`; " + THREAD_FORKS
                + " forks for `ConcurrentAppendBenchmark`; " + WARMUP_LONG + " warm-up + " + MEASURED_TREE
                + " measured for `TreeBenchmark`; " + COMPARED_ROUNDS + " rounds of `TreeBenchmark` and of the compared"
                + " methods of `QueryBenchmark`, judged on each method's best iteration), -prof gc";
    }
}
