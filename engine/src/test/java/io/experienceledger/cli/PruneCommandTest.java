package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.journal.JournalChild;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.StoreFixtures;
import io.experienceledger.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger prune}: on a ledger of three files of the one-second test cycle, a dry run changes nothing, a prune
 * to an archive removes the old files and prints what went, the digest does not change, export, stats, verify and
 * prove answer for the retained entries, {@code verify --archive} checks the archive (and names a damaged file),
 * bad input is refused, and the shipping guard keeps unshipped entries unless --force.
 */
class PruneCommandTest {
    @TempDir
    Path dir;

    @Test
    void pruneToAnArchiveKeepsTheDigestAndTheArchiveChecks() throws Exception {
        final Path store = dir.resolve("audit");
        final Path archive = dir.resolve("cold");
        nextSecond();
        append(store, 0, 5);
        nextSecond();
        append(store, 5, 5);
        nextSecond();
        final Instant cut = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        append(store, 10, 5);
        final String digest = Cli.run("digest", "--store", store.toString()).out().trim();
        final List<String> lines = Cli.run("export", "--store", store.toString()).out().lines().toList();
        assertEquals(15, lines.size());
        final List<String> files = journalFiles(store);
        assertEquals(3, files.size(), files::toString);

        final Cli.Result dry = Cli.run("prune", "--store", store.toString(), "--before", cut.toString(), "--dry-run");
        assertEquals(0, dry.code(), dry::toString);
        assertTrue(dry.out().contains("would remove " + files.get(0) + ": entries 0 to 4 (5)"), dry.out());
        assertTrue(dry.out().contains("would prune 2 files, 10 entries"), dry.out());
        assertEquals(files, journalFiles(store), "a dry run removes nothing");

        final Cli.Result pruned = Cli.run("prune", "--store", store.toString(), "--before", cut.toString(),
                "--archive-to", archive.toString());
        assertEquals(0, pruned.code(), pruned::toString);
        assertTrue(pruned.out().contains("archived " + files.get(1) + ": entries 5 to 9 (5)"), pruned.out());
        assertTrue(pruned.out().contains("pruned 2 files, 10 entries"), pruned.out());
        assertTrue(pruned.out().contains("tree head " + digest), pruned.out());
        assertEquals(List.of(files.get(2)), journalFiles(store));

        assertEquals(digest, Cli.run("digest", "--store", store.toString()).out().trim(), "the head is unchanged");
        assertEquals(lines.subList(10, 15), Cli.run("export", "--store", store.toString()).out().lines().toList());
        final Cli.Result stats = Cli.run("stats", "--store", store.toString());
        assertTrue(stats.out().contains("entries   5\n"), stats.out());
        assertTrue(stats.out().contains("pruned    10 entries (positions 0 to 9)"), stats.out());
        final Cli.Result verify = Cli.run("verify", "--store", store.toString(), "--digest", digest, "--archive",
                archive.toString());
        assertEquals(0, verify.code(), verify::toString);
        assertTrue(verify.out().contains("matches the ledger"), verify.out());
        final Cli.Result prove = Cli.run("prove", "--store", store.toString(), "--index", "12");
        assertEquals(0, prove.code(), prove::toString);
        final Path proof = dir.resolve("proof.json");
        Files.writeString(proof, prove.out());
        final Cli.Result check = Cli.run("check-proof", proof.toString(), "--digest", digest);
        assertEquals(0, check.code(), check::toString);
        final Cli.Result gone = Cli.run("prove", "--store", store.toString(), "--index", "3");
        assertEquals(1, gone.code(), gone::toString);
        assertTrue(gone.err().contains("was pruned"), gone.err());

        // an archived file changed afterwards
        final Path damaged = archive.resolve(files.get(0));
        final byte[] bytes = Files.readAllBytes(damaged);
        final String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        final int at = text.indexOf("e-3");
        bytes[at + 2] = '7';
        Files.write(damaged, bytes);
        final Cli.Result tampered = Cli.run("verify", "--store", store.toString(), "--archive", archive.toString());
        assertEquals(3, tampered.code(), tampered::toString);
        assertTrue(tampered.err().contains(files.get(0)) && tampered.err().contains("entry 3"), tampered.err());
    }

