package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.internal.QueryMatcher;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ledger tail}: the last entries, and with {@code --follow} every entry appended from then on. */
@Command(name = "tail",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the last entries, and with --follow new ones as they come.",
            "",
            "Prints the last N entries matching the filters (both sides, append order), as canonical converge JSON"
                    + " lines; with --follow, goes on printing entries as they are appended, also by another"
                    + " process, until Ctrl-C or until the reader of its output goes away.",
            "Kinds and chain filter engine entries; user entries match on tenant, correlation and time only, as in"
                    + " query --records. Opens the store read-only.",
            "A damaged entry is left out and named on stderr as soon as it is met (--follow goes on); the exit code"
                    + " is then 3."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger tail --store audit                 # the last 10 entries",
            "  ledger tail --store audit -n 0 --follow --tenant acme --format table",
            "  ledger tail --store audit -f --kind BudgetExceeded | head -3"})
final class TailCommand implements Callable<Integer> {
    @ParentCommand
    private Ledger ledger;

    @Mixin
    private StoreOption store;

    @Mixin
    private QueryFilters filters;

    @Mixin
    private OutputOptions output;

    @Option(names = {"-n", "--entries"}, paramLabel = "N", defaultValue = "10",
            description = "How many of the last matching entries to print first (default ${DEFAULT-VALUE}).")
    private int last;

    @Option(names = {"-f", "--follow"}, description = "Keep printing entries as they are appended.")
    private boolean follow;

    @Option(names = "--poll", paramLabel = "MILLIS", defaultValue = "100",
            description = "With --follow: how long to sleep when there is nothing new (default ${DEFAULT-VALUE} ms).")
    private int pollMillis;

    @Override
    public Integer call() {
        if (last < 0) {
            throw LedgerException.badInput("--entries must not be negative, was " + last);
        }
        if (pollMillis < 1) {
            throw LedgerException.badInput("--poll must be at least 1 ms, was " + pollMillis);
        }
        final EventQuery query = filters.query(null, ledger.console().err());
        final PrintWriter out = ledger.console().out();
        final RecordWriter writer = output.writer(out);
        final DamageNotice damage = new DamageNotice(ledger.console(), store.store);
        try (StopSignal stop = new StopSignal();
             ChronicleExperienceStore opened = Stores.openForReading(store.store)) {
            final ArrayDeque<ExperienceRecord> lastEntries = new ArrayDeque<>();
            long resume = opened.scan(-1, (index, record) -> {
                if (last > 0 && matches(query, record)) {
                    if (lastEntries.size() == last) {
                        lastEntries.removeFirst();
                    }
                    lastEntries.addLast(record);
                }
                return !stop.requested();
            });
            lastEntries.forEach(writer::write);
            out.flush();
            damage.report(opened.damage());
            while (follow && !out.checkError() && !stop.await(pollMillis)) {
                resume = opened.scan(resume, (index, record) -> {
                    if (matches(query, record)) {
                        writer.write(record);
                    }
                    return !stop.requested();
                });
                out.flush();
                damage.report(opened.damage());
            }
        }
        return damage.exitCode(ExitCode.OK);
    }

    /** The store's matching rules for one record of either side. */
    static boolean matches(EventQuery query, ExperienceRecord record) {
        return record instanceof ExperienceRecord.Engine engine ? QueryMatcher.matches(query, engine.value())
                : QueryMatcher.matchesUser(query, ((ExperienceRecord.User) record).value());
    }
}
