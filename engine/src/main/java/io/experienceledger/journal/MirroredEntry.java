package io.experienceledger.journal;

import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.internal.EnvelopeValidator;
import java.util.Objects;

/**
 * An engine or user envelope copied from another ledger, with where it came from: what {@link Mirroring#append}
 * takes. The envelope is checked as an append checks it when the entry is made, so that an invalid one is refused
 * where it is read, and a batch of entries is not checked a second time.
 *
 * @param record the envelope, exactly as the other ledger holds it
 * @param origin its ledger and position there
 */
public record MirroredEntry(ExperienceRecord record, Origin origin) {
    /**
     * Checks both parts.
     *
     * @throws ExperienceStoreException {@code INVALID_QUERY} naming what is wrong when the envelope is not one an
     *                                  append would accept
     */
    public MirroredEntry {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(origin, "origin");
        final String violation = EnvelopeValidator.violationOf(record);
        if (violation != null) {
            throw ExperienceStoreException.invalidQuery(violation);
        }
    }
}
