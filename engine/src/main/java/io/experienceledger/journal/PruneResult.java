package io.experienceledger.journal;

import java.util.List;

/**
 * What a prune removed (or, for a dry run, would remove).
 *
 * @param files         the journal files, oldest first
 * @param entries       the entries (tree leaves) they held
 * @param bytes         the disk space they took
 * @param firstRetained the journal index the ledger now starts at (-1 when nothing was ever pruned)
 * @param kept          why files that ended before the instant were kept, for a person; empty when none were
 * @param dryRun        true when nothing was changed
 */
public record PruneResult(List<PruneRecord.PrunedFile> files, long entries, long bytes, long firstRetained,
                          List<String> kept, boolean dryRun) {
    public PruneResult {
        files = List.copyOf(files);
        kept = List.copyOf(kept);
    }
}
