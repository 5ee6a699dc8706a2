package io.experienceledger.journal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link ChronicleExperienceStore#prune} removes: every journal file whose roll cycle ended before
 * {@link #before()}, except the newest file, a file whose last batch continues into the next one, and (unless
 * {@link #force()}) a file holding entries the shipper has not yet shipped.
 *
 * @param before    files whose cycle ended before this instant go
 * @param archiveTo where to move them (with what checks them later), or null to delete them
 * @param dryRun    only say what would go
 * @param force     remove entries not yet shipped too
 */
public record PruneRequest(Instant before, Path archiveTo, boolean dryRun, boolean force) {
    public PruneRequest {
        Objects.requireNonNull(before, "before");
    }

    /** Deletes the files whose cycle ended before {@code before}. */
    public static PruneRequest before(Instant before) {
        return new PruneRequest(before, null, false, false);
    }

    /** The same, moving the files to {@code dir} instead of deleting them. */
    public PruneRequest archiveTo(Path dir) {
        return new PruneRequest(before, Objects.requireNonNull(dir, "dir"), dryRun, force);
    }

    /** The same, changing nothing: the result says what would go. */
    public PruneRequest asDryRun() {
        return new PruneRequest(before, archiveTo, true, force);
    }

    /** The same, also removing entries not yet shipped. */
    public PruneRequest forced() {
        return new PruneRequest(before, archiveTo, dryRun, true);
    }
}
