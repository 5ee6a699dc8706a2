package io.experienceledger.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a command reads and writes: data on {@link #out()} (UTF-8, buffered), messages and progress on
 * {@link #err()}, input from {@link #in()}. {@link #progressShown()} is true when stderr is a terminal, so that
 * progress bars never end up in a log file or a test's captured output. {@link #outputFailure()} keeps the first
 * error writing the data, which {@link PrintWriter} itself only flags.
 */
final class Console {
    private final FailureRecordingWriter output;
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final boolean progressShown;
    private final boolean inputTyped;

    Console(Writer out, PrintWriter err, InputStream in, boolean progressShown) {
        this(out, err, in, progressShown, false);
    }

    private Console(Writer out, PrintWriter err, InputStream in, boolean progressShown, boolean inputTyped) {
        this.output = new FailureRecordingWriter(out);
        this.out = new PrintWriter(output, false);
        this.err = err;
        this.in = in;
        this.progressShown = progressShown;
        this.inputTyped = inputTyped;
    }

    /**
     * The process's standard streams. Standard output is written through its file descriptor, not through
     * {@code System.out}, so that a failed write (a closed pipe of {@code ledger export | head}, a full disk)
     * shows up in {@link PrintWriter#checkError()} and {@link #outputFailure()}, and the command can stop.
     */
    static Console system() {
        final Writer out = new OutputStreamWriter(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), StandardCharsets.UTF_8);
        final PrintWriter err = new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        return new Console(out, err, System.in, isTerminal(2), isTerminal(0));
    }

    PrintWriter out() {
        return out;
    }

    /** The first error writing {@link #out()}, or null while every write has succeeded. */
    IOException outputFailure() {
        return output.failure();
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

    /** True when standard input is a terminal: someone would have to type the input. */
    boolean inputTyped() {
        return inputTyped;
    }

    /** True when file descriptor {@code fd} is a terminal (Linux: /proc/self/fd/N links to a tty) and TERM is not dumb. */
    private static boolean isTerminal(int fd) {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        final Path link = Path.of("/proc/self/fd/" + fd);
        try {
            final String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
