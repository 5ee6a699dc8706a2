package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.Durability;
import io.experienceledger.journal.LedgerStats;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.workload.SyntheticWorkload;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ledger demo}: appends a {@link SyntheticWorkload} to a store, reports throughput and latency
 * percentiles, then times indexed queries against the same queries answered by a full scan
 * ({@link QueryComparison}).
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Times appends and queries on a synthetic workload.",
            "",
            "Appends a realistic synthetic workload (decision runs of 12 tenants with a skewed distribution, all 14"
                    + " engine and 5 user event kinds, runs sharing correlation, chain and trace link ids) one"
                    + " envelope at a time, and prints the append throughput and latency percentiles.",
            "Then times indexed queries (tenant and kinds, correlation, trace link) against the same queries"
                    + " answered by a full scan of the journal, and checks that both give the same answer.",
            "Uses a fresh temporary store, deleted afterwards, unless --store is given (then the store is kept)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger demo                           # 200,000 envelopes",
            "  ledger demo --events 20000            # a quick look",
            "  ledger demo --store demo              # keep the store, then:",
            "  ledger stats --store demo",
            "  ledger demo --events 20000 --durability SYNC_EACH"})
final class DemoCommand implements Callable<Integer> {
    /** Default size: appending and querying it takes well under a minute on two cores. */
    static final int DEFAULT_EVENTS = 200_000;
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    @ParentCommand
    private Ledger ledger;

    @Option(names = "--store", paramLabel = "DIR", converter = StorePath.class,
            description = "Write to this ledger directory (new, empty, or an existing ledger) and keep it.")
    private Path store;

    @Option(names = "--events", paramLabel = "N", defaultValue = "" + DEFAULT_EVENTS,
            description = "How many envelopes to append (default ${DEFAULT-VALUE}).")
    private int events;

    @Option(names = "--tenants", paramLabel = "N", defaultValue = "" + SyntheticWorkload.DEFAULT_TENANTS,
            description = "Over how many tenants (default ${DEFAULT-VALUE}).")
    private int tenants;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the workload; the same seed gives the same envelopes (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--durability", paramLabel = "MODE", defaultValue = "PAGE_CACHE",
            description = "What an append promises: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private Durability durability;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "" + Stores.DEFAULT_LOCK_WAIT_SECONDS,
            description = "With --store: how long to wait for another process's writer lock (default ${DEFAULT-VALUE} s).")
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

    @Override
    public Integer call() throws IOException {
        if (events < 1) {
            throw LedgerException.badInput("--events must be at least 1, was " + events);
        }
        if (tenants < 1) {
            throw LedgerException.badInput("--tenants must be at least 1, was " + tenants);
        }
        final boolean temporary = store == null;
        final Path dir = temporary ? Files.createTempDirectory("ledger-demo-") : store;
        try (StopSignal stop = new StopSignal()) {
            try {
                return run(dir, temporary, stop);
            } finally {
                if (temporary) {
                    delete(dir);
                }
            }
        }
    }

    private int run(Path dir, boolean temporary, StopSignal stop) {
        final PrintWriter out = ledger.console().out();
        final SyntheticWorkload workload = new SyntheticWorkload(seed, tenants);
        try (ChronicleExperienceStore opened = Stores.openForWriting(dir, lockWaitSeconds, durability, rollCycle,
                groupReadable)) {
            out.printf("Experience Ledger demo: %s synthetic envelopes, %d tenants, seed %d, durability %s%n",
                    Numbers.count(events), tenants, seed, durability);
            out.printf("store     %s (%s)%n%n", dir.toAbsolutePath(),
                    temporary ? "temporary, deleted at the end" : "kept");
            out.flush();
            if (!append(opened, workload, stop)) {
                ledger.console().err().println("interrupted");
                return ExitCode.OK;
            }
            final long catchUp = System.nanoTime();
            opened.flushIndex();
            final long catchUpNanos = System.nanoTime() - catchUp;
            final LedgerStats stats = opened.stats();
            out.printf("index     caught up and written in %s; %s entries indexed, %s on disk%n",
                    Numbers.duration(catchUpNanos), Numbers.count(stats.indexedEntries()),
                    Numbers.size(stats.indexBytes()));
            out.printf("journal   %s entries, %s on disk%n%n", Numbers.count(stats.entries()),
                    Numbers.size(stats.journalBytes()));
            out.flush();
            if (stop.requested()) {
                return ExitCode.OK;
            }
            final long run = workload.runsStarted() / 2;
            final String tenant = workload.tenants().get(Math.min(2, workload.tenants().size() - 1));
            final boolean same = new QueryComparison(opened, out).compare(tenant, run);
            out.flush();
            if (!same) {
                ledger.console().err().println("the indexed and the full-scan answers differ: the index is"
                        + " inconsistent with the journal");
                return ExitCode.STORAGE_ERROR;
            }
        }
        return ExitCode.OK;
    }

