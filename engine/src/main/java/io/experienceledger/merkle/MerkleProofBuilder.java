package io.experienceledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds RFC 9162 inclusion and consistency proofs (sections 2.1.3.1 and 2.1.4.1) from the hashes of the
 * subtrees they name: whoever holds the tree answers {@link SubtreeHashes#hash(long, long)}, for a complete
 * subtree or the right edge of a tree.
 */
public final class MerkleProofBuilder {
    /** The Merkle tree hash of leaves {@code [from, to)}, {@code to > from}. */
    @FunctionalInterface
    public interface SubtreeHashes {
        byte[] hash(long from, long to);
    }

    private final SubtreeHashes tree;

    public MerkleProofBuilder(SubtreeHashes tree) {
        this.tree = tree;
    }

    /**
     * The inclusion path of leaf {@code leafIndex} in the tree of its first {@code treeSize} leaves, from the
     * leaf up.
     *
     * @throws IllegalArgumentException when the index is not in the tree
     */
    public List<byte[]> inclusion(long leafIndex, long treeSize) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is not in a tree of " + treeSize
                    + " leaves");
        }
        final List<byte[]> path = new ArrayList<>();
        path(leafIndex, 0, treeSize, path);
        return path;
    }

    /** PATH(m, D[from:to]): appends the path, deepest first. */
    private void path(long m, long from, long to, List<byte[]> out) {
        final long n = to - from;
        if (n <= 1) {
            return;
        }
        final long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, from, from + k, out);
            out.add(tree.hash(from + k, to));
        } else {
            path(m - k, from + k, to, out);
            out.add(tree.hash(from, from + k));
        }
    }

    /**
     * The consistency path from the tree of the first {@code firstSize} leaves to that of the first
     * {@code secondSize}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= firstSize <= secondSize}
     */
    public List<byte[]> consistency(long firstSize, long secondSize) {
        if (firstSize < 0 || secondSize < firstSize) {
            throw new IllegalArgumentException("a tree of " + secondSize + " leaves cannot extend one of "
                    + firstSize);
        }
        final List<byte[]> path = new ArrayList<>();
        if (firstSize > 0 && firstSize < secondSize) {
            subproof(firstSize, 0, secondSize, true, path);
        }
        return path;
    }

    /** SUBPROOF(m, D[from:to], b). */
    private void subproof(long m, long from, long to, boolean whole, List<byte[]> out) {
        final long n = to - from;
        if (m == n) {
            if (!whole) {
                out.add(tree.hash(from, to));
            }
            return;
        }
        final long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, from, from + k, whole, out);
            out.add(tree.hash(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, out);
            out.add(tree.hash(from, from + k));
        }
    }

    /** The largest power of two smaller than {@code n} ({@code n > 1}): where RFC 9162 splits a tree of n leaves. */
    public static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
