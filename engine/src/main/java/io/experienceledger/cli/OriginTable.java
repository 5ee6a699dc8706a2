package io.experienceledger.cli;

import io.experienceledger.journal.OriginStats;
import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/** The per-origin table of a central ledger ({@code ledger stats}) and its findings ({@code ledger verify}). */
final class OriginTable {
    private OriginTable() {
    }

    static void print(PrintWriter out, Map<String, OriginStats> origins) {
        final String row = "%-32s  %12s  %12s  %12s  %10s  %10s  %s%n";
        out.println();
        out.printf(row, "ORIGIN", "ENTRIES", "FIRST", "LAST", "MISSING", "DUPLICATES", "GAPS");
        origins.forEach((id, stats) -> out.printf(row, id, Numbers.count(stats.entries()),
                Numbers.count(stats.firstPosition()), Numbers.count(stats.lastPosition()),
                Numbers.count(stats.missing()), Numbers.count(stats.duplicates()), gaps(stats)));
    }

    /**
     * One line for each origin with missing or duplicated positions, e.g. {@code origin 0123…: 150 positions
     * missing (0-149), 0 duplicated}; none when every origin is whole.
     */
    static void findings(PrintWriter out, Map<String, OriginStats> origins) {
        origins.forEach((id, stats) -> {
            if (stats.missing() > 0 || stats.duplicates() > 0) {
                out.printf("origin %s: %s positions missing%s, %s duplicated%n", id, Numbers.count(stats.missing()),
                        stats.missing() == 0 ? "" : " (" + gaps(stats) + ")", Numbers.count(stats.duplicates()));
            }
        });
    }

    private static String gaps(OriginStats stats) {
        if (stats.gaps().isEmpty()) {
            return "-";
        }
        final String listed = stats.gaps().stream().map(Object::toString).collect(Collectors.joining(", "));
        final long runs = stats.gaps().size();
        return runs < OriginStats.GAPS_LISTED ? listed : listed + ", ...";
    }
}
