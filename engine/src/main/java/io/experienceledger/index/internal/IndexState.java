package io.experienceledger.index.internal;

/**
 * What {@link SideIndex#open} found on disk. Every state but {@link #OPENED} means the index started empty
 * and the journal catches it up from the beginning, which rebuilds it; only the last three are damage worth
 * logging ({@link SideIndex#damageReport()} says what was wrong).
 */
public enum IndexState {
    /** A consistent index was found and opened; it answers up to its checkpoint. */
    OPENED,
    /** No index existed (first open, or the index directory was deleted); started empty. */
    CREATED,
    /** The manifest or a segment was missing, truncated, corrupt or inconsistent; started empty. */
    DAMAGED,
    /** The manifest was written by a newer major format version; started empty. */
    NEWER_FORMAT,
    /** The manifest names another journal identity; started empty. */
    FOREIGN_JOURNAL;

    /** True when the state is damage that the journal should log before it rebuilds. */
    public boolean isDamage() {
        return this == DAMAGED || this == NEWER_FORMAT || this == FOREIGN_JOURNAL;
    }
}
