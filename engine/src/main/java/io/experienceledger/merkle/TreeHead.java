package io.experienceledger.merkle;

import java.util.Objects;

/**
 * The head of a Merkle tree: its size and root. Written as {@code <tree_size>:<root_hash_hex>} (what
 * {@link #toString()} and {@link #parse} use).
 *
 * @param size the number of leaves
 * @param root the root hash, 32 bytes
 */
public record TreeHead(long size, byte[] root) {
    public TreeHead {
        if (size < 0) {
            throw new IllegalArgumentException("a tree has 0 or more leaves, not " + size);
        }
        Objects.requireNonNull(root, "root");
        if (root.length != MerkleHashes.HASH_BYTES) {
            throw new IllegalArgumentException("a root hash is 32 bytes, got " + root.length);
        }
        root = root.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    /**
     * Reads {@code <tree_size>:<64 hex digits>}.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static TreeHead parse(String text) {
        final int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a tree head is <tree_size>:<root_hash_hex>, got '" + text + "'");
        }
        final long size;
        try {
            size = Long.parseLong(text.substring(0, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the tree size of '" + text + "' is not a number", e);
        }
        return new TreeHead(size, MerkleHashes.fromHex(text.substring(colon + 1)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TreeHead head && head.size == size && java.util.Arrays.equals(head.root, root);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + java.util.Arrays.hashCode(root);
    }

    @Override
    public String toString() {
        // a builder, not string concatenation: the first concatenation of a shape in a JVM costs milliseconds to
        // link, and a digest printed once after opening a ledger would pay that
        return new StringBuilder(20 + 2 * MerkleHashes.HASH_BYTES).append(size).append(':')
                .append(MerkleHashes.hex(root)).toString();
    }
}
