package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ExperienceRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs {@code ledger} commands in this JVM with captured streams, and builds small stores for them. */
final class Cli {
    private Cli() {
    }

    /** What a command did: its exit code, standard output (decoded from UTF-8) and standard error. */
    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code args} with empty standard input. */
    static Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    /** Runs {@code args} with {@code stdin} (UTF-8) as standard input. */
    static Result runWithInput(String stdin, String... args) {
        return runWithInput(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Runs {@code args} with {@code stdin} as standard input. */
    static Result runWithInput(byte[] stdin, String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        final int code = execute(new OutputStreamWriter(out, StandardCharsets.UTF_8), new PrintWriter(err),
                new ByteArrayInputStream(stdin), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    /** Runs {@code args} on the given streams (no progress bars). */
    static int execute(Writer out, PrintWriter err, InputStream in, String... args) {
        final Console console = new Console(out, err, in, false);
        final int code = Ledger.commandLine(console).execute(args);
        console.out().flush();
        err.flush();
        return code;
    }

    /** A store opened writable with small (1 MiB) blocks, as tests open them. */
    static ChronicleExperienceStore openStore(Path dir) {
        return ChronicleExperienceStore.builder(dir).blockSize(1L << 20).maxEntryBytes(256 << 10).open();
    }

    /** Creates (or extends) the store at {@code dir} with {@code records}, in order. */
    static void appendAll(Path dir, List<ExperienceRecord> records) {
        try (ChronicleExperienceStore store = openStore(dir)) {
            for (ExperienceRecord record : records) {
                if (record instanceof ExperienceRecord.Engine engine) {
                    store.appendEvent(engine.value());
                } else {
                    store.appendUserEvent(((ExperienceRecord.User) record).value());
                }
            }
        }
    }

    /** The envelopes of {@code records} as canonical JSON lines, each ending in a newline. */
    static String jsonLines(List<ExperienceRecord> records) {
        final StringBuilder lines = new StringBuilder();
        for (ExperienceRecord record : records) {
            lines.append(ConvergeJson.writeAnyEnvelope(record)).append('\n');
        }
        return lines.toString();
    }
}
