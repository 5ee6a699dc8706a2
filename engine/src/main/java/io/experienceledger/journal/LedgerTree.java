package io.experienceledger.journal;

import io.experienceledger.files.AtomicFiles;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.json.JsonOutput;
import io.experienceledger.merkle.MerkleFrontier;
import io.experienceledger.merkle.MerkleHashes;
import io.experienceledger.merkle.MerkleProofBuilder;
import io.experienceledger.merkle.MerkleTreeFiles;
import io.experienceledger.merkle.TreeHead;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.ExperienceStoreException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The ledger's Merkle tree (RFC 9162, {@link io.experienceledger.merkle}) over its entries in the order
 * {@code ledger export} prints them, engine and user alike: leaf {@code i} is the hash of the {@code i}-th export
 * line. Derived data, like the side index: a store open for writing keeps it in {@code DIR/index/tree}
 * ({@link MerkleTreeFiles} and {@code tree.properties}, the size it covers and where the journal resumes), caught
 * up from the journal when a head or a proof is asked for, never on the append path; deleting it changes no
 * answer. A read-only store reads those files up to their committed size and hashes the rest of the journal in
 * memory (32 bytes an entry). Thread-safe.
 *
 * <p>After retention pruned the first {@code P} entries ({@link PruneRecord}), the tree keeps only the roots of
 * their complete subtrees: heads, proofs about later entries and consistency proofs from trees of at least
 * {@code P} entries are unchanged; a proof about a pruned entry is refused (check it with the archive).
 */
public final class LedgerTree {
    static final String DIRECTORY = "tree";
    private static final String CHECKPOINT = "tree.properties";

    private final Path dir;
    private final Path ledgerRoot;
    private final String ledgerId;
    private final boolean writable;
    private final JournalScans scans;
    private final StoreLifecycle lifecycle;
    private final DamageLog damage;
    private final MerkleHashes hashes = new MerkleHashes();
    private final JsonOutput line = new JsonOutput();
    /** The persisted part: read-write for a writer, read-only (or none) for a reader. */
    private MerkleTreeFiles files;
    /** A reader's leaf hashes after the persisted part. */
    private final List<byte[]> overlay = new ArrayList<>();
    /** The journal index to resume hashing after (-1: from the start). */
    private long resume = -1;
    private boolean opened;
    /** A writer's tree: its last pass read to the journal's end, and {@link #endStamp} was the journal's stamp then. */
    private boolean atEnd;
    private long endStamp;
    /** What retention pruned, as this tree last read it; null when nothing was. */
    private PruneRecord pruned;
    /** The journal's first retained index when the tree was opened: a change means another prune. */
    private long openedAtFirstRetained = -1;
    private final Journal journal;

    LedgerTree(Path indexDir, String ledgerId, boolean writable, Journal journal, JournalScans scans,
               StoreLifecycle lifecycle, DamageLog damage) {
        this.dir = indexDir.resolve(DIRECTORY);
        this.ledgerRoot = indexDir.getParent();
        this.journal = journal;
        this.ledgerId = ledgerId;
        this.writable = writable;
        this.scans = scans;
        this.lifecycle = lifecycle;
        this.damage = damage;
    }

    /**
     * The tree head of the ledger as it is now: its size (the committed entries) and root. Hashes the entries
     * appended since the last head first.
     *
     * @throws ExperienceStoreException a storage error when the tree's files cannot be read or written, or when
     *                                  the journal is damaged (a tree without the damaged entry would be wrong)
     */
    public synchronized TreeHead head() {
        while (true) {
            catchUp();
            final long size = size();
            final TreeHead head = new TreeHead(size, size == 0 ? hashes.empty() : hash(0, size));
            if (!prunedMeanwhile()) {
                return head;
            }
        }
    }

    /** The number of entries retention pruned: leaf indices below it have no proof here. */
    public synchronized long prunedLeaves() {
        catchUp();
        return prunedCount();
    }

    /** What retention pruned, or null when nothing was. */
    public synchronized PruneRecord pruneRecord() {
        catchUp();
        return pruned;
    }

    private long prunedCount() {
        return pruned == null ? 0 : pruned.entries();
    }

