package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.json.ConvergeJson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code ledger export}: every envelope, both sides, in append order. */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Prints every envelope, both sides, in append order.",
            "",
            "Prints every envelope of the ledger, engine and user side, in append order, as canonical converge JSON"
                    + " lines.",
            "What was appended from canonical JSON lines comes back byte for byte, so an export can be appended to"
                    + " another ledger.",
            "Stops quietly when the reader of its output goes away (| head).",
            "Exits with 3 when the journal is damaged: what could be read is printed, and stderr names the damage."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger export --store audit > audit.jsonl",
            "  ledger export --store audit | ledger append --store copy",
            "  ledger export --store audit | head -5"})
final class ExportCommand implements Callable<Integer> {
    /** How often (in lines) the output is checked for a reader that went away. */
    private static final int CHECK_EVERY = 4096;

    @ParentCommand
    private Ledger ledger;

    @Mixin
    private StoreOption store;

    @Override
    public Integer call() {
        final PrintWriter out = ledger.console().out();
        final DamageNotice damage = new DamageNotice(ledger.console(), store.store);
        final long[] written = {0};
        try (ChronicleExperienceStore opened = Stores.openForReading(store.store)) {
            opened.scan(-1, (index, record) -> {
                out.write(ConvergeJson.writeAnyEnvelope(record));
                out.write('\n');
                return ++written[0] % CHECK_EVERY != 0 || !out.checkError();
            });
            damage.report(opened.damage());
        }
        return damage.exitCode(ExitCode.OK);
    }
}
