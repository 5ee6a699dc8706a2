package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.StoreFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --roll-cycle NAME} of {@code ledger append} and {@code ledger demo}: a new ledger gets that cycle (recorded,
 * and its files named by it); an existing ledger of another cycle is refused and left alone; an unknown name is bad
 * input and creates nothing.
 */
class RollCycleOptionTest {
    @TempDir
    Path dir;

    @Test
    void aNewLedgerGetsTheCycleAndAnExistingOneKeepsItsOwn() throws Exception {
        final Path store = dir.resolve("secondly");
        final Cli.Result first = Cli.runWithInput(line("e-0"), "append", "--store", store.toString(), "--roll-cycle",
                "TEST_SECONDLY");
        assertEquals(0, first.code(), first::toString);
        assertEquals("TEST_SECONDLY", marker(store).getProperty("journal.rollCycle"));
        Thread.sleep(1100);
        final Cli.Result second = Cli.runWithInput(line("e-1"), "append", "--store", store.toString());
        assertEquals(0, second.code(), second::toString);
        // two appends more than a second apart are in two files; a run that straddles a second boundary may add one
        assertTrue(journalFiles(store).size() >= 2, "a file a second: " + journalFiles(store));
        for (String name : journalFiles(store)) {
            assertTrue(name.matches("\\d{8}-\\d{6}T\\.cq4"), name);
        }
        final Cli.Result same = Cli.runWithInput(line("e-2"), "append", "--store", store.toString(), "--roll-cycle",
                "TEST_SECONDLY");
        assertEquals(0, same.code(), same::toString);

        final Cli.Result other = Cli.runWithInput(line("e-3"), "append", "--store", store.toString(), "--roll-cycle",
                "FAST_HOURLY");
        assertEquals(3, other.code(), other::toString);
        assertTrue(other.err().contains("was created with the roll cycle TEST_SECONDLY"), other.err());
        assertEquals(3, Cli.run("export", "--store", store.toString()).out().lines().count(), "nothing appended");

        final Cli.Result demo = Cli.run("demo", "--store", dir.resolve("hourly").toString(), "--events", "200",
                "--roll-cycle", "FAST_HOURLY");
        assertEquals(0, demo.code(), demo::toString);
        assertEquals("FAST_HOURLY", marker(dir.resolve("hourly")).getProperty("journal.rollCycle"));
    }

    @Test
    void anUnknownCycleIsBadInputAndCreatesNothing() {
        final Path store = dir.resolve("never");
        final Cli.Result unknown = Cli.runWithInput(line("e-0"), "append", "--store", store.toString(),
                "--roll-cycle", "FORTNIGHTLY");
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("no roll cycle is named 'FORTNIGHTLY'"), unknown.err());
        assertFalse(Files.exists(store));
        assertEquals(2, Cli.run("demo", "--events", "10", "--roll-cycle", "fast_daily").code());
    }

    private static String line(String id) {
        return ConvergeJson.writeAnyEnvelope(new ExperienceRecord.Engine(StoreFixtures.engine(id,
                "2026-03-01T00:00:00Z"))) + "\n";
    }

    private static Properties marker(Path store) throws Exception {
        final Properties properties = new Properties();
        try (var in = Files.newBufferedReader(store.resolve("ledger.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    private static List<String> journalFiles(Path store) throws Exception {
        try (Stream<Path> files = Files.list(store.resolve("journal"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }
}
