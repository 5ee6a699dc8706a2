package io.experienceledger.cli;

import java.io.PrintWriter;
import java.util.function.LongFunction;

/**
 * A one-line progress bar on stderr, for terminals only ({@link Console#progressShown()}). It appears only once
 * the work has taken half a second, so quick runs print nothing, and redraws at most five times a second, so that
 * {@link #update} may be called for every item.
 */
final class Progress {
    private static final long SHOW_AFTER_NANOS = 500_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final String label;
    private final long total;
    private final LongFunction<String> unit;
    private final long started = System.nanoTime();
    private long lastDrawn = started;
    private int drawnWidth;

    private Progress(PrintWriter err, boolean enabled, String label, long total, LongFunction<String> unit) {
        this.err = err;
        this.enabled = enabled;
        this.label = label;
        this.total = total;
        this.unit = unit;
    }

    /** A bar for {@code total} items (0 or less: unknown, then only the count and rate show). */
    static Progress of(Console console, String label, long total) {
        return new Progress(console.err(), console.progressShown(), label, total, Numbers::count);
    }

    /** A bar for {@code total} bytes. */
    static Progress ofBytes(Console console, String label, long total) {
        return new Progress(console.err(), console.progressShown(), label, total, Numbers::size);
    }

    /** Reports that {@code done} items are done. */
    void update(long done) {
        if (!enabled) {
            return;
        }
        final long now = System.nanoTime();
        if (now - started < SHOW_AFTER_NANOS || now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        final StringBuilder text = new StringBuilder(100).append(label).append(' ');
        if (total > 0) {
            final double fraction = Math.min(1.0, (double) done / total);
            final int filled = (int) Math.round(fraction * BAR);
            text.append('[').append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ")
                    .append(Math.round(fraction * 100)).append("%  ")
                    .append(unit.apply(done)).append(" / ").append(unit.apply(total));
        } else {
            text.append(unit.apply(done));
        }
        final long elapsed = now - started;
        text.append("  ").append(unit.apply(Math.round(done * 1e9 / elapsed))).append("/s");
        draw(text.toString());
    }

    /** Shows a message in place of the bar (for a step that cannot report progress). */
    void message(String text) {
        if (enabled) {
            draw(label + ' ' + text);
        }
    }

    /** Removes the bar, if it was drawn. */
    void done() {
        if (drawnWidth > 0) {
            err.print('\r' + " ".repeat(drawnWidth) + '\r');
            err.flush();
            drawnWidth = 0;
        }
    }

    private void draw(String text) {
        final int pad = Math.max(0, drawnWidth - text.length());
        err.print('\r' + text + " ".repeat(pad));
        err.flush();
        drawnWidth = text.length();
    }
}
