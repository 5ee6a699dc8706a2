package io.experienceledger.cli;

import io.experienceledger.files.ExposureCheck;
import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.OriginStats;
import io.experienceledger.journal.VerifyReport;
import io.experienceledger.merkle.TreeHead;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ledger verify}: re-reads the whole ledger and checks checksums, the hash chain and the side index. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Checks that nothing in the ledger was changed or damaged.",
            "",
            "Re-reads every entry and checks its checksum and header, the hash chain over all entries, the side"
                    + " index and the Merkle tree against the journal. With --digest, also checks that the ledger's"
                    + " tree extends that head (as printed by 'ledger digest' earlier): the history up to it was not"
                    + " rewritten. --checkpoint FILE --key PUB does the same with a signed checkpoint ('ledger digest"
                    + " --sign'), once its signature is checked.",
            "With --archive ARCHIVE_DIR, also checks the journal files 'ledger prune --archive-to' moved there"
                    + " against the roots the ledger kept of them, naming a file (and its first entry) that does not"
                    + " match; a --digest of a tree that ends inside the pruned entries is checked with the archive.",
            "In a ledger that mirrors others (`ledger mirror`), also reports each origin with positions missing (a gap:"
                    + " records dropped from the topic before they were mirrored) or held twice; these are findings"
                    + " about the sources' delivery, not damage, and leave the exit code at 0.",
            "Also reports, as a finding, files and directories of the ledger more open than its setting (owner-only,"
                    + " or group-readable when created so), with the chmod that fixes them; --strict makes such a"
                    + " finding exit 3.",
            "Exits with 0 when intact; otherwise names the first damaged entry (journal index, file, offset) and"
                    + " what is wrong, and exits with 3."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger verify --store audit",
            "  ledger digest --store audit > digest.txt   # keep it somewhere else",
            "  ledger verify --store audit --digest \"$(cat digest.txt)\"",
            "  ledger verify --store audit --checkpoint checkpoint.txt --key audit.key.pub",
            "  ledger verify --store audit --archive /mnt/cold/audit"})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    private Ledger ledger;

    @Mixin
    private StoreOption store;

    @Mixin
    private TrustedHead head;

    @Option(names = "--strict",
            description = "Exit with 3 also when the ledger's files are more open than its setting (readable or"
                    + " writable by other users).")
    private boolean strict;

    @Option(names = "--archive", paramLabel = "ARCHIVE_DIR",
            description = "Also check the journal files archived there by 'ledger prune --archive-to'.")
    private Path archive;

    @Override
    public Integer call() {
        final TreeHead trusted;
        try {
            trusted = head.resolve();
        } catch (TrustedHead.Untrusted e) {
            ledger.console().err().println("invalid: " + e.getMessage());
            return ExitCode.STORAGE_ERROR;
        }
        final String digest = trusted == null ? null : trusted.toString();
        final VerifyReport report;
        final Map<String, OriginStats> origins;
        final ExposureCheck.Exposure exposure;
        try (ChronicleExperienceStore opened = Stores.openForReading(store.store)) {
            exposure = opened.exposure();
            try {
                report = archive == null ? opened.verify(digest) : opened.verify(digest, archive);
            } catch (IllegalArgumentException e) {
                throw LedgerException.badInput(e.getMessage());
            }
            origins = report.intact() ? opened.stats().origins() : Map.of();
        }
        if (report.intact()) {
            ledger.console().out().printf("intact: %d journal entries, tree head %s%s%s%n", report.entries(),
                    report.digest(), digest == null ? "" : "; the history up to the given digest is unchanged",
                    archive == null ? "" : "; the archive in " + archive + " matches the ledger");
            OriginTable.findings(ledger.console().out(), origins);
            if (!exposure.none()) {
                ledger.console().out().println("finding: " + exposure.summary());
                for (ExposureCheck.Finding finding : exposure.findings()) {
                    ledger.console().out().printf("  %s is %s, expected %s%s%n", finding.path(), finding.mode(),
                            finding.expected(), finding.worldWritable() ? ": anyone may change it" : "");
                }
                return strict ? ExitCode.STORAGE_ERROR : ExitCode.OK;
            }
            return ExitCode.OK;
        }
        ledger.console().err().println("damaged: " + report.damage());
        return ExitCode.STORAGE_ERROR;
    }
}
