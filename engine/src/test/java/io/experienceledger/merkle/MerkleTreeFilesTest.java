package io.experienceledger.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree in files gives the roots and proofs of the tree in memory, at every size across the stored levels
 * (256 and 65,536 leaves), after reopening, and after a crash left a level behind, ahead, or cut short.
 */
class MerkleTreeFilesTest {
    @TempDir
    Path dir;

    private final MerkleHashes hashes = new MerkleHashes();

    @Test
    void rootsAndProofsMatchTheTreeInMemoryAtEverySize() throws Exception {
        final int leaves = 70_000;
        final List<byte[]> leafHashes = new ArrayList<>();
        final MerkleFrontier frontier = new MerkleFrontier();
        final Random random = new Random(7);
        try (MerkleTreeFiles tree = MerkleTreeFiles.open(dir.resolve("tree"))) {
            assertArrayEquals(hashes.empty(), tree.root(0));
            for (int i = 0; i < leaves; i++) {
                final byte[] leaf = hashes.leaf(("entry " + i).getBytes(StandardCharsets.UTF_8));
                leafHashes.add(leaf);
                tree.append(leaf);
                frontier.append(leaf);
                if (i < 600 || i % 997 == 0 || i == 65_535 || i == leaves - 1) {
                    final long size = i + 1;
                    final byte[] root = tree.root(size);
                    assertArrayEquals(frontier.root(), root, "root of " + size);
                    final long index = random.nextInt((int) size);
                    MerkleProofs.checkInclusion(index, size, leafHashes.get((int) index), tree.inclusion(index, size),
                            root);
                    final long first = 1 + random.nextInt((int) size);
                    MerkleProofs.checkConsistency(first, size, tree.root(first), root, tree.consistency(first, size));
                }
            }
            assertEquals(leaves, tree.size());
        }
        assertEquals(32L * (leaves + leaves / 256 + leaves / 65_536), sizeOnDisk(dir.resolve("tree")));
        try (MerkleTreeFiles reopened = MerkleTreeFiles.open(dir.resolve("tree"))) {
            assertEquals(leaves, reopened.size());
            assertArrayEquals(frontier.root(), reopened.root(leaves));
            assertArrayEquals(leafHashes.get(12_345), reopened.leaf(12_345));
            assertThrows(IllegalArgumentException.class, () -> reopened.root(leaves + 1));
            assertThrows(IllegalArgumentException.class, () -> reopened.inclusion(leaves, leaves));
        }
    }

    @Test
    void aCrashInTheMiddleOfAnAppendIsRepairedOnOpen() throws Exception {
        final Path files = dir.resolve("tree");
        final MerkleFrontier frontier = new MerkleFrontier();
        try (MerkleTreeFiles tree = MerkleTreeFiles.open(files)) {
            for (int i = 0; i < 1_024; i++) {
                final byte[] leaf = hashes.leaf(new byte[] {(byte) i, (byte) (i >> 8)});
                tree.append(leaf);
                frontier.append(leaf);
            }
        }
        // the last level-8 hash lost, and half a leaf hash written after the last whole one
        try (RandomAccessFile level8 = new RandomAccessFile(files.resolve(MerkleTreeFiles.fileName(8)).toFile(), "rw");
             RandomAccessFile level0 = new RandomAccessFile(files.resolve(MerkleTreeFiles.fileName(0)).toFile(), "rw")) {
            level8.setLength(level8.length() - 32);
            level0.seek(level0.length());
            level0.write(new byte[16]);
        }
        try (MerkleTreeFiles tree = MerkleTreeFiles.open(files)) {
            assertEquals(1_024, tree.size());
            assertArrayEquals(frontier.root(), tree.root(1_024));
        }
        // a level ahead of the leaves (the leaves' last writes lost)
        try (RandomAccessFile level0 = new RandomAccessFile(files.resolve(MerkleTreeFiles.fileName(0)).toFile(), "rw")) {
            level0.setLength(32L * 1_000);
        }
        final MerkleFrontier shorter = new MerkleFrontier();
        for (int i = 0; i < 1_000; i++) {
            shorter.append(hashes.leaf(new byte[] {(byte) i, (byte) (i >> 8)}));
        }
        try (MerkleTreeFiles tree = MerkleTreeFiles.open(files)) {
            assertEquals(1_000, tree.size());
            assertArrayEquals(shorter.root(), tree.root(1_000));
            assertEquals(32L * 3, Files.size(files.resolve(MerkleTreeFiles.fileName(8))));
        }
    }

    private static long sizeOnDisk(Path files) throws Exception {
        try (var stream = Files.list(files)) {
            long total = 0;
            for (Path file : stream.toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }
}
