package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.MirroredEntry;
import io.experienceledger.journal.Origin;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.StoreFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A central ledger's origins as {@code stats}, {@code verify} and {@code query --origin} show them. */
class OriginCommandsTest {
    private static final String A = "00000000000000000000000000000a0a";
    private static final String B = "00000000000000000000000000000b0b";

    @TempDir
    Path dir;

    @Test
    void gapsAndDuplicatesAreShownByStatsAndReportedByVerify() {
        final Path store = dir.resolve("central");
        final List<MirroredEntry> entries = new ArrayList<>();
        for (long position : new long[] {0, 1, 2, 6, 7, 7}) {
            entries.add(entry("a-" + entries.size(), A, position));
        }
        entries.add(entry("b-0", B, 0));
        try (ChronicleExperienceStore opened = ChronicleExperienceStore.open(store)) {
            opened.mirroring().append(entries.iterator(), () -> "note".getBytes(StandardCharsets.UTF_8));
            opened.appendEvent(StoreFixtures.engine("local", "2026-01-01T00:00:00Z"));
        }
        final Cli.Result stats = Cli.run("stats", "--store", store.toString());
        assertEquals(0, stats.code(), stats::toString);
        assertTrue(stats.out().contains("origins   2 ledgers; their entries here, by origin:\n"), stats.out());
        assertTrue(stats.out().contains("\n" + A + "             6             0             7           3"
                + "           1  3-5\n"), stats.out());
        assertTrue(stats.out().contains("\n" + B + "             1             0             0           0"
                + "           0  -\n"), stats.out());

        final Cli.Result verify = Cli.run("verify", "--store", store.toString());
        assertEquals(0, verify.code(), verify::toString);
        assertEquals(List.of("origin " + A + ": 3 positions missing (3-5), 1 duplicated"),
                verify.out().lines().skip(1).toList());

        final Cli.Result one = Cli.run("query", "--store", store.toString(), "--origin", B);
        assertEquals(0, one.code(), one::toString);
        assertEquals(1, one.out().lines().count(), one.out());
        assertTrue(one.out().contains("\"event_id\":\"b-0\""), one.out());
        assertEquals(8, Cli.run("query", "--store", store.toString()).out().lines().count());
    }

    private static MirroredEntry entry(String id, String ledger, long position) {
        return new MirroredEntry(new ExperienceRecord.Engine(StoreFixtures.engine(id, "2026-01-01T00:00:00Z")),
                new Origin(ledger, position));
    }
}
