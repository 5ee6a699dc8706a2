package io.experienceledger.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a command reads and writes: data on {@link #out()} (UTF-8, buffered), messages and progress on
 * {@link #err()}, input from {@link #in()}. {@link #progressShown()} is true when stderr is a terminal, so that
 * progress bars never end up in a log file or a test's captured output.
 */
final class Console {
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final boolean progressShown;

    Console(PrintWriter out, PrintWriter err, InputStream in, boolean progressShown) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.progressShown = progressShown;
    }

    /**
     * The process's standard streams. Standard output is written through its file descriptor, not through
     * {@code System.out}, so that a closed pipe ({@code ledger export | head}) shows up in
     * {@link PrintWriter#checkError()} and the command can stop.
     */
    static Console system() {
        final PrintWriter out = new PrintWriter(new OutputStreamWriter(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), StandardCharsets.UTF_8),
                false);
        final PrintWriter err = new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        return new Console(out, err, System.in, stderrIsTerminal());
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    InputStream in() {
        return in;
    }

    boolean progressShown() {
        return progressShown;
    }

    /** True when file descriptor 2 is a terminal (Linux: /proc/self/fd/2 links to a tty) and TERM is not dumb. */
    private static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        final Path fd = Path.of("/proc/self/fd/2");
        try {
            final String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
