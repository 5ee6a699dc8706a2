package io.experienceledger.index.internal;

import io.experienceledger.index.IndexOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.experienceledger.index.internal.IndexChecks.addAll;
import static io.experienceledger.index.internal.IndexChecks.assertMatches;
import static io.experienceledger.index.internal.IndexChecks.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index against a naive oracle on random workloads, in the manner of Kafka's OffsetIndexTest random
 * lookups: small flush thresholds make many segments and merges; answers must match after adds, after close and
 * reopen, and after more adds on the reopened index.
 */
class SideIndexOracleTest {
    private static final long HI = 0x0123_4567_89AB_CDEFL;
    private static final long LO = 0x0FED_CBA9_8765_4321L;

    @TempDir
    Path tmp;

    @Test
    void randomWorkloadsMatchTheOracleAcrossReopens() throws IOException {
        final long baseSeed = new Random().nextLong();
        for (int round = 0; round < 6; round++) {
            final long seed = baseSeed + round;
            final Random random = new Random(seed);
            final String context = "seed " + seed;
            final List<Workload.Entry> entries = Workload.generate(seed, 2_000 + random.nextInt(8_000));
            final int split = entries.size() / 2 + random.nextInt(entries.size() / 4);
            final IndexOptions options = IndexOptions.defaults()
                .withFlushThreshold(8 + random.nextInt(300))
                .withMergeFactor(2 + random.nextInt(7))
                .withSyncWrites(round == 0);
            final Path dir = tmp.resolve("round-" + round).resolve("index");

            final Oracle oracle = new Oracle();
            try (SideIndex index = SideIndex.open(dir, HI, LO, options)) {
                assertEquals(IndexState.CREATED, index.state(), context);
                assertTrue(index.isWriter(), context);
                for (Workload.Entry entry : entries.subList(0, split)) {
                    assertTrue(index.add(entry.position(), entry.location(), entry.kind(), entry.tenant(), entry.correlation(),
                        entry.trace()), context);
                    oracle.add(entry);
                    if (random.nextInt(500) == 0) {
                        assertMatches(index, oracle, Long.MAX_VALUE, context + " while adding");
                    }
                }
                assertMatches(index, oracle, Long.MAX_VALUE, context + " before close");
                assertEquals(entries.get(split - 1).position(), index.checkpoint(), context);
                assertEquals(split, index.entries(), context);
            }

            try (SideIndex index = SideIndex.open(dir, HI, LO, options)) {
                assertEquals(IndexState.OPENED, index.state(), context + " " + index.damageReport());
                assertEquals(entries.get(split - 1).position(), index.checkpoint(), context);
                assertMatches(index, oracle, Long.MAX_VALUE, context + " after reopen");
                assertEquals(split, addAll(index, entries.subList(0, split)), context + " replay is ignored");
                assertEquals(split, index.entries(), context);
                addAll(index, entries.subList(split, entries.size()));
                entries.subList(split, entries.size()).forEach(oracle::add);
                assertMatches(index, oracle, Long.MAX_VALUE, context + " after more adds");
                assertSegmentsBounded(index, options, context);
            }

            try (SideIndex index = SideIndex.open(dir, HI, LO, options)) {
                assertEquals(IndexState.OPENED, index.state(), context);
                assertEquals(entries.size(), index.entries(), context);
                assertMatches(index, oracle, Long.MAX_VALUE, context + " after second reopen");
                assertEquals(segmentFiles(dir).size(), index.segmentCount(), context + " no stale segment files");
            }
        }
    }

    @Test
    void unionOfKindsIsAscendingWithoutDuplicates() {
        final long seed = new Random().nextLong();
        final List<Workload.Entry> entries = Workload.generate(seed, 5_000);
        final Oracle oracle = Oracle.of(entries);
        try (SideIndex index = SideIndex.open(tmp.resolve("index"), HI, LO,
            IndexOptions.defaults().withFlushThreshold(300))) {
            addAll(index, entries);
            final PostingsUnion union = new PostingsUnion();
            final Random random = new Random(seed);
            for (int i = 0; i < 50; i++) {
                union.clear();
                final TreeSet<Long> expected = new TreeSet<>();
                final int k = 1 + random.nextInt(4);
                for (int j = 0; j < k; j++) {
                    final int kind = Workload.KINDS[random.nextInt(Workload.KINDS.length)];
                    index.postingsForKind(kind, union.input());
                    expected.addAll(oracle.kind(kind));
                }
                final PostingsCursor same = index.postingsForKind(Workload.KINDS[0], new PostingsCursor());
                union.add(same);
                expected.addAll(oracle.kind(Workload.KINDS[0]));
                assertEquals(new ArrayList<>(expected), drain(union), "seed " + seed);
            }
        }
    }

    @Test
    void cursorFailsAfterTheIndexChangesAndSizeCountsPostings() {
        try (SideIndex index = SideIndex.open(tmp.resolve("index"), HI, LO,
            IndexOptions.defaults().withFlushThreshold(4))) {
            for (int i = 0; i < 10; i++) {
                index.add(100 + i, -1, 3, "t", "c", null);
            }
            final PostingsCursor cursor = index.postingsForCorrelation("c", new PostingsCursor());
            assertEquals(10, cursor.size());
            assertEquals(100, cursor.next());
            index.add(200, -1, 3, "t", "c", null);
            assertThrows(IllegalStateException.class, cursor::next);
            assertEquals(11, drain(index.postingsForTenantKind("t", 3, cursor)).size());
            assertEquals(Postings.NO_POSITION, new PostingsCursor().next());
        }
    }

    @Test
    void keysOfDifferentTypesAndTenantsStayApart() {
        try (SideIndex index = SideIndex.open(tmp.resolve("index"), HI, LO, IndexOptions.defaults())) {
            index.add(1, -1, 1, null, "x", "x");
            index.add(2, -1, 1, "", "y", null);
            index.add(3, -1, 2, "x", null, null);
            final PostingsCursor cursor = new PostingsCursor();
            assertEquals(List.of(1L), drain(index.postingsForTenantKind(null, 1, cursor)));
            assertEquals(List.of(2L), drain(index.postingsForTenantKind("", 1, cursor)));
            assertEquals(List.of(1L, 2L), drain(index.postingsForKind(1, cursor)));
            assertEquals(List.of(1L), drain(index.postingsForCorrelation("x", cursor)));
            assertEquals(List.of(1L), drain(index.postingsForTrace("x", cursor)));
            assertEquals(List.of(3L), drain(index.postingsForTenantKind("x", 2, cursor)));
            assertEquals(List.of(), drain(index.postingsForTenantKind("x", 1, cursor)));
            assertThrows(IllegalArgumentException.class, () -> index.add(-5, -1, 1, null, null, null));
        }
    }

    /** Tiered merging keeps at most mergeFactor - 1 segments per tier, plus the one just flushed. */
    private static void assertSegmentsBounded(SideIndex index, IndexOptions options, String context) {
        final long flushes = Math.max(1, index.entries() / options.flushThreshold());
        final int tiers = 1 + (int) (Math.log(flushes) / Math.log(options.mergeFactor()));
        assertTrue(index.segmentCount() <= tiers * (options.mergeFactor() - 1) + 2,
            context + ": " + index.segmentCount() + " segments for " + tiers + " tiers");
    }

    private static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("seg-")).toList();
        }
    }
}
