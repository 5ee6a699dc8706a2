package io.experienceledger.cli;

import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ledger} command: its subcommands, its help, and how failures become exit codes and one-line
 * messages ({@link Failures}).
 */
@Command(name = "ledger",
        mixinStandardHelpOptions = true,
        versionProvider = LedgerVersion.class,
        description = {
            "Experience Ledger: an append-only ledger of converge engine and user events.",
            "Data goes to stdout, messages to stderr.",
            "Exit codes: 0 ok, 1 not found, 2 bad input or usage, 3 storage error."},
        subcommands = {
            DemoCommand.class,
            AppendCommand.class,
            QueryCommand.class,
            TraceCommand.class,
            ExportCommand.class,
            TailCommand.class,
            StatsCommand.class,
            VerifyCommand.class,
            DigestCommand.class,
            ProveCommand.class,
            CheckProofCommand.class,
            KeygenCommand.class,
            PruneCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger demo                          # a timed workload in a temporary store",
            "  ledger append --store audit events.jsonl",
            "  ledger query --store audit --tenant acme --kind BudgetExceeded",
            "  ledger tail --store audit --follow   # watch another process append",
            "  ledger help query                    # help on one command"})
final class Ledger implements Callable<Integer> {
    private final Console console;

    @Spec
    private CommandSpec spec;

    Ledger(Console console) {
        this.console = console;
    }

    /** Runs a command line on the process's standard streams; returns the exit code. */
    static int run(String[] args) {
        final Console console = Console.system();
        try {
            return commandLine(console).execute(args);
        } finally {
            console.out().flush();
            console.err().flush();
        }
    }

    /** The configured command line reading and writing {@code console}. */
    static CommandLine commandLine(Console console) {
        final CommandLine commandLine = new CommandLine(new Ledger(console));
        // commands of other modules first: the settings below apply to the commands registered so far
        final CommandContext context = new CommandContext(console);
        for (CommandProvider provider : ServiceLoader.load(CommandProvider.class)) {
            commandLine.addSubcommand(provider.command(context));
        }
        commandLine.setOut(console.out());
        commandLine.setErr(console.err());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(Failures::onUsageError);
        commandLine.setExecutionStrategy(parsed -> Failures.afterOutput(console,
                new CommandLine.RunLast().execute(parsed)));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> Failures.onFailure(e, console));
        return commandLine;
    }

    Console console() {
        return console;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
