package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.TraceLinkId;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ledger trace}: the replay trace registered under a trace link id. */
@Command(name = "trace",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the replay trace registered under a trace link id.",
            "",
            "Prints the replay trace last registered under ID (by a ReplayTraceRecorded event) as canonical JSON.",
            "Exits with 1 when no trace has that id, and with 3 when a damaged entry was met on the way (the trace"
                    + " may be in it)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger trace --store audit trace-0000042",
            "  ledger trace --store audit trace-0000042 > trace.json || echo missing"})
final class TraceCommand implements Callable<Integer> {
    @ParentCommand
    private Ledger ledger;

    @Mixin
    private StoreOption store;

    @Parameters(index = "0", paramLabel = "ID", description = "The trace link id.")
    private String traceLinkId;

    @Override
    public Integer call() {
        final Optional<ReplayTrace> trace;
        final Optional<String> damage;
        try (ChronicleExperienceStore opened = Stores.openForReading(store.store)) {
            trace = opened.getTraceLink(new TraceLinkId(traceLinkId));
            damage = opened.damage();
        }
        final String notFound = "Not found: no replay trace is registered under trace link id '" + traceLinkId + "'";
        if (trace.isEmpty() && damage.isEmpty()) {
            throw LedgerException.notFound(notFound);
        }
        final Console console = ledger.console();
        if (trace.isPresent()) {
            console.out().write(ConvergeJson.write(trace.get()));
            console.out().write('\n');
        } else {
            console.err().println(notFound);
        }
        final DamageNotice notice = new DamageNotice(console, store.store);
        notice.report(damage);
        return notice.exitCode(ExitCode.OK);
    }
}
