package io.experienceledger.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells the user that a read met a damaged journal entry. Reads of a store leave damaged entries out and go on
 * with what they can read, so a command's output is then incomplete: after it (or, for {@code tail --follow}, as
 * soon as the damage is seen) one line on stderr names the damage and what to do, and the command exits 3.
 */
final class DamageNotice {
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private final Console console;
    private final Path store;
    private boolean reported;

    /** A notice for the store at {@code store}, the directory as the user gave it. */
    DamageNotice(Console console, Path store) {
        this.console = console;
        this.store = store;
    }

    /** Reports {@code damage}, once, when present; true when damage has been reported, now or before. */
    boolean report(Optional<String> damage) {
        if (damage.isPresent() && !reported) {
            reported = true;
            console.out().flush();
            console.err().println(message(damage.get(), store));
            console.err().flush();
        }
        return reported;
    }

    /** {@code code}, or 3 (storage error) once damage was reported. */
    int exitCode(int code) {
        return reported ? ExitCode.STORAGE_ERROR : code;
    }

    /** The line reporting {@code damage} of the ledger at {@code store}. */
    static String message(String damage, Path store) {
        return "the journal is damaged: " + damage.replaceFirst("; run verify$", "")
                + "; the output leaves out what could not be read. Run: ledger verify --store " + shellWord(store);
    }

    /** The warning of an append that succeeded in a ledger whose journal has {@code damage}. */
    static String appendedDespite(String damage, Path store) {
        return "warning: the journal is damaged: " + damage.replaceFirst("; run verify$", "")
                + "; the envelopes were appended, but reads leave out what cannot be read. Run: ledger verify --store "
                + shellWord(store);
    }

    /** {@code path} as a shell word that can be pasted: quoted when it holds anything but plain characters. */
    static String shellWord(Path path) {
        final String text = path.toString();
        return PLAIN_WORD.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