    /**
     * True when a reader's tree saw another process prune while it computed (its hashes below the cut may have
     * been given back): it closes its files, to open them again as the prune left them.
     */
    private boolean prunedMeanwhile() {
        if (writable || journal.refreshFirstRetained() == openedAtFirstRetained) {
            return false;
        }
        close();
        return true;
    }

    /**
     * The inclusion path (from the leaf up, RFC 9162 order) of entry {@code leafIndex} in the tree of the first
     * {@code treeSize} entries.
     *
     * @throws ExperienceStoreException invalid query when the index or size is past the ledger's end
     */
    public synchronized List<byte[]> inclusion(long leafIndex, long treeSize) {
        while (true) {
            catchUp();
            requireSize(treeSize);
            if (leafIndex < 0 || leafIndex >= treeSize) {
                throw ExperienceStoreException.invalidQuery("leaf index " + leafIndex + " is not in a tree of "
                        + treeSize + " entries");
            }
            if (leafIndex < prunedCount()) {
                throw ExperienceStoreException.invalidQuery("entry " + leafIndex + " was pruned (the ledger keeps"
                        + " entries from " + prunedCount() + " on): prove it from its archive (ledger verify"
                        + " --archive checks archived files against this ledger)");
            }
            final List<byte[]> path = new MerkleProofBuilder(this::hash).inclusion(leafIndex, treeSize);
            if (!prunedMeanwhile()) {
                return path;
            }
        }
    }

    /**
     * The consistency path from the tree of the first {@code firstSize} entries to that of the first
     * {@code secondSize}.
     *
     * @throws ExperienceStoreException invalid query unless {@code 0 <= firstSize <= secondSize <= size}
     */
    public synchronized List<byte[]> consistency(long firstSize, long secondSize) {
        while (true) {
            catchUp();
            requireSize(secondSize);
            if (firstSize < 0 || firstSize > secondSize) {
                throw ExperienceStoreException.invalidQuery("a tree of " + secondSize + " entries cannot extend one of "
                        + firstSize);
            }
            if (firstSize > 0 && firstSize < prunedCount()) {
                throw ExperienceStoreException.invalidQuery("the tree of " + firstSize + " entries ends inside the "
                        + prunedCount() + " entries retention pruned: a consistency proof from it needs their hashes,"
                        + " which only the archive has (ledger verify --digest with --archive checks such a head)");
            }
            final List<byte[]> path = new MerkleProofBuilder(this::hash).consistency(firstSize, secondSize);
            if (!prunedMeanwhile()) {
                return path;
            }
        }
    }

    /**
     * The root of the tree of the first {@code treeSize} entries. Below the pruned entries' end only the roots at
     * the ends of the removed journal files are known.
     *
     * @throws ExperienceStoreException invalid query for a size past the end, or inside the pruned part and not at
     *                                  the end of a removed file
     */
    public synchronized byte[] root(long treeSize) {
        while (true) {
            catchUp();
            requireSize(treeSize);
            final byte[] root = treeSize == 0 ? hashes.empty()
                    : treeSize < prunedCount() ? prunedRoot(treeSize) : hash(0, treeSize);
            if (!prunedMeanwhile()) {
                return root;
            }
        }
    }

    private byte[] prunedRoot(long treeSize) {
        for (PruneRecord.PrunedFile file : pruned.files()) {
            if (file.endLeaf() == treeSize) {
                return file.rootAtEnd().clone();
            }
        }
        throw ExperienceStoreException.invalidQuery("the tree of " + treeSize + " entries ends inside the "
                + prunedCount() + " entries retention pruned, not at the end of a removed journal file: its root"
                + " is known only from the archive (ledger verify --digest with --archive)");
    }

    /** The roots of the complete subtrees of the first {@code treeSize} entries, for a prune to keep (a writer's). */
    synchronized MerkleFrontier frontier(long treeSize) {
        catchUp();
        requireSize(treeSize);
        // a writer's tree: every leaf is in its files
        return files.frontier(treeSize);
    }

    /** Writes the leaf hashes of entries {@code [from, to)} to {@code target}, 32 bytes each (a writer's tree). */
    synchronized void copyLeaves(long from, long to, Path target) {
        catchUp();
        try {
            files.copyLeaves(from, to, target);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw ExperienceStoreException.storageError(e.getMessage(), e);
        }
    }

