package io.experienceledger.merkle;

import io.experienceledger.files.AtomicFiles;
import io.experienceledger.files.FileModes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import net.openhft.posix.PosixAPI;

/**
 * A Merkle tree kept in files, one per stored level, of fixed 32-byte hashes: level 0 holds every leaf hash,
 * level 8 the root of each complete subtree of 256 leaves, level 16 of 65,536, and so on (the "tiles" of the
 * transparency-log ecosystem). Any subtree hash is then at most 255 hashes of work from the files, so a tree head
 * and a proof cost {@code O(log n)} reads and a few hundred hashes, and the files take about 32 bytes a leaf.
 *
 * <p>Appending keeps the leaves of the current, incomplete group of 256 in memory and writes them as one block when
 * the group is complete (its level-8 hash is computed from memory too) or when {@link #sync()} is called; reads of
 * those leaves are answered from memory. A crash can leave a file ahead or behind the others, or a hash cut short:
 * opening trusts level 0 up to its last whole hash and rebuilds the levels above it from there. Not thread-safe; the
 * caller serialises appends and reads.
 *
 * <p>A tree can be pruned ({@link #prune}): of its first {@code P} leaves it then keeps only the roots of their
 * complete subtrees ({@link MerkleFrontier}, in {@code pruned.frontier}), and the disk blocks of every stored hash
 * under them are given back ({@code fallocate(PUNCH_HOLE)}; the files keep their length, leaf indices do not move).
 * Every hash a proof about a later leaf, or a consistency proof from a tree of at least {@code P} leaves, needs is
 * still there; asking for one of the dropped hashes is refused, never answered with a hole's zeros.
 */
public final class MerkleTreeFiles implements AutoCloseable {
    /** Levels are stored every this many levels: 256 hashes of one stored level make one of the next. */
    static final int LEVEL_STEP = 8;
    private static final int FAN_OUT = 1 << LEVEL_STEP;
    private static final int HASH = MerkleHashes.HASH_BYTES;
    private static final String PRUNED = "pruned.frontier";
    private static final int O_RDWR = 2;
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int FALLOC_FL_PUNCH_HOLE = 2;

    private final Path dir;
    private final MerkleHashes hashes = new MerkleHashes();
    /** {@code levels.get(i)} stores level {@code i * LEVEL_STEP}. */
    private final List<FileChannel> levels = new ArrayList<>();
    /** The leaves from {@link #tailStart} to {@link #size}: the incomplete group of 256, not all in the file yet. */
    private final byte[] tail = new byte[FAN_OUT * HASH];
    /** The first leaf of the tail (a multiple of 256); {@code Long.MAX_VALUE} read-only (every leaf in the file). */
    private long tailStart = Long.MAX_VALUE;
    /** The leaves of the tail already written to the file. */
    private int tailWritten;
    private boolean readOnly;
    private long size;
    /** The leaves below this were pruned; {@link #pruned} holds the roots of their complete subtrees. */
    private long prunedBelow;
    private MerkleFrontier pruned = new MerkleFrontier();

