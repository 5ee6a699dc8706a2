package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code ledger digest}: the head of the hash chain, to keep elsewhere and check later with verify. */
@Command(name = "digest",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the head of the ledger's hash chain: <entries>:<SHA-256 hex>.",
            "",
            "Keep it somewhere else (another machine, a ticket, a signed mail). Later, 'ledger verify --digest'"
                    + " proves that the first <entries> entries are unchanged. Exits with 3 when the journal is"
                    + " damaged."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger digest --store audit",
            "  ledger digest --store audit >> /mnt/offsite/audit-digests.txt"})
final class DigestCommand implements Callable<Integer> {
    @ParentCommand
    private Ledger ledger;

    @Mixin
    private StoreOption store;

    @Override
    public Integer call() {
        final String digest;
        try (ChronicleExperienceStore opened = Stores.openForReading(store.store)) {
            digest = opened.digest();
        }
        ledger.console().out().println(digest);
        return ExitCode.OK;
    }
}
