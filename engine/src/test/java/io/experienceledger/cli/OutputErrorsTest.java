package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.workload.SyntheticWorkload;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output that cannot be written: a reader that went away (a pipe closed early, {@code | head}) ends a command
 * quietly with exit 0; any other write error (a full disk: /dev/full) is reported and exits with 3.
 */
class OutputErrorsTest {
    private static final String FULL_DISK = "writing the output failed: No space left on device; the output is"
            + " incomplete\n";

    @TempDir
    static Path dir;

    private static Fixture fixture;

    @BeforeAll
    static void createStore() {
        fixture = Fixture.create(dir);
    }

    @Test
    void everyCommandWritingToAFullDiskExitsWithThree() throws IOException {
        final String trace = SyntheticWorkload.traceLinkId(4);
        for (List<String> args : List.of(List.of("export"), List.of("query"), List.of("query", "--format", "table"),
                List.of("tail"), List.of("stats"), List.of("trace", trace))) {
            final StringWriter err = new StringWriter();
            final String[] command = commandLine(args);
            final int code;
            try (Writer full = new OutputStreamWriter(new FileOutputStream("/dev/full"), StandardCharsets.UTF_8)) {
                code = Cli.execute(full, new PrintWriter(err), new ByteArrayInputStream(new byte[0]), command);
            }
            assertEquals(3, code, () -> args + ": " + err);
            assertEquals(FULL_DISK, err.toString(), args::toString);
        }
    }

    @Test
    void exportToAFullDiskFromAShell() throws Exception {
        final Path stderr = dir.resolve("export-full.err");
        final Process export = LedgerProcess.ledger("export", "--store", fixture.storeArg())
                .redirectOutput(Path.of("/dev/full").toFile()).redirectError(stderr.toFile()).start();
        assertTrue(export.waitFor(60, TimeUnit.SECONDS), "export finished");
        assertEquals(FULL_DISK, Files.readString(stderr));
        assertEquals(3, export.exitValue());
    }

    @Test
    void exportIntoAPipeClosedAfterOneLineEndsQuietly() throws Exception {
        final Path stderr = dir.resolve("export-head.err");
        final Process export = LedgerProcess.ledger("export", "--store", fixture.storeArg())
                .redirectError(stderr.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(export.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals(line(fixture.records.get(0)), out.readLine());
        }
        assertTrue(export.waitFor(60, TimeUnit.SECONDS), "export stopped once its reader went away");
        assertEquals("", Files.readString(stderr));
        assertEquals(0, export.exitValue());
    }

    @Test
    void queryIntoAPipeClosedAfterOneLineEndsQuietly() throws Exception {
        assertTrue(Cli.jsonLines(fixture.records).length() > 4 << 16, "more output than a pipe buffers");
        final Pipe pipe = Pipe.open();
        final AtomicReference<String> first = new AtomicReference<>();
        final Thread head = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(Channels.newReader(pipe.source(), StandardCharsets.UTF_8))) {
                first.set(in.readLine());
            } catch (IOException e) {
                first.set(e.toString());
            }
        });
        head.start();
        final StringWriter err = new StringWriter();
        final int code = Cli.execute(new OutputStreamWriter(Channels.newOutputStream(pipe.sink()),
                StandardCharsets.UTF_8), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), "query",
                "--store", fixture.storeArg(), "--records");
        pipe.sink().close();
        head.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(0, code, err::toString);
        assertEquals("", err.toString());
        assertTrue(first.get().startsWith("{\"kind\":"), first.get());
    }

    private static String[] commandLine(List<String> args) {
        final List<String> command = new java.util.ArrayList<>(args.subList(0, 1));
        command.addAll(List.of("--store", fixture.storeArg()));
        command.addAll(args.subList(1, args.size()));
        return command.toArray(String[]::new);
    }

    private static String line(ExperienceRecord record) {
        return ConvergeJson.writeAnyEnvelope(record);
    }
}
