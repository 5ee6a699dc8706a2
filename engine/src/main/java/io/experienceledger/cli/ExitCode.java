package io.experienceledger.cli;

/** The exit codes of every {@code ledger} command. */
final class ExitCode {
    /** The command did what was asked. */
    static final int OK = 0;
    /** What was asked for does not exist: no ledger at the directory, no trace under the id. */
    static final int NOT_FOUND = 1;
    /** Bad input or usage: an unknown option or kind, an invalid line, an invalid envelope or query. */
    static final int BAD_INPUT = 2;
    /** The store or the file system failed (or found damage). */
    static final int STORAGE_ERROR = 3;

    private ExitCode() {
    }
}
