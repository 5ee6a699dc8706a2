package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.EnvelopeValidator;
import io.experienceledger.store.ExperienceStoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ledger append}: converge JSON lines into a ledger, all engine envelopes in one atomic batch.
 *
 * <ol>
 *   <li>Check: every line is parsed and validated as the store would; the first bad line fails the command (exit
 *       2, {@code line N: reason}) before the store is even opened. Nothing is held in memory but one line.</li>
 *   <li>Read: the lines are read again into one list per side (the store's {@code appendEvents} takes a list),
 *       after checking that the heap can hold them.</li>
 *   <li>Append: all engine envelopes in one {@code appendEvents} batch, which is all-or-nothing, also across a
 *       crash; then the user envelopes one by one. Since every envelope was validated first, only a storage
 *       failure can stop the user envelopes midway, and the message then says how many were appended.</li>
 * </ol>
 * Each side keeps its input order; in the journal the engine envelopes come before the user envelopes of the same
 * invocation.
 */
@Command(name = "append",
        mixinStandardHelpOptions = true,
        description = {
            "Appends converge JSON lines, all or nothing.",
            "",
            "Reads engine and user envelopes (an event type starting with User is a user envelope) from FILE, or"
                    + " from standard input, and prints how many were appended.",
            "All or nothing: every line is checked first, and one invalid line (reported as 'line N: reason', exit 2)"
                    + " appends nothing. The engine envelopes are then appended in one atomic batch, the user"
                    + " envelopes after them, each side in input order. Blank lines are skipped; a line may be at"
                    + " most 16 MiB.",
            "Creates the ledger when DIR is missing or empty; waits up to --lock-wait for another writer to finish."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger append --store audit events.jsonl",
            "  producer | ledger append --store audit",
            "  ledger export --store audit | ledger append --store copy"})
final class AppendCommand implements Callable<Integer> {
    /**
     * Heap bytes per byte of JSON that a parsed envelope is assumed to take, to refuse before reading input whose
     * batch would not fit in the heap: 0.6 was measured on the demo workload; lists of small numbers, which become
     * boxed values, take more. Should the estimate be too low, running out of heap while reading is reported the
     * same way (nothing has been appended at that point).
     */
    static final int HEAP_PER_JSON_BYTE = 2;
    /** From this size on, a terminal shows a message while the batch is appended (it reports no progress). */
    private static final int ANNOUNCED_BATCH = 50_000;

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

    /** What the checking pass found. */
    private static final class Census {
        long engine;
        long user;
        long jsonBytes;
    }

    @Override
    public Integer call() throws IOException {
        final Console console = ledger.console();
        final Path source = file == null || file.toString().equals("-") ? null : file;
        final long engineCount;
        final long userCount;
        if (source == null && console.inputTyped()) {
            console.err().println("reading converge JSON lines from standard input; end with Ctrl-D (see --help)");
        }
        try (AppendInput input = AppendInput.of(source, console.in(), Stores.MAX_ENVELOPE_BYTES)) {
            final Census census = check(input, console);
            requireHeapFor(census);
            final List<ExperienceEventEnvelope> engine = new ArrayList<>((int) census.engine);
            final List<UserExperienceEventEnvelope> user = new ArrayList<>((int) census.user);
            try {
                read(input, census, engine, user, console);
            } catch (OutOfMemoryError e) {
                engine.clear();
                user.clear();
                throw tooLarge(census, Runtime.getRuntime().maxMemory());
            }
            if (!engine.isEmpty() || !user.isEmpty()) {
                try (ChronicleExperienceStore opened = Stores.openForWriting(store.store, lockWaitSeconds)) {
                    append(opened, engine, user, console);
                }
            }
            engineCount = engine.size();
            userCount = user.size();
        }
        console.out().printf("appended %d envelopes (%d engine, %d user)%n", engineCount + userCount, engineCount,
                userCount);
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
                census.jsonBytes += reader.length();
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

    private static void requireHeapFor(Census census) {
        final Runtime runtime = Runtime.getRuntime();
        final long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        final long needed = census.jsonBytes * HEAP_PER_JSON_BYTE;
        if (needed > available || census.engine + census.user > Integer.MAX_VALUE - 8) {
            throw tooLarge(census, available);
        }
    }

    private static LedgerException tooLarge(Census census, long available) {
        return LedgerException.badInput(Numbers.count(census.engine + census.user) + " envelopes ("
                + Numbers.size(census.jsonBytes) + " of JSON) need about "
                + Numbers.size(census.jsonBytes * HEAP_PER_JSON_BYTE) + " of heap to be appended in one atomic batch,"
                + " more than the " + Numbers.size(available) + " available; nothing was appended. Split the input"
                + " into smaller files, or give the JVM more heap (java -Xmx... -jar ledger.jar append ...).");
    }

    private static void read(AppendInput input, Census census, List<ExperienceEventEnvelope> engine,
                             List<UserExperienceEventEnvelope> user, Console console) throws IOException {
        final Progress progress = Progress.of(console, "reading  ", census.engine + census.user);
        try (LineReader reader = input.secondPass()) {
            long read = 0;
            while (reader.next()) {
                if (reader.isBlank()) {
                    continue;
                }
                final ExperienceRecord record;
                try {
                    record = parse(reader);
                } catch (LedgerException e) {
                    throw input.changed();
                }
                if (record instanceof ExperienceRecord.Engine e) {
                    engine.add(e.value());
                } else {
                    user.add(((ExperienceRecord.User) record).value());
                }
                progress.update(++read);
            }
            if (engine.size() != census.engine || user.size() != census.user) {
                throw input.changed();
            }
        } finally {
            progress.done();
        }
    }

    private static void append(ChronicleExperienceStore store, List<ExperienceEventEnvelope> engine,
                               List<UserExperienceEventEnvelope> user, Console console) {
        if (!engine.isEmpty()) {
            final Progress batch = Progress.of(console, "appending", engine.size());
            if (engine.size() >= ANNOUNCED_BATCH) {
                batch.message(Numbers.count(engine.size()) + " engine envelopes in one atomic batch...");
            }
            try {
                store.appendEvents(engine);
            } catch (ExperienceStoreException e) {
                throw new LedgerException(Failures.exitCode(e.kind()), e.getMessage() + "; nothing was appended", e);
            } finally {
                batch.done();
            }
        }
        final Progress progress = Progress.of(console, "appending", user.size());
        int appended = 0;
        try {
            for (UserExperienceEventEnvelope envelope : user) {
                store.appendUserEvent(envelope);
                progress.update(++appended);
            }
        } catch (ExperienceStoreException e) {
            throw new LedgerException(Failures.exitCode(e.kind()), e.getMessage() + "; appended before the failure: "
                    + engine.size() + " of " + engine.size() + " engine envelopes and " + appended + " of "
                    + user.size() + " user envelopes", e);
        } finally {
            progress.done();
        }
    }
}
