package io.experienceledger.index.internal;

import io.experienceledger.index.IndexOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.experienceledger.index.internal.IndexChecks.addAll;
import static io.experienceledger.index.internal.IndexChecks.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crashes: an index left without close (its files copied while it is open, as a kill would leave them), and a
 * child JVM killed with {@code destroyForcibly} at random moments while it adds and flushes. On reopen the
 * index is consistent with its checkpoint or reports damage and starts empty; catching up from the
 * checkpoint makes it answer like the oracle.
 */
class SideIndexCrashTest {
    @TempDir
    Path tmp;

    @Test
    void indexLeftOpenReopensAtItsLastFlush() throws IOException {
        final long seed = new Random().nextLong();
        final List<Workload.Entry> entries = Workload.generate(seed, 4_000);
        final Oracle oracle = Oracle.of(entries);
        final Path live = tmp.resolve("live");
        final IndexOptions options = IndexOptions.defaults().withFlushThreshold(97).withSyncWrites(false);
        try (SideIndex index = SideIndex.open(live, 1, 2, options)) {
            final Random random = new Random(seed);
            for (int copy = 0; copy < 5; copy++) {
                addAll(index, entries.subList(0, 1 + random.nextInt(entries.size())));
                final long seenUpTo = index.checkpoint();
                final Path crashed = tmp.resolve("crashed-" + copy);
                copyDirectory(live, crashed);
                Files.writeString(crashed.resolve("seg-00000000000000ff-0000000000000fff.idx.tmp"), "half");
                Files.writeString(crashed.resolve("seg-0000000000000001-0000000000000002.idx"), "orphan");
                try (SideIndex reopened = SideIndex.open(crashed, 1, 2, options)) {
                    final String context = "seed " + seed + " copy " + copy;
                    assertEquals(IndexState.OPENED, reopened.state(), context + " " + reopened.damageReport());
                    assertTrue(reopened.checkpoint() <= seenUpTo, context);
                    assertMatches(reopened, oracle, reopened.checkpoint(), context + " as left");
                    assertFalse(Files.exists(crashed.resolve("seg-00000000000000ff-0000000000000fff.idx.tmp")));
                    assertFalse(Files.exists(crashed.resolve("seg-0000000000000001-0000000000000002.idx")));
                    addAll(reopened, entries);
                    assertMatches(reopened, oracle, Long.MAX_VALUE, context + " caught up");
                }
            }
        }
    }

    @Test
    void childJvmKilledWhileFlushingLeavesAConsistentIndex() throws Exception {
        final long baseSeed = new Random().nextLong();
        for (int round = 0; round < 4; round++) {
            final long seed = baseSeed + round;
            final Random random = new Random(seed);
            final String context = "seed " + seed;
            final int count = 60_000;
            final Path dir = tmp.resolve("kill-" + round).resolve("index");
            final Path stderr = tmp.resolve("kill-" + round + ".err");
            final Process child = IndexChildProcess.start(stderr, "write", dir.toString(), Long.toString(seed),
                Integer.toString(count), Integer.toString(32 + random.nextInt(400)),
                Boolean.toString(random.nextInt(4) == 0));
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
                assertEquals("started true", IndexChildProcess.readLine(child, out, stderr), context);
                Thread.sleep(random.nextInt(600));
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), context);
            }

            final List<Workload.Entry> entries = Workload.generate(seed, count);
            final Oracle oracle = Oracle.of(entries);
            final Set<Long> positions = entries.stream().map(Workload.Entry::position).collect(Collectors.toSet());
            try (SideIndex index = SideIndex.open(dir, IndexChildProcess.HI, IndexChildProcess.LO,
                IndexOptions.defaults().withSyncWrites(false))) {
                final long checkpoint = index.checkpoint();
                if (index.state().isDamage()) {
                    assertEquals(-1, checkpoint, context + " damaged index starts empty");
                } else {
                    assertTrue(checkpoint == -1 || positions.contains(checkpoint), context);
                }
                assertMatches(index, oracle, checkpoint, context + " after kill at " + checkpoint);
                assertEquals(List.of(), tempFiles(dir), context + " temp files removed");
                addAll(index, entries);
                assertMatches(index, oracle, Long.MAX_VALUE, context + " after replay");
            }
        }
    }

    private static List<Path> tempFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".tmp")).toList();
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
