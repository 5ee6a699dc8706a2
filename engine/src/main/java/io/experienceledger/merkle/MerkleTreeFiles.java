package io.experienceledger.merkle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

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
 */
public final class MerkleTreeFiles implements AutoCloseable {
    /** Levels are stored every this many levels: 256 hashes of one stored level make one of the next. */
    static final int LEVEL_STEP = 8;
    private static final int FAN_OUT = 1 << LEVEL_STEP;
    private static final int HASH = MerkleHashes.HASH_BYTES;

    private final Path dir;
    private final MerkleHashes hashes = new MerkleHashes();
    /** {@code levels.get(i)} stores level {@code i * LEVEL_STEP}. */
    private final List<FileChannel> levels = new ArrayList<>();
    private final ByteBuffer one = ByteBuffer.allocate(HASH);
    /** The leaves from {@link #tailStart} to {@link #size}: the incomplete group of 256, not all in the file yet. */
    private final byte[] tail = new byte[FAN_OUT * HASH];
    /** The first leaf of the tail (a multiple of 256); {@code Long.MAX_VALUE} read-only (every leaf in the file). */
    private long tailStart = Long.MAX_VALUE;
    /** The leaves of the tail already written to the file. */
    private int tailWritten;
    private boolean readOnly;
    private long size;

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
            Files.createDirectories(dir);
            tree.level(0);
            final FileChannel leaves = tree.levels.get(0);
            tree.size = leaves.size() / HASH;
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
            final FileChannel level0 = FileChannel.open(dir.resolve(fileName(0)), StandardOpenOption.READ);
            tree.levels.add(level0);
            tree.size = Math.min(leaves, level0.size() / HASH);
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
                write(LEVEL_STEP, tailStart >>> LEVEL_STEP, combine(0, tailStart, FAN_OUT));
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

    /** The root of {@code count} (a power of two) consecutive hashes of stored level {@code level} from {@code first}. */
    private byte[] combine(int level, long first, int count) {
        final byte[][] row = new byte[count][];
        for (int i = 0; i < count; i++) {
            row[i] = read(level, first + i);
        }
        for (int width = count; width > 1; width /= 2) {
            for (int i = 0; i < width / 2; i++) {
                row[i] = hashes.node(row[2 * i], row[2 * i + 1]);
            }
        }
        return row[0];
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
        final ByteBuffer buffer = ByteBuffer.wrap(tail, 0, tailWritten * HASH);
        long at = tailStart * HASH;
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
            write(level, index, combine(level - LEVEL_STEP, index * FAN_OUT, FAN_OUT));
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
            for (long index = held; index < expected; index++) {
                write(level, index, combine(level - LEVEL_STEP, index * FAN_OUT, FAN_OUT));
            }
        }
    }

    private FileChannel level(int level) throws IOException {
        final int slot = level / LEVEL_STEP;
        if (readOnly && slot >= levels.size()) {
            throw new IOException("no level " + level + " in a read-only tree of " + size + " leaves");
        }
        while (levels.size() <= slot) {
            levels.add(FileChannel.open(dir.resolve(fileName(levels.size() * LEVEL_STEP)), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE));
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
        if (level == 0 && index >= tailStart) {
            return java.util.Arrays.copyOfRange(tail, (int) (index - tailStart) * HASH, (int) (index - tailStart + 1)
                    * HASH);
        }
        try {
            final FileChannel channel = level(level);
            one.clear();
            long at = index * HASH;
            while (one.hasRemaining()) {
                final int read = channel.read(one, at);
                if (read < 0) {
                    throw new UncheckedIOException(new IOException("the Merkle tree in " + dir + " has no hash "
                            + index + " at level " + level));
                }
                at += read;
            }
            return one.array().clone();
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
