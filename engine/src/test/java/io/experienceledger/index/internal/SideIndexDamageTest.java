package io.experienceledger.index.internal;

import io.experienceledger.index.IndexOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.experienceledger.index.internal.IndexChecks.addAll;
import static io.experienceledger.index.internal.IndexChecks.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged index files: flipped bytes and truncations of the manifest and of segments, missing files, a newer
 * major format and a foreign journal identity. Each is reported, the index starts empty, deletes what it
 * cannot use, and catching up from the beginning gives the oracle's answers.
 */
class SideIndexDamageTest {
    private static final long HI = 7;
    private static final long LO = 11;
    private static final IndexOptions OPTIONS = IndexOptions.defaults().withFlushThreshold(150)
        .withSyncWrites(false);

    @TempDir
    Path tmp;

    private final Map<Path, byte[]> segmentBackup = new HashMap<>();
    private long seed;
    private List<Workload.Entry> entries;
    private Oracle oracle;
    private Path dir;
    private byte[] manifestBackup;

    @BeforeEach
    void buildIndex() throws IOException {
        seed = new Random().nextLong();
        entries = Workload.generate(seed, 3_000);
        oracle = Oracle.of(entries);
        dir = tmp.resolve("index");
        try (SideIndex index = SideIndex.open(dir, HI, LO, OPTIONS)) {
            addAll(index, entries);
        }
        manifestBackup = Files.readAllBytes(manifest());
        for (Path segment : segmentFiles()) {
            segmentBackup.put(segment, Files.readAllBytes(segment));
        }
    }

