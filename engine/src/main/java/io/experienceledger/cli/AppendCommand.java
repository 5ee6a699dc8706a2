package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.Durability;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.internal.EnvelopeValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ledger append}: converge JSON lines into a ledger as one atomic batch, in input order, in constant memory.
 *
 * <ol>
 *   <li>Check: every line is parsed and validated as the store would; the first bad line fails the command (exit
 *       2, {@code line N: reason}) before the store is even opened. Nothing is held in memory but one line.</li>
 *   <li>Append: the lines are read again and streamed, engine and user envelopes alike, into one
 *       {@code appendBatch}: readers see all of them or none, also after a crash, and nothing of the input is
 *       held in memory.</li>
 * </ol>
 */
@Command(name = "append",
        mixinStandardHelpOptions = true,
        description = {
            "Appends converge JSON lines, all or nothing.",
            "",
            "Reads engine and user envelopes (an event type starting with User is a user envelope) from FILE, or"
                    + " from standard input, and prints how many were appended.",
            "All or nothing: every line is checked first, and one invalid line (reported as 'line N: reason', exit 2)"
                    + " appends nothing. Then all envelopes are appended, in input order, as one atomic batch that"
                    + " readers see whole or not at all, also after a crash; input of any size is streamed. Blank"
                    + " lines are skipped; a line may be at most 16 MiB.",
            "Creates the ledger when DIR is missing or empty; waits up to --lock-wait for another writer to finish.",
            "When the store finds its journal damaged, the envelopes are still appended, and a warning says to run"
                    + " verify."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger append --store audit events.jsonl",
            "  producer | ledger append --store audit",
            "  ledger export --store audit | ledger append --store copy"})
final class AppendCommand implements Callable<Integer> {
    @ParentCommand
    private Ledger ledger;

    @Mixin
    private StoreOption store;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "A file of JSON lines; standard input when absent or '-'.")
    private Path file;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "" + Stores.DEFAULT_LOCK_WAIT_SECONDS,
            description = "How long to wait for another process's writer lock (default ${DEFAULT-VALUE} s).")
    private int lockWaitSeconds;

    @Option(names = "--roll-cycle", paramLabel = "NAME",
            description = "For a new ledger: how often its journal starts a new file, one of Chronicle's named roll"
                    + " cycles (FAST_DAILY, the default; FAST_HOURLY, MINUTELY, TEST_SECONDLY for tests, ...). The"
                    + " ledger keeps it for life; an existing ledger of another cycle is refused.")
    private String rollCycle;

    @Option(names = "--group-readable",
            description = "For a new ledger: directories 0750 and files 0640, readable by its group (by default a"
                    + " new ledger is 0700/0600, whatever the umask).")
    private boolean groupReadable;

    /** What the checking pass found. */
    private static final class Census {
        long engine;
        long user;
    }

    @Override
    public Integer call() throws IOException {
        final Console console = ledger.console();
        final Path source = file == null || file.toString().equals("-") ? null : file;
        if (source == null && console.inputTyped()) {
            console.err().println("reading converge JSON lines from standard input; end with Ctrl-D (see --help)");
        }
        final Census census;
        Optional<String> damage = Optional.empty();
        try (AppendInput input = AppendInput.of(source, console.in(), Stores.MAX_ENVELOPE_BYTES)) {
            census = check(input, console);
            if (census.engine + census.user > 0) {
                try (ChronicleExperienceStore opened = Stores.openForWriting(store.store, lockWaitSeconds,
                        Durability.PAGE_CACHE, rollCycle, groupReadable)) {
                    append(opened, input, census, console);
                    damage = opened.damage();
                }
            }
        }
        final long total = census.engine + census.user;
        console.out().printf("appended %d %s (%d engine, %d user)%n", total, total == 1 ? "envelope" : "envelopes",
                census.engine, census.user);
        if (damage.isPresent()) {
            console.out().flush();
            console.err().println(DamageNotice.appendedDespite(damage.get(), store.store));
        }
        return ExitCode.OK;
    }

    private static Census check(AppendInput input, Console console) throws IOException {
        final Census census = new Census();
        final Progress progress = Progress.ofBytes(console, "checking ", input.size());
        try (LineReader reader = input.firstPass()) {
            while (reader.next()) {
                progress.update(reader.bytesRead());
                if (reader.isBlank()) {
                    continue;
                }
                if (parse(reader) instanceof ExperienceRecord.Engine) {
                    census.engine++;
                } else {
                    census.user++;
                }
                input.keep(reader);
            }
        } finally {
            progress.done();
        }
        return census;
    }

    /** The line's envelope, parsed and validated; a bad line fails with its number. */
    private static ExperienceRecord parse(LineReader reader) {
        final String text = reader.text();
        final ExperienceRecord record;
        try {
            record = ConvergeJson.readAnyEnvelope(text);
        } catch (RuntimeException e) {
            throw LedgerException.badInput("line " + reader.number() + ": " + Failures.describe(e));
        }
        final String violation = record instanceof ExperienceRecord.Engine engine
                ? EnvelopeValidator.violationOf(engine.value())
                : EnvelopeValidator.violationOf(((ExperienceRecord.User) record).value());
        if (violation != null) {
            throw LedgerException.badInput("line " + reader.number() + ": " + violation);
        }
        return record;
    }

    /** Streams the checked input into one atomic batch. */
    private static void append(ChronicleExperienceStore store, AppendInput input, Census census, Console console)
            throws IOException {
        final Progress progress = Progress.of(console, "appending", census.engine + census.user);
        try (LineReader reader = input.secondPass()) {
            final long appended = store.appendBatch(new CheckedLines(reader, input, progress));
            if (appended != census.engine + census.user) {
                throw input.changed();
            }
        } catch (ExperienceStoreException e) {
            throw new LedgerException(Failures.exitCode(e.kind()), nothingAppended(e.getMessage()), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            progress.done();
        }
    }

    /** A store's message about a failed batch, saying (once) that nothing of it was appended. */
    static String nothingAppended(String message) {
        return message.contains("nothing was appended") ? message : message + "; nothing was appended";
    }

    /** The envelopes of the second pass, one line at a time; a line that no longer parses means the input changed. */
    private static final class CheckedLines implements Iterator<ExperienceRecord> {
        private final LineReader reader;
        private final AppendInput input;
        private final Progress progress;
        private long read;
        private boolean ready;

        CheckedLines(LineReader reader, AppendInput input, Progress progress) {
            this.reader = reader;
            this.input = input;
            this.progress = progress;
        }

        @Override
        public boolean hasNext() {
            try {
                while (!ready && reader.next()) {
                    ready = !reader.isBlank();
                }
                return ready;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public ExperienceRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ready = false;
            final ExperienceRecord record;
            try {
                record = parse(reader);
            } catch (LedgerException e) {
                throw input.changed();
            }
            progress.update(++read);
            return record;
        }
    }
}
