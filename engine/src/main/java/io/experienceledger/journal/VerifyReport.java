package io.experienceledger.journal;

/**
 * The outcome of {@link ChronicleExperienceStore#verify}: how much was checked, the heads of the hash chain and of
 * the Merkle tree, and the first problem found (all problem fields null/-1 when the ledger is intact).
 *
 * @param entries        journal entries read (envelopes and batch markers)
 * @param chainHead      the hash chain's head after the last entry read: SHA-256, 64 lowercase hex digits
 * @param problem        what is wrong with the first damaged entry, or with the index; null when intact
 * @param journalIndex   the journal index of the damaged entry, -1 when none (or when the index is at fault)
 * @param file           the journal file holding it, null when none
 * @param fileOffset     the entry's byte offset in that file, -1 when none
 * @param treeHead       the head of the ledger's Merkle tree, {@code <tree_size>:<root_hash_hex>} (what
 *                       {@code ledger digest} prints), when the journal was intact; null otherwise
 */
public record VerifyReport(long entries, String chainHead, String problem, long journalIndex, String file,
                           long fileOffset, String treeHead) {
    /** A report of the journal alone, before the tree is checked. */
    VerifyReport(long entries, String chainHead, String problem, long journalIndex, String file, long fileOffset) {
        this(entries, chainHead, problem, journalIndex, file, fileOffset, null);
    }

    /** True when no problem was found. */
    public boolean intact() {
        return problem == null;
    }

    /**
     * The problem with where it is, as one line: {@code entry <hex> in <file> at offset <n>: <problem>}, or the
     * problem alone when it is not in one entry (the index, a removed or rewritten history); null when intact.
     */
    public String damage() {
        if (problem == null || journalIndex < 0) {
            return problem;
        }
        return JournalDamage.entry(journalIndex, file, fileOffset, problem);
    }

    /** The tree head, {@code <tree_size>:<root_hash_hex>}: what {@code ledger digest} prints; null when damaged. */
    public String digest() {
        return treeHead;
    }
}
