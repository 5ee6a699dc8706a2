package io.experienceledger.journal;

import io.experienceledger.model.ExperienceRecord;
import java.util.Objects;

/**
 * An engine or user envelope copied from another ledger, with where it came from: what {@link Mirroring#append}
 * takes.
 *
 * @param record the envelope, exactly as the other ledger holds it
 * @param origin its ledger and position there
 */
public record MirroredEntry(ExperienceRecord record, Origin origin) {
    public MirroredEntry {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(origin, "origin");
    }
}
