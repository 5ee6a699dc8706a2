package io.experienceledger.journal;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.json.JsonOutput;
import io.experienceledger.merkle.MerkleFrontier;
import io.experienceledger.merkle.MerkleHashes;
import io.experienceledger.model.ExperienceRecord;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Checks journal files that {@code ledger prune --archive-to} moved out of a ledger against what the ledger kept of
 * them ({@link PruneRecord}): each file's entries are read straight from its bytes (no Chronicle queue is opened,
 * nothing is written), hashed as leaves of the ledger's tree, and added to the roots of the complete subtrees before
 * the file (from its {@code .check}, themselves checked against the root the ledger kept at the previous file's
 * end); the root after its last entry must be the one the ledger kept at its end. A file that does not match is
 * named, and so is its first entry whose leaf differs from the leaf hashes archived with it. Also gives the root of
 * the tree at any size inside the archived files, for checking a head taken before the prune.
 */
public final class ArchiveCheck {
    private static final int LENGTH_MASK = 0x3FFF_FFFF;
    private static final int META_BIT = 0x4000_0000;
    private static final int NOT_COMPLETE_BIT = 0x8000_0000;

    /**
     * What checking an archive found.
     *
     * @param files    the archived journal files checked
     * @param entries  the entries read from them
     * @param problems what does not match, one line each, naming the file (and the entry when it can be named)
     * @param roots    the roots asked for, by tree size, that the archive could give
     */
    public record Report(int files, long entries, List<String> problems, Map<Long, byte[]> roots) {
        /** True when every archived file matches the ledger. */
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private ArchiveCheck() {
    }

    /**
     * Checks every archived journal file in {@code archive} against {@code record}, and computes the tree's root at
     * each of {@code sizes} that falls inside an archived file.
     */
    public static Report check(Path archive, PruneRecord record, List<Long> sizes) {
        final List<String> problems = new ArrayList<>();
        final Map<Long, byte[]> roots = new TreeMap<>();
        if (!Files.isDirectory(archive)) {
            problems.add(archive + " is not a directory");
            return new Report(0, 0, problems, roots);
        }
        final List<Path> files;
        try (Stream<Path> listed = Files.list(archive)) {
            files = listed.filter(f -> f.getFileName().toString().endsWith(".cq4")).sorted().toList();
        } catch (IOException e) {
            problems.add("cannot list " + archive + ": " + e.getMessage());
            return new Report(0, 0, problems, roots);
        }
        if (files.isEmpty()) {
            problems.add("no archived journal file (*.cq4) in " + archive);
        }
        if (record == null) {
            problems.add("the ledger has pruned nothing: there is nothing to check an archive against");
            return new Report(0, 0, problems, roots);
        }
        final List<PruneRecord.PrunedFile> kept = record.files();
        if (!kept.isEmpty() && kept.get(kept.size() - 1).endLeaf() == record.entries()
                && !Arrays.equals(kept.get(kept.size() - 1).rootAtEnd(), record.frontier().root())) {
            problems.add(PruneRecord.FILE + " does not agree with itself: the root at the end of its last file is"
                    + " not the root of the pruned entries it keeps (the record was altered)");
        }
        long entries = 0;
        for (Path file : files) {
            entries += checkFile(file, record, sizes, problems, roots);
        }
        return new Report(files.size(), entries, problems, roots);
    }

