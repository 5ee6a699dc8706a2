package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HelpTest {
    private static final List<String> COMMANDS = List.of("demo", "append", "query", "trace", "export", "tail", "stats", "verify", "digest");

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : COMMANDS) {
            for (Cli.Result help : List.of(Cli.run(command, "--help"), Cli.run("help", command), Cli.run(command, "-h"))) {
                assertEquals(0, help.code(), () -> command + ": " + help);
                assertEquals("", help.err());
                assertTrue(help.out().startsWith("Usage: ledger " + command + " "), help::toString);
                assertTrue(help.out().contains("\nExamples:\n  ledger " + command + " "), help::toString);
            }
        }
    }

    @Test
    void theLedgerHelpListsTheCommandsAndExitCodes() {
        final Cli.Result help = Cli.run("--help");
        assertEquals(0, help.code(), help::toString);
        for (String command : COMMANDS) {
            assertTrue(help.out().contains("\n  " + command + " "), () -> command + " missing from\n" + help.out());
        }
        assertTrue(help.out().contains("Exit codes: 0 ok, 1 not found, 2 bad input or usage, 3 storage error."),
                help.out());
        assertTrue(help.out().contains("\nExamples:\n"), help.out());
    }

    @Test
    void versionNamesTheLedgerAndTheJvm() {
        final Cli.Result version = Cli.run("--version");
        assertEquals(0, version.code(), version::toString);
        assertEquals("ledger " + BuildInfo.version(), version.lines().get(0));
        assertTrue(BuildInfo.version().matches("\\d+\\.\\d+\\.\\d+.*"), BuildInfo.version());
        assertTrue(version.lines().get(1).startsWith("Java " + Runtime.version().feature()), version.out());
        assertEquals(0, Cli.run("stats", "--version").code());
    }

    @Test
    void aMissingOrUnknownCommandIsAUsageError() {
        final Cli.Result none = Cli.run();
        assertEquals(2, none.code(), none::toString);
        assertTrue(none.err().startsWith("Missing command: one of demo, append, query, trace, export, tail, stats,"
                + " verify, digest, prove, check-proof,"
                + " keygen, prune, help"), none.err());
        final Cli.Result unknown = Cli.run("qeury", "--store", "x");
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("query"), "suggests the closest command: " + unknown.err());
        assertTrue(unknown.err().endsWith("Run 'ledger --help' for usage.\n"), unknown.err());
    }
}
