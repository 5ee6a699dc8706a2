package io.experienceledger.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The RFC 9162 tree against Certificate Transparency's published test vectors (the eight leaves of RFC 6962's
 * reference tree, its roots, inclusion and consistency proofs), and, for every tree of 1 to 64 leaves, against a
 * plain recursive implementation of the RFC's definitions written here; forged proofs are refused.
 */
class MerkleTreeTest {
    /** The leaf inputs of the reference tree (certificate-transparency merkle_tree_test). */
    private static final List<byte[]> CT_LEAVES = List.of(hex(""), hex("00"), hex("10"), hex("2021"), hex("3031"),
            hex("40414243"), hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f"));
    /** The roots of its first 0 to 8 leaves. */
    private static final List<String> CT_ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    private static final String H_96A2 = "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7";
    private static final String H_5F08 = "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e";
    private static final String H_6B47 = "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4";
    private static final String H_BC1A = "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b";
    private static final String H_CA85 = "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0";
    private static final String H_D37E = "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7";
    private static final String H_0EBC = "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a";
    private static final String H_FAC5 = "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125";
    private static final String H_6E34 = "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d";

    @Test
    void theReferenceTreeHasThePublishedRoots() {
        final MerkleFrontier frontier = new MerkleFrontier();
        final MerkleHashes hashes = new MerkleHashes();
        assertEquals(CT_ROOTS.get(0), MerkleHashes.hex(frontier.root()));
        for (int size = 1; size <= CT_LEAVES.size(); size++) {
            frontier.append(hashes.leaf(CT_LEAVES.get(size - 1)));
            assertEquals(CT_ROOTS.get(size), MerkleHashes.hex(frontier.root()), "root of " + size);
            assertEquals(CT_ROOTS.get(size), MerkleHashes.hex(mth(CT_LEAVES.subList(0, size))), "reference " + size);
        }
    }

    @Test
    void theReferenceTreeHasThePublishedProofs() throws Exception {
        final MerkleProofBuilder builder = new MerkleProofBuilder((from, to) -> mth(CT_LEAVES.subList((int) from,
                (int) to)));
        final Object[][] inclusion = {
            {0, 1, List.of()},
            {0, 8, List.of(H_96A2, H_5F08, H_6B47)},
            {5, 8, List.of(H_BC1A, H_CA85, H_D37E)},
            {2, 3, List.of(H_FAC5)},
            {1, 5, List.of(H_6E34, H_5F08, H_BC1A)}};
        for (Object[] c : inclusion) {
            final int index = (int) c[0];
            final int size = (int) c[1];
            final List<byte[]> path = builder.inclusion(index, size);
            assertEquals(c[2], hexes(path), "inclusion " + index + "/" + size);
            MerkleProofs.checkInclusion(index, size, new MerkleHashes().leaf(CT_LEAVES.get(index)), path,
                    hex(CT_ROOTS.get(size)));
        }
        final Object[][] consistency = {
            {1, 1, List.of()},
            {1, 8, List.of(H_96A2, H_5F08, H_6B47)},
            {6, 8, List.of(H_0EBC, H_CA85, H_D37E)},
            {2, 5, List.of(H_5F08, H_BC1A)}};
        for (Object[] c : consistency) {
            final int first = (int) c[0];
            final int second = (int) c[1];
            final List<byte[]> path = builder.consistency(first, second);
            assertEquals(c[2], hexes(path), "consistency " + first + "/" + second);
            MerkleProofs.checkConsistency(first, second, hex(CT_ROOTS.get(first)), hex(CT_ROOTS.get(second)), path);
        }
    }

    @Test
    void everyProofOfEveryTreeUpTo64LeavesChecksAndForgeriesAreRefused() throws Exception {
        final List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            leaves.add(("entry " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        final MerkleHashes hashes = new MerkleHashes();
        final MerkleProofBuilder builder = new MerkleProofBuilder((from, to) -> mth(leaves.subList((int) from,
                (int) to)));
        final MerkleFrontier frontier = new MerkleFrontier();
        final List<byte[]> roots = new ArrayList<>();
        roots.add(mth(List.of()));
        for (int size = 1; size <= leaves.size(); size++) {
            frontier.append(hashes.leaf(leaves.get(size - 1)));
            final byte[] root = mth(leaves.subList(0, size));
            assertArrayEquals(root, frontier.root(), "frontier root of " + size);
            roots.add(root);
        }
        for (int size = 1; size <= leaves.size(); size++) {
            final byte[] root = roots.get(size);
            for (int index = 0; index < size; index++) {
                final byte[] leaf = hashes.leaf(leaves.get(index));
                final List<byte[]> path = builder.inclusion(index, size);
                MerkleProofs.checkInclusion(index, size, leaf, path, root);
                final String at = index + "/" + size;
                assertFalse(MerkleProofs.verifyInclusion(index, size, hashes.leaf(leaves.get((index + 1) % 64)),
                        path, root), "another entry " + at);
                assertFalse(MerkleProofs.verifyInclusion(index, size, leaf, path, roots.get(size - 1)),
                        "another root " + at);
                // a size whose path has another length does not fit the proof (one of the same shape can: the
                // size is bound to the root by the signed tree head that carries both)
                if (size < leaves.size() && builder.inclusion(index, size + 1).size() != path.size()) {
                    assertFalse(MerkleProofs.verifyInclusion(index, size + 1, leaf, path, root), "another size " + at);
                }
                if (size > 1) {
                    assertFalse(MerkleProofs.verifyInclusion((index + 1) % size, size, leaf, path, root),
                            "another index " + at);
                    for (int element = 0; element < path.size(); element++) {
                        final List<byte[]> forged = new ArrayList<>(path);
                        final byte[] changed = forged.get(element).clone();
                        changed[element % changed.length] ^= 1;
                        forged.set(element, changed);
                        assertFalse(MerkleProofs.verifyInclusion(index, size, leaf, forged, root),
                                "changed path element " + element + " of " + at);
                    }
                    assertFalse(MerkleProofs.verifyInclusion(index, size, leaf, path.subList(0, path.size() - 1),
                            root), "a shorter path " + at);
                }
                final List<byte[]> longer = new ArrayList<>(path);
                longer.add(root);
                assertFalse(MerkleProofs.verifyInclusion(index, size, leaf, longer, root), "a longer path " + at);
            }
            for (int first = 1; first <= size; first++) {
                final List<byte[]> path = builder.consistency(first, size);
                MerkleProofs.checkConsistency(first, size, roots.get(first), root, path);
                final String at = first + "->" + size;
                if (first < size) {
                    assertFalse(MerkleProofs.verifyConsistency(first, size, roots.get(first - 1), root, path),
                            "another first root " + at);
                    assertFalse(MerkleProofs.verifyConsistency(first, size, roots.get(first), roots.get(size - 1),
                            path), "another second root " + at);
                    for (int element = 0; element < path.size(); element++) {
                        final List<byte[]> forged = new ArrayList<>(path);
                        final byte[] changed = forged.get(element).clone();
                        changed[0] ^= (byte) 0x80;
                        forged.set(element, changed);
                        assertFalse(MerkleProofs.verifyConsistency(first, size, roots.get(first), root, forged),
                                "changed path element " + element + " of " + at);
                    }
                    assertFalse(MerkleProofs.verifyConsistency(first, size, roots.get(first), root, List.of()),
                            "an empty path " + at);
                }
            }
        }
    }

    @Test
    void invalidProofsSayWhatDoesNotMatchAndMalformedOnesAreRefused() {
        final MerkleHashes hashes = new MerkleHashes();
        final byte[] root = hex(CT_ROOTS.get(8));
        final MerkleProofs.InvalidProof wrongRoot = assertThrows(MerkleProofs.InvalidProof.class,
                () -> MerkleProofs.checkInclusion(0, 8, hashes.leaf(CT_LEAVES.get(1)),
                        List.of(hex(H_96A2), hex(H_5F08), hex(H_6B47)), root));
        assertTrue(wrongRoot.getMessage().startsWith("the inclusion path leads to root "), wrongRoot.getMessage());
        assertTrue(wrongRoot.getMessage().endsWith(", not " + CT_ROOTS.get(8)), wrongRoot.getMessage());
        final MerkleProofs.InvalidProof outside = assertThrows(MerkleProofs.InvalidProof.class,
                () -> MerkleProofs.checkInclusion(8, 8, hashes.leaf(CT_LEAVES.get(1)), List.of(), root));
        assertEquals("leaf index 8 is not in a tree of 8 leaves", outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MerkleProofs.checkInclusion(0, 8,
                hashes.leaf(CT_LEAVES.get(0)), List.of(new byte[31]), root));
        final MerkleProofs.InvalidProof shrinking = assertThrows(MerkleProofs.InvalidProof.class,
                () -> MerkleProofs.checkConsistency(5, 4, root, root, List.of()));
        assertEquals("a tree of 4 leaves cannot extend one of 5", shrinking.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MerkleHashes.fromHex("abc"));
        assertArrayEquals(root, MerkleHashes.fromHex(CT_ROOTS.get(8)));
    }

    // ------------------------------------------------------------------ the RFC's definitions, plainly

    /** MTH(D[n]) of RFC 9162 2.1.1, recursively, with its own SHA-256. */
    private static byte[] mth(List<byte[]> leaves) {
        final int n = leaves.size();
        if (n == 0) {
            return sha256(new byte[0]);
        }
        if (n == 1) {
            return sha256(concat(new byte[] {0}, leaves.get(0)));
        }
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return sha256(concat(new byte[] {1}, concat(mth(leaves.subList(0, k)), mth(leaves.subList(k, n)))));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        final byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    private static List<String> hexes(List<byte[]> hashes) {
        return hashes.stream().map(MerkleHashes::hex).toList();
    }
}
