package io.experienceledger.merkle;

import java.security.MessageDigest;
import java.util.List;

/**
 * Checks RFC 9162 inclusion and consistency proofs without the ledger: what an auditor runs on a proof and a tree
 * head it was given (sections 2.1.3.2 and 2.1.4.2 of RFC 9162). Each check names what does not match.
 */
public final class MerkleProofs {
    private MerkleProofs() {
    }

    /** A proof that does not prove what it claims, with what does not match. */
    public static final class InvalidProof extends Exception {
        private static final long serialVersionUID = 1L;

        /** A proof that does not hold, with what does not match. */
        public InvalidProof(String message) {
            super(message);
        }
    }

    /**
     * Checks that the leaf with hash {@code leafHash} is leaf {@code leafIndex} of the tree of {@code treeSize}
     * leaves whose root is {@code root}, by the inclusion path {@code path} (from the leaf up).
     *
     * @throws InvalidProof              naming what does not match: the index and size, the path's length, or
     *                                    the root
     * @throws IllegalArgumentException when a hash is not 32 bytes (a malformed proof)
     */
    public static void checkInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root)
            throws InvalidProof {
        requireHash(leafHash);
        requireHash(root);
        path.forEach(MerkleProofs::requireHash);
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new InvalidProof("leaf index " + leafIndex + " is not in a tree of " + treeSize + " leaves");
        }
        final byte[] computed = rootFromInclusion(leafIndex, treeSize, leafHash, path);
        if (!MessageDigest.isEqual(computed, root)) {
            throw new InvalidProof("the inclusion path leads to root " + MerkleHashes.hex(computed) + ", not "
                    + MerkleHashes.hex(root));
        }
    }

    /** {@link #checkInclusion} as a yes or no. */
    public static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path,
                                          byte[] root) {
        try {
            checkInclusion(leafIndex, treeSize, leafHash, path, root);
            return true;
        } catch (InvalidProof e) {
            return false;
        }
    }

    /** RFC 9162 2.1.3.2: the root an inclusion path leads to. */
    private static byte[] rootFromInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path)
            throws InvalidProof {
        final MerkleHashes hashes = new MerkleHashes();
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                throw new InvalidProof("the inclusion path has " + path.size() + " hashes, more than a tree of "
                        + treeSize + " leaves needs for leaf " + leafIndex);
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = hashes.node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = hashes.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new InvalidProof("the inclusion path has " + path.size() + " hashes, fewer than a tree of "
                    + treeSize + " leaves needs for leaf " + leafIndex);
        }
        return r;
    }

    /**
     * Checks that the tree of {@code secondSize} leaves with root {@code secondRoot} extends the tree of
     * {@code firstSize} leaves with root {@code firstRoot} (its first {@code firstSize} leaves are the same), by
     * the consistency path {@code path}.
     *
     * @throws InvalidProof              naming what does not match: the sizes, the path's length, or which root
     * @throws IllegalArgumentException when a hash is not 32 bytes (a malformed proof)
     */
    public static void checkConsistency(long firstSize, long secondSize, byte[] firstRoot, byte[] secondRoot,
                                        List<byte[]> path) throws InvalidProof {
        requireHash(firstRoot);
        requireHash(secondRoot);
        path.forEach(MerkleProofs::requireHash);
        if (firstSize < 0 || secondSize < firstSize) {
            throw new InvalidProof("a tree of " + secondSize + " leaves cannot extend one of " + firstSize);
        }
        if (firstSize == secondSize) {
            if (!path.isEmpty()) {
                throw new InvalidProof("trees of the same size need an empty consistency path, got " + path.size()
                        + " hashes");
            }
            if (!MessageDigest.isEqual(firstRoot, secondRoot)) {
                throw new InvalidProof("two trees of " + firstSize + " leaves with different roots "
                        + MerkleHashes.hex(firstRoot) + " and " + MerkleHashes.hex(secondRoot));
            }
            return;
        }
        if (firstSize == 0) {
            if (!path.isEmpty()) {
                throw new InvalidProof("the empty tree needs an empty consistency path, got " + path.size()
                        + " hashes");
            }
            return;
        }
        if (path.isEmpty()) {
            throw new InvalidProof("the consistency path from " + firstSize + " to " + secondSize
                    + " leaves is empty");
        }
        // RFC 9162 2.1.4.2
        final MerkleHashes hashes = new MerkleHashes();
        int next = 0;
        byte[] fr;
        byte[] sr;
        long fn = firstSize - 1;
        long sn = secondSize - 1;
        if (Long.bitCount(firstSize) == 1) {
            // a complete first tree is its own first node
            fr = firstRoot;
            sr = firstRoot;
        } else {
            fr = path.get(0);
            sr = path.get(0);
            next = 1;
        }
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        for (int i = next; i < path.size(); i++) {
            final byte[] c = path.get(i);
            if (sn == 0) {
                throw new InvalidProof("the consistency path from " + firstSize + " to " + secondSize
                        + " leaves has " + path.size() + " hashes, more than it needs");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = hashes.node(c, fr);
                sr = hashes.node(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = hashes.node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new InvalidProof("the consistency path from " + firstSize + " to " + secondSize + " leaves has "
                    + path.size() + " hashes, fewer than it needs");
        }
        if (!MessageDigest.isEqual(fr, firstRoot)) {
            throw new InvalidProof("the consistency path leads to first root " + MerkleHashes.hex(fr) + ", not "
                    + MerkleHashes.hex(firstRoot));
        }
        if (!MessageDigest.isEqual(sr, secondRoot)) {
            throw new InvalidProof("the consistency path leads to second root " + MerkleHashes.hex(sr) + ", not "
                    + MerkleHashes.hex(secondRoot));
        }
    }

    /** {@link #checkConsistency} as a yes or no. */
    public static boolean verifyConsistency(long firstSize, long secondSize, byte[] firstRoot, byte[] secondRoot,
                                            List<byte[]> path) {
        try {
            checkConsistency(firstSize, secondSize, firstRoot, secondRoot, path);
            return true;
        } catch (InvalidProof e) {
            return false;
        }
    }

    /** A malformed proof (not 32 bytes where a hash belongs) is the caller's error, not an invalid proof. */
    private static void requireHash(byte[] hash) {
        if (hash == null || hash.length != MerkleHashes.HASH_BYTES) {
            throw new IllegalArgumentException("a hash is " + MerkleHashes.HASH_BYTES + " bytes, got "
                    + (hash == null ? "none" : hash.length));
        }
    }
}