    @Test
    void flippedManifestBytesAreDamage() throws IOException {
        final Random random = new Random(seed);
        final byte[] original = Files.readAllBytes(manifest());
        for (int i = 0; i < 20; i++) {
            final int offset = i == 0 ? ManifestDescriptor.MAJOR_VERSION_OFFSET + 1 : random.nextInt(original.length);
            final byte[] damaged = original.clone();
            damaged[offset] ^= (byte) (1 + random.nextInt(255));
            Files.write(manifest(), damaged);
            final int major = ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN)
                .getShort(ManifestDescriptor.MAJOR_VERSION_OFFSET) & 0xFFFF;
            final boolean magicIntact = ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN)
                .getLong(ManifestDescriptor.MAGIC_OFFSET) == ManifestDescriptor.MAGIC;
            final IndexState expected = magicIntact && major > ManifestDescriptor.MAJOR_VERSION
                ? IndexState.NEWER_FORMAT : IndexState.DAMAGED;
            assertRebuilds(expected, "flipped manifest byte " + offset);
            restoreSegments();
        }
    }

    @Test
    void truncatedOrEmptyManifestIsDamage() throws IOException {
        final byte[] original = Files.readAllBytes(manifest());
        for (int length : new int[] {0, 7, ManifestDescriptor.HEADER_LENGTH - 1, ManifestDescriptor.HEADER_LENGTH,
            original.length - 1}) {
            Files.write(manifest(), Arrays.copyOf(original, length));
            assertRebuilds(IndexState.DAMAGED, "manifest truncated to " + length);
            restoreSegments();
        }
    }

    @Test
    void flippedOrTruncatedSegmentIsDamage() throws IOException {
        final Random random = new Random(seed);
        final List<Path> segments = segmentFiles();
        for (int i = 0; i < 12; i++) {
            final Path segment = segments.get(random.nextInt(segments.size()));
            final byte[] original = Files.readAllBytes(segment);
            final byte[] damaged;
            final String what;
            if (i % 3 == 2) {
                damaged = Arrays.copyOf(original, random.nextInt(original.length));
                what = "truncated to " + damaged.length;
            } else {
                damaged = original.clone();
                final int offset = random.nextInt(original.length);
                damaged[offset] ^= (byte) (1 + random.nextInt(255));
                what = "byte " + offset + " flipped";
            }
            Files.write(segment, damaged);
            assertRebuilds(IndexState.DAMAGED, segment.getFileName() + " " + what);
            restoreSegments();
        }
    }

    @Test
    void missingSegmentIsDamage() throws IOException {
        Files.delete(segmentFiles().get(0));
        assertRebuilds(IndexState.DAMAGED, "missing segment");
    }

    @Test
    void missingManifestStartsFreshAndDeletesTheOrphanedSegments() throws IOException {
        Files.delete(manifest());
        assertRebuilds(IndexState.CREATED, "missing manifest");
    }

    @Test
    void deletedIndexDirectoryIsRebuilt() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
        assertRebuilds(IndexState.CREATED, "deleted directory");
    }

    @Test
    void newerMajorFormatIsRebuilt() throws IOException {
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(manifest())).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putShort(ManifestDescriptor.MAJOR_VERSION_OFFSET, (short) (ManifestDescriptor.MAJOR_VERSION + 1));
        Files.write(manifest(), bytes.array());
        assertRebuilds(IndexState.NEWER_FORMAT, "newer major");
    }

    @Test
    void newerMinorFormatIsRead() throws Exception {
        final Manifest current = Manifest.read(dir);
        final ByteBuffer bytes = current.encode();
        bytes.putShort(ManifestDescriptor.MINOR_VERSION_OFFSET, (short) (ManifestDescriptor.MINOR_VERSION + 1));
        bytes.putInt(ManifestDescriptor.CHECKSUM_OFFSET,
            IndexFiles.checksum(bytes, ManifestDescriptor.CHECKSUM_OFFSET, ManifestDescriptor.HEADER_LENGTH));
        Files.write(manifest(), bytes.array());
        try (SideIndex index = SideIndex.open(dir, HI, LO, OPTIONS)) {
            assertEquals(IndexState.OPENED, index.state(), "seed " + seed + " " + index.damageReport());
            assertMatches(index, oracle, Long.MAX_VALUE, "seed " + seed);
        }
    }

    @Test
    void foreignJournalIdentityIsRebuilt() throws IOException {
        try (SideIndex index = SideIndex.open(dir, HI, LO + 1, OPTIONS)) {
            assertEquals(IndexState.FOREIGN_JOURNAL, index.state());
            assertTrue(index.damageReport().contains("belongs to journal"), index.damageReport());
            assertEquals(-1, index.checkpoint());
            addAll(index, entries);
        }
        try (SideIndex index = SideIndex.open(dir, HI, LO + 1, OPTIONS)) {
            assertEquals(IndexState.OPENED, index.state());
            assertMatches(index, oracle, Long.MAX_VALUE, "seed " + seed + " rebuilt for the new journal");
        }
    }

    @Test
    void uncheckedOpenStillCatchesLengthAndHeaderDamage() throws IOException {
        final Path segment = segmentFiles().get(0);
        final byte[] bytes = Files.readAllBytes(segment);
        bytes[SegmentDescriptor.LAST_POSITION_OFFSET] ^= 1;
        Files.write(segment, bytes);
        try (SideIndex index = SideIndex.open(dir, HI, LO, OPTIONS.withVerifyChecksums(false))) {
            assertEquals(IndexState.DAMAGED, index.state());
        }
    }

    /** Opens the damaged index, checks the report, rebuilds it and checks the answers, then reopens it. */
    private void assertRebuilds(IndexState expected, String what) throws IOException {
        final String context = "seed " + seed + ", " + what;
        try (SideIndex index = SideIndex.open(dir, HI, LO, OPTIONS)) {
            assertEquals(expected, index.state(), context + ": " + index.damageReport());
            assertEquals(expected.isDamage(), !index.damageReport().isEmpty(), context);
            assertEquals(-1, index.checkpoint(), context);
            assertEquals(0, index.entries(), context);
            assertMatches(index, oracle, -1, context + " starts empty");
            assertTrue(segmentFiles().isEmpty(), context + " unusable segments deleted");
            addAll(index, entries);
            assertMatches(index, oracle, Long.MAX_VALUE, context + " rebuilt");
        }
        try (SideIndex index = SideIndex.open(dir, HI, LO, OPTIONS)) {
            assertEquals(IndexState.OPENED, index.state(), context + ": " + index.damageReport());
            assertFalse(index.state().isDamage(), context);
            assertMatches(index, oracle, Long.MAX_VALUE, context + " reopened");
        }
    }

    /** Puts the original segments back (the rebuild deleted them) and removes the rebuild's. */
    private void restoreSegments() throws IOException {
        for (Path segment : segmentFiles()) {
            Files.delete(segment);
        }
        for (Map.Entry<Path, byte[]> backup : segmentBackup.entrySet()) {
            Files.write(backup.getKey(), backup.getValue());
        }
        Files.write(manifest(), manifestBackup);
    }

    private Path manifest() {
        return dir.resolve(ManifestDescriptor.FILE_NAME);
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(SegmentDescriptor.FILE_PREFIX))
                .sorted().toList();
        }
    }
}