    private MerkleTreeFiles(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens the tree in {@code dir}, creating it empty when missing, and repairs what a crash left behind.
     *
     * @throws UncheckedIOException when the files cannot be read or written
     */
    public static MerkleTreeFiles open(Path dir) {
        final MerkleTreeFiles tree = new MerkleTreeFiles(dir);
        try {
            FileModes.createDirectories(dir);
            tree.readPruned();
            tree.level(0);
            final FileChannel leaves = tree.levels.get(0);
            tree.size = leaves.size() / HASH;
            if (tree.size < tree.prunedBelow) {
                throw new IOException(fileName(0) + " holds " + tree.size + " leaves, fewer than the "
                        + tree.prunedBelow + " pruned ones");
            }
            leaves.truncate(tree.size * HASH);
            tree.repairUpperLevels();
            tree.loadTail();
        } catch (IOException e) {
            tree.close();
            throw new UncheckedIOException("cannot open the Merkle tree in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            tree.close();
            throw e;
        }
        return tree;
    }

    /**
     * Opens the tree in {@code dir} to read its first {@code leaves} leaves (fewer when the files hold fewer),
     * changing nothing: for a reader alongside the process that appends to it, whose hashes below a committed size
     * never change.
     */
    public static MerkleTreeFiles openReadOnly(Path dir, long leaves) {
        final MerkleTreeFiles tree = new MerkleTreeFiles(dir);
        tree.readOnly = true;
        try {
            tree.readPruned();
            final FileChannel level0 = FileChannel.open(dir.resolve(fileName(0)), StandardOpenOption.READ);
            tree.levels.add(level0);
            tree.size = Math.min(leaves, level0.size() / HASH);
            if (tree.size < tree.prunedBelow) {
                throw new IOException("the tree holds " + tree.size + " leaves, fewer than the " + tree.prunedBelow
                        + " pruned ones");
            }
            for (int level = LEVEL_STEP; (tree.size >>> level) > 0; level += LEVEL_STEP) {
                final FileChannel channel = FileChannel.open(dir.resolve(fileName(level)), StandardOpenOption.READ);
                tree.levels.add(channel);
                if (channel.size() / HASH < tree.size >>> level) {
                    throw new IOException(fileName(level) + " holds fewer hashes than " + tree.size
                            + " leaves need");
                }
            }
        } catch (IOException e) {
            tree.close();
            throw new UncheckedIOException("cannot read the Merkle tree in " + dir + ": " + e.getMessage(), e);
        }
        return tree;
    }

    /** The number of leaves. */
    public long size() {
        return size;
    }

    /** Drops every leaf from {@code leaves} on (and the subtrees they completed): back to a committed size. */
    public void truncate(long leaves) {
        checkSize(leaves);
        if (leaves < prunedBelow) {
            throw new IllegalArgumentException("the tree's first " + prunedBelow + " leaves were pruned: it cannot go"
                    + " back to " + leaves);
        }
        try {
            writeTail();
            size = leaves;
            for (int slot = 0; slot < levels.size(); slot++) {
                levels.get(slot).truncate((leaves >>> (slot * LEVEL_STEP)) * HASH);
            }
            loadTail();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate the Merkle tree in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Adds the leaf with hash {@code leafHash} as leaf {@link #size()}, and the subtrees it completes. */
    public void append(byte[] leafHash) {
        if (readOnly) {
            throw new IllegalStateException("the Merkle tree in " + dir + " is open read-only");
        }
        if (leafHash.length != HASH) {
            throw new IllegalArgumentException("a leaf hash is 32 bytes, got " + leafHash.length);
        }
        try {
            final int inTail = (int) (size - tailStart);
            System.arraycopy(leafHash, 0, tail, inTail * HASH, HASH);
            size++;
            if (inTail + 1 == FAN_OUT) {
                writeTail();
                write(LEVEL_STEP, tailStart >>> LEVEL_STEP, tailStart < prunedBelow
                        ? hash(tailStart, tailStart + FAN_OUT) : combine(0, tailStart, FAN_OUT));
                tailStart = size;
                tailWritten = 0;
                completeLevels(size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Merkle tree in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes what is held in memory to the files and forces them to the device. */
    public void sync() {
        try {
            writeTail();
            for (FileChannel level : levels) {
                level.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the Merkle tree in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The root of the tree of its first {@code treeSize} leaves ({@code 0 <= treeSize <= size()}). */
    public byte[] root(long treeSize) {
        checkSize(treeSize);
        return treeSize == 0 ? hashes.empty() : hash(0, treeSize);
    }

    /** The leaf hash of leaf {@code index}. */
    public byte[] leaf(long index) {
        checkSize(index + 1);
        return read(0, index);
    }

    /** The inclusion path of leaf {@code leafIndex} in the tree of {@code treeSize} leaves, from the leaf up. */
    public List<byte[]> inclusion(long leafIndex, long treeSize) {
        checkSize(treeSize);
        return new MerkleProofBuilder(this::hash).inclusion(leafIndex, treeSize);
    }

    /** The consistency path from the tree of {@code firstSize} leaves to that of {@code secondSize}. */
    public List<byte[]> consistency(long firstSize, long secondSize) {
        checkSize(secondSize);
        return new MerkleProofBuilder(this::hash).consistency(firstSize, secondSize);
    }

    /**
     * The Merkle tree hash of leaves {@code [from, to)} ({@code to <= size()}): split at the largest power of two below the count as
     * RFC 9162 does; a complete aligned subtree is read from the highest stored level under it and combined.
     */
    public byte[] hash(long from, long to) {
        final long n = to - from;
        if (from < prunedBelow) {
            if (to <= prunedBelow) {
                return pruned.hash(from, to);
            }
            // a subtree across the cut: its left part is made of kept roots, its right part of stored hashes
            final long k = MerkleProofBuilder.largestPowerOfTwoBelow(n);
            return hashes.node(hash(from, from + k), hash(from + k, to));
        }
        if (n == 1) {
            return read(0, from);
        }
        if (Long.bitCount(n) == 1 && from % n == 0) {
            final int height = Long.numberOfTrailingZeros(n);
            final int stored = height / LEVEL_STEP * LEVEL_STEP;
            if (stored == height) {
                return read(height, from >>> height);
            }
            return combine(stored, from >>> stored, 1 << (height - stored));
        }
        final long k = MerkleProofBuilder.largestPowerOfTwoBelow(n);
        return hashes.node(hash(from, from + k), hash(from + k, to));
    }

    /**
     * The root of {@code count} (a power of two) consecutive hashes of stored level {@code level} from {@code first}:
     * read in one call, then hashed pairwise in place.
     */
    private byte[] combine(int level, long first, int count) {
        final byte[] row = readRow(level, first, count);
        for (int width = count; width > 1; width /= 2) {
            for (int i = 0; i < width / 2; i++) {
                hashes.nodeInPlace(row, 2 * i * HASH, i * HASH);
            }
        }
        return java.util.Arrays.copyOf(row, HASH);
    }

    /** Writes the leaves of the tail not yet in the file, in one write. */
    private void writeTail() throws IOException {
        final int held = size == tailStart || tailStart == Long.MAX_VALUE ? 0 : (int) (size - tailStart);
        if (held > tailWritten) {
            final ByteBuffer buffer = ByteBuffer.wrap(tail, tailWritten * HASH, (held - tailWritten) * HASH);
            long at = (tailStart + tailWritten) * HASH;
            while (buffer.hasRemaining()) {
                at += level(0).write(buffer, at);
            }
            tailWritten = held;
        }
    }

    /** Reads the leaves of the incomplete group of 256 at the end into the tail. */
    private void loadTail() throws IOException {
        tailStart = size / FAN_OUT * FAN_OUT;
        tailWritten = (int) (size - tailStart);
        // leaves of the group below the cut were pruned: never read, not loaded
        final int skipped = (int) Math.max(0, Math.min(prunedBelow, size) - tailStart);
        final ByteBuffer buffer = ByteBuffer.wrap(tail, skipped * HASH, (tailWritten - skipped) * HASH);
        long at = (tailStart + skipped) * HASH;
        while (buffer.hasRemaining()) {
            final int read = level(0).read(buffer, at);
            if (read < 0) {
                throw new IOException(fileName(0) + " ends before leaf " + size);
            }
            at += read;
        }
    }

    /** After the group of leaves ending at {@code leaves} was written: writes each level above 8 it completes. */
    private void completeLevels(long leaves) throws IOException {
        for (int level = 2 * LEVEL_STEP; leaves % (1L << level) == 0 && level < Long.SIZE - 1; level += LEVEL_STEP) {
            final long index = (leaves >>> level) - 1;
            write(level, index, stored(level, index));
        }
    }

    /** Makes every stored level above 0 hold exactly the subtrees level 0 completes, recomputing what is not. */
    private void repairUpperLevels() throws IOException {
        for (int level = LEVEL_STEP; level < Long.SIZE - 1; level += LEVEL_STEP) {
            final long expected = size >>> level;
            if (expected == 0 && Files.notExists(dir.resolve(fileName(level)))) {
                return;
            }
            final FileChannel channel = level(level);
            final long held = Math.min(channel.size() / HASH, expected);
            channel.truncate(held * HASH);
            // subtrees entirely below the cut are not kept: the frontier answers for them
            for (long index = Math.max(held, prunedBelow >>> level); index < expected; index++) {
                write(level, index, stored(level, index));
            }
        }
    }

    /** The hash of the subtree stored as {@code index} of stored level {@code level}, from the level below. */
    private byte[] stored(int level, long index) {
        final long from = index << level;
        return from < prunedBelow ? hash(from, from + (1L << level))
                : combine(level - LEVEL_STEP, index * FAN_OUT, FAN_OUT);
    }

    /**
     * Copies the leaf hashes of leaves {@code [from, to)}, 32 bytes each in order, to {@code target} (created or
     * replaced; the caller gives it its mode), forced to the device.
     */
    public void copyLeaves(long from, long to, Path target) {
        checkSize(to);
        if (from < prunedBelow || from > to) {
            throw new IllegalArgumentException("leaves [" + from + ", " + to + ") are not all kept");
        }
        try {
            writeTail();
            final FileChannel leaves = level(0);
            try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                long at = from * HASH;
                final long end = to * HASH;
                while (at < end) {
                    at += leaves.transferTo(at, end - at, out);
                }
                out.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy leaves of the Merkle tree in " + dir + " to " + target + ": "
                    + e.getMessage(), e);
        }
    }

    /** The first {@link #prunedLeaves()} leaves are pruned: only the roots of their complete subtrees are kept. */
    public long prunedLeaves() {
        return prunedBelow;
    }

    /** The roots of the complete subtrees of the first {@code treeSize} leaves ({@code prunedLeaves() <= treeSize}). */
    public MerkleFrontier frontier(long treeSize) {
        checkSize(treeSize);
        final long[] starts = MerkleFrontier.starts(treeSize);
        final List<byte[]> roots = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            roots.add(hash(starts[i], i + 1 < starts.length ? starts[i + 1] : treeSize));
        }
        return MerkleFrontier.of(treeSize, roots);
    }

    /**
     * Drops the hashes under the first {@code leaves} leaves, keeping the roots of their complete subtrees: first
     * recorded ({@code pruned.frontier}, replaced atomically), then the disk blocks of the dropped hashes are given
     * back. When {@code expected} is not null it must be what this tree holds for those leaves, or nothing changes.
     *
     * @return the bytes of disk given back (0 where the file system cannot punch holes)
     * @throws IllegalArgumentException when {@code leaves} is past the tree's end, or {@code expected} differs
     */
    public long prune(long leaves, MerkleFrontier expected) {
        checkSize(leaves);
        if (readOnly) {
            throw new IllegalStateException("the Merkle tree in " + dir + " is open read-only");
        }
        if (leaves <= prunedBelow) {
            return 0;
        }
        final MerkleFrontier kept = frontier(leaves);
        if (expected != null && (expected.size() != leaves || !java.util.Arrays.equals(kept.root(), expected.root()))) {
            throw new IllegalArgumentException("the Merkle tree's first " + leaves + " leaves do not have the roots"
                    + " the prune record keeps for them");
        }
        try {
            writeTail();
            sync();
            writePruned(kept);
            pruned = kept;
            prunedBelow = leaves;
            long given = 0;
            for (int slot = 0; slot < levels.size(); slot++) {
                given += punch(dir.resolve(fileName(slot * LEVEL_STEP)), (leaves >>> (slot * LEVEL_STEP)) * HASH);
            }
            return given;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune the Merkle tree in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts an empty tree at {@code frontier}: its leaves were pruned before this tree was built (the tree was
     * deleted and is rebuilt from what the journal still holds). The next leaf appended is leaf
     * {@code frontier.size()}.
     */
    public void startAt(MerkleFrontier frontier) {
        if (readOnly || size != 0) {
            throw new IllegalStateException("only an empty, writable tree can start at a pruned frontier");
        }
        if (frontier.size() == 0) {
            return;
        }
        try {
            writePruned(frontier);
            pruned = frontier;
            prunedBelow = frontier.size();
            // the level files keep absolute positions: the pruned part is a hole
            write(0, frontier.size() - 1, new byte[HASH]);
            size = frontier.size();
            for (int level = LEVEL_STEP; level < Long.SIZE - 1 && (size >>> level) > 0; level += LEVEL_STEP) {
                write(level, (size >>> level) - 1, new byte[HASH]);
            }
            punch(dir.resolve(fileName(0)), size * HASH);
            loadTail();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Merkle tree in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void readPruned() throws IOException {
        final Path file = dir.resolve(PRUNED);
        if (Files.notExists(file)) {
            return;
        }
        try {
            pruned = MerkleFrontier.parse(Files.readString(file, StandardCharsets.US_ASCII));
            prunedBelow = pruned.size();
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void writePruned(MerkleFrontier frontier) throws IOException {
        AtomicFiles.replace(dir.resolve(PRUNED), frontier.text() + "\n");
    }

    /** Gives back the disk blocks of the first {@code bytes} bytes of {@code file}; 0 when it cannot. */
    private static long punch(Path file, long bytes) {
        if (bytes <= 0 || Files.notExists(file)) {
            return 0;
        }
        try {
            final int fd = PosixAPI.posix().open(file.toString(), O_RDWR, 0);
            if (fd < 0) {
                return 0;
            }
            try {
                return PosixAPI.posix().fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, bytes) == 0
                        ? bytes : 0;
            } finally {
                PosixAPI.posix().close(fd);
            }
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    private FileChannel level(int level) throws IOException {
        final int slot = level / LEVEL_STEP;
        if (readOnly && slot >= levels.size()) {
            throw new IOException("no level " + level + " in a read-only tree of " + size + " leaves");
        }
        while (levels.size() <= slot) {
            final Path file = dir.resolve(fileName(levels.size() * LEVEL_STEP));
            levels.add(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE));
            FileModes.matchDirectory(file);
        }
        return levels.get(slot);
    }

    /** True when {@code dir} holds a tree (its leaves' file). */
    public static boolean exists(Path dir) {
        return Files.exists(dir.resolve(fileName(0)));
    }

    static String fileName(int level) {
        return "level-" + level + ".hash";
    }

    private void write(int level, long index, byte[] hash) throws IOException {
        final FileChannel channel = level(level);
        final ByteBuffer buffer = ByteBuffer.wrap(hash);
        long at = index * HASH;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private byte[] read(int level, long index) {
        return readRow(level, index, 1);
    }

    /**
     * {@code count} consecutive hashes of stored level {@code level} from {@code first}, 32 bytes each: leaves of the
     * tail from memory, the rest in one read of the file.
     */
    private byte[] readRow(int level, long first, int count) {
        if ((first + 1) << level <= prunedBelow) {
            throw new IllegalArgumentException("hash " + first + " of level " + level + " of the Merkle tree in " + dir
                    + " was pruned");
        }
        final byte[] row = new byte[count * HASH];
        final int fromFile = level == 0 ? (int) Math.max(0, Math.min(count, tailStart - first)) : count;
        if (fromFile < count) {
            final long inTail = first + fromFile - tailStart;
            System.arraycopy(tail, (int) inTail * HASH, row, fromFile * HASH, (count - fromFile) * HASH);
        }
        try {
            final FileChannel channel = level(level);
            final ByteBuffer buffer = ByteBuffer.wrap(row, 0, fromFile * HASH);
            long at = first * HASH;
            while (buffer.hasRemaining()) {
                final int read = channel.read(buffer, at);
                if (read < 0) {
                    throw new UncheckedIOException(new IOException("the Merkle tree in " + dir + " has no hash "
                            + (at / HASH) + " at level " + level));
                }
                at += read;
            }
            return row;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Merkle tree in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void checkSize(long treeSize) {
        if (treeSize < 0 || treeSize > size) {
            throw new IllegalArgumentException("the tree has " + size + " leaves, not " + treeSize);
        }
    }

    @Override
    public void close() {
        if (!readOnly && !levels.isEmpty()) {
            try {
                writeTail();
            } catch (IOException ignored) {
                // leaves not written are past the committed size: the next open hashes them again
            }
        }
        for (FileChannel level : levels) {
            try {
                level.close();
            } catch (IOException ignored) {
                // closing: nothing was written that is not already in the file
            }
        }
        levels.clear();
    }
}
