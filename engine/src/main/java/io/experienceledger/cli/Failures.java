package io.experienceledger.cli;

import io.experienceledger.store.ExperienceStoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns what went wrong into one line on stderr and an exit code. Expected failures ({@link LedgerException},
 * {@link ExperienceStoreException}, I/O errors) never print a stack trace; anything else is a bug and does.
 */
final class Failures {
    private Failures() {
    }

    /** A command line that does not parse: the message, a hint, exit 2. */
    static int onUsageError(CommandLine.ParameterException e, String[] args) {
        final CommandLine commandLine = e.getCommandLine();
        final PrintWriter err = commandLine.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCode.BAD_INPUT;
    }

    /**
     * After a command: its exit code, unless writing its output failed. A reader that went away (a broken pipe,
     * {@code ledger export | head}) is no failure: the command stopped quietly. Any other write error (a full
     * disk) is reported and exits 3, since the output is incomplete.
     */
    static int afterOutput(Console console, int code) {
        console.out().flush();
        final IOException failure = console.outputFailure();
        if (failure == null || readerWentAway(failure)) {
            return code;
        }
        console.err().println("writing the output failed: " + describe(failure) + "; the output is incomplete");
        console.err().flush();
        return ExitCode.STORAGE_ERROR;
    }

    /** True for the error of a write to a pipe whose reader closed it (EPIPE, which the JDK reports by name). */
    static boolean readerWentAway(IOException e) {
        final String message = e.getMessage();
        return message != null && message.contains("Broken pipe");
    }

    /** A command that failed while running. */
    static int onFailure(Exception e, Console console) {
        console.out().flush();
        final PrintWriter err = console.err();
        final int code;
        if (e instanceof LedgerException failure) {
            err.println(failure.getMessage());
            code = failure.exitCode();
        } else if (e instanceof ExperienceStoreException failure) {
            err.println(failure.getMessage());
            code = exitCode(failure.kind());
        } else if (e instanceof UncheckedIOException || e instanceof IOException) {
            final Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
            err.println("I/O error: " + describe(cause));
            code = ExitCode.STORAGE_ERROR;
        } else {
            err.println("unexpected error (please report it): " + e);
            e.printStackTrace(err);
            code = ExitCode.STORAGE_ERROR;
        }
        err.flush();
        return afterOutput(console, code);
    }

    /** The exit code of a store error kind: not found 1, invalid query 2, storage error 3. */
    static int exitCode(ExperienceStoreException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> ExitCode.NOT_FOUND;
            case INVALID_QUERY -> ExitCode.BAD_INPUT;
            case STORAGE_ERROR -> ExitCode.STORAGE_ERROR;
        };
    }

    /** An exception's message, or its class name when it has none (NoSuchFileException carries only a path). */
    static String describe(Throwable e) {
        final String message = e.getMessage();
        if (e instanceof NoSuchFileException) {
            return "no such file: " + message;
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + message;
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