    private static long checkFile(Path file, PruneRecord record, List<Long> sizes, List<String> problems,
                                  Map<Long, byte[]> roots) {
        final String name = file.getFileName().toString();
        final PruneRecord.PrunedFile pruned = record.files().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElse(null);
        if (pruned == null) {
            problems.add(name + ": the ledger never pruned a file of that name (an archive of another ledger?)");
            return 0;
        }
        final Properties check = new Properties();
        try (Reader in = Files.newBufferedReader(file.resolveSibling(name + LedgerPruner.CHECK_SUFFIX),
                StandardCharsets.UTF_8)) {
            check.load(in);
        } catch (IOException e) {
            problems.add(name + ": its " + name + LedgerPruner.CHECK_SUFFIX + " cannot be read (" + e.getMessage()
                    + ")");
            return 0;
        }
        if (!record.ledgerId().equals(check.getProperty("ledger.id", "").trim())) {
            problems.add(name + ": archived from ledger " + check.getProperty("ledger.id") + ", not this one ("
                    + record.ledgerId() + ")");
            return 0;
        }
        final MerkleFrontier frontier;
        try {
            frontier = MerkleFrontier.parse(check.getProperty("frontier.before", ""));
        } catch (IllegalArgumentException e) {
            problems.add(name + ": frontier.before of its check file cannot be read (" + e.getMessage() + ")");
            return 0;
        }
        final byte[] rootBefore = rootBefore(record, pruned);
        if (frontier.size() != pruned.firstLeaf() || !Arrays.equals(frontier.root(), rootBefore)) {
            problems.add(name + ": its check file's frontier.before is not the ledger's tree before the file (the"
                    + " check file was altered)");
            return 0;
        }
        final byte[] leaves = readLeaves(file.resolveSibling(name + LedgerPruner.LEAVES_SUFFIX));
        final MerkleHashes hashes = new MerkleHashes();
        final JsonOutput line = new JsonOutput();
        final long[] count = {0};
        final String[] firstDifference = {null};
        final String walkProblem = walk(file, pruned.firstLeaf(), (journalOffset, record1) -> {
            line.reset();
            ConvergeJson.writeAnyEnvelope(line, record1);
            final byte[] leaf = hashes.leaf(line.array(), 0, line.size());
            final long leafIndex = pruned.firstLeaf() + count[0];
            if (firstDifference[0] == null && (leaves == null || leaves.length < (count[0] + 1) * 32
                    || !Arrays.equals(leaf, 0, 32, leaves, (int) (count[0] * 32), (int) (count[0] * 32 + 32)))) {
                firstDifference[0] = "entry " + leafIndex + " (offset " + journalOffset + " of " + name + ")";
            }
            frontier.append(leaf);
            count[0]++;
            if (sizes.contains(frontier.size())) {
                roots.put(frontier.size(), frontier.root());
            }
        });
        final String sha = check.getProperty("sha256", "").trim();
        if (walkProblem != null) {
            problems.add(name + ": " + walkProblem);
        } else if (count[0] != pruned.leaves() || !Arrays.equals(frontier.root(), pruned.rootAtEnd())) {
            problems.add(name + " does not match the ledger: " + (count[0] != pruned.leaves()
                    ? "it holds " + count[0] + " entries, the ledger pruned " + pruned.leaves() + " from it"
                    : "the root after its last entry is " + MerkleHashes.hex(frontier.root()) + ", the ledger kept "
                    + MerkleHashes.hex(pruned.rootAtEnd())) + "; " + (firstDifference[0] != null
                    ? "the first entry that differs from the leaves archived with it: " + firstDifference[0]
                    : "its leaf hashes were altered too, so the entry cannot be named"));
            sizes.stream().filter(s -> s > pruned.firstLeaf() && s <= pruned.endLeaf()).forEach(roots::remove);
        } else if (!sha.isEmpty() && !sha.equals(sha256(file))) {
            problems.add(name + ": every entry matches the ledger, but the file's bytes are not the ones archived"
                    + " (SHA-256 differs outside the entries: Chronicle's own headers or index)");
        }
        return count[0];
    }

    /** The root the ledger kept at the end of the file before {@code file} (the empty tree's for the first). */
    private static byte[] rootBefore(PruneRecord record, PruneRecord.PrunedFile file) {
        if (file.firstLeaf() == 0) {
            return new MerkleHashes().empty();
        }
        for (PruneRecord.PrunedFile earlier : record.files()) {
            if (earlier.endLeaf() == file.firstLeaf() && earlier.firstIndex() < file.firstIndex()) {
                return earlier.rootAtEnd();
            }
        }
        return new byte[0];
    }

