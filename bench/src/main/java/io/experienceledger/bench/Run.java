package io.experienceledger.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * One timed throughput run of a Kafka harness ({@link ShipHarness}, {@link MirrorHarness}): entries moved, wall
 * time, and CPU time by where it was spent: the calling thread, a shipper's reading thread (which reads and encodes
 * entries ahead of the caller's sends), the Kafka client's own I/O thread (the producer's network thread; none for a
 * consumer outside a group, which does its I/O in the calling thread), the other Java threads (the broker's, and
 * the ledgers' background threads), and the rest of the process (GC, JIT).
 */
final class Run {
    /** The columns of {@link #row}. */
    static final String HEADER = String.format(Locale.ROOT, "%-15s%11s%8s%9s%9s%9s%9s%9s%9s%11s%7s%8s%n",
            "target", "entries/s", "MB/s", "caller", "reader", "net-io", "broker", "GC/JIT", "total", "alloc B/e", "GC ms", "JIT ms");

    final String name;
    final long entries;
    final long nanos;
    /** Before the clock ran: for a bare client, from creating it to its first record through (connected). */
    final long connectNanos;
    final long jitMillis;
    final long callerCpu;
    /** A shipper's reading thread ({@link KafkaHarness#READ_THREAD}); 0 for the others. */
    final long readerCpu;
    /** The client's I/O thread, when it has one. */
    final long ioCpu;
    /** Every other Java thread: the broker's, the admin and other clients' while they run, the ledgers' own. */
    final long brokerCpu;
    /** The process's threads that are not Java's (GC, JIT), and Java threads that ended during the run. */
    final long otherCpu;
    final long totalCpu;
    final long callerAlloc;
    final long gcMillis;

    /**
     * @param ioThread the name prefix of the client's I/O thread, or null when it has none
     */
    Run(String name, long entries, long nanos, long connectNanos, Cpu before, Cpu after, String ioThread) {
        this.name = name;
        this.entries = entries;
        this.nanos = nanos;
        this.connectNanos = connectNanos;
        this.jitMillis = after.jitMillis() - before.jitMillis();
        final long caller = Thread.currentThread().getId();
        this.callerCpu = after.since(before, id -> id == caller);
        this.readerCpu = after.sinceNamed(before, KafkaHarness.READ_THREAD);
        this.ioCpu = ioThread == null ? 0 : after.sinceNamed(before, ioThread);
        this.brokerCpu = after.since(before, id -> true) - callerCpu - readerCpu - ioCpu;
        this.totalCpu = after.process() - before.process();
        this.otherCpu = totalCpu - callerCpu - readerCpu - ioCpu - brokerCpu;
        this.callerAlloc = after.callerAllocated() - before.callerAllocated();
        this.gcMillis = after.gcMillis() - before.gcMillis();
    }

    double perSecond() {
        return entries * 1e9 / nanos;
    }

    /** Throughput counted from the client's creation on, its connecting included. */
    double fromNewPerSecond() {
        return entries * 1e9 / (nanos + connectNanos);
    }

    /**
     * The run's figures as {@code name=value} results, each name starting with the run's: throughput, CPU in ns
     * per entry ({@code ioName} names the I/O thread's), bytes the caller allocated per entry, GC and JIT ms.
     */
    void results(BiConsumer<String, String> put, String ioName) {
        put.accept(name + ".entries_per_s", fmt("%.0f", perSecond()));
        put.accept(name + ".cpu.caller.ns_per_entry", perEntry(callerCpu));
        put.accept(name + ".cpu.reader.ns_per_entry", perEntry(readerCpu));
        put.accept(name + ".cpu." + ioName + ".ns_per_entry", perEntry(ioCpu));
        put.accept(name + ".cpu.broker.ns_per_entry", perEntry(brokerCpu));
        put.accept(name + ".cpu.other.ns_per_entry", perEntry(otherCpu));
        put.accept(name + ".cpu.total.ns_per_entry", perEntry(totalCpu));
        put.accept(name + ".caller.alloc.bytes_per_entry", perEntry(callerAlloc));
        put.accept(name + ".gc.ms", Long.toString(gcMillis));
        put.accept(name + ".jit.ms", Long.toString(jitMillis));
    }

    /** A line of the table under {@link #HEADER}, for records whose values are {@code valueBytes} long. */
    String row(double valueBytes) {
        return fmt("%-15s%,11.0f%8.1f%9.0f%9.0f%9.0f%9.0f%9.0f%9.0f%11.0f%7d%8d%n", name, perSecond(),
                perSecond() * valueBytes / 1e6, callerCpu / (double) entries, readerCpu / (double) entries,
                ioCpu / (double) entries,
                brokerCpu / (double) entries, otherCpu / (double) entries, totalCpu / (double) entries,
                callerAlloc / (double) entries, gcMillis, jitMillis);
    }

    private String perEntry(long total) {
        return fmt("%.0f", total / (double) entries);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** The median run by throughput (the lower middle one of an even count). */
    static Run median(List<Run> runs) {
        final List<Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(a.perSecond(), b.perSecond()));
        return sorted.get((sorted.size() - 1) / 2);
    }

    /**
     * The run of the highest throughput: the one the machine disturbed least (its memory is shared with other
     * guests and slows whole rounds down, see {@code MemoryNoise}), the closest to what the code costs.
     */
    static Run best(List<Run> runs) {
        return runs.stream().max((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();
    }

    /** The median run by throughput from the client's creation on (the lower middle one of an even count). */
    static Run medianFromNew(List<Run> runs) {
        final List<Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(a.fromNewPerSecond(), b.fromNewPerSecond()));
        return sorted.get((sorted.size() - 1) / 2);
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(new long[] {entries, nanos});
    }
}
