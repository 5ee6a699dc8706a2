package io.experienceledger.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The report's charts as standalone SVG: horizontal bars on a log scale, and latency-by-percentile curves. */
final class Charts {
    /** One bar: its label, value, and the series it belongs to (which decides its colour). */
    record Bar(String label, double value, String series) {
    }

    private static final int WIDTH = 760;
    private static final int LEFT = 230;
    private static final int RIGHT = 40;
    private static final String FONT = "font-family=\"Helvetica, Arial, sans-serif\"";

    private Charts() {
    }

    /** Colour of a series: the engine blue, raw Chronicle grey, in-memory green, SQLite orange. */
    static String colour(String series) {
        return switch (series) {
            case "engine" -> "#1f6fb4";
            case "raw" -> "#8a8a8a";
            case "memory" -> "#3a9a3a";
            case "sqlite" -> "#e07b1a";
            default -> "#7a52a8";
        };
    }

    /** Horizontal bars, log-scaled, each labelled with its value formatted by {@code format}. */
    static String bars(String title, String axis, List<Bar> bars, String format) {
        final int rowHeight = 26;
        final int top = 48;
        final int height = top + bars.size() * rowHeight + 46;
        final double min = bars.stream().mapToDouble(Bar::value).min().orElse(1);
        final double max = bars.stream().mapToDouble(Bar::value).max().orElse(10);
        final double lo = Math.pow(10, Math.floor(Math.log10(min)));
        final double hi = Math.pow(10, Math.ceil(Math.log10(max * 1.0001)));
        final double span = WIDTH - LEFT - RIGHT;
        final StringBuilder svg = header(height, title);
        for (double tick = lo; tick <= hi * 1.0001; tick *= 10) {
            final double x = LEFT + span * Math.log10(tick / lo) / Math.log10(hi / lo);
            svg.append(line(x, top - 6, x, top + bars.size() * rowHeight, "#dddddd"));
            svg.append(text(x, top + bars.size() * rowHeight + 16, "middle", 11, "#555555", human(tick)));
        }
        for (int i = 0; i < bars.size(); i++) {
            final Bar bar = bars.get(i);
            final double y = top + i * rowHeight;
            final double w = Math.max(1, span * Math.log10(bar.value / lo) / Math.log10(hi / lo));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    LEFT, y + 4, w, rowHeight - 8, colour(bar.series)));
            svg.append(text(LEFT - 8, y + rowHeight / 2.0 + 4, "end", 12, "#222222", bar.label));
            svg.append(text(LEFT + w + 5, y + rowHeight / 2.0 + 4, "start", 11, "#222222",
                    String.format(Locale.ROOT, format, bar.value)));
        }
        svg.append(text(LEFT + span / 2, height - 10, "middle", 12, "#333333", axis));
        return svg.append("</svg>\n").toString();
    }

    /**
     * Latency against percentile, both on log scales: x runs over 0, 90, 99, ... 99.999%, y is microseconds. One
     * curve per histogram (nanoseconds), coloured by {@code series}.
     */
    static String percentiles(String title, Map<String, Histogram> curves, Map<String, String> series) {
        final int height = 380;
        final int top = 48;
        final int bottom = height - 56;
        final int left = 70;
        final double xSpan = WIDTH - left - RIGHT;
        final double maxNines = 5;
        final double maxMicros = curves.values().stream().mapToDouble(h -> h.getMaxValue() / 1000.0).max().orElse(10);
        final double minMicros = curves.values().stream()
                .mapToDouble(h -> Math.max(0.01, h.getValueAtPercentile(0) / 1000.0)).min().orElse(0.1);
        final double lo = Math.pow(10, Math.floor(Math.log10(minMicros)));
        final double hi = Math.pow(10, Math.ceil(Math.log10(maxMicros * 1.0001)));
        final StringBuilder svg = header(height, title);
        final String[] ticks = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int n = 0; n <= maxNines; n++) {
            final double x = left + xSpan * n / maxNines;
            svg.append(line(x, top, x, bottom, "#dddddd"));
            svg.append(text(x, bottom + 16, "middle", 11, "#555555", ticks[n]));
        }
        for (double tick = lo; tick <= hi * 1.0001; tick *= 10) {
            final double y = bottom - (bottom - top) * Math.log10(tick / lo) / Math.log10(hi / lo);
            svg.append(line(left, y, WIDTH - RIGHT, y, "#dddddd"));
            svg.append(text(left - 6, y + 4, "end", 11, "#555555", human(tick)));
        }
        int legend = 0;
        for (Map.Entry<String, Histogram> curve : curves.entrySet()) {
            final StringBuilder points = new StringBuilder();
            for (int step = 0; step <= 100; step++) {
                final double nines = maxNines * step / 100.0;
                final double percentile = 100.0 * (1 - Math.pow(10, -nines));
                final double micros = Math.max(lo, curve.getValue().getValueAtPercentile(percentile) / 1000.0);
                final double x = left + xSpan * nines / maxNines;
                final double y = bottom - (bottom - top) * Math.log10(micros / lo) / Math.log10(hi / lo);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            final String colour = colour(series.getOrDefault(curve.getKey(), curve.getKey()));
            svg.append(String.format(Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" points=\"%s\"/>%n", colour,
                    points.toString().trim()));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>%n",
                    left + 12, top + 10 + legend * 18, colour));
            svg.append(text(left + 32, top + 15 + legend * 18, "start", 12, "#222222", curve.getKey()));
            legend++;
        }
        svg.append(text(left + xSpan / 2, height - 22, "middle", 12, "#333333", "percentile"));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\" font-size=\"12\" "
                        + "fill=\"#333333\" %s>microseconds (log scale)</text>%n", (top + bottom) / 2,
                (top + bottom) / 2, FONT));
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder header(int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>%n", WIDTH, height, WIDTH, height))
                .append(text(WIDTH / 2.0, 24, "middle", 15, "#111111", title));
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>%n",
                x1, y1, x2, y2, colour);
    }

    private static String text(double x, double y, String anchor, int size, String colour, String content) {
        return String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\" %s>%s</text>%n",
                x, y, anchor, size, colour, FONT, escape(content));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** 1, 10, 100, 1k, 10k, 1M ... (and 0.1, 0.01 below one). */
    static String human(double value) {
        if (value >= 1e9) {
            return trim(value / 1e9) + "G";
        }
        if (value >= 1e6) {
            return trim(value / 1e6) + "M";
        }
        if (value >= 1e3) {
            return trim(value / 1e3) + "k";
        }
        return trim(value);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2g", value);
    }
}
