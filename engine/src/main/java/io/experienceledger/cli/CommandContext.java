package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.store.ExperienceStoreException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What a command from another module ({@link CommandProvider}) shares with the built-in ones: the output streams
 * and how a ledger directory is opened (with the same errors).
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
     * Opens the ledger in {@code dir} for writing, creating it when missing, as {@code ledger append} does: waits
     * up to {@code lockWaitSeconds} for another writer to finish.
     */
    public ChronicleExperienceStore openForWriting(Path dir, int lockWaitSeconds) {
        return Stores.openForWriting(dir, lockWaitSeconds);
    }

    /** {@link #openForWriting(Path, int)}; a ledger created here is group-readable when asked (0750/0640). */
    public ChronicleExperienceStore openForWriting(Path dir, int lockWaitSeconds, boolean groupReadable) {
        return Stores.openForWriting(dir, lockWaitSeconds, io.experienceledger.journal.Durability.PAGE_CACHE, null,
                groupReadable);
    }

    /** The exit code {@code ledger} gives a failure of {@code kind} (1 not found, 2 bad input, 3 storage). */
    public int exitCode(ExperienceStoreException.Kind kind) {
        return Failures.exitCode(kind);
    }
}
