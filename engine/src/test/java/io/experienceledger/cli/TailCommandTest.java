package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TailCommandTest {
    @TempDir
    Path dir;

    /** Standard output whose reader goes away after {@code lines} lines: every flush after that fails. */
    private static final class ReaderGoesAway extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final int lines;
        private int seen;

        ReaderGoesAway(int lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                seen += chars[i] == '\n' ? 1 : 0;
            }
            text.append(chars, offset, length);
        }

        @Override
        public synchronized void flush() throws IOException {
            if (seen >= lines) {
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

    @Test
    void withoutFollowPrintsTheLastMatchingEntries() {
        final Fixture fixture = Fixture.create(dir);
        final List<ExperienceRecord> records = fixture.records;

        final Cli.Result last = Cli.run("tail", "--store", fixture.storeArg());
        assertEquals(0, last.code(), last::toString);
        assertEquals(Cli.jsonLines(records.subList(records.size() - 10, records.size())), last.out());

        final List<ExperienceRecord> acme = records.stream()
                .filter(r -> r.tenantId() != null && r.tenantId().value().equals("acme")).toList();
        final Cli.Result filtered = Cli.run("tail", "--store", fixture.storeArg(), "-n", "25", "--tenant", "acme",
                "--records");
        assertEquals(Fixture.recordLines(acme.subList(acme.size() - 25, acme.size())), filtered.out());

        final Cli.Result engineKind = Cli.run("tail", "--store", fixture.storeArg(), "-n", "3", "--kind",
                "OutcomeRecorded", "--format", "table");
        assertEquals(4, engineKind.lines().size(), engineKind::toString);
        assertTrue(engineKind.lines().get(0).startsWith("OCCURRED_AT"));
        assertEquals("", Cli.run("tail", "--store", fixture.storeArg(), "-n", "0").out());
        assertEquals(2, Cli.run("tail", "--store", fixture.storeArg(), "-n", "-1").code());
    }

    @Test
    void followSeesWhatAnotherProcessAppends() throws Exception {
        final Path store = dir.resolve("ledger");
        final List<ExperienceRecord> before = new ArrayList<>();
        final SyntheticWorkload workload = new SyntheticWorkload(5);
        for (int i = 0; i < 3; i++) {
            before.add(workload.next());
        }
        Cli.appendAll(store, before);
        final List<ExperienceRecord> appended = AppendingProcess.plan(40);
        final ReaderGoesAway out = new ReaderGoesAway(before.size() + appended.size());
        final StringWriter err = new StringWriter();
        final AtomicInteger code = new AtomicInteger(-1);
        final Thread tail = new Thread(() -> code.set(Cli.execute(out, new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]), "tail", "--store", store.toString(), "-n", "100", "--follow",
                "--poll", "20")));
        tail.start();

        final Path childErr = dir.resolve("child.err");
        final Process child = AppendingProcess.start(store, 40, childErr);
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the appending process finished");
            assertEquals(0, child.exitValue(), () -> "child failed: " + read(childErr));
            tail.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(tail.isAlive(), () -> "tail stopped once its reader went away; output so far:\n" + out.text());
        } finally {
            child.destroyForcibly();
        }
        assertEquals(0, code.get(), err::toString);
        assertEquals("", err.toString());
        final List<ExperienceRecord> all = new ArrayList<>(before);
        all.addAll(appended);
        assertEquals(Cli.jsonLines(all), out.text());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
