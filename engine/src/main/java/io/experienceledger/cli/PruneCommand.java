package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.PruneRecord;
import io.experienceledger.journal.PruneRequest;
import io.experienceledger.journal.PruneResult;
import io.experienceledger.merkle.TreeHead;
import io.experienceledger.store.ExperienceStoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ledger prune}: removes or archives the oldest journal files while every proof of the rest still holds. */
@Command(name = "prune",
        mixinStandardHelpOptions = true,
        description = {
            "Removes the journal files whose roll cycle ended before INSTANT, or moves them to an archive.",
            "",
            "Never the newest file, never part of a batch (a file whose last batch continues into the next one"
                    + " stays), and never entries a shipper ('ledger ship') has not shipped yet unless --force. The"
                    + " ledger's tree head does not change: the tree keeps the roots of the pruned entries' complete"
                    + " subtrees, so the retained entries keep their leaf indices and their proofs, and a"
                    + " consistency proof from any head at or after the cut still verifies. The side index is"
                    + " rebuilt from the retained entries. Safe beside readers; a crash at any moment leaves the"
                    + " ledger as it was before or after each file's removal.",
            "With --archive-to, each file is copied there first with FILE.leaves (its leaf hashes) and FILE.check"
                    + " (what ties it to the ledger's tree); 'ledger verify --store DIR --archive ARCHIVE' checks"
                    + " them later.",
            "Prune runs as the ledger's writer: it waits up to --lock-wait for another writer to close. A process"
                    + " that writes all the time prunes itself (ChronicleExperienceStore.prune, or"
                    + " Builder.retainCycles for automatic retention).",
            "Exits with 0 when done (also when nothing was old enough), 2 for bad input, 3 when files were kept"
                    + " because they hold entries not yet shipped, or on a storage error."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger prune --store audit --before 2026-12-01T00:00:00Z --dry-run",
            "  ledger prune --store audit --before 2026-12-01T00:00:00Z --archive-to /mnt/cold/audit",
            "  ledger verify --store audit --archive /mnt/cold/audit"})
final class PruneCommand implements Callable<Integer> {
    @ParentCommand
    private Ledger ledger;

    @Mixin
    private StoreOption store;

    @Option(names = "--before", paramLabel = "INSTANT", required = true,
            description = "Files whose roll cycle ended before this go: ISO 8601 in UTC, e.g. 2026-12-01T00:00:00Z.")
    private String before;

    @Option(names = "--archive-to", paramLabel = "ARCHIVE_DIR",
            description = "Move the files there (created if missing), with what checks them later, instead of"
                    + " deleting them.")
    private Path archiveTo;

    @Option(names = "--dry-run", description = "Print what would go; change nothing.")
    private boolean dryRun;

    @Option(names = "--force", description = "Also remove entries not yet shipped to Kafka.")
    private boolean force;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "" + Stores.DEFAULT_LOCK_WAIT_SECONDS,
            description = "How long to wait for another process's writer lock (default ${DEFAULT-VALUE} s).")
    private int lockWaitSeconds;

    /** The ledger as its writer; a writer in another process is named, with how that process can prune. */
    private ChronicleExperienceStore openWriter() {
        try {
            return Stores.openExistingForWriting(store.store, lockWaitSeconds);
        } catch (ExperienceStoreException e) {
            if (e.kind() == ExperienceStoreException.Kind.STORAGE_ERROR
                    && e.detail().contains("is being written by another process")) {
                throw LedgerException.storage(e.detail() + " Nothing was pruned: prune is done by the ledger's"
                        + " writer. Run it once that process has closed the ledger, or let the process prune itself"
                        + " (ChronicleExperienceStore.prune, or Builder.retainCycles).", e);
            }
            throw e;
        }
    }

    @Override
    public Integer call() {
        final Instant instant;
        try {
            instant = Instant.parse(before);
        } catch (DateTimeParseException e) {
            throw LedgerException.badInput("--before must be an instant in ISO 8601 UTC, such as"
                    + " 2026-12-01T00:00:00Z; got '" + before + "'");
        }
        if (archiveTo != null && archiveTo.toAbsolutePath().normalize().startsWith(
                store.store.toAbsolutePath().normalize())) {
            throw LedgerException.badInput("--archive-to must be outside the ledger directory " + store.store);
        }
        PruneRequest request = PruneRequest.before(instant);
        if (archiveTo != null) {
            request = request.archiveTo(archiveTo);
        }
        if (dryRun) {
            request = request.asDryRun();
        }
        if (force) {
            request = request.forced();
        }
        final PrintWriter out = ledger.console().out();
        final PrintWriter err = ledger.console().err();
        try (ChronicleExperienceStore opened = openWriter()) {
            final PruneResult result = opened.prune(request);
            final String verb = dryRun ? "would remove" : archiveTo != null ? "archived" : "removed";
            for (PruneRecord.PrunedFile file : result.files()) {
                out.printf("%s %s: entries %d to %d (%d), %d bytes on disk%n", verb, file.name(), file.firstLeaf(),
                        file.endLeaf() - 1, file.leaves(), file.bytes());
            }
            boolean unshipped = false;
            for (String reason : result.kept()) {
                err.println("kept " + reason);
                unshipped |= reason.contains("not yet shipped");
            }
            if (result.files().isEmpty()) {
                out.println("nothing to prune: no journal file ended before " + instant + " that can go");
            } else {
                final TreeHead head = opened.tree().head();
                out.printf("%s %d files, %d entries, %d bytes on disk%s; tree head %s%s%n", dryRun ? "would prune" : "pruned",
                        result.files().size(), result.entries(), result.bytes(), archiveTo == null ? ""
                                : " (to " + archiveTo + ")", head, dryRun ? ""
                                : "; the ledger starts at entry " + opened.tree().prunedLeaves());
            }
            return unshipped ? ExitCode.STORAGE_ERROR : ExitCode.OK;
        }
    }
}
