package io.experienceledger.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hashes of an RFC 9162 (RFC 6962) Merkle tree with SHA-256: a leaf hash is {@code SHA-256(0x00 || entry)},
 * an interior node {@code SHA-256(0x01 || left || right)}, the empty tree {@code SHA-256("")}. A ledger's leaf
 * {@code i} is the {@code i}-th line {@code ledger export} prints, without its newline. Not thread-safe: one
 * instance per thread.
 */
public final class MerkleHashes {
    /** The bytes of a hash. */
    public static final int HASH_BYTES = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private final MessageDigest sha256;

    /** A hasher of its own (SHA-256 is in every JDK). */
    public MerkleHashes() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** The leaf hash of {@code entry}: {@code SHA-256(0x00 || entry)}. */
    public byte[] leaf(byte[] entry) {
        return leaf(entry, 0, entry.length);
    }

    /** The hash of a leaf whose entry is {@code length} bytes of {@code bytes} from {@code offset}. */
    public byte[] leaf(byte[] bytes, int offset, int length) {
        sha256.update(LEAF_PREFIX);
        sha256.update(bytes, offset, length);
        return sha256.digest();
    }

    /** The hash of an interior node: {@code SHA-256(0x01 || left || right)}. */
    public byte[] node(byte[] left, byte[] right) {
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        return sha256.digest(right);
    }

    /**
     * The hash of the interior node whose children are the 64 bytes of {@code row} from {@code pair}, written over
     * the 32 bytes of {@code row} from {@code out} (which may overlap the children: they are read first).
     */
    void nodeInPlace(byte[] row, int pair, int out) {
        sha256.update(NODE_PREFIX);
        sha256.update(row, pair, 2 * HASH_BYTES);
        try {
            sha256.digest(row, out, HASH_BYTES);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 wrote no 32-byte hash", e);
        }
    }

    /** The root of the empty tree: {@code SHA-256("")}. */
    public byte[] empty() {
        return sha256.digest();
    }

    /** {@code hash} as 64 lowercase hex digits. */
    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    /**
     * The hash written as 64 hex digits.
     *
     * @throws IllegalArgumentException when {@code hex} is not 64 hex digits
     */
    public static byte[] fromHex(String hex) {
        if (hex.length() != 2 * HASH_BYTES) {
            throw new IllegalArgumentException("a hash is " + 2 * HASH_BYTES + " hex digits, got " + hex.length()
                    + ": '" + hex + "'");
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a hash is 64 hex digits, got '" + hex + "'", e);
        }
    }
}
