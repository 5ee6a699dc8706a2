package io.experienceledger.journal;

import io.experienceledger.model.ExperienceRecord;

/** Receives ledger entries in append order from {@link ChronicleExperienceStore#scan}. */
@FunctionalInterface
public interface RecordVisitor {
    /**
     * One visible entry.
     *
     * @param journalIndex the entry's position in the journal (ascending, not dense)
     * @param record       the engine or user envelope that was appended
     * @return true to go on, false to stop the scan
     */
    boolean visit(long journalIndex, ExperienceRecord record);
}
