package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.TenantId;
import io.experienceledger.store.StoreFixtures;
import io.experienceledger.testing.TestFiles;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One damaged entry costs that entry, never the ones after it: queries, scans (export) and the writer's catch-up
 * pass over it, report it through {@code damage()}, and go on; entries appended after the damage are found.
 */
class DamagedEntryTest {
    private static final int COUNT = 50;

    @TempDir
    Path root;

    private Path dir() {
        return root.resolve("ledger");
    }

    private ChronicleExperienceStore.Builder builder() {
        return ChronicleExperienceStore.builder(dir()).blockSize(1L << 20);
    }

    /** evt-00000 … evt-00049, tenant t1; evt-00010/11 and evt-00035/36 as batches of two. */
    private void writeLedger() {
        try (ChronicleExperienceStore store = builder().open()) {
            final List<ExperienceEventEnvelope> batch = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                final ExperienceEventEnvelope envelope = StoreFixtures.engine(String.format("evt-%05d", i),
                        "2026-01-01T00:00:00Z").withTenant("t1");
                if (i % 25 == 10 || i % 25 == 11) {
                    batch.add(envelope);
                    if (batch.size() == 2) {
                        store.appendEvents(batch);
                        batch.clear();
                    }
                } else {
                    store.appendEvent(envelope);
                }
            }
        }
    }

    private static List<String> scanned(ChronicleExperienceStore store) {
        final List<String> ids = new ArrayList<>();
        store.scan(-1, (index, record) -> ids.add(record.eventId().value()));
        return ids;
    }

    private static List<String> ids(List<ExperienceEventEnvelope> envelopes) {
        return envelopes.stream().map(e -> e.eventId().value()).toList();
    }

    private static List<String> allBut(String... missing) {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            ids.add(String.format("evt-%05d", i));
        }
        ids.removeAll(List.of(missing));
        return ids;
    }

    /** Every read path answers {@code expected} and reports damage containing {@code problem}. */
    private static void assertReads(ChronicleExperienceStore store, List<String> expected, String problem) {
        assertEquals(expected, scanned(store), "scan");
        assertEquals(expected, ids(store.queryEvents(EventQuery.all())), "header scan query");
        assertEquals(expected, ids(store.queryEvents(EventQuery.all().withTenant(new TenantId("t1")))), "indexed query");
        assertEquals(expected.size(), store.stats().entries(), "stats");
        assertTrue(store.damage().isPresent(), "no damage reported");
        assertTrue(store.damage().get().contains(problem), store.damage().get());
    }

    @Test
    void anEntryWithANewerFormatIsLeftOutAndTheEntriesAfterItAndNewAppendsAreRead() throws Exception {
        writeLedger();
        final long entry = entryStart("evt-00030");
        patch(entry + EntryLayout.MAJOR_OFFSET, 2);
        final List<String> expected = allBut("evt-00030");
        try (ChronicleExperienceStore store = builder().open()) {
            assertReads(store, expected, "entry format 2 is not format 1; it was written by a newer Experience Ledger");
            assertFalse(store.verify(null).intact());
            store.appendEvent(StoreFixtures.engine("evt-after", "2026-01-02T00:00:00Z").withTenant("t1"));
            expected.add("evt-after");
            assertReads(store, expected, "newer Experience Ledger");
        }
        TestFiles.deleteRecursively(dir().resolve("index"));
        try (ChronicleExperienceStore reader = builder().readOnly().open()) {
            assertReads(reader, expected, "newer Experience Ledger");
        }
        try (ChronicleExperienceStore rebuilt = builder().open()) {
            assertReads(rebuilt, expected, "newer Experience Ledger");
        }
    }

    @Test
    void aFlippedPayloadByteCostsOnlyThatEntryInScansAndQueries() throws Exception {
        writeLedger();
        final long entry = entryStart("evt-00030");
        final long payloadByte = entry + documentLength(entry) - 8;
        patch(payloadByte, readByte(payloadByte) ^ 0x01);
        try (ChronicleExperienceStore store = builder().readOnly().open()) {
            assertReads(store, allBut("evt-00030"), "checksum");
        }
    }

    @Test
    void everyReadPathWordsTheDamageAlikeWithJournalIndexFileAndOffset() throws Exception {
        writeLedger();
        final long[] journalIndex = {-1};
        try (ChronicleExperienceStore store = builder().readOnly().open()) {
            store.scan(-1, (index, record) -> {
                if (record.eventId().value().equals("evt-00030")) {
                    journalIndex[0] = index;
                }
                return true;
            });
        }
        final long entry = entryStart("evt-00030");
        final long payloadByte = entry + documentLength(entry) - 8;
        patch(payloadByte, readByte(payloadByte) ^ 0x01);
        final String where = "entry " + Long.toHexString(journalIndex[0]) + " in " + journalFile().getFileName()
                + " at offset " + entry + ": checksum mismatch: the entry's bytes were changed after it was written";
        final List<Consumer<ChronicleExperienceStore>> reads = List.of(
                DamagedEntryTest::scanned,
                store -> store.queryEvents(EventQuery.all()),
                store -> store.queryEvents(EventQuery.all().withTenant(new TenantId("t1"))),
                ChronicleExperienceStore::stats);
        for (int i = 0; i < reads.size(); i++) {
            try (ChronicleExperienceStore store = builder().readOnly().open()) {
                reads.get(i).accept(store);
                assertEquals(where + "; run verify", store.damage().orElse(null), "read path " + i);
            }
        }
        try (ChronicleExperienceStore store = builder().readOnly().open()) {
            assertEquals(where, store.verify(null).damage());
        }
    }

    @Test
    void aDamagedEntryInsideACommittedBatchCostsOnlyThatEntry() throws Exception {
        writeLedger();
        patch(entryStart("evt-00011") + EntryLayout.MAJOR_OFFSET, 2);
        TestFiles.deleteRecursively(dir().resolve("index"));
        try (ChronicleExperienceStore store = builder().readOnly().open()) {
            assertReads(store, allBut("evt-00011"), "newer Experience Ledger");
        }
    }

    @Test
    void aDamagedBatchBeginMarkerLeavesTheBatchToItsCommitMarker() throws Exception {
        writeLedger();
        // the begin marker of evt-00010/11 is the document just before evt-00010's: a 4-byte Chronicle length
        // word, then 11 header bytes and the one-byte announced count
        final long begin = entryStart("evt-00010") - 4 - 12;
        assertEquals(EntryLayout.FORMAT_MAJOR, readByte(begin + EntryLayout.MAJOR_OFFSET));
        assertEquals(EntryLayout.TYPE_BATCH_BEGIN, readByte(begin + EntryLayout.TYPE_OFFSET));
        patch(begin + EntryLayout.TYPE_OFFSET, 9);
        TestFiles.deleteRecursively(dir().resolve("index"));
        try (ChronicleExperienceStore store = builder().readOnly().open()) {
            assertReads(store, allBut(), "unknown entry type 9");
        }
    }

    @Test
    void aDamagedCommitMarkerHidesItsBatchAndNothingElse() throws Exception {
        writeLedger();
        // the commit marker follows evt-00011's document: length word, 11 header bytes, its begin's index
        final long entry = entryStart("evt-00011");
        final long afterEntry = entry + documentLength(entry);
        final long commit = afterEntry + 4;
        assertEquals(EntryLayout.TYPE_BATCH_COMMIT, readByte(commit + EntryLayout.TYPE_OFFSET));
        patch(commit + EntryLayout.TYPE_OFFSET, 9);
        TestFiles.deleteRecursively(dir().resolve("index"));
        try (ChronicleExperienceStore store = builder().readOnly().open()) {
            assertReads(store, allBut("evt-00010", "evt-00011"), "unknown entry type 9");
        }
    }

    /**
     * A scan for one tenant reads each header only up to the tenant before it drops another tenant's entry: damage
     * after the tenant in another tenant's entry goes unreported there, as it does for the indexed query (which never
     * reads that entry), while the same damage in an entry of the tenant scanned for costs that entry and is reported.
     */
    @Test
    void aTenantScanReportsDamageAfterTheTenantOnlyInThatTenantsEntries() throws Exception {
        try (ChronicleExperienceStore store = builder().open()) {
            for (int i = 0; i < COUNT; i++) {
                store.appendEvent(StoreFixtures.engine(String.format("evt-%05d", i), "2026-01-01T00:00:00Z")
                        .withTenant(i % 2 == 0 ? "t1" : "t2").withCorrelation("run-" + i / 10));
            }
        }
        final EventQuery t1 = EventQuery.all().withTenant(new TenantId("t1"));
        final List<String> t1Ids = new ArrayList<>();
        for (int i = 0; i < COUNT; i += 2) {
            t1Ids.add(String.format("evt-%05d", i));
        }
        // the correlation's length byte: after the id (9), the timestamp (20) and the tenant (2), each behind its length
        final int correlationLength = EntryLayout.STRINGS_OFFSET + 1 + 9 + 1 + 20 + 1 + 2;
        final long other = entryStart("evt-00031");
        assertTrue(documentLength(other) < 0x7F, "the patched length must run past the entry");
        patch(other + correlationLength, 0x7F);
        final String runsPast = "header string at offset " + correlationLength + " runs past the entry";
        try (ChronicleExperienceStore store = builder().readOnly().open()) {
            assertEquals(t1Ids, ids(store.queryEventsByScan(t1)), "t1 by scan");
            assertTrue(store.damage().isEmpty(), store.damage().toString());
            assertEquals(t1Ids, ids(store.queryEvents(t1)), "t1 by the index");
            assertTrue(store.damage().isEmpty(), store.damage().toString());
            assertEquals(COUNT - 1, store.queryEventsByScan(EventQuery.all()).size(), "every tenant by scan");
            assertTrue(store.damage().orElse("").contains(runsPast), store.damage().toString());
        }
        patch(entryStart("evt-00030") + correlationLength, 0x7F);
        try (ChronicleExperienceStore store = builder().readOnly().open()) {
            final List<String> expected = new ArrayList<>(t1Ids);
            expected.remove("evt-00030");
            assertEquals(expected, ids(store.queryEventsByScan(t1)), "t1 by scan");
            assertTrue(store.damage().orElse("").contains(runsPast), store.damage().toString());
        }
    }

    // ------------------------------------------------------------------------------------------------ file access

    private Path journalFile() throws Exception {
        try (Stream<Path> files = Files.list(dir().resolve("journal"))) {
            final List<Path> cq4 = files.filter(f -> f.toString().endsWith(".cq4")).toList();
            assertEquals(1, cq4.size(), cq4.toString());
            return cq4.get(0);
        }
    }

    /** The file offset of the entry whose event id is {@code eventId}: its header's length byte is at offset 9. */
    private long entryStart(String eventId) throws Exception {
        final byte[] bytes = Files.readAllBytes(journalFile());
        final byte[] needle = (Character.toString((char) eventId.length()) + eventId).getBytes(StandardCharsets.US_ASCII);
        final int at = TestFiles.indexOf(bytes, needle, 0);
        if (at >= 0) {
            return at - EntryLayout.STRINGS_OFFSET;
        }
        throw new AssertionError(eventId + " not found in the journal");
    }

    /** The length of the document starting at {@code start}, from Chronicle's length word before it (4-aligned). */
    private long documentLength(long start) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(journalFile().toFile(), "r")) {
            raf.seek(start - 4);
            final int word = Integer.reverseBytes(raf.readInt());
            final int length = word & 0x3FFF_FFFF;
            return (length + 3) & ~3;
        }
    }

    private int readByte(long offset) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(journalFile().toFile(), "r")) {
            raf.seek(offset);
            return raf.read();
        }
    }

    private void patch(long offset, int value) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(journalFile().toFile(), "rw")) {
            raf.seek(offset);
            raf.write(value);
        }
    }
}
