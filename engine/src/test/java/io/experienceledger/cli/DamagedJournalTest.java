package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.workload.SyntheticWorkload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read commands on a journal with a damaged entry print what they can read, leave the damaged entry out, name the
 * damage on stderr and exit 3. (Whether the entries after a damaged one are read is the store's business: these
 * tests hold either way.)
 */
class DamagedJournalTest {
    private static final int ENTRIES = 40;

    @TempDir
    Path dir;

    private Path store;
    private List<ExperienceRecord> records;
    /** Where in {@link #records} the damaged entry is: a ReplayTraceRecorded in the middle. */
    private int damaged;

    @BeforeEach
    void createStore() {
        final SyntheticWorkload workload = new SyntheticWorkload(3, 2);
        records = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            records.add(workload.next());
        }
        damaged = -1;
        for (int i = ENTRIES / 4; i < ENTRIES && damaged < 0; i++) {
            if (records.get(i) instanceof ExperienceRecord.Engine engine
                    && engine.value().event() instanceof ExperienceEvent.ReplayTraceRecorded) {
                damaged = i;
            }
        }
        assertTrue(damaged > 0 && damaged < ENTRIES - 1, "a trace in the middle of the workload");
        store = dir.resolve("ledger");
        Cli.appendAll(store, records);
    }

    @Test
    void exportQueryAndTailLeaveTheDamagedEntryOutAndExitWithThree() throws IOException {
        JournalDamage.flipPayloadByte(store, damagedId());
        final String before = Cli.jsonLines(records.subList(0, damaged));
        final String damagedLine = Cli.jsonLines(records.subList(damaged, damaged + 1));
        final List<List<String>> commands = List.of(List.of("export"), List.of("query"),
                List.of("query", "--records"), List.of("query", "--format", "table"), List.of("tail", "-n", "1000"));
        for (List<String> command : commands) {
            final Cli.Result result = run(command);
            assertEquals(3, result.code(), () -> command + ": " + result);
            assertReported(result);
            assertFalse(result.out().contains(damagedId()), () -> command + " printed the damaged entry");
            if (command.size() == 1 || command.get(0).equals("tail")) {
                assertTrue(result.out().startsWith(before), () -> command + ": what comes before is printed");
                assertFalse(result.out().contains(damagedLine), command::toString);
            }
        }
    }

    @Test
    void traceOfTheDamagedEntryIsNotFoundAndExitsWithThree() throws IOException {
        JournalDamage.flipPayloadByte(store, damagedId());
        final String trace = ((ExperienceEvent.ReplayTraceRecorded) ((ExperienceRecord.Engine) records.get(damaged))
                .value().event()).traceLinkId().value();
        final Cli.Result result = run(List.of("trace", trace));
        assertEquals(3, result.code(), result::toString);
        assertEquals("", result.out());
        final String notFound = "Not found: no replay trace is registered under trace link id '" + trace + "'\n";
        assertTrue(result.err().startsWith(notFound), result.err());
        assertReported(new Cli.Result(result.code(), "", result.err().substring(notFound.length())));
    }

    @Test
    void statsNamesADamagedHeaderAndExitsWithThree() throws IOException {
        JournalDamage.breakHeader(store, damagedId());
        final Cli.Result result = run(List.of("stats"));
        assertEquals(3, result.code(), result::toString);
        assertTrue(result.lines().get(4).startsWith("damage    entry "), result::toString);
        assertReported(result);
    }

    @Test
    void tailFollowNamesTheDamageAtOnceAndGoesOn() throws Exception {
        JournalDamage.flipPayloadByte(store, damagedId());
        final ReaderLeaves out = new ReaderLeaves();
        final StringWriter err = new StringWriter();
        final AtomicInteger code = new AtomicInteger(-1);
        final Thread tail = new Thread(() -> code.set(Cli.execute(out, new PrintWriter(err, true),
                new ByteArrayInputStream(new byte[0]), "tail", "--store", store.toString(), "-n", "3", "--follow",
                "--poll", "10")));
        tail.start();
        try {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!err.toString().contains("the journal is damaged") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(err.toString().contains("the journal is damaged"), "damage reported while following");
            Thread.sleep(200);
            assertTrue(tail.isAlive(), "tail goes on following");
        } finally {
            out.leave();
            tail.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertFalse(tail.isAlive(), "tail stopped once its reader went away");
        assertEquals(3, code.get(), err::toString);
        assertReported(new Cli.Result(code.get(), out.text(), err.toString()));
        assertFalse(out.text().contains(damagedId()));
    }

    @Test
    void appendToADamagedJournalAppendsAndWarns() throws IOException {
        JournalDamage.breakHeader(store, damagedId());
        deleteRecursively(store.resolve("index"));
        final List<ExperienceRecord> more = new ArrayList<>();
        final SyntheticWorkload workload = new SyntheticWorkload(4, 2);
        for (int i = 0; i < 3; i++) {
            more.add(workload.next());
        }
        final long engine = more.stream().filter(r -> r instanceof ExperienceRecord.Engine).count();

        final Cli.Result result = Cli.runWithInput(Cli.jsonLines(more), "append", "--store", store.toString());

        assertEquals(0, result.code(), result::toString);
        assertEquals("appended 3 envelopes (" + engine + " engine, " + (3 - engine) + " user)\n", result.out());
        assertTrue(result.err().startsWith("warning: the journal is damaged: entry "), result::toString);
        assertTrue(result.err().endsWith("; the envelopes were appended, but reads leave out what cannot be read."
                + " Run: ledger verify --store " + store + "\n"), result::toString);
        assertEquals(1, result.err().split("\n").length, result::toString);
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private String damagedId() {
        return records.get(damaged).eventId().value();
    }

    private Cli.Result run(List<String> command) {
        final List<String> args = new ArrayList<>(command.subList(0, 1));
        args.addAll(List.of("--store", store.toString()));
        args.addAll(command.subList(1, command.size()));
        return Cli.run(args.toArray(String[]::new));
    }

    /** Exactly one line on stderr, naming the damage and what to do. */
    private void assertReported(Cli.Result result) {
        final String err = result.err();
        assertTrue(err.startsWith("the journal is damaged: "), result::toString);
        assertTrue(err.endsWith("; the output leaves out what could not be read. Run: ledger verify --store "
                + store + "\n"), result::toString);
        assertEquals(1, err.split("\n").length, result::toString);
    }

    /** Standard output whose reader leaves when told: every flush after that fails as a closed pipe does. */
    private static final class ReaderLeaves extends Writer {
        private final StringBuilder text = new StringBuilder();
        private volatile boolean gone;

        void leave() {
            gone = true;
        }

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void flush() throws IOException {
            if (gone) {
                throw new IOException("Broken pipe");
            }
        }

        @Override
        public void close() {
        }

        synchronized String text() {
            return text.toString();
        }
    }
}
