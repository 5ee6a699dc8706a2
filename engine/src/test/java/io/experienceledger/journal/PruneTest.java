package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.merkle.MerkleFrontier;
import io.experienceledger.merkle.MerkleHashes;
import io.experienceledger.merkle.MerkleProofs;
import io.experienceledger.merkle.TreeHead;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.workload.SyntheticWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention ({@link ChronicleExperienceStore#prune}) on ledgers of several files of Chronicle's one-second test
 * cycle: the tree head does not change, retained entries keep their leaf indices and prove against heads from
 * before and after, consistency proofs from heads at or after the cut verify, reads answer the retained entries
 * only, the tree survives deletion and reopening, batches go whole, the shipping guard holds unshipped entries.
 */
class PruneTest {
    @TempDir
    Path root;

    @Test
    void pruningKeepsTheHeadAndEveryProofOfTheRetainedEntries() throws Exception {
        final Path dir = root.resolve("ledger");
        final List<TreeHead> heads = new ArrayList<>();
        final Instant cutAt;
        try (ChronicleExperienceStore store = secondly(dir)) {
            nextCycle();
            append(store, 300, 1);
            heads.add(store.tree().head());
            nextCycle();
            append(store, 300, 2);
            heads.add(store.tree().head());
            nextCycle();
            cutAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            append(store, 300, 3);
            heads.add(store.tree().head());
            nextCycle();
            append(store, 200, 4);
            final TreeHead before = store.tree().head();
            final List<String> lines = exportLines(store);
            final int journalFiles = journalFiles(dir).size();
            assertTrue(journalFiles >= 4, "files: " + journalFiles);

            final PruneResult dry = store.prune(PruneRequest.before(cutAt).asDryRun());
            assertTrue(dry.dryRun());
            assertEquals(journalFiles, journalFiles(dir).size(), "a dry run removes nothing");
            final Path leaves = dir.resolve("index").resolve(LedgerTree.DIRECTORY).resolve("level-0.hash");
            final long leafBytes = LedgerDirectory.allocatedBytes(leaves);
            store.flushIndex();
            assertEquals(lines.size(), store.sideIndex().entries());
            final PruneResult result = store.prune(PruneRequest.before(cutAt));
            assertEquals(dry.files(), result.files(), "the dry run said what goes");
            assertTrue(LedgerDirectory.allocatedBytes(leaves) < leafBytes, "the pruned leaves' disk blocks came back: "
                    + leafBytes + " -> " + LedgerDirectory.allocatedBytes(leaves));
            store.flushIndex();
            assertEquals(lines.size() - heads.get(1).size(), store.sideIndex().entries(),
                    "the side index dropped the pruned postings");
            final long pruned = heads.get(1).size();
            assertTrue(result.files().size() >= 2, () -> "removed " + result.files());
            assertEquals(pruned, result.entries());
            assertEquals(journalFiles - result.files().size(), journalFiles(dir).size());
            for (PruneRecord.PrunedFile file : result.files()) {
                assertArrayEquals(rootOf(lines.subList(0, (int) file.endLeaf())), file.rootAtEnd(), file.toString());
            }

            assertEquals(before, store.tree().head(), "the head does not change");
            assertEquals(pruned, store.tree().prunedLeaves());
            final List<String> retained = exportLines(store);
            assertEquals(lines.subList((int) pruned, lines.size()), retained, "reads answer the retained entries");
            assertEquals(retained.size(), store.stats().entries());
            assertEquals(retained.size(), store.queryRecords(EventQuery.all()).size());
            checkProofs(store, lines, pruned, List.of(heads.get(2), before));
            // consistency from a head at the cut and after it; below it, refused
            for (TreeHead earlier : List.of(heads.get(1), heads.get(2))) {
                MerkleProofs.checkConsistency(earlier.size(), before.size(), earlier.root(), before.root(),
                        store.tree().consistency(earlier.size(), before.size()));
            }
            assertEquals(ExperienceStoreException.Kind.INVALID_QUERY, assertThrows(ExperienceStoreException.class,
                    () -> store.tree().consistency(heads.get(0).size() - 1, before.size())).kind());
            assertArrayEquals(heads.get(1).root(), store.tree().root(pruned), "the tree of exactly the pruned entries");
            assertTrue(store.verify(heads.get(1).toString()).intact(), "a head at the cut verifies");
            assertEquals(ExperienceStoreException.Kind.INVALID_QUERY, assertThrows(ExperienceStoreException.class,
                    () -> store.tree().inclusion(pruned - 1, before.size())).kind());
            final long fileEnd = result.files().get(0).endLeaf();
            assertArrayEquals(rootOf(lines.subList(0, (int) fileEnd)), store.tree().root(fileEnd),
                    "the root at the end of a removed file is kept");
            final VerifyReport report = store.verify(heads.get(2).size() + ":" + MerkleHashes.hex(heads.get(2).root()));
            assertTrue(report.intact(), report::toString);
            assertTrue(store.pruned().isPresent());

            append(store, 100, 5);
            final TreeHead later = store.tree().head();
            MerkleProofs.checkConsistency(before.size(), later.size(), before.root(), later.root(),
                    store.tree().consistency(before.size(), later.size()));
            lines.addAll(exportLines(store).subList(retained.size(), retained.size() + 100));
            assertArrayEquals(rootOf(lines), later.root(), "the tree goes on growing as the whole ledger's");
        }
        final TreeHead last;
        final List<String> lines;
        try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            last = reader.tree().head();
            lines = exportLines(reader);
            assertEquals(last.size() - lines.size(), reader.tree().prunedLeaves());
            checkProofs(reader, prefixed(reader.tree().prunedLeaves(), lines), reader.tree().prunedLeaves(),
                    List.of(last));
        }
        deleteRecursively(dir.resolve("index"));
        try (ChronicleExperienceStore store = secondly(dir)) {
            assertEquals(last, store.tree().head(), "the tree is rebuilt from the kept roots and the retained journal");
            assertEquals(lines, exportLines(store));
            assertTrue(store.verify(null).intact());
        }
    }

    @Test
    void aBatchThatContinuesIntoTheNextFileGoesOnlyWhole() throws Exception {
        final Path dir = root.resolve("ledger");
        final Instant cutAt;
        try (ChronicleExperienceStore store = secondly(dir)) {
            nextCycle();
            append(store, 50, 1);
            nextCycle();
            append(store, 50, 2);
            // a streamed batch begun in this file and committed in the next
            final SyntheticWorkload workload = new SyntheticWorkload(7, 4);
            store.appendBatch(new Iterator<ExperienceRecord>() {
                int left = 20;

                @Override
                public boolean hasNext() {
                    return left > 0;
                }

                @Override
                public ExperienceRecord next() {
                    if (left-- == 10) {
                        nextCycle();
                    }
                    return workload.next();
                }
            });
            cutAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            append(store, 50, 3);
            nextCycle();
            append(store, 10, 4);
            final List<String> lines = exportLines(store);
            final TreeHead head = store.tree().head();

            final PruneResult result = store.prune(PruneRequest.before(cutAt));
            assertEquals(50, result.entries(), () -> "only the first file goes: " + result);
            assertTrue(result.kept().stream().anyMatch(reason -> reason.contains("batch")), result::toString);
            assertEquals(lines.subList(50, lines.size()), exportLines(store), "the batch is whole, and visible");
            assertEquals(head, store.tree().head());
        }
    }

    @Test
    void archivedFilesAreCheckedAgainstTheLedgerAndADamagedOneIsNamed() throws Exception {
        final Path dir = root.resolve("ledger");
        final Path archive = Files.createDirectory(root.resolve("archive"));
        // an archive directory more open than the ledger: the archived files are as private as the ledger's
        Files.setPosixFilePermissions(archive, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        final Instant cutAt;
        final TreeHead first;
        final TreeHead inside;
        try (ChronicleExperienceStore store = secondly(dir)) {
            nextCycle();
            append(store, 120, 1);
            inside = store.tree().head();
            append(store, 80, 2);
            first = store.tree().head();
            nextCycle();
            append(store, 150, 3);
            nextCycle();
            cutAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            append(store, 50, 4);
            final List<String> lines = exportLines(store);
            final PruneResult result = store.prune(PruneRequest.before(cutAt).archiveTo(archive));
            assertEquals(first.size() + 150, result.entries(), result::toString);
            final List<String> names = result.files().stream().map(PruneRecord.PrunedFile::name).toList();
            for (String name : names) {
                assertTrue(Files.exists(archive.resolve(name)), name + " archived");
                assertTrue(Files.exists(archive.resolve(name + ".check")));
                for (String suffix : List.of("", ".check", ".leaves")) {
                    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(archive.resolve(name + suffix))), name + suffix);
                }
                assertEquals(32L * result.files().get(names.indexOf(name)).leaves(),
                        Files.size(archive.resolve(name + ".leaves")));
                assertFalse(Files.exists(dir.resolve("journal").resolve(name)), name + " left the ledger");
            }
            assertTrue(store.verify(null, archive).intact(), () -> store.verify(null, archive).problem());
            final String insideDigest = inside.size() + ":" + MerkleHashes.hex(inside.root());
            assertFalse(store.verify(insideDigest).intact(), "a head inside the pruned part needs the archive");
            assertTrue(store.verify(insideDigest, archive).intact(), () -> store.verify(insideDigest, archive)
                    .problem());
            final long fileEnd = result.files().get(0).endLeaf();
            assertTrue(store.verify(fileEnd + ":" + MerkleHashes.hex(rootOf(lines.subList(0, (int) fileEnd))))
                    .intact(), "a head at the end of a removed file is checked from the root kept for it");
            final String wrong = inside.size() + ":" + MerkleHashes.hex(first.root());
            assertFalse(store.verify(wrong, archive).intact());

            // one byte of an archived entry changed
            final Path damaged = archive.resolve(names.get(names.size() - 1));
            final byte[] bytes = Files.readAllBytes(damaged);
            final int at = indexOf(bytes, "\"tenant".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    bytes.length / 2);
            bytes[at + 1] ^= 0x20;
            Files.write(damaged, bytes);
            final VerifyReport report = store.verify(null, archive);
            assertFalse(report.intact());
            assertTrue(report.problem().contains(names.get(names.size() - 1)) && report.problem().contains("entry "),
                    report.problem());
            assertFalse(report.problem().contains(names.get(0)), "the intact file is not blamed: "
                    + report.problem());
        }
    }

    private static int indexOf(byte[] bytes, byte[] needle, int from) {
        for (int i = from; i + needle.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        for (int i = 4096; i < bytes.length; i++) {
            if (bytes[i] != 0 && bytes[i + 1] != 0) {
                return i;
            }
        }
        throw new IllegalStateException("no entry bytes found");
    }

    @Test
    void entriesNotYetShippedAreKeptUnlessForced() throws Exception {
        final Path dir = root.resolve("ledger");
        final Instant cutAt;
        final long shippedTo;
        try (ChronicleExperienceStore store = secondly(dir)) {
            nextCycle();
            append(store, 40, 1);
            final long[] last = {-1};
            store.scan(-1, (index, record) -> {
                last[0] = index;
                return true;
            });
            shippedTo = last[0];
            nextCycle();
            append(store, 40, 2);
            nextCycle();
            cutAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            append(store, 40, 3);
            Files.createDirectories(dir.resolve("shipped"));
            Files.writeString(dir.resolve("shipped").resolve("audit.properties"),
                    "topic=audit\njournal.index=" + shippedTo + "\nentries=40\n");

            final PruneResult guarded = store.prune(PruneRequest.before(cutAt));
            assertEquals(40, guarded.entries(), guarded::toString);
            assertTrue(guarded.kept().stream().anyMatch(reason -> reason.contains("not yet shipped")
                    && reason.contains("audit")), guarded::toString);
            final PruneResult forced = store.prune(PruneRequest.before(cutAt).forced());
            assertEquals(40, forced.entries(), forced::toString);
            assertEquals(80, store.tree().prunedLeaves());
            assertEquals(40, store.stats().entries());
        }
    }

    @Test
    void aReadOnlyStoreOpenDuringThePruneSeesTheRetainedEntriesAndTheSameHead() throws Exception {
        final Path dir = root.resolve("ledger");
        final Instant cutAt;
        try (ChronicleExperienceStore store = secondly(dir);
             ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            append(store, 100, 1);
            nextCycle();
            cutAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            append(store, 100, 2);
            final TreeHead head = reader.tree().head();
            final List<String> lines = exportLines(reader);
            final java.util.Set<io.experienceledger.model.TenantId> tenants = new java.util.HashSet<>();
            for (io.experienceledger.model.ExperienceEventEnvelope envelope : reader.queryEvents(EventQuery.all())) {
                if (envelope.tenantId() != null) {
                    tenants.add(envelope.tenantId());
                }
            }
            assertFalse(tenants.isEmpty());
            store.prune(PruneRequest.before(cutAt));
            Thread.sleep(150);
            for (io.experienceledger.model.TenantId tenant : tenants) {
                final EventQuery byTenant = EventQuery.all().withTenant(tenant);
                assertEquals(store.queryEvents(byTenant), reader.queryEvents(byTenant),
                        "an indexed query of a reader open before the prune answers the retained entries");
            }
            assertEquals(lines.subList(100, 200), exportLines(reader));
            assertEquals(head, reader.tree().head());
            assertEquals(100, reader.queryRecords(EventQuery.all()).size());
            try (ChronicleExperienceStore late = ChronicleExperienceStore.builder(dir).readOnly().open()) {
                assertEquals(lines.subList(100, 200), exportLines(late));
                assertEquals(head, late.tree().head());
            }
        }
    }

    private static void checkProofs(ChronicleExperienceStore store, List<String> lines, long pruned,
                                    List<TreeHead> heads) throws MerkleProofs.InvalidProof {
        final Random random = new Random(11);
        for (TreeHead head : heads) {
            for (int i = 0; i < 40; i++) {
                final long index = pruned + random.nextInt((int) (head.size() - pruned));
                MerkleProofs.checkInclusion(index, head.size(), LedgerTree.leafHash(lines.get((int) index)),
                        store.tree().inclusion(index, head.size()), head.root());
            }
        }
    }

    /** {@code lines} placed after {@code count} empty slots, so that a line's index is its leaf index. */
    private static List<String> prefixed(long count, List<String> lines) {
        final List<String> all = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            all.add(null);
        }
        all.addAll(lines);
        return all;
    }

    static ChronicleExperienceStore secondly(Path dir) {
        return ChronicleExperienceStore.builder(dir).blockSize(1L << 20).rollCycle(TestRollCycles.TEST_SECONDLY)
                .open();
    }

    /** Sleeps until the clock has passed into the next second, the next cycle of the test roll cycle. */
    static void nextCycle() {
        try {
            Thread.sleep(1_000 - System.currentTimeMillis() % 1_000 + 20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void append(ChronicleExperienceStore store, int count, long seed) {
        LedgerTreeTest.append(store, count, seed);
    }

    static List<String> exportLines(ChronicleExperienceStore store) {
        return LedgerTreeTest.exportLines(store);
    }

    private static byte[] rootOf(List<String> lines) {
        final MerkleFrontier frontier = new MerkleFrontier();
        lines.forEach(line -> frontier.append(LedgerTree.leafHash(line)));
        return frontier.root();
    }

    static List<String> journalFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
