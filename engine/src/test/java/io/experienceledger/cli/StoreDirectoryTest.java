package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.workload.SyntheticWorkload;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --store} may name, and what the commands say when it names something they cannot use. */
class StoreDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyStoreIsBadInputNotTheCurrentDirectory() {
        for (List<String> command : List.of(List.of("query"), List.of("export"), List.of("tail"), List.of("stats"),
                List.of("trace", "t"), List.of("verify"), List.of("digest"), List.of("append"),
                List.of("demo", "--events", "1"))) {
            final List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--store", ""));
            final Cli.Result result = Cli.run(args.toArray(String[]::new));
            assertEquals(2, result.code(), () -> command + ": " + result);
            assertTrue(result.err().startsWith("Invalid value for option '--store': the ledger directory must not be"
                    + " empty"), () -> command + ": " + result);
            assertEquals("", result.out(), command::toString);
        }
    }

    @Test
    void readCommandsSayAMissingDirectoryDoesNotExist() {
        final Path missing = dir.resolve("nothing-here");
        for (String command : List.of("query", "export", "tail", "stats", "verify", "digest")) {
            final Cli.Result result = Cli.run(command, "--store", missing.toString());
            assertEquals(1, result.code(), () -> command + ": " + result);
            assertEquals("Not found: the directory " + missing + " does not exist\n", result.err(), command);
        }
        assertFalse(Files.exists(missing));
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsNamedWithTheReason() throws Exception {
        final Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        final Path store = locked.resolve("ledger");
        final List<String> command = new ArrayList<>(List.of("setpriv", "--inh-caps=-dac_override,-dac_read_search",
                "--bounding-set=-dac_override,-dac_read_search"));
        command.addAll(LedgerProcess.java(LedgerMain.class, "append", "--store", store.toString()));
        final Path stderr = dir.resolve("append.err");
        final Process append = new ProcessBuilder(command).redirectError(stderr.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = append.getOutputStream()) {
            in.write(Cli.jsonLines(records(1)).getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(append.waitFor(60, TimeUnit.SECONDS), "append finished");
        assertEquals("Storage error: cannot create the directory " + store + ": permission denied: " + locked
                + " is not writable by this user\n", Files.readString(stderr));
        assertEquals(3, append.exitValue());
        assertFalse(Files.exists(store));
    }

    @Test
    void aPathThroughAFileIsNamedWithTheReason() throws IOException {
        final Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        final Cli.Result result = Cli.runWithInput(Cli.jsonLines(records(1)), "append", "--store",
                file.resolve("ledger").toString());
        assertEquals(3, result.code(), result::toString);
        assertEquals("Storage error: cannot create the directory " + file.resolve("ledger") + ": " + file
                + " is in the way: it exists and is not a directory\n", result.err());
    }

    @Test
    void theDemoPrintsNoBannerWhenItCannotOpenItsStore() throws IOException {
        final Path notALedger = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(notALedger.resolve("cat.jpg"), "meow");
        final Cli.Result result = Cli.run("demo", "--events", "10", "--store", notALedger.toString());
        assertEquals(3, result.code(), result::toString);
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("Storage error: " + notALedger + " is not a ledger directory"),
                result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
    }

    private static List<ExperienceRecord> records(int count) {
        final SyntheticWorkload workload = new SyntheticWorkload(8);
        final List<ExperienceRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(workload.next());
        }
        return records;
    }
}
