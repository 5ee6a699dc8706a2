package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What a command from another module ({@link CommandProvider}) shares with the built-in ones: the output streams,
 * how a ledger directory is opened (with the same errors), and how a long-running command learns that it should
 * stop (Ctrl-C, SIGTERM).
 */
public final class CommandContext {
    private final Console console;

    CommandContext(Console console) {
        this.console = console;
    }

    /** Where data goes (stdout). */
    public PrintWriter out() {
        return console.out();
    }

    /** Where messages go (stderr). */
    public PrintWriter err() {
        return console.err();
    }

    /** Opens the ledger in {@code dir} read-only, alongside a writer; a missing ledger is named as missing. */
    public ChronicleExperienceStore openForReading(Path dir) {
        return Stores.openForReading(dir);
    }

    /**
     * A stop request, raised by Ctrl-C or SIGTERM: the JVM waits a few seconds for the command to close it once
     * it has finished or undone its work.
     */
    public StopRequest stopRequest() {
        final StopSignal signal = new StopSignal();
        return new StopRequest() {
            @Override
            public boolean requested() {
                return signal.requested();
            }

            @Override
            public boolean await(long millis) {
                return signal.await(millis);
            }

            @Override
            public void close() {
                signal.close();
            }
        };
    }

    /** A stop request of a long-running command; close it when the command is done. */
    public interface StopRequest extends AutoCloseable {
        /** True once a stop was requested. */
        boolean requested();

        /** Sleeps up to {@code millis}; true when a stop was requested meanwhile. */
        boolean await(long millis);

        @Override
        void close();
    }
}
