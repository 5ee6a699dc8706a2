package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.merkle.MerkleFrontier;
import io.experienceledger.merkle.MerkleHashes;
import io.experienceledger.merkle.MerkleProofs;
import io.experienceledger.merkle.TreeHead;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.testing.ChildJvm;
import io.experienceledger.workload.SyntheticWorkload;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's Merkle tree: leaf i is the hash of the i-th line {@code export} prints; its head and proofs check
 * with the verifiers that need no ledger; it persists, is caught up after more appends, rebuilt when deleted or
 * ahead of its checkpoint, and a read-only store alongside the writer gives the same heads.
 */
class LedgerTreeTest {
    @TempDir
    Path root;

    @Test
    void theHeadIsTheTreeOfTheExportLinesAndItsProofsCheck() throws Exception {
        final Path dir = root.resolve("ledger");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            assertEquals(new TreeHead(0, new MerkleHashes().empty()), store.tree().head());
            append(store, 700, 1);
            final TreeHead head = store.tree().head();
            final List<String> lines = exportLines(store);
            assertEquals(lines.size(), head.size());
            assertArrayEquals(frontierRoot(lines), head.root());
            final Random random = new Random(3);
            for (int i = 0; i < 50; i++) {
                final long size = 1 + random.nextInt((int) head.size());
                final long index = random.nextInt((int) size);
                MerkleProofs.checkInclusion(index, size, LedgerTree.leafHash(lines.get((int) index)),
                        store.tree().inclusion(index, size), store.tree().root(size));
            }
            append(store, 300, 2);
            final TreeHead later = store.tree().head();
            MerkleProofs.checkConsistency(head.size(), later.size(), head.root(), later.root(),
                    store.tree().consistency(head.size(), later.size()));
            assertEquals(ExperienceStoreException.Kind.INVALID_QUERY, assertThrows(ExperienceStoreException.class,
                    () -> store.tree().inclusion(later.size(), later.size())).kind());
            assertThrows(ExperienceStoreException.class, () -> store.tree().consistency(5, later.size() + 1));
            assertTrue(store.verify(null).intact(), "the tree's files beside the index disturb nothing");
            assertEquals(later.size(), store.stats().entries());
        }
    }

    @Test
    void everyHeadAfterAnAppendOfThisProcessHoldsItAndHeadsWithoutAppendsAgree() throws Exception {
        final Path dir = root.resolve("ledger");
        final SyntheticWorkload workload = new SyntheticWorkload(11, 4);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            long expected = 0;
            for (int round = 0; round < 60; round++) {
                final TreeHead before = store.tree().head();
                assertEquals(before, store.tree().head(), "no append between two heads, round " + round);
                switch (round % 3) {
                    case 0 -> {
                        appendOne(store, workload.next());
                        expected++;
                    }
                    case 1 -> {
                        store.appendBatch(List.of(workload.next(), workload.next(), workload.next()).iterator());
                        expected += 3;
                    }
                    default -> {
                        // from another thread, joined before the head is asked for
                        final ExperienceRecord record = workload.next();
                        final Thread writer = new Thread(() -> store.appendBatch(List.of(record).iterator()));
                        writer.start();
                        writer.join();
                        expected++;
                    }
                }
                final TreeHead after = store.tree().head();
                assertEquals(expected, after.size(), "round " + round);
                MerkleProofs.checkConsistency(before.size(), after.size(), before.root(), after.root(),
                        store.tree().consistency(before.size(), after.size()));
            }
            assertArrayEquals(frontierRoot(exportLines(store)), store.tree().head().root());
        }
    }

    @Test
    void theTreePersistsIsCaughtUpAndIsRebuiltWhenDeletedOrAheadOfItsCheckpoint() throws Exception {
        final Path dir = root.resolve("ledger");
        final TreeHead first;
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            append(store, 600, 4);
            first = store.tree().head();
        }
        final Path treeDir = dir.resolve("index").resolve(LedgerTree.DIRECTORY);
        assertTrue(Files.exists(treeDir.resolve("tree.properties")));
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            assertEquals(first, store.tree().head(), "after reopening");
            append(store, 100, 5);
            assertEquals(first.size() + 100, store.tree().head().size());
        }
        final TreeHead second;
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            second = store.tree().head();
            assertArrayEquals(frontierRoot(exportLines(store)), second.root());
        }
        // leaves written after the last checkpoint (a crash before it was written) are dropped and hashed again
        try (RandomAccessFile leaves = new RandomAccessFile(treeDir.resolve("level-0.hash").toFile(), "rw")) {
            leaves.seek(leaves.length());
            leaves.write(new byte[32 * 3]);
        }
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            assertEquals(second, store.tree().head(), "files ahead of their checkpoint");
        }
        deleteTree(treeDir);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            assertEquals(second, store.tree().head(), "rebuilt from the journal");
        }
        deleteTree(dir.resolve("index"));
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            assertEquals(second, store.tree().head(), "rebuilt with the side index after DIR/index was deleted");
        }
    }

    @Test
    void verifyChecksTheTreeAgainstTheJournalAndThatItExtendsAnEarlierDigest() throws Exception {
        final Path dir = root.resolve("ledger");
        final String earlier;
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            append(store, 200, 9);
            earlier = store.digest();
            assertEquals(store.tree().head().toString(), earlier);
            append(store, 100, 10);
            final VerifyReport report = store.verify(earlier);
            assertTrue(report.intact(), report.problem());
            assertEquals(store.digest(), report.digest());
            final String forged = earlier.substring(0, earlier.indexOf(':') + 1) + "0".repeat(64);
            final VerifyReport rewritten = store.verify(forged);
            assertTrue(rewritten.problem().contains(": the history up to there was rewritten"), rewritten.problem());
            final VerifyReport removed = store.verify("100000:" + "0".repeat(64));
            assertTrue(removed.problem().startsWith("the digest covers 100000 entries but the ledger has only"),
                    removed.problem());
            assertThrows(IllegalArgumentException.class, () -> store.verify("12:abc"));
        }
        try (RandomAccessFile leaves = new RandomAccessFile(dir.resolve("index").resolve(LedgerTree.DIRECTORY)
                .resolve("level-0.hash").toFile(), "rw")) {
            leaves.seek(32 * 3 + 5);
            final int b = leaves.read();
            leaves.seek(32 * 3 + 5);
            leaves.write(b ^ 1);
        }
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            final VerifyReport report = store.verify(null);
            assertTrue(report.problem().startsWith("leaf 3 of the Merkle tree (journal index "), report.problem());
            assertTrue(report.problem().endsWith("was changed; delete it and it is rebuilt from the journal"),
                    report.problem());
        }
    }

    @Test
    void aReadOnlyStoreAlongsideTheWriterGivesTheSameHeads() throws Exception {
        final Path dir = root.resolve("ledger");
        try (ChronicleExperienceStore writer = ChronicleExperienceStore.open(dir)) {
            append(writer, 300, 6);
            try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
                assertEquals(writer.tree().head(), reader.tree().head(), "no tree on disk yet: all in memory");
            }
            append(writer, 200, 7);
            try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
                final TreeHead head = reader.tree().head();
                assertEquals(writer.tree().head(), head, "the persisted part and the rest in memory");
                append(writer, 50, 8);
                final TreeHead later = reader.tree().head();
                assertEquals(head.size() + 50, later.size());
                assertEquals(writer.tree().head(), later);
                MerkleProofs.checkConsistency(head.size(), later.size(), head.root(), later.root(),
                        reader.tree().consistency(head.size(), later.size()));
                final long index = head.size() - 1;
                MerkleProofs.checkInclusion(index, later.size(), LedgerTree.leafHash(exportLines(reader).get((int) index)),
                        reader.tree().inclusion(index, later.size()), later.root());
            }
        }
    }

    /**
     * kill -9 of a writer that asks for the tree's head after every batch, at a random moment (often while it
     * hashes the batch into the tree's files): the next open catches the tree up to the journal, its head is the
     * tree of the export lines, and every head the writer printed is a prefix of it.
     */
    @Test
    void aWriterKilledWhileItHashesLeavesATreeThatTheNextOpenCatchesUp() throws Exception {
        final Random random = new Random(23);
        for (int trial = 0; trial < 4; trial++) {
            final Path dir = root.resolve("killed-" + trial);
            TreeHead printed = null;
            try (ChildJvm child = ChildJvm.start(JournalChild.class, "tree", dir.toString(),
                    Long.toString(random.nextLong()))) {
                for (int heads = 1 + random.nextInt(4); heads > 0; heads--) {
                    final String line = child.readLine();
                    assertTrue(line != null && line.startsWith("head "), "trial " + trial + ": " + line + "\n"
                            + child.errors());
                    printed = TreeHead.parse(line.substring("head ".length()));
                }
                Thread.sleep(random.nextInt(120));
                child.kill();
            }
            try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
                final TreeHead head = store.tree().head();
                final List<String> lines = exportLines(store);
                assertEquals(lines.size(), head.size(), "trial " + trial);
                assertArrayEquals(frontierRoot(lines), head.root(), "trial " + trial);
                assertTrue(head.size() >= printed.size(), "trial " + trial + ": " + head + " behind " + printed);
                assertArrayEquals(printed.root(), store.tree().root(printed.size()), "trial " + trial
                        + ": the head the writer printed, " + printed);
                MerkleProofs.checkConsistency(printed.size(), head.size(), printed.root(), head.root(),
                        store.tree().consistency(printed.size(), head.size()));
                assertTrue(store.verify(printed.toString()).intact(), "trial " + trial);
            }
        }
    }

    /** Appends {@code count} entries drawn from {@code seed}: singles of both sides and batches of 1 to 20. */
    static void append(ChronicleExperienceStore store, int count, long seed) {
        final SyntheticWorkload workload = new SyntheticWorkload(seed, 4);
        final Random random = new Random(seed);
        int written = 0;
        while (written < count) {
            if (random.nextInt(5) == 0) {
                final List<ExperienceRecord> batch = new ArrayList<>();
                for (int i = 0; i < 1 + random.nextInt(20) && written < count; i++, written++) {
                    batch.add(workload.next());
                }
                store.appendBatch(batch.iterator());
            } else {
                appendOne(store, workload.next());
                written++;
            }
        }
    }

    private static void appendOne(ChronicleExperienceStore store, ExperienceRecord record) {
        if (record instanceof ExperienceRecord.Engine engine) {
            store.appendEvent(engine.value());
        } else {
            store.appendUserEvent(((ExperienceRecord.User) record).value());
        }
    }

    static List<String> exportLines(ChronicleExperienceStore store) {
        final List<String> lines = new ArrayList<>();
        store.scan(-1, (index, record) -> lines.add(ConvergeJson.writeAnyEnvelope(record)));
        return lines;
    }

    private static byte[] frontierRoot(List<String> lines) {
        final MerkleFrontier frontier = new MerkleFrontier();
        lines.forEach(line -> frontier.append(LedgerTree.leafHash(line)));
        return frontier.root();
    }

    private static void deleteTree(Path treeDir) throws Exception {
        try (Stream<Path> files = Files.walk(treeDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
