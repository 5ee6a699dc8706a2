package io.experienceledger.journal;

import io.experienceledger.index.internal.SideIndex;
import io.experienceledger.merkle.MerkleHashes;
import io.experienceledger.merkle.TreeHead;

/**
 * The store's tamper evidence: {@code verify} re-reads every entry, its checksum, header and the hash chain,
 * checks the side index and the Merkle tree against the journal, and that the tree extends a digest kept from
 * earlier; {@code digest} is the tree's head ({@link LedgerTree}), to keep elsewhere and verify later.
 */
final class IntegrityCheck {
    private final Journal journal;
    private final SideIndex index;
    private final IndexCatchUp catchUp;
    private final DamageLog damage;
    private final LedgerTree tree;

    IntegrityCheck(Journal journal, SideIndex index, IndexCatchUp catchUp, DamageLog damage, LedgerTree tree) {
        this.journal = journal;
        this.index = index;
        this.catchUp = catchUp;
        this.damage = damage;
        this.tree = tree;
    }

    /** See {@link ChronicleExperienceStore#verify}. */
    VerifyReport verify(String expectedDigestOrNull) {
        return verify(expectedDigestOrNull, null);
    }

    /** See {@link ChronicleExperienceStore#verify(String, java.nio.file.Path)}. */
    VerifyReport verify(String expectedDigestOrNull, java.nio.file.Path archive) {
        final TreeHead expected = expectedDigestOrNull == null ? null : parse(expectedDigestOrNull);
        final VerifyReport journalReport = catchUp.exclusive(() -> {
            final LedgerVerifier verifier = new LedgerVerifier(journal);
            final VerifyReport report = verifier.verifyJournal();
            if (!report.intact()) {
                damage.note(report.damage());
                return report;
            }
            final String indexProblem = verifier.verifyIndex(index);
            return indexProblem == null ? report : new VerifyReport(report.entries(), report.chainHead(),
                    indexProblem, -1, null, -1);
        });
        if (!journalReport.intact()) {
            return journalReport;
        }
        final String treeProblem = tree.checkAgainstJournal();
        final TreeHead head = tree.head();
        ArchiveCheck.Report archived = null;
        if (archive != null) {
            archived = ArchiveCheck.check(archive, tree.pruneRecord(),
                    expected == null ? java.util.List.of() : java.util.List.of(expected.size()));
        }
        String problem = treeProblem != null ? treeProblem : expected == null ? null
                : extends_(head, expected, archived == null ? java.util.Map.of() : archived.roots());
        if (problem == null && archived != null && !archived.intact()) {
            problem = "the archive " + archive + " does not match the ledger: " + String.join("; ",
                    archived.problems());
        }
        return new VerifyReport(journalReport.entries(), journalReport.chainHead(), problem, -1, null, -1,
                head.toString());
    }

    /** Null when the tree {@code head} extends {@code expected}; otherwise what is wrong. */
    private String extends_(TreeHead head, TreeHead expected, java.util.Map<Long, byte[]> archivedRoots) {
        if (expected.size() > head.size()) {
            return "the digest covers " + expected.size() + " entries but the ledger has only " + head.size()
                    + ": entries were removed";
        }
        final byte[] root;
        if (archivedRoots.containsKey(expected.size())) {
            root = archivedRoots.get(expected.size());
        } else {
            try {
                root = tree.root(expected.size());
            } catch (io.experienceledger.store.ExperienceStoreException e) {
                return "the digest's tree of " + expected.size() + " entries cannot be checked here: " + e.getMessage();
            }
        }
        if (!java.util.Arrays.equals(root, expected.root())) {
            return "the tree of the first " + expected.size() + " entries has root " + MerkleHashes.hex(root)
                    + ", not the digest's " + MerkleHashes.hex(expected.root()) + ": the history up to there was"
                    + " rewritten (a digest printed before the Merkle tree, the head of the hash chain, does not"
                    + " verify: take a new one with ledger digest)";
        }
        return null;
    }

    private static TreeHead parse(String digest) {
        try {
            return TreeHead.parse(digest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a digest is <tree size>:<64 hex digits>, as `ledger digest` prints;"
                    + " got " + digest + " (" + e.getMessage() + ")", e);
        }
    }

    /** See {@link ChronicleExperienceStore#digest}. */
    String digest() {
        return tree.head().toString();
    }
}