    private static byte[] readLeaves(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    private interface Visitor {
        void visit(long offset, ExperienceRecord record);
    }

    /**
     * Reads the visible entries of one Chronicle cycle file in order, as a reader of the ledger saw them: single
     * entries and the entries of committed batches. Null when the walk ended cleanly, else what stopped it.
     */
    private static String walk(Path file, long firstLeaf, Visitor visitor) {
        final EntryHeader header = new EntryHeader();
        long visited = 0;
        final List<byte[]> batch = new ArrayList<>();
        final List<Long> batchOffsets = new ArrayList<>();
        boolean inBatch = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            final long size = channel.size();
            final ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            long position = 0;
            while (position + 4 <= size) {
                word.clear();
                channel.read(word, position);
                final int length = word.getInt(0);
                if (length == 0 || (length & NOT_COMPLETE_BIT) != 0) {
                    break;
                }
                final int bytes = length & LENGTH_MASK;
                if (position + 4 + bytes > size) {
                    if ((length & META_BIT) != 0) {
                        // Chronicle's padding to the end of a file it shrank once it rolled: no entry follows
                        break;
                    }
                    return "the file ends inside the entry at offset " + position + " (it was cut short)";
                }
                if ((length & META_BIT) == 0) {
                    final byte[] document = new byte[bytes];
                    final ByteBuffer into = ByteBuffer.wrap(document);
                    while (into.hasRemaining()) {
                        channel.read(into, position + 4 + into.position());
                    }
                    final Bytes<byte[]> wrapped = Bytes.wrapForRead(document);
                    header.wrap(wrapped, 0, bytes);
                    final String entry = "entry " + (firstLeaf + visited + (inBatch ? batch.size() : 0))
                            + " (offset " + position + ")";
                    if (header.problem() != null) {
                        return entry + " is damaged: " + header.problem();
                    }
                    if (!new EntryChecksum().matches(wrapped, 0, bytes)) {
                        return entry + " fails its checksum: it was changed";
                    }
                    if (header.type() == EntryLayout.TYPE_BATCH_BEGIN) {
                        inBatch = true;
                        batch.clear();
                        batchOffsets.clear();
                    } else if (header.type() == EntryLayout.TYPE_BATCH_COMMIT) {
                        for (int i = 0; i < batch.size(); i++) {
                            visit(batch.get(i), batchOffsets.get(i), header, visitor);
                        }
                        visited += batch.size();
                        batch.clear();
                        inBatch = false;
                    } else if (header.type() == EntryLayout.TYPE_BATCH_ABORT) {
                        batch.clear();
                        inBatch = false;
                    } else if (header.inBatch() && inBatch) {
                        batch.add(document);
                        batchOffsets.add(position);
                    } else if (!header.inBatch()) {
                        visitor.visit(position, EntryDecoder.record(header, new EntryInput().wrapPayload(document,
                                header)));
                        visited++;
                    }
                }
                position = (position + 4 + bytes + 3) & ~3L;
            }
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        } catch (RuntimeException e) {
            return "an entry cannot be decoded: " + e.getMessage();
        }
        return null;
    }

    private static void visit(byte[] document, long offset, EntryHeader header, Visitor visitor) {
        header.wrap(Bytes.wrapForRead(document), 0, document.length);
        visitor.visit(offset, EntryDecoder.record(header, new EntryInput().wrapPayload(document, header)));
    }

    private static String sha256(Path file) {
        final MessageDigest sha = LedgerPruner.sha256();
        try (var in = Files.newInputStream(file)) {
            final byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                sha.update(buffer, 0, read);
            }
        } catch (IOException e) {
            return "";
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
