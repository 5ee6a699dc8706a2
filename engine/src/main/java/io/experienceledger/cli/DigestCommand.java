package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code ledger digest}: the head of the ledger's Merkle tree, to keep elsewhere and check later. */
@Command(name = "digest",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the head of the ledger's Merkle tree (RFC 9162): <tree size>:<root hash hex>.",
            "",
            "Keep it somewhere else (another machine, a ticket, a signed mail). Later, 'ledger verify --digest'"
                    + " proves that the first <tree size> entries are unchanged, and 'ledger check-proof' checks a"
                    + " proof of one entry against it without the ledger. It replaces the head of the hash chain"
                    + " that earlier versions printed. Exits with 3 when the journal is damaged."},
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
