package io.experienceledger.index.internal;

import io.experienceledger.index.IndexOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.experienceledger.index.internal.IndexChecks.addAll;
import static io.experienceledger.index.internal.IndexChecks.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several indexes on one directory: only the holder of {@code index.lock} writes files; the others answer
 * from the segments they opened plus their bounded memtable, and take over when the lock is released. Across
 * processes with a child JVM (OS locks are per process), and within one JVM.
 */
class SideIndexLockTest {
    @TempDir
    Path tmp;

    @Test
    void anotherProcessHoldingTheLockKeepsThisOneInMemory() throws Exception {
        final long seed = new Random().nextLong();
        final String context = "seed " + seed;
        final List<Workload.Entry> entries = Workload.generate(seed, 6_000);
        final Oracle oracle = Oracle.of(entries);
        final Path dir = tmp.resolve("index");
        final Path stderr = tmp.resolve("holder.err");
        final Process child = IndexChildProcess.start(stderr, "hold", dir.toString(), Long.toString(seed), "3000",
            "500");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8)); OutputStream in = child.getOutputStream()) {
            final long childCheckpoint = entries.get(2_999).position();
            assertEquals("ready true " + childCheckpoint, IndexChildProcess.readLine(child, out, stderr), context);
            final Map<String, FileTime> filesBefore = listing(dir);

            final SideIndex reader = open(dir, 10_000);
            assertFalse(reader.isWriter(), context);
            assertEquals(IndexState.OPENED, reader.state(), context);
            assertEquals(childCheckpoint, reader.checkpoint(), context);
            assertEquals(entries.size(), addAll(reader, entries), context);
            assertMatches(reader, oracle, Long.MAX_VALUE, context + " reader with a big memtable");
            assertFalse(reader.flush(), context + " cannot write while the child holds the lock");

            try (SideIndex bounded = open(dir, 100)) {
                assertFalse(bounded.isWriter(), context);
                assertEquals(3_100, addAll(bounded, entries), context + " stops at its memtable bound");
                assertEquals(entries.get(3_099).position(), bounded.checkpoint(), context);
                assertMatches(bounded, oracle, bounded.checkpoint(), context + " bounded reader up to its checkpoint");
            }
            assertEquals(filesBefore, listing(dir), context + " readers wrote no file");

            in.write('\n');
            in.flush();
            assertEquals("closed", IndexChildProcess.readLine(child, out, stderr), context);
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), context);

            assertTrue(reader.flush(), context + " takes the lock once the child released it");
            assertTrue(reader.isWriter(), context);
            assertNotEquals(filesBefore, listing(dir), context);
            assertMatches(reader, oracle, Long.MAX_VALUE, context + " after taking over");
            reader.close();
        } finally {
            child.destroyForcibly();
        }
        try (SideIndex reopened = open(dir, 10_000)) {
            assertEquals(IndexState.OPENED, reopened.state(), context);
            assertEquals(entries.get(entries.size() - 1).position(), reopened.checkpoint(), context);
            assertMatches(reopened, oracle, Long.MAX_VALUE, context + " reopened");
        }
    }

    @Test
    void twoIndexesInOneJvmShareTheLockAndTheNonWriterAdoptsTheWritersSegments() {
        final long seed = new Random().nextLong();
        final String context = "seed " + seed;
        final List<Workload.Entry> entries = Workload.generate(seed, 6_000);
        final Oracle oracle = Oracle.of(entries);
        final Path dir = tmp.resolve("index");
        final SideIndex writer = open(dir, 200);
        final SideIndex other = open(dir, 300);
        assertTrue(writer.isWriter(), context);
        assertFalse(other.isWriter(), context);

        assertEquals(5_900, addAll(writer, entries.subList(0, 5_900)), context);
        assertEquals(entries.size(), addAll(other, entries), context + " adopts the writer's segments when full");
        assertTrue(other.segmentCount() > 0, context);
        assertMatches(other, oracle, Long.MAX_VALUE, context + " non-writer");
        assertFalse(other.flush(), context + " the writer holds the lock");
        assertFalse(other.isWriter(), context);

        writer.close();
        assertTrue(other.flush(), context + " takes the lock after the writer closed");
        assertTrue(other.isWriter(), context);
        assertEquals(entries.get(5_899).position(), other.checkpoint(),
            context + " restarts from what the previous writer published");
        assertEquals(entries.size(), addAll(other, entries), context);
        assertMatches(other, oracle, Long.MAX_VALUE, context + " new writer");
        other.close();
    }

    @Test
    void closingAReaderDoesNotReleaseTheWritersLock() throws Exception {
        final Path dir = tmp.resolve("index");
        try (SideIndex writer = open(dir, 100)) {
            open(dir, 100).close();
            final Path stderr = tmp.resolve("probe.err");
            final Process child = IndexChildProcess.start(stderr, "hold", dir.toString(), "1", "10", "100");
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream in = child.getOutputStream()) {
                final String line = IndexChildProcess.readLine(child, out, stderr);
                assertTrue(line.startsWith("ready false "), line);
                in.write('\n');
                in.flush();
                assertEquals("closed", IndexChildProcess.readLine(child, out, stderr));
            } finally {
                child.destroyForcibly();
            }
            assertTrue(writer.isWriter());
        }
    }

    private static SideIndex open(Path dir, int threshold) {
        return SideIndex.open(dir, IndexChildProcess.HI, IndexChildProcess.LO,
            IndexOptions.defaults().withFlushThreshold(threshold).withSyncWrites(false));
    }

    private static Map<String, FileTime> listing(Path dir) throws IOException {
        final Map<String, FileTime> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.getLastModifiedTime(file));
            }
        }
        return files;
    }
}
