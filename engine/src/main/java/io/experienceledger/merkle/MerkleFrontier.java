package io.experienceledger.merkle;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A Merkle tree that grows one leaf at a time and keeps only its right edge: the roots of its complete subtrees,
 * at most one per power of two, largest first ({@code O(log n)} hashes). Enough to give the root of the tree as it
 * grows, which is what the catch-up needs for each new tree head, and all a pruned ledger keeps of the leaves it
 * dropped: every proof about a later leaf, and every consistency proof from a tree at least this large, needs no
 * other hash of them ({@link #subtree}). Not thread-safe.
 */
public final class MerkleFrontier {
    private final MerkleHashes hashes = new MerkleHashes();
    /** The roots of the complete subtrees, largest (leftmost) first. */
    private final List<byte[]> subtrees = new ArrayList<>();
    private long size;

    /** An empty tree. */
    public MerkleFrontier() {
    }

    /**
     * The tree of {@code size} leaves whose complete subtrees have the roots {@code roots}, largest first: one per 1
     * bit of {@code size}.
     *
     * @throws IllegalArgumentException when the number of roots is not the number of 1 bits of the size, or a root
     *                                  is not 32 bytes
     */
    public static MerkleFrontier of(long size, List<byte[]> roots) {
        if (size < 0 || roots.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of " + size + " leaves has " + Long.bitCount(Math.max(0, size))
                    + " complete subtrees, not " + roots.size());
        }
        final MerkleFrontier frontier = new MerkleFrontier();
        for (byte[] root : roots) {
            if (root.length != MerkleHashes.HASH_BYTES) {
                throw new IllegalArgumentException("a subtree root is 32 bytes, got " + root.length);
            }
            frontier.subtrees.add(root.clone());
        }
        frontier.size = size;
        return frontier;
    }

    /**
     * The frontier written by {@link #text()}: the size, a space, and the roots in base64 separated by commas.
     *
     * @throws IllegalArgumentException when {@code text} is not one
     */
    public static MerkleFrontier parse(String text) {
        final String trimmed = text.trim();
        final int space = trimmed.indexOf(' ');
        try {
            final long size = Long.parseLong(space < 0 ? trimmed : trimmed.substring(0, space));
            final List<byte[]> roots = new ArrayList<>();
            if (space >= 0) {
                for (String root : trimmed.substring(space + 1).split(",")) {
                    roots.add(Base64.getDecoder().decode(root.trim()));
                }
            }
            return of(size, roots);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Merkle frontier (\"SIZE ROOT,ROOT,...\"): " + e.getMessage(), e);
        }
    }

    /** The size and the roots, as {@link #parse} reads them. */
    public String text() {
        final StringBuilder text = new StringBuilder().append(size);
        for (int i = 0; i < subtrees.size(); i++) {
            text.append(i == 0 ? ' ' : ',').append(Base64.getEncoder().encodeToString(subtrees.get(i)));
        }
        return text.toString();
    }

    /** Adds the leaf with hash {@code leafHash} at index {@link #size()}. */
    public void append(byte[] leafHash) {
        byte[] carry = leafHash;
        // each 1 bit at the bottom of the size is a complete subtree the new leaf completes one level up
        for (long s = size; (s & 1) == 1; s >>= 1) {
            carry = hashes.node(subtrees.remove(subtrees.size() - 1), carry);
        }
        subtrees.add(carry);
        size++;
    }

    /** The number of leaves. */
    public long size() {
        return size;
    }

    /** The roots of the complete subtrees, largest first (copies). */
    public List<byte[]> roots() {
        final List<byte[]> roots = new ArrayList<>(subtrees.size());
        for (byte[] root : subtrees) {
            roots.add(root.clone());
        }
        return roots;
    }

    /** The root of the tree of {@link #size()} leaves (the empty tree's when there are none). */
    public byte[] root() {
        if (subtrees.isEmpty()) {
            return hashes.empty();
        }
        byte[] root = subtrees.get(subtrees.size() - 1);
        for (int i = subtrees.size() - 2; i >= 0; i--) {
            root = hashes.node(subtrees.get(i), root);
        }
        return root;
    }

    /**
     * The root of the complete subtree of leaves {@code [from, to)} when it is one this frontier keeps.
     *
     * @throws IllegalArgumentException for any other range: its hashes are not kept
     */
    public byte[] subtree(long from, long to) {
        final byte[] kept = kept(from, to);
        if (kept != null) {
            return kept;
        }
        throw new IllegalArgumentException("the hash of leaves [" + from + ", " + to + ") is not kept: only the"
                + " roots of the complete subtrees of the first " + size + " leaves are");
    }

    /**
     * The RFC 9162 hash of leaves {@code [from, to)} when it can be made of the kept roots (the tree of all
     * {@link #size()} leaves, or of any suffix of its complete subtrees).
     *
     * @throws IllegalArgumentException for any other range: its hashes are not kept
     */
    public byte[] hash(long from, long to) {
        final byte[] kept = kept(from, to);
        if (kept != null) {
            return kept;
        }
        if (to - from > 1 && from >= 0 && to <= size) {
            final long k = MerkleProofBuilder.largestPowerOfTwoBelow(to - from);
            return hashes.node(hash(from, from + k), hash(from + k, to));
        }
        return subtree(from, to);
    }

    /** The kept root of exactly leaves {@code [from, to)}, or null when no complete subtree is that range. */
    private byte[] kept(long from, long to) {
        final long[] starts = starts(size);
        for (int i = 0; i < starts.length; i++) {
            final long end = i + 1 < starts.length ? starts[i + 1] : size;
            if (starts[i] == from && end == to) {
                return subtrees.get(i).clone();
            }
        }
        return null;
    }

    /** Where each complete subtree of a tree of {@code size} leaves starts, largest (leftmost) first. */
    public static long[] starts(long size) {
        final long[] starts = new long[Long.bitCount(size)];
        long start = 0;
        int i = 0;
        for (int bit = Long.SIZE - 2; bit >= 0; bit--) {
            if ((size & (1L << bit)) != 0) {
                starts[i++] = start;
                start += 1L << bit;
            }
        }
        return starts;
    }
}
