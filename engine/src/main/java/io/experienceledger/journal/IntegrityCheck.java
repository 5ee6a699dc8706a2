package io.experienceledger.journal;

import io.experienceledger.index.internal.SideIndex;
import io.experienceledger.store.ExperienceStoreException;

/**
 * The store's tamper evidence: {@code verify} re-reads every entry, its checksum, header and the hash chain, then
 * checks the side index against the journal; {@code digest} is the chain's head, to keep elsewhere and verify later.
 */
final class IntegrityCheck {
    private final Journal journal;
    private final SideIndex index;
    private final IndexCatchUp catchUp;
    private final DamageLog damage;

    IntegrityCheck(Journal journal, SideIndex index, IndexCatchUp catchUp, DamageLog damage) {
        this.journal = journal;
        this.index = index;
        this.catchUp = catchUp;
        this.damage = damage;
    }

    /** See {@link ChronicleExperienceStore#verify}. */
    VerifyReport verify(String expectedDigestOrNull) {
        return catchUp.exclusive(() -> {
            final LedgerVerifier verifier = new LedgerVerifier(journal);
            final VerifyReport journalReport = verifier.verifyJournal(expectedDigestOrNull);
            if (!journalReport.intact()) {
                damage.note(journalReport.damage());
                return journalReport;
            }
            final String indexProblem = verifier.verifyIndex(index);
            return indexProblem == null ? journalReport : new VerifyReport(journalReport.entries(),
                    journalReport.chainHead(), indexProblem, -1, null, -1);
        });
    }

    /** See {@link ChronicleExperienceStore#digest}. */
    String digest() {
        final VerifyReport report = new LedgerVerifier(journal).verifyJournal(null);
        if (!report.intact()) {
            throw ExperienceStoreException.storageError("the journal is damaged: " + report.damage());
        }
        return report.digest();
    }
}
