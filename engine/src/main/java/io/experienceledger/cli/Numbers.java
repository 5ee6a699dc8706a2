package io.experienceledger.cli;

import java.util.Locale;

/** Number formats of the command's human-readable output (always with the ROOT locale: 1,234,567 and 1.5). */
final class Numbers {
    private Numbers() {
    }

    /** A count with thousands separators: {@code 200,000}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A byte size in binary units with the exact count: {@code 12.3 MiB (12,897,484 bytes)}. */
    static String bytes(long n) {
        return size(n) + " (" + count(n) + " bytes)";
    }

    /** A byte size in binary units: {@code 512 B}, {@code 12.3 MiB}. */
    static String size(long n) {
        if (n < 1024) {
            return n + " B";
        }
        final String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** A duration in nanoseconds, in the unit that reads best: {@code 850 ns}, {@code 12.4 µs}, {@code 3.21 ms}, {@code 4.20 s}. */
    static String duration(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** A rate per second: {@code 95,238}. */
    static String perSecond(long count, long nanos) {
        return count(nanos <= 0 ? 0 : Math.round(count * 1e9 / nanos));
    }

    /** A ratio with one decimal: {@code 53.2}. */
    static String ratio(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.1f", value);
    }
}
