package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.Origin;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.ExperienceStoreException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ledger query}: the envelopes (or records) matching filters, through the side index. */
@Command(name = "query",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the envelopes or records matching filters.",
            "",
            "Prints the engine envelopes matching the filters, in append order, as canonical converge JSON lines.",
            "With --records: engine and user records, ordered by time of occurrence (user records match on tenant,"
                    + " correlation and time only).",
            "With --origin: only the entries a central ledger mirrored from that ledger (`ledger mirror`; the ids are"
                    + " in `ledger stats`).",
            "Opens the store read-only: it can run while another process appends.",
            "Exits with 3 when a damaged entry was met: the answer leaves it out, and stderr names the damage."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger query --store audit --tenant acme --kind BudgetExceeded --limit 20",
            "  ledger query --store audit --correlation run-42 --records --format table",
            "  ledger query --store audit --from 2026-04-28T00:00:00Z --to 2026-04-29",
            "  ledger query --store central --origin 0f3c...e1 --tenant acme   # one source of a central ledger"})
final class QueryCommand implements Callable<Integer> {
    @ParentCommand
    private Ledger ledger;

    @Mixin
    private StoreOption store;

    @Mixin
    private QueryFilters filters;

    @Mixin
    private OutputOptions output;

    @Option(names = "--limit", paramLabel = "N", converter = UnsignedLimit.class,
            description = "At most N results (the first N in the result order).")
    private Long limit;

    @Option(names = "--origin", paramLabel = "LEDGER_ID",
            description = "Only entries mirrored from the ledger with this id (32 hex digits, its journal.id).")
    private String origin;

    @Override
    public Integer call() {
        final EventQuery query = filters.query(limit, ledger.console().err());
        final RecordWriter writer = output.writer(ledger.console().out());
        final DamageNotice damage = new DamageNotice(ledger.console(), store.store);
        if (origin != null) {
            try {
                Origin.requireLedgerId(origin);
            } catch (ExperienceStoreException e) {
                throw LedgerException.badInput("--origin: " + e.detail());
            }
        }
        try (ChronicleExperienceStore opened = Stores.openForReading(store.store)) {
            if (output.records) {
                final List<ExperienceRecord> found = origin == null ? opened.queryRecords(query)
                        : opened.mirroring().queryRecords(query, origin);
                found.forEach(writer::write);
                writer.finish(found.size(), "record", "records");
            } else {
                final List<ExperienceEventEnvelope> found = origin == null ? opened.queryEvents(query)
                        : opened.mirroring().queryEvents(query, origin);
                found.forEach(writer::write);
                writer.finish(found.size(), "envelope", "envelopes");
            }
            damage.report(opened.damage());
        }
        return damage.exitCode(ExitCode.OK);
    }
}