    /** Appends the workload one envelope per call, timing each call; false when stopped by a signal. */
    private boolean append(ChronicleExperienceStore store, SyntheticWorkload workload, StopSignal stop) {
        final Histogram latency = new Histogram(3);
        final Set<ExperienceEventKind> engineKinds = EnumSet.noneOf(ExperienceEventKind.class);
        final Set<Class<?>> userKinds = new HashSet<>();
        final Progress progress = Progress.of(ledger.console(), "appending", events);
        long engine = 0;
        long insideAppends = 0;
        final long started = System.nanoTime();
        try {
            for (int i = 0; i < events; i++) {
                if ((i & 1023) == 0 && stop.requested()) {
                    return false;
                }
                final ExperienceRecord record = workload.next();
                final long took = timedAppend(store, record);
                latency.recordValue(took);
                insideAppends += took;
                if (record instanceof ExperienceRecord.Engine e) {
                    engineKinds.add(e.value().kind());
                    engine++;
                } else {
                    userKinds.add(((ExperienceRecord.User) record).value().event().getClass());
                }
                progress.update(i + 1L);
            }
        } finally {
            progress.done();
        }
        final long wall = System.nanoTime() - started;
        final PrintWriter out = ledger.console().out();
        out.printf("appended  %s envelopes (%s engine, %s user; %d of 14 engine kinds, %d of 5 user kinds)"
                        + " in %s%n", Numbers.count(events), Numbers.count(engine), Numbers.count(events - engine),
                engineKinds.size(), userKinds.size(), Numbers.duration(wall));
        out.printf("          %s envelopes/s inside append calls (%s/s with generating the envelopes)%n",
                Numbers.perSecond(events, insideAppends), Numbers.perSecond(events, wall));
        final StringBuilder percentiles = new StringBuilder("latency  ");
        for (double p : PERCENTILES) {
            percentiles.append("  p").append(p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p))
                    .append(' ').append(Numbers.duration(latency.getValueAtPercentile(p)));
        }
        percentiles.append("  max ").append(Numbers.duration(latency.getMaxValue()));
        out.println(percentiles);
        out.println("          (one thread, one envelope per call, measured with HdrHistogram)");
        out.println();
        out.flush();
        return true;
    }

    /** Appends one envelope; returns how long the store's append call took, in nanoseconds. */
    private static long timedAppend(ChronicleExperienceStore store, ExperienceRecord record) {
        if (record instanceof ExperienceRecord.Engine engine) {
            final long before = System.nanoTime();
            store.appendEvent(engine.value());
            return System.nanoTime() - before;
        }
        final UserExperienceEventEnvelope user = ((ExperienceRecord.User) record).value();
        final long before = System.nanoTime();
        store.appendUserEvent(user);
        return System.nanoTime() - before;
    }

    private void delete(Path dir) {
        final List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        } catch (IOException | UncheckedIOException e) {
            ledger.console().err().println("could not delete the temporary store " + dir + ": " + e.getMessage());
            return;
        }
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                ledger.console().err().println("could not delete " + path + ": " + Failures.describe(e));
                return;
            }
        }
    }
}
