package io.experienceledger.journal;

import io.experienceledger.store.ExperienceStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * The roll cycle of a ledger's journal. A journal has one roll cycle for life: Chronicle names its files by the
 * cycle's start and numbers its entries by cycle. The cycle is recorded by name in {@code ledger.properties} when
 * the ledger is created; a ledger created before that was recorded is read with the cycle its journal's file names
 * follow, or, before its first file, the one in Chronicle's metadata (daily, unless it was created with another).
 */
final class JournalRollCycle {
    /** The roll cycle of a new ledger when none is asked for. */
    static final RollCycle DEFAULT = RollCycles.FAST_DAILY;
    private static final String SUFFIX = ".cq4";

    private final RollCycle cycle;
    /** Where the cycle was learnt, for errors; null when it is a guess for a journal with no file yet. */
    private final String origin;
    /** The cycle the caller asked for, or null. */
    private final RollCycle requested;

    private JournalRollCycle(RollCycle cycle, String origin, RollCycle requested) {
        this.cycle = cycle;
        this.origin = origin;
        this.requested = requested;
    }

    /** True when {@code cycle} is one of Chronicle's named roll cycles, the ones a ledger can record. */
    static boolean isNamed(RollCycle cycle) {
        for (RollCycle named : RollCycles.all()) {
            if (named == cycle) {
                return true;
            }
        }
        return false;
    }

    /** The name a ledger records for {@code cycle}, one of Chronicle's named roll cycles. */
    static String nameOf(RollCycle cycle) {
        return ((Enum<?>) cycle).name();
    }

    /** Chronicle's roll cycle of that name, or null when there is none. */
    static RollCycle named(String name) {
        for (RollCycle named : RollCycles.all()) {
            if (nameOf(named).equals(name)) {
                return named;
            }
        }
        return null;
    }

    /**
     * The roll cycle to open the ledger's journal with: the recorded one, else the one its file names follow, else
     * the default. A {@code requested} cycle (null when the caller asked for none) must be that one.
     */
    static JournalRollCycle resolve(LedgerDirectory layout, RollCycle requested) {
        final RollCycle recorded = layout.rollCycle();
        if (recorded != null) {
            return new JournalRollCycle(recorded, "recorded in " + LedgerDirectory.MARKER, requested)
                    .refuseOther(layout);
        }
        final Path journal = layout.journalDir();
        final String file = firstFile(journal);
        if (file == null) {
            return new JournalRollCycle(requested == null ? DEFAULT : requested, null, requested);
        }
        final RollCycle named = cycleNaming(file);
        if (named == null) {
            throw ExperienceStoreException.storageError("cannot tell the roll cycle of the journal in " + journal
                    + ": " + layout.root().resolve(LedgerDirectory.MARKER) + " records none (the ledger predates"
                    + " that) and the file " + file + ".cq4 is not named like the files of exactly one roll cycle this"
                    + " version knows. Open the ledger with the version that created it");
        }
        return new JournalRollCycle(named, "as its journal's files are named", requested).refuseOther(layout);
    }

    /** This, unless the caller asked for another cycle: a journal never gets files of a second cycle. */
    private JournalRollCycle refuseOther(LedgerDirectory layout) {
        if (requested != null && requested != cycle) {
            throw ExperienceStoreException.storageError("the ledger in " + layout.root() + " was created with the"
                    + " roll cycle " + nameOf(cycle) + " (" + origin + "), but the store was opened with the roll"
                    + " cycle " + nameOf(requested) + "; a journal keeps one roll cycle for life. Open it without"
                    + " choosing a roll cycle (it uses " + nameOf(cycle) + "), or create a new ledger in another"
                    + " directory for " + nameOf(requested));
        }
        return this;
    }

    /**
     * The roll cycle to use with the opened {@code journal}. Chronicle follows the cycle in its own metadata
     * ({@code metadata.cq4t}): that must be this one, unless this one is a guess for a journal with no file yet.
     */
    RollCycle confirm(Journal journal, LedgerDirectory layout) {
        final RollCycle opened = journal.queue().rollCycle();
        if (opened == cycle) {
            return opened;
        }
        final String name = isNamed(opened) ? nameOf(opened) : opened.format();
        if (origin != null) {
            throw ExperienceStoreException.storageError("the journal in " + layout.journalDir() + " has the roll"
                    + " cycle " + name + " in Chronicle's metadata (metadata.cq4t), but the ledger's is "
                    + nameOf(cycle) + " (" + origin + "): the journal does not belong to this ledger or was changed."
                    + " Restore the ledger directory from a backup");
        }
        return new JournalRollCycle(opened, "recorded in its journal's metadata.cq4t", requested)
                .refuseOther(layout).cycle;
    }

    RollCycle cycle() {
        return cycle;
    }

    /** The first journal file's name without its suffix, or null when the journal has no file. */
    private static String firstFile(Path journal) {
        if (!Files.isDirectory(journal)) {
            return null;
        }
        try (Stream<Path> files = Files.list(journal)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(SUFFIX)).sorted()
                    .map(n -> n.substring(0, n.length() - SUFFIX.length())).findFirst().orElse(null);
        } catch (IOException e) {
            throw ExperienceStoreException.storageError("cannot list the journal files in " + journal + ": " + e, e);
        }
    }

    /**
     * The named roll cycle that gives a file exactly this name (Chronicle formats the cycle's start in UTC), or
     * null when none or several do.
     */
    static RollCycle cycleNaming(String name) {
        RollCycle found = null;
        for (RollCycle candidate : RollCycles.all()) {
            final DateTimeFormatter format = DateTimeFormatter.ofPattern(candidate.format()).withZone(ZoneOffset.UTC);
            try {
                final TemporalAccessor parsed = format.parse(name);
                if (format.format(parsed).equals(name)) {
                    if (found != null) {
                        return null;
                    }
                    found = candidate;
                }
            } catch (DateTimeException e) {
                // not this cycle's name
            }
        }
        return found;
    }
}
