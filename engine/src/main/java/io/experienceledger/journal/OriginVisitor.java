package io.experienceledger.journal;

import io.experienceledger.model.ExperienceRecord;

/**
 * Receives the visible entries of a ledger in append order with where each came from: {@link Mirroring#scan}.
 */
@FunctionalInterface
public interface OriginVisitor {
    /**
     * One visible entry.
     *
     * @param journalIndex the entry's position in the journal (ascending, not dense)
     * @param batch        the journal index of the begin marker of its atomic batch; -1 for an entry alone
     * @param record       the engine or user envelope
     * @param origin       the ledger and position it was copied from, or null for an entry appended here
     * @return true to go on, false to stop the scan
     */
    boolean visit(long journalIndex, long batch, ExperienceRecord record, Origin origin);
}