    /**
     * After {@code record} was written: drops the tree's hashes under the pruned entries, keeping their roots.
     * Returns the bytes of disk given back.
     */
    synchronized long prune(PruneRecord record) {
        catchUp();
        pruned = record;
        openedAtFirstRetained = record.firstRetained();
        if (!writable) {
            return 0;
        }
        try {
            return files.prune(record.entries(), record.frontier());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw ExperienceStoreException.storageError("the Merkle tree in " + dir + " cannot be pruned: "
                    + e.getMessage() + " (delete " + dir + " and it is rebuilt)", e);
        }
    }

    /**
     * Hashes every entry of the journal again and compares the leaves with the tree's: null when they agree,
     * otherwise the first leaf that does not (the tree's files were changed, or the journal under them).
     */
    synchronized String checkAgainstJournal() {
        while (true) {
            final String problem = compareWithJournal();
            if (!prunedMeanwhile()) {
                return problem;
            }
        }
    }

    private String compareWithJournal() {
        catchUp();
        final long[] leaf = {prunedCount()};
        final String[] problem = {null};
        final long persisted = files == null ? 0 : files.size();
        scans.scan(-1, (index, batch, record) -> {
            if (leaf[0] >= persisted) {
                return false;
            }
            if (!java.util.Arrays.equals(leafOf(record), files.leaf(leaf[0]))) {
                problem[0] = "leaf " + leaf[0] + " of the Merkle tree (journal index " + Long.toHexString(index)
                        + ") is not the hash of that entry: the tree in " + dir + " was changed; delete it and it is"
                        + " rebuilt from the journal";
                return false;
            }
            leaf[0]++;
            return true;
        });
        return problem[0];
    }

    /** The leaf hash of {@code record}: of its export line, written into the reused buffer. */
    private byte[] leafOf(ExperienceRecord record) {
        line.reset();
        ConvergeJson.writeAnyEnvelope(line, record);
        return hashes.leaf(line.array(), 0, line.size());
    }

    /** The leaf hash of an export line: {@code SHA-256(0x00 || line)}, the line without its newline. */
    public static byte[] leafHash(String exportLine) {
        return new MerkleHashes().leaf(exportLine.getBytes(StandardCharsets.UTF_8));
    }

    private long size() {
        return persisted() + overlay.size();
    }

    /** The leaves this tree does not hold in memory: in its files, or pruned. */
    private long persisted() {
        return files == null ? prunedCount() : files.size();
    }

    private void requireSize(long treeSize) {
        if (treeSize < 0 || treeSize > size()) {
            throw ExperienceStoreException.invalidQuery("the ledger has " + size() + " entries, not " + treeSize);
        }
    }

    /** The tree hash of leaves {@code [from, to)}: from the files where they reach, the overlay above them. */
    private byte[] hash(long from, long to) {
        final long persisted = persisted();
        if (to <= persisted) {
            try {
                return files != null ? files.hash(from, to) : pruned.frontier().hash(from, to);
            } catch (IllegalArgumentException e) {
                throw ExperienceStoreException.invalidQuery(e.getMessage());
            }
        }
        if (to - from == 1) {
            return overlay.get((int) (from - persisted));
        }
        final long k = MerkleProofBuilder.largestPowerOfTwoBelow(to - from);
        return hashes.node(hash(from, from + k), hash(from + k, to));
    }

    /** Opens the persisted part on first use, then hashes the entries after it. */
    private void catchUp() {
        lifecycle.checkOpen();
        try {
            if (opened && !writable && journal.firstRetained() != openedAtFirstRetained) {
                close();
            }
            if (!opened) {
                try {
                    open();
                } catch (IOException | RuntimeException e) {
                    if (files != null) {
                        files.close();
                        files = null;
                    }
                    throw e;
                }
                opened = true;
                atEnd = false;
            }
            // a writer's journal changes only through this process: unchanged since a pass that reached its end, it
            // holds nothing new (the stamp is read before the pass, so an append during it makes the next one look)
            final long stamp = journal.appendStamp();
            if (writable && atEnd && stamp == endStamp) {
                return;
            }
            final long before = size();
            final long resumeBefore = resume;
            resume = scans.scan(resume, (index, batch, record) -> {
                final byte[] leaf = leafOf(record);
                if (writable) {
                    files.append(leaf);
                } else {
                    overlay.add(leaf);
                }
                return true;
            });
            if (damage.first().isPresent()) {
                // a leaf left out would shift every later one: nothing of this pass is kept
                if (writable) {
                    files.truncate(before);
                } else {
                    overlay.subList((int) (before - persisted()), overlay.size()).clear();
                }
                resume = resumeBefore;
                throw ExperienceStoreException.storageError("the journal is damaged (" + damage.first().get()
                        + "), so the Merkle tree cannot be trusted past it; run verify");
            }
            if (writable && size() != before) {
                files.sync();
                writeCheckpoint(files.size(), resume);
            }
            atEnd = true;
            endStamp = stamp;
        } catch (UncheckedIOException | IOException e) {
            throw ExperienceStoreException.storageError("the Merkle tree in " + dir + " cannot be used: "
                    + e.getMessage() + " (delete " + dir + " and it is rebuilt from the journal)", e);
        }
    }

