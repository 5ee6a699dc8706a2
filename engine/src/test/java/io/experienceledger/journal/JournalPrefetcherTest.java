package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.store.StoreFixtures;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The prefetcher reads the file ahead of the reported write position into the page cache, and no further, on a
 * real file: page residency is read with mincore (through {@link MappedByteBuffer#isLoaded()}).
 */
class JournalPrefetcherTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path root;

    @ParameterizedTest(name = "through its own mapping: {0}")
    @ValueSource(booleans = {true, false})
    void theFileAheadOfTheWritePositionIsReadIntoThePageCache(boolean populate) throws Exception {
        final Path file = sparseFile(64 * MIB);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             JournalPrefetcher prefetcher = new JournalPrefetcher("test", populate)) {
            final MappedByteBuffer ahead = channel.map(FileChannel.MapMode.READ_ONLY, 21 * MIB, 6 * MIB);
            assertFalse(ahead.isLoaded(), "a new sparse file is already in the page cache");
            prefetcher.cycleFile(file.toFile(), 20 * MIB);
            awaitLoaded(ahead, "20-28 MiB after a write position of 20 MiB");

            final MappedByteBuffer further = channel.map(FileChannel.MapMode.READ_ONLY, 41 * MIB, 6 * MIB);
            assertFalse(further.isLoaded(), "40 MiB and up read before the writer got near");
            for (long position = 20 * MIB; position <= 40 * MIB; position += 4096) {
                prefetcher.written(position);
            }
            awaitLoaded(further, "40-48 MiB after the write position reached 40 MiB");
        }
    }

    @Test
    void pagesPastTheTargetAreNotReadAhead() throws Exception {
        final Path file = sparseFile(64 * MIB);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             JournalPrefetcher prefetcher = new JournalPrefetcher("test")) {
            prefetcher.cycleFile(file.toFile(), 20 * MIB);
            awaitLoaded(channel.map(FileChannel.MapMode.READ_ONLY, 20 * MIB, 8 * MIB), "20-28 MiB");
            final long target = 20 * MIB + JournalPrefetcher.AHEAD;
            // a readahead window (up to the device's read_ahead_kb, 8 MiB on this machine's disk) would follow
            final MappedByteBuffer past = channel.map(FileChannel.MapMode.READ_ONLY, target, 4 * MIB);
            assertFalse(past.isLoaded(), "the kernel read ahead past the prefetcher's target");
            assertEquals(target, prefetcher.allocatedTo(file.toFile()), "allocated up to the target");
            assertEquals(0, prefetcher.allocatedTo(root.resolve("other.cq4").toFile()), "another file");
        }
    }

    @Test
    void aWritableStoreStartsAndStopsItsPrefetcher() throws Exception {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(root.resolve("ledger"))) {
            store.appendEvent(StoreFixtures.engine("e-1", "2026-01-01T00:00:00Z"));
            assertTrue(prefetchThreads() >= 1, "no prefetch thread while a writable store is open");
        }
        assertTrue(prefetchThreads() == 0, "a prefetch thread outlived its store");
        try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(root.resolve("ledger")).readOnly().open()) {
            assertEquals(1, reader.stats().entries());
            assertTrue(prefetchThreads() == 0, "a read-only store started a prefetch thread");
        }
    }

    private Path sparseFile(long length) throws Exception {
        final Path file = root.resolve("cycle.cq4");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
        return file;
    }

    /** Live prefetch threads of stores under this test's directory. */
    private long prefetchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ledger-prefetch " + root) && t.isAlive()).count();
    }

    private static void awaitLoaded(MappedByteBuffer region, String what) throws InterruptedException {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!region.isLoaded() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(region.isLoaded(), what + ": not in the page cache");
    }
}
