package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TraceLinkId;
import io.experienceledger.testing.TestFiles;
import io.experienceledger.workload.SyntheticWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceAndStatsCommandTest {
    @TempDir
    static Path dir;

    private static Fixture fixture;

    @BeforeAll
    static void createStore() {
        fixture = Fixture.create(dir);
    }

    @Test
    void traceFoundIsPrintedAsCanonicalJson() {
        final String id = SyntheticWorkload.traceLinkId(4);
        final Cli.Result result = Cli.run("trace", "--store", fixture.storeArg(), id);
        assertEquals(0, result.code(), result::toString);
        assertEquals(ConvergeJson.write(fixture.oracle.getTraceLink(TraceLinkId.of(id)).orElseThrow()) + "\n",
                result.out());
    }

    @Test
    void traceNotFoundExitsWithOne() {
        final Cli.Result result = Cli.run("trace", "--store", fixture.storeArg(), "trace-none");
        assertEquals(1, result.code(), result::toString);
        assertEquals("", result.out());
        assertEquals("Not found: no replay trace is registered under trace link id 'trace-none'\n", result.err());

        final Cli.Result noId = Cli.run("trace", "--store", fixture.storeArg());
        assertEquals(2, noId.code(), noId::toString);
        assertTrue(noId.err().startsWith("Missing required parameter: 'ID'"), noId.err());
    }

    @Test
    void statsCountEntriesByTenantAndKind() {
        final Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (ExperienceRecord record : fixture.records) {
            final String kind = record instanceof ExperienceRecord.Engine engine ? engine.value().kind().name()
                    : ((ExperienceRecord.User) record).value().event().getClass().getSimpleName();
            expected.computeIfAbsent(record.tenantId().value(), t -> new TreeMap<>()).merge(kind, 1L, Long::sum);
        }

        final Cli.Result result = Cli.run("stats", "--store", fixture.storeArg());

        assertEquals(0, result.code(), result::toString);
        final List<String> lines = result.lines();
        assertEquals("store     " + fixture.store.toAbsolutePath(), lines.get(0));
        assertEquals("entries   600", lines.get(1));
        assertTrue(lines.get(2).matches("journal   .* \\([0-9,]+ bytes\\) on disk"), lines.get(2));
        assertTrue(lines.get(3).matches("index     .* on disk, [0-9,]+ entries indexed, state [A-Z_]+"), lines.get(3));
        assertEquals("damage    none", lines.get(4));
        assertEquals("", lines.get(5));
        assertTrue(lines.get(6).matches("TENANT +KIND +ENTRIES"), lines.get(6));
        int row = 7;
        for (Map.Entry<String, Map<String, Long>> tenant : expected.entrySet()) {
            long total = 0;
            for (Map.Entry<String, Long> kind : tenant.getValue().entrySet()) {
                assertEquals(List.of(tenant.getKey(), kind.getKey(), String.valueOf(kind.getValue())),
                        List.of(lines.get(row++).trim().split(" +")));
                total += kind.getValue();
            }
            assertEquals(List.of(tenant.getKey(), "(all", "kinds)", String.format(Locale.ROOT, "%,d", total)),
                    List.of(lines.get(row++).trim().split(" +")));
        }
        assertEquals(lines.size(), row);
        assertEquals(Fixture.TENANTS, expected.size());
    }

    @Test
    void statsShowHowFarTheLedgerIsShippedToEachTopic() throws Exception {
        final Path shipped = Files.createDirectories(fixture.store.resolve("shipped"));
        Files.writeString(shipped.resolve("audit-events.properties"), "topic=audit-events\njournal.index=77\nentries=450\n");
        Files.writeString(shipped.resolve("archive.properties"), "topic=archive\nentries=600\n");
        Files.writeString(shipped.resolve("broken.properties"), "topic=broken\n");
        try {
            final Cli.Result result = Cli.run("stats", "--store", fixture.storeArg());
            assertEquals(0, result.code(), result::toString);
            final List<String> lines = result.lines();
            assertEquals("shipped   archive: 600, 0 not yet", lines.get(5));
            assertEquals("shipped   audit-events: 450, 150 not yet", lines.get(6));
            assertTrue(lines.get(7).startsWith("shipped   broken: cannot read "), lines.get(7));
            assertEquals("", lines.get(8));
        } finally {
            TestFiles.deleteRecursively(shipped);
        }
    }

    @Test
    void exportOfAnEmptyLedgerPrintsNothing() {
        Cli.appendAll(dir.resolve("empty"), List.of());
        final Cli.Result result = Cli.run("export", "--store", dir.resolve("empty").toString());
        assertEquals(0, result.code(), result::toString);
        assertEquals("", result.out());
        final Cli.Result stats = Cli.run("stats", "--store", dir.resolve("empty").toString());
        assertEquals("entries   0", stats.lines().get(1));
        assertEquals(5, stats.lines().size(), stats::toString);
    }

    @Test
    void readCommandsOnAMissingLedgerExitWithOne() {
        for (String command : List.of("stats", "export", "tail", "query")) {
            final Cli.Result result = Cli.run(command, "--store", dir.resolve("nothing-here").toString());
            assertEquals(1, result.code(), () -> command + " " + result);
            assertTrue(result.err().startsWith("Not found: "), result.err());
        }
        final Cli.Result trace = Cli.run("trace", "--store", dir.resolve("nothing-here").toString(), "t");
        assertEquals(1, trace.code(), trace::toString);
    }
}