    /** The committed part: a checkpoint of another ledger, or none, means starting from the journal's start. */
    private void open() throws IOException {
        openedAtFirstRetained = journal.refreshFirstRetained();
        pruned = PruneRecord.read(ledgerRoot);
        if (pruned != null && !pruned.ledgerId().equals(ledgerId)) {
            throw ExperienceStoreException.storageError(ledgerRoot.resolve(PruneRecord.FILE) + " belongs to ledger "
                    + pruned.ledgerId() + ", not to this one (" + ledgerId + "); restore this ledger's own record");
        }
        openFiles();
        if (pruned == null || files == null && !writable) {
            return;
        }
        if (files != null && files.prunedLeaves() < pruned.entries()) {
            if (files.size() >= pruned.entries() && writable) {
                // a prune that stopped before the tree gave its hashes back: finish it
                files.prune(pruned.entries(), pruned.frontier());
            } else if (writable) {
                // the tree is behind the pruned entries (deleted, or never built): start again at their frontier
                files.close();
                deleteTreeFiles();
                files = MerkleTreeFiles.open(dir);
                files.startAt(pruned.frontier());
                resume = -1;
            } else {
                files.close();
                files = null;
                resume = -1;
            }
        }
    }

    private void deleteTreeFiles() throws IOException {
        try (java.util.stream.Stream<Path> listed = Files.list(dir)) {
            for (Path file : (Iterable<Path>) listed::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void openFiles() throws IOException {
        final Properties checkpoint = readCheckpoint();
        long leaves = 0;
        if (checkpoint != null && ledgerId.equals(checkpoint.getProperty("journal.id"))) {
            leaves = Long.parseLong(checkpoint.getProperty("leaves"));
            resume = Long.parseLong(checkpoint.getProperty("journal.index"));
        }
        if (writable) {
            files = MerkleTreeFiles.open(dir);
            // a pruned tree cannot go back below its kept roots: it hashes again from the first retained entry
            final long floor = files.prunedLeaves();
            if (files.size() < leaves) {
                // files behind their checkpoint: not ours to trust; hash everything again
                leaves = floor;
                resume = -1;
            }
            if (leaves <= floor) {
                leaves = floor;
                resume = -1;
            }
            files.truncate(leaves);
        } else if (leaves > 0 && MerkleTreeFiles.exists(dir)) {
            files = MerkleTreeFiles.openReadOnly(dir, leaves);
            if (files.size() < leaves) {
                files.close();
                files = null;
                resume = -1;
            }
        } else {
            resume = -1;
        }
    }

    private Properties readCheckpoint() {
        final Path file = dir.resolve(CHECKPOINT);
        if (Files.notExists(file)) {
            return null;
        }
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            Long.parseLong(properties.getProperty("leaves", ""));
            Long.parseLong(properties.getProperty("journal.index", ""));
            return properties;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private void writeCheckpoint(long leaves, long journalIndex) throws IOException {
        final String text = "# the Merkle tree's committed size; derived data, rebuilt from the journal when missing\n"
                + "journal.id=" + ledgerId + "\n"
                + "leaves=" + leaves + "\n"
                + "journal.index=" + journalIndex + "\n";
        AtomicFiles.replace(dir.resolve(CHECKPOINT), text);
    }

    /** Closes the files; the store does, when it closes. */
    synchronized void close() {
        opened = false;
        resume = -1;
        pruned = null;
        if (files != null) {
            files.close();
            files = null;
        }
        overlay.clear();
    }
}
