package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.PruneRecord;
import io.experienceledger.journal.LedgerStats;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code ledger stats}: what a ledger holds. */
@Command(name = "stats",
        mixinStandardHelpOptions = true,
        description = {
            "Prints entries by tenant and kind, sizes on disk, index state.",
            "",
            "Prints the number of entries by tenant and kind, the size on disk of the journal and the side index,"
                    + " and the index's state.",
            "Counts come from one pass over the entry headers of the journal (read-only).",
            "Exits with 3 when the journal is damaged (the damage line names it)."},
        footerHeading = "%nExamples:%n",
        footer = {"  ledger stats --store audit"})
final class StatsCommand implements Callable<Integer> {
    @ParentCommand
    private Ledger ledger;

    @Mixin
    private StoreOption store;

    @Override
    public Integer call() {
        final LedgerStats stats;
        final String directory;
        final Optional<String> damage;
        final Optional<PruneRecord> pruned;
        try (ChronicleExperienceStore opened = Stores.openForReading(store.store)) {
            stats = opened.stats();
            pruned = opened.pruned();
            directory = opened.directory().toString();
            damage = Optional.ofNullable(stats.damage()).or(opened::damage);
        }
        final PrintWriter out = ledger.console().out();
        out.printf("store     %s%n", directory);
        out.printf("entries   %s%n", Numbers.count(stats.entries()));
        out.printf("journal   %s on disk%n", Numbers.bytes(stats.journalBytes()));
        out.printf("index     %s on disk, %s entries indexed, state %s%n", Numbers.bytes(stats.indexBytes()),
                Numbers.count(stats.indexedEntries()), stats.indexState());
        out.printf("damage    %s%n", damage.orElse("none"));
        final long prunedEntries = pruned.map(PruneRecord::entries).orElse(0L);
        pruned.ifPresent(record -> out.printf("pruned    %s entries (positions 0 to %d), %s in %s journal files,"
                + " last on %s; the ledger starts at entry %d%n", Numbers.count(record.entries()),
                record.entries() - 1, Numbers.bytes(record.bytes()), Numbers.count(record.files().size()),
                record.lastPruned(), record.entries()));
        for (ShippedMarks.Mark mark : ShippedMarks.read(store.store)) {
            if (mark.problem() != null) {
                out.printf("shipped   %s: %s%n", mark.topic(), mark.problem());
            } else {
                out.printf("shipped   %s: %s, %s not yet%n", mark.topic(), Numbers.count(mark.entries()),
                        Numbers.count(Math.max(0, prunedEntries + stats.entries() - mark.entries())));
            }
        }
        ShippedMarks.readMirrored(store.store).ifPresent(mirrored -> out.printf("mirrored  %s%n",
                mirrored.problem() != null ? mirrored.problem() : "from " + mirrored.topics() + ": "
                        + Numbers.count(mirrored.entries()) + " entries, " + Numbers.count(mirrored.skipped())
                        + " invalid records skipped"));
        if (!stats.origins().isEmpty()) {
            out.printf("origins   %s ledgers; their entries here, by origin:%n", Numbers.count(stats.origins().size()));
            OriginTable.print(out, stats.origins());
        }
        if (!stats.byTenantAndKind().isEmpty()) {
            table(out, stats.byTenantAndKind());
        }
        final DamageNotice notice = new DamageNotice(ledger.console(), store.store);
        notice.report(damage);
        return notice.exitCode(ExitCode.OK);
    }

    private static void table(PrintWriter out, Map<String, Map<String, Long>> counts) {
        int tenantWidth = "TENANT".length();
        for (String tenant : counts.keySet()) {
            tenantWidth = Math.max(tenantWidth, tenantName(tenant).length());
        }
        final String row = "%-" + tenantWidth + "s  %-25s  %12s%n";
        out.println();
        out.printf(row, "TENANT", "KIND", "ENTRIES");
        for (Map.Entry<String, Map<String, Long>> tenant : counts.entrySet()) {
            long total = 0;
            for (Map.Entry<String, Long> kind : tenant.getValue().entrySet()) {
                out.printf(row, tenantName(tenant.getKey()), kind.getKey(), Numbers.count(kind.getValue()));
                total += kind.getValue();
            }
            out.printf(row, tenantName(tenant.getKey()), "(all kinds)", Numbers.count(total));
        }
    }

    private static String tenantName(String tenant) {
        return tenant.isEmpty() ? "(no tenant)" : tenant;
    }
}
