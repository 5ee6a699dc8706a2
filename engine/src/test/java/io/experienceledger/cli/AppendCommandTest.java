package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.ModelSamples;
import io.experienceledger.model.RandomModel;
import io.experienceledger.testing.Tmpfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendCommandTest {
    @TempDir
    Path dir;

    /** Every sample envelope and random ones, engine side first. */
    private static List<ExperienceRecord> varied(long seed) {
        final List<ExperienceRecord> records = new ArrayList<>();
        ModelSamples.allEngineEnvelopes().forEach(e -> records.add(new ExperienceRecord.Engine(e)));
        final RandomModel random = new RandomModel(seed);
        for (int i = 0; i < 150; i++) {
            records.add(new ExperienceRecord.Engine(random.engineEnvelope()));
        }
        ModelSamples.allUserEnvelopes().forEach(e -> records.add(new ExperienceRecord.User(e)));
        for (int i = 0; i < 50; i++) {
            records.add(new ExperienceRecord.User(random.userEnvelope()));
        }
        return records;
    }

    @Test
    void appendThenExportGivesBackTheSameBytes() {
        final List<ExperienceRecord> records = varied(7);
        final String input = Cli.jsonLines(records);
        final long engine = records.stream().filter(r -> r instanceof ExperienceRecord.Engine).count();
        final String store = dir.resolve("ledger").toString();

        final Cli.Result appended = Cli.runWithInput(input, "append", "--store", store);
        assertEquals(0, appended.code(), appended::toString);
        assertEquals("appended " + records.size() + " envelopes (" + engine + " engine, " + (records.size() - engine)
                + " user)\n", appended.out());
        assertEquals("", appended.err());

        final Cli.Result exported = Cli.run("export", "--store", store);
        assertEquals(0, exported.code(), exported::toString);
        assertEquals(input, exported.out());
    }

    @Test
    void appendsFromAFileAndAddsToWhatIsThere() throws IOException {
        final List<ExperienceRecord> first = varied(1).subList(0, 40);
        final List<ExperienceRecord> second = varied(2).subList(40, 90);
        final Path file = dir.resolve("events.jsonl");
        Files.writeString(file, Cli.jsonLines(second), StandardCharsets.UTF_8);
        final String store = dir.resolve("ledger").toString();
        Cli.appendAll(Path.of(store), first);

        final Cli.Result appended = Cli.run("append", "--store", store, file.toString());
        assertEquals(0, appended.code(), appended::toString);
        assertEquals("appended 50 envelopes (50 engine, 0 user)\n", appended.out());
        assertEquals(Cli.jsonLines(first) + Cli.jsonLines(second), Cli.run("export", "--store", store).out());
    }

    @Test
    void interleavedSidesKeepTheirInputOrder() {
        final List<ExperienceRecord> records = varied(3);
        final List<ExperienceRecord> interleaved = new ArrayList<>();
        final List<ExperienceRecord> engine = records.stream().filter(r -> r instanceof ExperienceRecord.Engine).toList();
        final List<ExperienceRecord> user = records.stream().filter(r -> r instanceof ExperienceRecord.User).toList();
        for (int i = 0; i < Math.max(engine.size(), user.size()); i++) {
            if (i < user.size()) {
                interleaved.add(user.get(i));
            }
            if (i < engine.size()) {
                interleaved.add(engine.get(i));
            }
        }
        final String store = dir.resolve("ledger").toString();
        assertEquals(0, Cli.runWithInput(Cli.jsonLines(interleaved), "append", "--store", store).code());
        assertEquals(Cli.jsonLines(interleaved), Cli.run("export", "--store", store).out());
    }

    @Test
    void anInvalidLineInTheMiddleAppendsNothing() {
        final List<ExperienceRecord> existing = varied(4).subList(0, 10);
        final Path store = dir.resolve("ledger");
        Cli.appendAll(store, existing);
        final String[] lines = Cli.jsonLines(varied(5).subList(0, 6)).split("\n");
        lines[3] = lines[3].substring(0, lines[3].length() / 2);

        final Cli.Result result = Cli.runWithInput(String.join("\n", lines) + "\n", "append", "--store", store.toString());

        assertEquals(2, result.code(), result::toString);
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("line 4: "), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertEquals(Cli.jsonLines(existing), Cli.run("export", "--store", store.toString()).out());
    }

    @Test
    void anEnvelopeTheStoreWouldRejectIsReportedWithItsLine() {
        final String valid = Cli.jsonLines(varied(6).subList(0, 1));
        final String badId = valid.replaceFirst("\"event_id\":\"[^\"]*\"", "\"event_id\":\"no spaces allowed\"");
        final Path store = dir.resolve("ledger");

        final Cli.Result result = Cli.runWithInput(valid + badId, "append", "--store", store.toString());

        assertEquals(2, result.code(), result::toString);
        assertEquals("line 2: event_id contains invalid characters; only alphanumeric, '-', '_', '.' are allowed\n",
                result.err());
        assertFalse(Files.exists(store), "nothing is created for invalid input");
    }

    @Test
    void blankLinesAreSkippedButCounted() {
        final String valid = Cli.jsonLines(varied(8).subList(0, 2));
        final String input = "\n   \n" + valid.replace("\n", "\r\n") + "\t\n{\"event_id\":\"x\"}\n";

        final Cli.Result result = Cli.runWithInput(input, "append", "--store", dir.resolve("ledger").toString());

        assertEquals(2, result.code(), result::toString);
        assertEquals("line 6: missing field `occurred_at`\n", result.err());
        final Cli.Result ok = Cli.runWithInput("\n\n" + valid + "\n", "append", "--store", dir.resolve("ledger").toString());
        assertEquals("appended 2 envelopes (2 engine, 0 user)\n", ok.out(), ok::toString);
    }

    @Test
    void oneEnvelopeIsCountedInTheSingular() {
        final Cli.Result one = Cli.runWithInput(Cli.jsonLines(varied(10).subList(0, 1)), "append", "--store",
                dir.resolve("ledger").toString());
        assertEquals(0, one.code(), one::toString);
        assertEquals("appended 1 envelope (1 engine, 0 user)\n", one.out());
    }

    @Test
    void emptyInputAppendsNothingAndCreatesNothing() {
        final Path store = dir.resolve("ledger");
        final Cli.Result result = Cli.runWithInput("\n\n", "append", "--store", store.toString());
        assertEquals(0, result.code(), result::toString);
        assertEquals("appended 0 envelopes (0 engine, 0 user)\n", result.out());
        assertFalse(Files.exists(store));
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedWithoutReadingItAll() {
        final byte[] input = new byte[Stores.MAX_ENVELOPE_BYTES + 100];
        java.util.Arrays.fill(input, (byte) ' ');
        input[0] = '\n';
        final Cli.Result result = Cli.runWithInput(input, "append", "--store", dir.resolve("ledger").toString());
        assertEquals(2, result.code(), result::toString);
        assertEquals("line 2: longer than the limit of 16.0 MiB (16,777,216 bytes)\n", result.err());
    }

    @Test
    void inputThatIsNotUtf8IsRefused() {
        final byte[] input = "{\"event_id\":\"\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        final Cli.Result result = Cli.runWithInput(input, "append", "--store", dir.resolve("ledger").toString());
        assertEquals(2, result.code(), result::toString);
        assertEquals("line 1: not valid UTF-8\n", result.err());
    }

    @Test
    void aDashReadsStandardInputAndANegativeLockWaitIsRefused() {
        final String input = Cli.jsonLines(varied(10).subList(0, 3));
        final String store = dir.resolve("ledger").toString();
        assertEquals("appended 3 envelopes (3 engine, 0 user)\n",
                Cli.runWithInput(input, "append", "--store", store, "-").out());
        final Cli.Result negative = Cli.runWithInput(input, "append", "--store", store, "--lock-wait", "-1");
        assertEquals(2, negative.code(), negative::toString);
        assertEquals("--lock-wait must not be negative, was -1\n", negative.err());
        assertEquals(input, Cli.run("export", "--store", store).out());
    }

    @Test
    void aMissingFileIsBadInput() {
        final Cli.Result result = Cli.run("append", "--store", dir.resolve("ledger").toString(),
                dir.resolve("nope.jsonl").toString());
        assertEquals(2, result.code(), result::toString);
        assertEquals("no such file: " + dir.resolve("nope.jsonl") + "\n", result.err());
    }

    @Test
    void aDirectoryThatIsNotALedgerIsAStorageError() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        final Cli.Result result = Cli.runWithInput(Cli.jsonLines(varied(9).subList(0, 1)), "append", "--store",
                dir.toString());
        assertEquals(3, result.code(), result::toString);
        assertTrue(result.err().startsWith("Storage error: " + dir + " is not a ledger directory"), result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace");
    }

    @Test
    void aLedgerOnAReadOnlyFileSystemIsAStorageErrorAndStaysReadable() throws Exception {
        final List<ExperienceRecord> records = varied(3).subList(0, 20);
        final String more = Cli.jsonLines(varied(4).subList(0, 5));
        try (Tmpfs tmpfs = Tmpfs.mount(dir.resolve("tmpfs"), "16m")) {
            final Path store = tmpfs.path().resolve("ledger");
            final Path fresh = Files.createDirectories(tmpfs.path().resolve("ledgers")).resolve("new");
            Cli.appendAll(store, records);
            tmpfs.remountReadOnly();

            final Cli.Result existing = Cli.runWithInput(more, "append", "--store", store.toString());
            assertEquals(3, existing.code(), existing::toString);
            assertEquals("Storage error: " + store + " is on a read-only file system; open the store read-only to query"
                    + " it, or remount the file system read-write to append\n", existing.err());
            assertEquals("", existing.out());

            final Cli.Result created = Cli.runWithInput(more, "append", "--store", fresh.toString());
            assertEquals(3, created.code(), created::toString);
            assertEquals("Storage error: cannot create a ledger in " + fresh + ": it is on a read-only file system;"
                    + " choose another directory or remount the file system read-write\n", created.err());
            assertFalse(Files.exists(fresh), "a refused append created the ledger");

            final Cli.Result exported = Cli.run("export", "--store", store.toString());
            assertEquals(0, exported.code(), exported::toString);
            assertEquals(Cli.jsonLines(records), exported.out());
        }
    }
}
