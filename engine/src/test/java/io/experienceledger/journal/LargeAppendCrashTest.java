package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.experienceledger.cli.LedgerMain;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import io.experienceledger.store.StoreFixtures;
import io.experienceledger.testing.ChildJvm;
import io.experienceledger.testing.TestFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger append} of one large batch in a real process with a 64 MiB heap ({@link LedgerMain}, the main
 * class of ledger.jar, in a child JVM), killed with {@code kill -9} while the batch is being written, then run
 * again to the end.
 *
 * <p>The batch is {@value #LINES} converge JSON lines, engine and user envelopes of about 280 bytes each: 170 MB
 * of input, 2.5 times the heap as bytes alone. Parsed, an envelope takes about 540 bytes of heap (measured: the
 * envelope, its event, the id wrappers with their Strings and byte arrays), so 64 MiB holds about 124,000 of them
 * and the batch is nearly five times that: the command can only succeed by streaming it. (A million lines make
 * the point no better and take the test past half a minute; this one takes under 20 s.)
 *
 * <p>The kill lands when the journal, watched through a read-only store of this JVM, holds more than
 * {@value #KILL_AFTER} entries of the batch and the child has not exited; afterwards the journal is checked to
 * hold part of the batch, and the child to have died of the signal (exit 137, not 0).
 */
class LargeAppendCrashTest {
    private static final int LINES = 600_000;
    private static final int KILL_AFTER = LINES / 5;
    private static final int BEFORE = 1_000;
    private static final String TIME = "2026-05-10T08:00:00Z";

    @TempDir
    Path root;

    @Test
    void aKilledLargeAppendLeavesNothingVisibleAndAFullRunFitsIn64MiB() throws Exception {
        final Path dir = root.resolve("ledger");
        final Path input = writeBatch(root.resolve("batch.jsonl"));
        final List<String> expected = new ArrayList<>();
        try (ChronicleExperienceStore store = open(dir)) {
            for (int i = 0; i < BEFORE; i++) {
                final String id = "before-" + i;
                if (i % 10 == 0) {
                    store.appendUserEvent(StoreFixtures.user(id, TIME).withTenant("t-" + i % 4).withCorrelation("run-7"));
                } else {
                    store.appendEvent(StoreFixtures.engine(id, TIME).withTenant("t-" + i % 4).withCorrelation("run-7"));
                }
                expected.add(id);
            }
        }

        killMidBatch(dir, input);

        final long documentsAfterKill;
        try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            assertIds(expected, reader, "a read-only open saw part of the killed batch, or lost entries");
            assertEquals(BEFORE, reader.queryRecords(EventQuery.all()).size());
            documentsAfterKill = journalEntries(reader);
        }
        try (ChronicleExperienceStore store = open(dir)) {
            assertEquals(documentsAfterKill + 1, journalEntries(store), "the writable open did not abort the batch");
            assertIds(expected, store, "the writable open that aborted the batch shows part of it");
            store.appendEvent(StoreFixtures.engine("after-0", TIME).withTenant("t-1").withCorrelation("run-7"));
            store.appendEvents(List.of(StoreFixtures.engine("after-1", TIME), StoreFixtures.engine("after-2", TIME)));
            expected.addAll(List.of("after-0", "after-1", "after-2"));
            assertIds(expected, store, "appends after the abort");
            assertTrue(store.verify(null).intact(), () -> store.verify(null).problem());
        }

        try (ChildJvm child = ChildJvm.start(List.of("-Xmx64m"), LedgerMain.class, "append", "--store", dir.toString(),
                input.toString())) {
            assertEquals(0, child.waitFor(), child.errors());
            assertEquals("appended " + LINES + " envelopes (" + (LINES - LINES / 10) + " engine, " + LINES / 10
                    + " user)", child.readLine(), child.errors());
        }
        final List<List<?>> answers;
        try (ChronicleExperienceStore store = open(dir)) {
            assertWholeBatchAfter(store, expected);
            assertTrue(store.verify(null).intact(), () -> store.verify(null).problem());
            answers = answers(store);
        }
        TestFiles.deleteRecursively(dir.resolve("index"));
        try (ChronicleExperienceStore store = open(dir)) {
            assertEquals(answers, answers(store), "deleting the index changed an answer");
        }
    }

    /** Runs the append, kills it while it writes the batch, and checks that it did. */
    private static void killMidBatch(Path dir, Path input) throws Exception {
        try (ChronicleExperienceStore watcher = ChronicleExperienceStore.builder(dir).readOnly().open();
             ChildJvm child = ChildJvm.start(List.of("-Xmx64m"), LedgerMain.class, "append", "--store",
                     dir.toString(), input.toString())) {
            final long before = journalEntries(watcher);
            final long deadline = System.nanoTime() + 120_000_000_000L;
            long written = 0;
            while (written <= KILL_AFTER) {
                assertTrue(child.isAlive(), "the append ended before it had written " + KILL_AFTER + " entries: "
                        + child.errors());
                assertTrue(System.nanoTime() < deadline, "the append did not write " + KILL_AFTER + " entries in 120 s");
                Thread.sleep(5);
                written = journalEntries(watcher) - before;
            }
            assertEquals("-Xmx64m", lastHeapFlag(child.pid()), "the child's heap is not bounded to 64 MiB");
            assertTrue(child.isAlive(), "the append ended before the kill");
            child.kill();
            // 128 + 9: killed by SIGKILL; a child that had finished first would have exited 0
            assertEquals(128 + 9, child.waitFor(), "the child did not die of SIGKILL: " + child.errors());
            final long inJournal = journalEntries(watcher) - before;
            // the begin marker and part of the entries, no commit
            assertTrue(inJournal > KILL_AFTER && inJournal <= LINES, "the journal holds " + inJournal
                    + " entries after the kill, not part of the batch of " + LINES);
        }
    }

    /** The batch file: b-0 … b-(LINES-1), every tenth a user envelope, four tenants, a thousand correlation ids. */
    private static Path writeBatch(Path file) throws IOException {
        final String[] engine = template(ConvergeJson.write(StoreFixtures.engine("ID", TIME).withTenant("TENANT")
                .withCorrelation("CORRELATION")));
        final String[] user = template(ConvergeJson.write(StoreFixtures.user("ID", TIME).withTenant("TENANT")
                .withCorrelation("CORRELATION")));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            final StringBuilder line = new StringBuilder(512);
            for (int i = 0; i < LINES; i++) {
                final String[] parts = i % 10 == 0 ? user : engine;
                line.setLength(0);
                line.append(parts[0]).append("b-").append(i).append(parts[1]).append("t-").append(i % 4)
                        .append(parts[2]).append("run-").append(i % 1000).append(parts[3]).append('\n');
                out.append(line);
            }
        }
        return file;
    }

    /** A canonical line cut around its ID, TENANT and CORRELATION values, which appear once each, in that order. */
    private static String[] template(String json) {
        final int id = json.indexOf("\"ID\"") + 1;
        final int tenant = json.indexOf("\"TENANT\"") + 1;
        final int correlation = json.indexOf("\"CORRELATION\"") + 1;
        assertTrue(id > 0 && tenant > id && correlation > tenant, json);
        return new String[] {json.substring(0, id), json.substring(id + 2, tenant),
                json.substring(tenant + 6, correlation), json.substring(correlation + 11)};
    }

    /** The store shows exactly {@code expected}, both sides, in append order; a failure names the first difference. */
    private static void assertIds(List<String> expected, ChronicleExperienceStore store, String message) {
        final List<String> ids = new ArrayList<>();
        store.scan(-1, (index, record) -> ids.add(record.eventId().value()));
        int same = 0;
        while (same < Math.min(ids.size(), expected.size()) && ids.get(same).equals(expected.get(same))) {
            same++;
        }
        if (same < ids.size() || same < expected.size()) {
            fail(message + ": " + ids.size() + " ids instead of " + expected.size() + ", the first difference at "
                    + same + ": " + (same < ids.size() ? ids.get(same) : "(none)") + " instead of "
                    + (same < expected.size() ? expected.get(same) : "(none)"));
        }
    }

    /** The store holds {@code first}, then the whole batch in order, checked one record at a time. */
    private static void assertWholeBatchAfter(ChronicleExperienceStore store, List<String> first) {
        final long[] seen = {0};
        store.scan(-1, (index, record) -> {
            final long n = seen[0]++;
            if (n < first.size()) {
                assertEquals(first.get((int) n), record.eventId().value());
            } else {
                final long i = n - first.size();
                assertEquals("b-" + i, record.eventId().value());
                assertEquals(i % 10 == 0, record instanceof ExperienceRecord.User, "b-" + i);
            }
            return true;
        });
        assertEquals(first.size() + LINES, seen[0], "the batch is not whole");
    }

    /** Answers that the batch and the entries before it both contribute to. */
    private static List<List<?>> answers(ChronicleExperienceStore store) {
        final List<List<?>> answers = new ArrayList<>();
        final EventQuery run7 = EventQuery.all().withCorrelation(CorrelationId.of("run-7"));
        answers.add(store.queryRecords(run7));
        answers.add(store.queryEvents(run7.withTenant(TenantId.of("t-3"))));
        answers.add(store.queryRecords(EventQuery.all().withCorrelation(CorrelationId.of("run-123"))));
        answers.add(store.queryEvents(EventQuery.all().withTenant(TenantId.of("t-2"))
                .withKinds(ExperienceEventKind.OutcomeRecorded).withLimit(2_000L)));
        answers.add(store.queryRecords(EventQuery.all().withTenant(TenantId.of("t-1")).withLimit(1_500L)));
        assertTrue(answers.get(0).size() > BEFORE, "the answers do not reach into the batch");
        return answers;
    }

    /** Documents in the journal, visible or not: entries and batch markers. */
    private static long journalEntries(ChronicleExperienceStore store) {
        return store.journal().queue().entryCount();
    }

    /** The last -Xmx on the process's command line, the one the JVM uses. */
    private static String lastHeapFlag(long pid) throws IOException {
        String last = null;
        for (String arg : Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0")) {
            if (arg.startsWith("-Xmx")) {
                last = arg;
            }
        }
        return last;
    }

    private static ChronicleExperienceStore open(Path dir) {
        return ChronicleExperienceStore.builder(dir).open();
    }
}
