package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.store.StoreFixtures;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.testing.PageFaults;
import io.experienceledger.testing.TestFiles;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.openhft.chronicle.bytes.MappedBytes;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
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
    /** A directory on tmpfs this test made, removed after it; null when it made none. */
    private Path inMemory;

    @ParameterizedTest(name = "through its own mapping: {0}")
    @ValueSource(booleans = {true, false})
    void theFileAheadOfTheWritePositionIsReadIntoThePageCache(boolean populate) throws Exception {
        final Path file = sparseFile(64 * MIB);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             JournalPrefetcher prefetcher = new JournalPrefetcher("test", populate)) {
            final MappedByteBuffer ahead = channel.map(FileChannel.MapMode.READ_ONLY, 21 * MIB, 6 * MIB);
            assertFalse(ahead.isLoaded(), "a new sparse file is already in the page cache");
            prefetcher.cycleFile(file.toFile(), null, 20 * MIB);
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
            prefetcher.cycleFile(file.toFile(), null, 20 * MIB);
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

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"disk", "tmpfs"})
    void theWritersMappingIsPopulatedAheadSoItsWritesTakeNoPageFault(String fileSystem) throws Exception {
        final Path file = directoryOn(fileSystem).resolve("cycle.cq4");
        final MappedBytes writer = MappedBytes.mappedBytes(file.toFile(), 32 * MIB, MIB);
        try (JournalPrefetcher prefetcher = new JournalPrefetcher("test")) {
            writer.writeByte(0, (byte) 1);
            prefetcher.cycleFile(file.toFile(), writer.mappedFile(), 0);
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (prefetcher.mappedTo() < JournalPrefetcher.AHEAD && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(JournalPrefetcher.AHEAD, prefetcher.mappedTo(), "mapped up to the target");
            final long prepared = faultsWritingEveryPage(writer, 0, JournalPrefetcher.AHEAD);
            final long unprepared = faultsWritingEveryPage(writer, JournalPrefetcher.AHEAD, 2 * JournalPrefetcher.AHEAD);
            final long pages = JournalPrefetcher.AHEAD / 4096;
            // the kernel may map several pages of a large folio per fault: a few hundred faults, not one a page
            assertTrue(unprepared >= pages / 16, "writing " + pages + " new pages took only " + unprepared
                    + " page faults: the measurement does not see them");
            assertTrue(prepared <= unprepared / 16, "writing " + pages + " prepared pages took " + prepared
                    + " page faults, " + unprepared + " past the target");
        } finally {
            writer.releaseLast();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"disk", "tmpfs"})
    void preparingTheWritersMappingChangesNoByteOfTheFile(String fileSystem) throws Exception {
        final Path file = directoryOn(fileSystem).resolve("cycle.cq4");
        final byte[] content = new byte[(int) (2 * JournalPrefetcher.AHEAD)];
        new Random(42).nextBytes(content);
        for (int page = 0; page < content.length; page += 4096 * 3) {
            Arrays.fill(content, page, page + 4096, (byte) 0); // every third page zero, as a new file's
        }
        Files.write(file, content);
        final MappedBytes writer = MappedBytes.mappedBytes(file.toFile(), 32 * MIB, MIB);
        try (JournalPrefetcher prefetcher = new JournalPrefetcher("test")) {
            writer.readByte(0);
            prefetcher.cycleFile(file.toFile(), writer.mappedFile(), 0);
            awaitMappedPast(prefetcher, JournalPrefetcher.AHEAD);
            assertEquals(JournalPrefetcher.AHEAD, prefetcher.mappedTo(), "mapped up to the target");
        } finally {
            writer.releaseLast();
        }
        final byte[] after = Files.readAllBytes(file); // mapping a chunk grows the file, with zeros
        assertTrue(after.length >= content.length, "the file shrank to " + after.length + " bytes");
        for (int at = 0; at < after.length; at++) {
            final byte was = at < content.length ? content[at] : 0;
            if (was != after[at]) {
                throw new AssertionError("byte " + at + " was " + was + ", is " + after[at]);
            }
        }
    }

    @Test
    void aStoresAppendingThreadTakesNoPageFaultInTheJournalItsPrefetcherPrepared() throws Exception {
        final int entries = 100_000;
        final List<ExperienceEventEnvelope> envelopes = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            envelopes.add(StoreFixtures.engine("e-" + i, "2026-01-01T00:00:00Z"));
        }
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(root.resolve("ledger"))) {
            for (int i = 0; i < 2_000; i++) { // the journal's file and the appending code warmed up
                store.appendEvent(envelopes.get(i));
            }
            final JournalPrefetcher prefetcher = store.journal().prefetcher();
            final long from = store.journal().writeEnd();
            final long before = PageFaults.ofThisThread();
            for (int i = 2_000; i < entries; i++) {
                store.appendEvent(envelopes.get(i));
                if (i % 2_000 == 0) { // a pause now and then keeps the prefetcher ahead, as an application's would
                    awaitMappedPast(prefetcher, store.journal().writeEnd() + MIB);
                }
            }
            final long faults = PageFaults.ofThisThread() - before;
            final long pages = (store.journal().writeEnd() - from) / 4096;
            assertTrue(pages > 1_000, "only " + pages + " pages appended");
            assertTrue(faults < pages / 64, "the appending thread took " + faults + " page faults appending "
                    + pages + " pages of entries");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SYNC_BATCH", "SYNC_EACH"})
    void aStoreThatForcesItsJournalDoesNotMapPagesAheadOfTheWriter(String durability) throws Exception {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(root.resolve("ledger"))
                .durability(Durability.valueOf(durability)).open();
             ChronicleExperienceStore pageCache = ChronicleExperienceStore.open(root.resolve("page-cache"))) {
            store.appendEvent(StoreFixtures.engine("e-1", "2026-01-01T00:00:00Z"));
            pageCache.appendEvent(StoreFixtures.engine("e-1", "2026-01-01T00:00:00Z"));
            // the page-cache store's prefetcher maps ahead; the other's has had as long to do so, and more below
            awaitMappedPast(pageCache.journal().prefetcher(), pageCache.journal().writeEnd() + MIB);
            assertTrue(pageCache.journal().prefetcher().mappedTo() > pageCache.journal().writeEnd(),
                    "a PAGE_CACHE store mapped nothing ahead");
            final long until = System.nanoTime() + 500_000_000L; // and half a second more
            while (System.nanoTime() < until) {
                assertEquals(0, store.journal().prefetcher().mappedTo(), durability + " mapped pages ahead, dirty");
                Thread.sleep(10);
            }
        }
    }

    private static void awaitMappedPast(JournalPrefetcher prefetcher, long position) throws InterruptedException {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (prefetcher.mappedTo() < position && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    /** Minor page faults the writer takes writing a byte to each page of [from, to); this thread's, from /proc. */
    private static long faultsWritingEveryPage(MappedBytes writer, long from, long to) throws Exception {
        final long before = PageFaults.ofThisThread();
        for (long at = from; at < to; at += 4096) {
            writer.writeByte(at, (byte) 1);
        }
        return PageFaults.ofThisThread() - before;
    }

    /**
     * This test's directory for {@code fileSystem}: "disk" is the temp directory, "tmpfs" one under
     * {@code /dev/shm}, where the prefetcher skips reading pages in (allocating puts them in memory), removed after
     * the test.
     */
    private Path directoryOn(String fileSystem) throws Exception {
        if (fileSystem.equals("disk")) {
            return root;
        }
        final Path shm = Path.of("/dev/shm");
        assertTrue(Files.isDirectory(shm) && "tmpfs".equals(Files.getFileStore(shm).type()),
                "this test needs /dev/shm on tmpfs, as Linux has it");
        inMemory = Files.createTempDirectory(shm, "prefetcher-test");
        return inMemory;
    }

    @AfterEach
    void removeTmpfsDirectory() throws Exception {
        if (inMemory != null) {
            TestFiles.deleteRecursively(inMemory);
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
