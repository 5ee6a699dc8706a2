package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    private static final Pattern STORE = Pattern.compile("store     (\\S+) \\(temporary, deleted at the end\\)");
    private static final String DURATION = "[0-9.,]+ (ns|µs|ms|s)";

    @TempDir
    Path dir;

    @Test
    void aSmallDemoPrintsThroughputPercentilesAndEqualAnswers() {
        final Cli.Result result = Cli.run("demo", "--events", "3000");

        assertEquals(0, result.code(), result::toString);
        assertEquals("", result.err());
        final List<String> lines = result.lines();
        assertEquals("Experience Ledger demo: 3,000 synthetic envelopes, 12 tenants, seed 42, durability PAGE_CACHE",
                lines.get(0));
        assertTrue(lines.get(3).matches("appended  3,000 envelopes \\([0-9,]+ engine, [0-9,]+ user; 14 of 14 engine"
                + " kinds, 5 of 5 user kinds\\) in " + DURATION), lines.get(3));
        assertTrue(lines.get(4).matches(" +[0-9,]+ envelopes/s inside append calls \\([0-9,]+/s with generating the"
                + " envelopes\\)"), lines.get(4));
        assertTrue(lines.get(5).matches("latency +p50 " + DURATION + " +p90 " + DURATION + " +p99 " + DURATION
                + " +p99.9 " + DURATION + " +max " + DURATION), lines.get(5));
        assertTrue(lines.stream().anyMatch(l -> l.matches("index     caught up and written in .*; 3,000 entries"
                + " indexed, .* on disk")), result::toString);
        final List<String> queries = lines.stream().filter(l -> l.startsWith("tenant ") || l.startsWith("correlation ")
                || l.startsWith("trace link ")).toList();
        assertEquals(3, queries.size(), result::toString);
        for (String query : queries) {
            assertTrue(query.matches(".* [0-9,]+ +" + DURATION + " +" + DURATION + " +[0-9.,]+x  yes"), query);
        }
        assertTrue(queries.get(1).matches("correlation run-\\d{7} +([1-9]|[1-9][0-9]) .*"), queries.get(1));
        assertTrue(queries.get(2).matches("trace link trace-\\d{7} +1 .*"), queries.get(2));

        final Matcher store = STORE.matcher(lines.get(1));
        assertTrue(store.matches(), lines.get(1));
        assertFalse(Files.exists(Path.of(store.group(1))), "the temporary store is deleted");
    }

    @Test
    void aGivenStoreIsKept() {
        final Path store = dir.resolve("demo");
        final Cli.Result result = Cli.run("demo", "--events", "500", "--tenants", "3", "--seed", "7", "--store",
                store.toString(), "--durability", "sync_batch");
        assertEquals(0, result.code(), result::toString);
        assertTrue(result.lines().get(1).endsWith("(kept)"), result::toString);
        assertEquals("entries   500", Cli.run("stats", "--store", store.toString()).lines().get(1));
    }

    @Test
    void nonsenseSizesAreUsageErrors() {
        assertEquals(2, Cli.run("demo", "--events", "0").code());
        assertEquals(2, Cli.run("demo", "--tenants", "0").code());
        assertEquals(2, Cli.run("demo", "--events", "many").code());
        assertEquals(2, Cli.run("demo", "--durability", "eventually").code());
    }
}
