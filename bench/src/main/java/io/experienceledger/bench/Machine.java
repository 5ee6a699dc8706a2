package io.experienceledger.bench;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** What the report says about the machine it ran on: hardware, software, and how busy it was. */
final class Machine {
    private Machine() {
    }

    /** The CPU model from /proc/cpuinfo, or "unknown". */
    static String cpu() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown");
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Total memory in GiB, from /proc/meminfo. */
    static String memory() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(v.replaceAll("\\D", "")) / 1048576.0))
                .orElse("unknown");
    }

    static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    /** The share of CPU time a window must leave idle for {@link #awaitIdle} to call the machine idle. */
    private static final double IDLE = 0.9;
    private static final long WINDOW_SECONDS = 5;

    /**
     * Waits until the machine's CPUs were at least 90% idle over a 5-second window (the build before a report, or
     * another job, still running), for at most {@code limitSeconds}; says how that went, to print with the results.
     */
    static String awaitIdle(long limitSeconds) {
        final long start = System.nanoTime();
        double idle;
        do {
            idle = idleShare();
            if (Double.isNaN(idle)) {
                return "unknown (no /proc/stat)";
            }
            if (idle >= IDLE) {
                return String.format(Locale.ROOT, "%.0f%% idle over %d s, after %d s", 100 * idle, WINDOW_SECONDS,
                        (System.nanoTime() - start) / 1_000_000_000L);
            }
        } while (System.nanoTime() - start < limitSeconds * 1_000_000_000L);
        return String.format(Locale.ROOT, "not idle after %d s (%.0f%% idle over the last %d s); measured anyway",
                limitSeconds, 100 * idle, WINDOW_SECONDS);
    }

    /** The share of the CPUs' time spent idle (or waiting for I/O) over the next few seconds; NaN if unknown. */
    private static double idleShare() {
        final long[] before = cpuTimes();
        try {
            Thread.sleep(WINDOW_SECONDS * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
        final long[] after = cpuTimes();
        if (before == null || after == null) {
            return Double.NaN;
        }
        final long total = after[0] - before[0];
        return total <= 0 ? Double.NaN : (double) (after[1] - before[1]) / total;
    }

    /** All CPUs' time and their idle time (idle plus iowait) so far, in ticks, from /proc/stat; null if unknown. */
    private static long[] cpuTimes() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            final String[] fields = lines.findFirst().orElse("").trim().split("\\s+");
            if (fields.length < 6 || !fields[0].equals("cpu")) {
                return null;
            }
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The 1, 5 and 15 minute load averages, from /proc/loadavg. */
    static String loadAverage() {
        try {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The busiest processes right now other than this one, as "name (cpu%)". */
    static String busiestProcesses() {
        try {
            final Process ps = new ProcessBuilder("ps", "-eo", "pcpu=,pid=,comm=", "--sort=-pcpu")
                    .redirectErrorStream(true).start();
            final String self = Long.toString(ProcessHandle.current().pid());
            final List<String> busy = new ArrayList<>();
            for (String line : new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                final String[] f = line.trim().split("\\s+", 3);
                if (f.length == 3 && !f[1].equals(self) && !f[2].equals("ps") && Double.parseDouble(f[0]) >= 1.0) {
                    busy.add(f[2] + " (" + f[0] + "%)");
                }
                if (busy.size() == 4) {
                    break;
                }
            }
            ps.waitFor();
            return busy.isEmpty() ? "none above 1% CPU" : String.join(", ", busy);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** read_ahead_kb of each disk ("vda 8192"): the kernel's readahead also decides page-fault stalls of mmaps. */
    static String readAhead() {
        final List<String> disks = new ArrayList<>();
        try (Stream<Path> devices = Files.list(Path.of("/sys/block"))) {
            for (Path device : devices.sorted().toList()) {
                final String name = device.getFileName().toString();
                final Path setting = device.resolve("queue/read_ahead_kb");
                if (!name.startsWith("loop") && !name.startsWith("ram") && Files.isReadable(setting)) {
                    disks.add(name + " " + Files.readString(setting).trim() + " KiB");
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return disks.isEmpty() ? "unknown" : String.join(", ", disks);
    }

    /**
     * What the first write to a new page of a memory-mapped file costs here: a new 64 MiB file in {@code dir} is
     * mapped and one byte written to each 4 KiB page, three times; the median file's microseconds per page. Every
     * append to a new part of a journal and every first read of a mapped page pays a fault like it (raw
     * Chronicle's on its own thread), so absolute append and scan times move with it from run to run: on a
     * virtual machine it depends on how the host backs the guest's memory at the time. Empty when it cannot be
     * measured.
     */
    static Optional<Double> newPageMicros(Path dir) {
        final int size = 64 << 20;
        final int page = 4096;
        final double[] micros = new double[3];
        try {
            for (int round = 0; round < micros.length; round++) {
                final Path file = Files.createTempFile(dir, "page-cost", ".tmp");
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    final MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
                    final long start = System.nanoTime();
                    for (int at = 0; at < size; at += page) {
                        map.put(at, (byte) 1);
                    }
                    micros[round] = (System.nanoTime() - start) / 1_000.0 / (size / page);
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Arrays.sort(micros);
        return Optional.of(micros[1]);
    }

    private static Optional<String> firstValue(Path file, String key) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
