package io.experienceledger.journal;

import io.experienceledger.model.ExperienceRecord;

/**
 * Receives the visible entries of a ledger in append order with what a consumer needs to keep its atomic batches
 * whole: {@link ChronicleExperienceStore#scanEntries}. Shipping to another system uses it to never split a batch.
 */
@FunctionalInterface
public interface EntryVisitor {
    /**
     * One visible entry.
     *
     * @param journalIndex the entry's position in the journal (ascending, not dense)
     * @param batch        the journal index of the begin marker of the atomic batch the entry belongs to, the same
     *                     for every entry of that batch; -1 for an entry appended alone
     * @param record       the engine or user envelope that was appended
     * @return true to go on, false to stop the scan
     */
    boolean visit(long journalIndex, long batch, ExperienceRecord record);
}