    @Test
    void badInputIsRefusedAndTheShippingGuardHolds() throws Exception {
        final Path store = dir.resolve("audit");
        nextSecond();
        append(store, 0, 3);
        nextSecond();
        final Instant cut = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        append(store, 3, 3);
        final Cli.Result badInstant = Cli.run("prune", "--store", store.toString(), "--before", "yesterday");
        assertEquals(2, badInstant.code(), badInstant::toString);
        assertTrue(badInstant.err().contains("ISO 8601"), badInstant.err());
        final Cli.Result inside = Cli.run("prune", "--store", store.toString(), "--before", cut.toString(),
                "--archive-to", store.resolve("old").toString());
        assertEquals(2, inside.code(), inside::toString);
        final Cli.Result missing = Cli.run("prune", "--store", dir.resolve("nothing").toString(), "--before",
                cut.toString());
        assertEquals(1, missing.code(), missing::toString);
        assertFalse(Files.exists(dir.resolve("nothing")), "prune creates no ledger");
        final Cli.Result nothing = Cli.run("prune", "--store", store.toString(), "--before", "2020-01-01T00:00:00Z");
        assertEquals(0, nothing.code(), nothing::toString);
        assertTrue(nothing.out().contains("nothing to prune"), nothing.out());

        try (ChildJvm writer = ChildJvm.start(JournalChild.class, "hold", store.toString())) {
            assertEquals("ready", writer.readLine(), writer.errors());
            final Cli.Result held = Cli.run("prune", "--store", store.toString(), "--before", cut.toString(),
                    "--lock-wait", "0");
            assertEquals(3, held.code(), held::toString);
            assertTrue(held.err().contains("being written by another process") && held.err().contains("Nothing was"
                    + " pruned"), held.err());
            writer.kill();
        }
        assertEquals(6, Cli.run("export", "--store", store.toString()).out().lines().count());

        Files.createDirectories(store.resolve("shipped"));
        Files.writeString(store.resolve("shipped").resolve("audit.properties"),
                "topic=audit\njournal.index=-1\nentries=0\n");
        final Cli.Result guarded = Cli.run("prune", "--store", store.toString(), "--before", cut.toString());
        assertEquals(3, guarded.code(), guarded::toString);
        assertTrue(guarded.err().contains("not yet shipped") && guarded.err().contains("--force"), guarded.err());
        assertEquals(6, Cli.run("export", "--store", store.toString()).out().lines().count(), "nothing removed");
        final Cli.Result forced = Cli.run("prune", "--store", store.toString(), "--before", cut.toString(),
                "--force");
        assertEquals(0, forced.code(), forced::toString);
        assertEquals(3, Cli.run("export", "--store", store.toString()).out().lines().count());
        final Cli.Result stats = Cli.run("stats", "--store", store.toString());
        assertTrue(stats.out().contains("shipped   audit: 0, 6 not yet"), stats.out());
    }

    private static void append(Path store, int first, int count) {
        final StringBuilder input = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            input.append(ConvergeJson.writeAnyEnvelope(new ExperienceRecord.Engine(StoreFixtures.engine("e-" + i,
                    "2026-03-01T00:00:00Z")))).append('\n');
        }
        final Cli.Result result = Cli.runWithInput(input.toString(), "append", "--store", store.toString(),
                "--roll-cycle", "TEST_SECONDLY");
        assertEquals(0, result.code(), result::toString);
    }

    private static void nextSecond() throws InterruptedException {
        Thread.sleep(1_000 - System.currentTimeMillis() % 1_000 + 20);
    }

    private static List<String> journalFiles(Path store) throws Exception {
        try (Stream<Path> files = Files.list(store.resolve("journal"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }
}
