package io.experienceledger.cli;

/**
 * An expected failure of a command: its message is printed on stderr, without a stack trace, and the command
 * exits with {@link #exitCode()}.
 */
final class LedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    LedgerException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    LedgerException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad input or usage (exit 2). */
    static LedgerException badInput(String message) {
        return new LedgerException(ExitCode.BAD_INPUT, message);
    }

    /** Not found (exit 1). */
    static LedgerException notFound(String message) {
        return new LedgerException(ExitCode.NOT_FOUND, message);
    }

    /** A storage or file-system failure (exit 3). */
    static LedgerException storage(String message, Throwable cause) {
        return new LedgerException(ExitCode.STORAGE_ERROR, message, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
