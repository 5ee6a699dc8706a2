package io.experienceledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * A Merkle tree that grows one leaf at a time and keeps only its right edge: the roots of its complete subtrees,
 * at most one per power of two, largest first ({@code O(log n)} hashes). Enough to give the root of the tree as it
 * grows, which is what the catch-up needs for each new tree head. Not thread-safe.
 */
public final class MerkleFrontier {
    private final MerkleHashes hashes = new MerkleHashes();
    /** The roots of the complete subtrees, largest (leftmost) first. */
    private final List<byte[]> subtrees = new ArrayList<>();
    private long size;

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
}
