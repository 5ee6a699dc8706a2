package io.experienceledger.journal;

import io.experienceledger.files.FileModes;
import io.experienceledger.merkle.MerkleFrontier;
import io.experienceledger.store.ExperienceStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Retention: removes whole journal files from the old end of a ledger, or moves them to an archive, while the
 * Merkle tree keeps the roots of the pruned entries' complete subtrees (every later proof still holds) and the
 * {@link PruneRecord} keeps, per removed file, the tree's root at its end. Runs in the writing process, beside
 * appends: it never touches the newest file.
 *
 * <p>The order makes every moment safe to crash at: archive copies are complete (written, forced, renamed) before
 * anything changes; the {@link PruneRecord} is then replaced atomically, and from that moment every reader starts
 * at the first retained entry; only then are the tree's dropped hashes given back, the side index rebuilt from the
 * retained journal, and the files deleted, oldest first. Files left below the first retained entry by a crash are
 * never read, and removed by the next prune or writable open ({@link #finishInterrupted}).
 */
final class LedgerPruner {
    private static final String SUFFIX = ".cq4";
    /** The archive's file beside each archived journal file: what checks it later. */
    static final String CHECK_SUFFIX = ".check";
    /** The archive's file of leaf hashes, 32 bytes each, of each archived journal file. */
    static final String LEAVES_SUFFIX = ".leaves";

    private final Path root;
    private final Path journalDir;
    private final Journal journal;
    private final LedgerTree tree;
    private final IndexCatchUp catchUp;
    private final String ledgerId;

    LedgerPruner(LedgerDirectory layout, Journal journal, LedgerTree tree, IndexCatchUp catchUp, String ledgerId) {
        this.root = layout.root();
        this.journalDir = layout.journalDir();
        this.journal = journal;
        this.tree = tree;
        this.catchUp = catchUp;
        this.ledgerId = ledgerId;
    }

    /** A journal file that may go, with what the walk over it found. */
    private static final class Candidate {
        final Path file;
        final int cycle;
        final long bytes;
        long firstLeaf;
        long leaves;
        long lastIndex = -1;

        Candidate(Path file, int cycle, long bytes) {
            this.file = file;
            this.cycle = cycle;
            this.bytes = bytes;
        }

        String name() {
            return file.getFileName().toString();
        }
    }

    synchronized PruneResult prune(PruneRequest request) {
        finishInterrupted();
        final RollCycle rollCycle = journal.queue().rollCycle();
        final long firstRetained = journal.refreshFirstRetained();
        final int firstCycle = firstRetained < 0 ? Integer.MIN_VALUE : rollCycle.toCycle(firstRetained);
        final List<Path> files = journalFiles();
        final List<String> kept = new ArrayList<>();
        final List<Candidate> candidates = new ArrayList<>();
        final long beforeMillis = request.before().toEpochMilli();
        Path firstKept = null;
        for (int i = 0; i < files.size(); i++) {
            final Path file = files.get(i);
            final int cycle = JournalFiles.cycleOf(file, rollCycle);
            if (cycle < firstCycle) {
                continue;
            }
            final long ends = rollCycle.defaultEpoch() + (cycle + 1L) * rollCycle.lengthInMillis();
            if (ends > beforeMillis) {
                firstKept = file;
                break;
            }
            if (i == files.size() - 1) {
                kept.add(file.getFileName() + ": the newest journal file is never removed");
                firstKept = file;
                break;
            }
            candidates.add(new Candidate(file, cycle, LedgerDirectory.allocatedBytes(file)));
        }
        if (candidates.isEmpty()) {
            return new PruneResult(List.of(), 0, 0, firstRetained, kept, request.dryRun());
        }
        // the tree must hold a leaf for every entry that goes; a damaged journal is refused here
        tree.head();
        final PruneRecord previous = tree.pruneRecord();
        int cut = cutBeforeSpanningBatch(candidates, files, rollCycle, kept);
        countLeaves(candidates, cut, previous == null ? 0 : previous.entries(), rollCycle);
        cut = guardShipping(candidates, cut, request.force(), kept);
        final List<Candidate> going = candidates.subList(0, cut);
        final int firstKeptCycle = cut < candidates.size() ? candidates.get(cut).cycle
                : JournalFiles.cycleOf(firstKept, rollCycle);
        final long newFirstRetained = rollCycle.toIndex(firstKeptCycle, 0);
        final List<PruneRecord.PrunedFile> removed = new ArrayList<>();
        long bytes = 0;
        long entries = 0;
        final String archive = request.archiveTo() == null ? "" : request.archiveTo().toAbsolutePath().toString();
        for (Candidate candidate : going) {
            removed.add(new PruneRecord.PrunedFile(candidate.name(), candidate.firstLeaf, candidate.leaves,
                    tree.root(candidate.firstLeaf + candidate.leaves), candidate.bytes,
                    rollCycle.toIndex(candidate.cycle, 0), archive));
            bytes += candidate.bytes;
            entries += candidate.leaves;
        }
        if (request.dryRun() || going.isEmpty()) {
            return new PruneResult(removed, entries, bytes, firstRetained, kept, request.dryRun());
        }
        if (request.archiveTo() != null) {
            archive(request.archiveTo(), going, removed);
        }
        final long prunedLeaves = going.get(going.size() - 1).firstLeaf + going.get(going.size() - 1).leaves;
        final MerkleFrontier frontier = tree.frontier(prunedLeaves);
        final List<PruneRecord.PrunedFile> all = new ArrayList<>(previous == null ? List.of() : previous.files());
        all.addAll(removed);
        final PruneRecord record = new PruneRecord(ledgerId, newFirstRetained, frontier,
                (previous == null ? 0 : previous.bytes()) + bytes, Instant.now(), all);
        // the commit point: from here on every reader starts at newFirstRetained
        record.write(root);
        journal.retainFrom(newFirstRetained);
        tree.prune(record);
        removeBelow(firstKeptCycle, rollCycle);
        return new PruneResult(removed, entries, bytes, newFirstRetained, kept, false);
    }

    /**
     * Completes a prune that stopped after its record was written: rebuilds the side index from the retained
     * journal and removes the files left below the first retained entry.
     */
    synchronized void finishInterrupted() {
        final long firstRetained = journal.refreshFirstRetained();
        if (firstRetained < 0) {
            return;
        }
        final RollCycle rollCycle = journal.queue().rollCycle();
        final int firstCycle = rollCycle.toCycle(firstRetained);
        for (Path file : journalFiles()) {
            if (JournalFiles.cycleOf(file, rollCycle) < firstCycle) {
                removeBelow(firstCycle, rollCycle);
                return;
            }
        }
    }

    private void removeBelow(int firstCycle, RollCycle rollCycle) {
        catchUp.rebuild();
        journal.cycleStores().closeBefore(firstCycle);
        for (Path file : journalFiles()) {
            if (JournalFiles.cycleOf(file, rollCycle) < firstCycle) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw ExperienceStoreException.storageError("cannot delete " + file + " (" + e.getMessage()
                            + "); the ledger starts after it already: delete it by hand, or prune again", e);
                }
            }
        }
        LedgerDirectory.syncDirectory(journalDir);
        journal.queue().refreshDirectoryListing();
    }

    /**
     * The number of candidates, from the first, that can go without cutting a batch: a file goes only when the
     * next file does not begin inside a batch (its first document is not a batch entry or the marker ending one).
     */
    private int cutBeforeSpanningBatch(List<Candidate> candidates, List<Path> files, RollCycle rollCycle,
                                       List<String> kept) {
        int cut = 0;
        try (ExcerptTailer tailer = journal.tailer()) {
            for (int i = 0; i < candidates.size(); i++) {
                final Path next = files.get(files.indexOf(candidates.get(i).file) + 1);
                if (!continuesBatch(tailer, JournalFiles.cycleOf(next, rollCycle))) {
                    cut = i + 1;
                }
            }
        }
        for (int i = cut; i < candidates.size(); i++) {
            kept.add(candidates.get(i).name() + ": a batch continues from it into a later file (batches go whole)");
        }
        return cut;
    }

    /** True when the first document from roll cycle {@code cycle} on (files can be empty) is inside a batch. */
    private boolean continuesBatch(ExcerptTailer tailer, int cycle) {
        if (journal.moveToFirstDocumentFrom(tailer, cycle) < 0) {
            return false;
        }
        try (DocumentContext context = tailer.readingDocument()) {
            if (!context.isPresent()) {
                return false;
            }
            final Bytes<?> bytes = context.wire().bytes();
            final EntryHeader header = new EntryHeader();
            header.wrapDocument(bytes);
            if (header.problem() != null) {
                return true;
            }
            return header.isData() ? header.inBatch() : header.type() != EntryLayout.TYPE_BATCH_BEGIN;
        }
    }

    /** Counts the leaves (visible entries) of the first {@code cut} candidates, from leaf {@code firstLeaf}. */
    private void countLeaves(List<Candidate> candidates, int cut, long firstLeaf, RollCycle rollCycle) {
        if (cut == 0) {
            return;
        }
        final int lastCycle = candidates.get(cut - 1).cycle;
        long leaf = firstLeaf;
        int at = 0;
        candidates.get(0).firstLeaf = leaf;
        try (EntryCursor cursor = new EntryCursor(journal)) {
            cursor.startAfter(-1);
            while (cursor.next()) {
                final int cycle = rollCycle.toCycle(cursor.index());
                if (cycle > lastCycle) {
                    break;
                }
                while (candidates.get(at).cycle < cycle) {
                    at++;
                    candidates.get(at).firstLeaf = leaf;
                }
                final Candidate candidate = candidates.get(at);
                candidate.leaves++;
                candidate.lastIndex = cursor.index();
                leaf++;
            }
            if (cursor.damage() != null) {
                throw ExperienceStoreException.storageError("the journal is damaged (" + cursor.damage()
                        + "); nothing was pruned. Run ledger verify");
            }
        }
        for (at++; at < cut; at++) {
            candidates.get(at).firstLeaf = leaf;
        }
    }

    /**
     * The number of candidates, from the first, whose entries every shipper has shipped, by the marks
     * {@code ledger ship} keeps in {@code DIR/shipped/}; all of them when forced or never shipped.
     */
    private int guardShipping(List<Candidate> candidates, int cut, boolean force, List<String> kept) {
        final List<String> problems = new ArrayList<>();
        long shipped = Long.MAX_VALUE;
        String topic = null;
        try (DirectoryStream<Path> marks = Files.newDirectoryStream(root.resolve("shipped"), "*.properties")) {
            for (Path mark : marks) {
                final Properties properties = new Properties();
                long index;
                try (Reader in = Files.newBufferedReader(mark, StandardCharsets.UTF_8)) {
                    properties.load(in);
                    index = Long.parseLong(properties.getProperty("journal.index", "").trim());
                } catch (IOException | IllegalArgumentException e) {
                    problems.add("cannot read " + mark + " (" + e.getMessage() + ")");
                    index = -1;
                }
                if (index < shipped) {
                    shipped = index;
                    topic = properties.getProperty("topic", mark.getFileName().toString());
                }
            }
        } catch (NoSuchFileException e) {
            return cut;
        } catch (IOException e) {
            problems.add("cannot list " + root.resolve("shipped") + " (" + e.getMessage() + ")");
            shipped = -1;
        }
        if (force || shipped == Long.MAX_VALUE) {
            return cut;
        }
        int safe = 0;
        while (safe < cut && candidates.get(safe).lastIndex <= shipped) {
            safe++;
        }
        for (int i = safe; i < cut; i++) {
            kept.add(candidates.get(i).name() + ": not yet shipped (topic " + topic + " is shipped up to journal"
                    + " index " + shipped + (problems.isEmpty() ? "" : "; " + String.join("; ", problems))
                    + "); ship first, or prune with --force");
        }
        return safe;
    }

    /** Copies each file, its leaf hashes and what checks them into {@code dir}, each complete before it is named. */
    private void archive(Path dir, List<Candidate> going, List<PruneRecord.PrunedFile> removed) {
        try {
            final java.util.Set<java.nio.file.attribute.PosixFilePermission> rootMode = FileModes.modeOf(root);
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                // an archive holds what the ledger held: as private as the ledger
                if (rootMode != null) {
                    FileModes.setDirectoryMode(dir, rootMode);
                }
            }
            // its files too, whatever the archive directory's own mode
            final java.util.Set<java.nio.file.attribute.PosixFilePermission> fileMode = rootMode == null ? null
                    : FileModes.fileModeIn(rootMode);
            for (int i = 0; i < going.size(); i++) {
                final Candidate candidate = going.get(i);
                final PruneRecord.PrunedFile pruned = removed.get(i);
                final Path copy = dir.resolve(candidate.name());
                final Path temp = dir.resolve(candidate.name() + ".tmp");
                createPrivate(temp, fileMode);
                final String sha256 = copy(candidate.file, temp);
                move(temp, copy);
                final Path leaves = dir.resolve(candidate.name() + LEAVES_SUFFIX);
                createPrivate(temp, fileMode);
                tree.copyLeaves(pruned.firstLeaf(), pruned.endLeaf(), temp);
                move(temp, leaves);
                final MerkleFrontier before = tree.frontier(pruned.firstLeaf());
                final String check = "# checks " + candidate.name() + " against its ledger: ledger verify --store"
                        + " LEDGER --archive " + dir + "\n"
                        + "ledger.id=" + ledgerId + "\n"
                        + "file=" + candidate.name() + "\n"
                        + "bytes=" + candidate.bytes + "\n"
                        + "sha256=" + sha256 + "\n"
                        + "first.index=" + pruned.firstIndex() + "\n"
                        + "first.leaf=" + pruned.firstLeaf() + "\n"
                        + "leaves=" + pruned.leaves() + "\n"
                        + "frontier.before=" + before.text() + "\n"
                        + "root.after=" + Base64.getEncoder().encodeToString(pruned.rootAtEnd()) + "\n"
                        + "archived=" + Instant.now() + "\n";
                createPrivate(temp, fileMode);
                write(temp, check);
                move(temp, dir.resolve(candidate.name() + CHECK_SUFFIX));
            }
            LedgerDirectory.syncDirectory(dir);
        } catch (IOException e) {
            throw ExperienceStoreException.storageError("cannot archive to " + dir + ": " + e.getMessage()
                    + "; nothing was removed from the ledger", e);
        }
    }

    /** Creates {@code file} empty with {@code mode} (when not null), before anything is written to it. */
    private static void createPrivate(Path file, java.util.Set<java.nio.file.attribute.PosixFilePermission> mode)
            throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        if (mode != null) {
            FileModes.setMode(file, mode);
        }
    }

    /** Copies {@code from} into {@code to}, forced to the device; returns the SHA-256 of the bytes, in hex. */
    private static String copy(Path from, Path to) throws IOException {
        final MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(from);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            final byte[] buffer = new byte[1 << 16];
            long at = 0;
            boolean holeAtEnd = false;
            for (int read = in.readNBytes(buffer, 0, buffer.length); read > 0;
                 read = in.readNBytes(buffer, 0, buffer.length)) {
                sha.update(buffer, 0, read);
                // Chronicle's files are sparse: a block of zeros stays a hole in the copy
                holeAtEnd = allZero(buffer, read);
                if (!holeAtEnd) {
                    final ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                    while (chunk.hasRemaining()) {
                        out.write(chunk, at + chunk.position());
                    }
                }
                at += read;
            }
            if (holeAtEnd) {
                out.write(ByteBuffer.wrap(new byte[1]), at - 1);
            }
            out.force(true);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static boolean allZero(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            final ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }


    /** The journal's cycle files, oldest first. */
    private List<Path> journalFiles() {
        try (Stream<Path> listed = Files.list(journalDir)) {
            return listed.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw ExperienceStoreException.storageError("cannot list the journal files in " + journalDir + ": "
                    + e.getMessage(), e);
        }
    }
}
