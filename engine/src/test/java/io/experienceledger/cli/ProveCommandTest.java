package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.StoreFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger prove} and {@code ledger check-proof}: a proof of an entry, checked against the tree head without
 * the ledger; a changed entry, path, head or size is refused with exit 3; malformed input is exit 2.
 */
class ProveCommandTest {
    private static final Pattern SIZE = Pattern.compile("\"(?:tree_size|second_size)\":(\\d+)");
    private static final Pattern ROOT = Pattern.compile("\"(?:root_hash|second_root)\":\"([0-9a-f]{64})\"");

    @TempDir
    Path dir;

    @Test
    void anEntryIsProvedAndTheProofCheckedWithoutTheLedger() throws Exception {
        final Path store = ledger(40);
        final Cli.Result prove = Cli.run("prove", "--store", store.toString(), "--index", "17");
        assertEquals(0, prove.code(), prove::toString);
        final String proof = prove.out().strip();
        assertTrue(proof.startsWith("{\"leaf_index\":17,\"tree_size\":40,\"root_hash\":\""), proof);
        assertTrue(proof.contains("\"entry\":" + quoted(exportLine(store, 17))), proof);
        final String head = head(proof);
        final Path file = write("proof.json", proof);
        final Cli.Result check = Cli.run("check-proof", "--digest", head, file.toString());
        assertEquals(0, check.code(), check::toString);
        assertEquals("valid: entry 17 is in the tree of 40 entries with root " + head.substring(3) + "\n",
                check.out());

        // a changed entry, another root, another size: refused, naming what does not match
        final Cli.Result changed = Cli.run("check-proof", "--digest", head,
                write("changed.json", proof.replace("e-17", "e-18")).toString());
        assertEquals(3, changed.code(), changed::toString);
        assertTrue(changed.err().startsWith("invalid: the inclusion path leads to root "), changed.err());
        final Cli.Result otherRoot = Cli.run("check-proof", "--digest", "40:" + "0".repeat(64), file.toString());
        assertEquals(3, otherRoot.code(), otherRoot::toString);
        final Cli.Result otherSize = Cli.run("check-proof", "--digest", "41:" + head.substring(3), file.toString());
        assertEquals(3, otherSize.code(), otherSize::toString);
        assertEquals("invalid: the proof is for a tree of 40 entries, the digest for 41\n", otherSize.err());
    }

    @Test
    void aLaterTreeIsProvedToExtendAnEarlierOne() throws Exception {
        final Path store = ledger(30);
        final String earlier = head(Cli.run("prove", "--store", store.toString(), "--index", "0").out());
        Cli.appendAll(store, records(30, 20));
        final Cli.Result prove = Cli.run("prove", "--store", store.toString(), "--consistency", "30");
        assertEquals(0, prove.code(), prove::toString);
        final Path file = write("consistency.json", prove.out());
        final Cli.Result check = Cli.run("check-proof", "--digest", earlier, file.toString());
        assertEquals(0, check.code(), check::toString);
        assertTrue(check.out().startsWith("valid: the tree 50:"), check.out());
        assertTrue(check.out().strip().endsWith("extends the tree " + earlier), check.out());
        final Cli.Result forged = Cli.run("check-proof", "--digest", earlier,
                write("forged.json", prove.out().replaceFirst("\"consistency_path\":\\[\"[0-9a-f]",
                        "\"consistency_path\":[\"" + "f")).toString());
        assertEquals(3, forged.code(), forged::toString);
    }

    @Test
    void eachEntryWithTheEventIdIsProvedAndBadInputIsNamed() throws Exception {
        final Path store = ledger(10);
        final List<ExperienceRecord> again = new ArrayList<>();
        again.add(new ExperienceRecord.Engine(StoreFixtures.engine("e-3", "2026-02-01T00:00:00Z")));
        Cli.appendAll(store, again);
        final Cli.Result both = Cli.run("prove", "--store", store.toString(), "--event-id", "e-3");
        assertEquals(0, both.code(), both::toString);
        final List<String> lines = both.out().lines().toList();
        assertEquals(2, lines.size(), both.out());
        assertTrue(lines.get(0).startsWith("{\"leaf_index\":3,\"tree_size\":11,"), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"leaf_index\":10,\"tree_size\":11,"), lines.get(1));
        final Path file = write("both.json", both.out());
        assertEquals(0, Cli.run("check-proof", "--digest", head(lines.get(0)), file.toString()).code());

        assertEquals(1, Cli.run("prove", "--store", store.toString(), "--event-id", "nope").code());
        final Cli.Result past = Cli.run("prove", "--store", store.toString(), "--index", "11");
        assertEquals(2, past.code(), past::toString);
        assertTrue(past.err().contains("--index 11 is not in a tree of 11 entries"), past.err());
        assertEquals(2, Cli.run("prove", "--store", store.toString(), "--index", "1", "--tree-size", "12").code());
        assertEquals(2, Cli.run("prove", "--store", store.toString()).code(), "one of --index, --event-id, ...");
        assertEquals(2, Cli.run("check-proof", "--digest", "11:xyz", file.toString()).code());
        assertEquals(2, Cli.run("check-proof", "--digest", head(lines.get(0)),
                write("bad.json", "{\"leaf_index\":\"x\"}").toString()).code());
        assertEquals(2, Cli.run("check-proof", "--digest", head(lines.get(0)),
                dir.resolve("missing.json").toString()).code());
    }

    private Path ledger(int entries) {
        final Path store = dir.resolve("ledger");
        Cli.appendAll(store, records(0, entries));
        return store;
    }

    /** Engine and user envelopes e-{from} ... in one ledger, every fourth a user one. */
    private static List<ExperienceRecord> records(int from, int count) {
        final List<ExperienceRecord> records = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            records.add(i % 4 == 3 ? new ExperienceRecord.User(StoreFixtures.user("e-" + i, "2026-01-01T00:00:00Z"))
                    : new ExperienceRecord.Engine(StoreFixtures.engine("e-" + i, "2026-01-01T00:00:00Z")));
        }
        return records;
    }

    private static String exportLine(Path store, int index) {
        final List<String> lines = new ArrayList<>();
        try (var opened = Cli.openStore(store)) {
            opened.scan(-1, (journalIndex, record) -> lines.add(ConvergeJson.writeAnyEnvelope(record)));
        }
        return lines.get(index);
    }

    /** The tree head a proof is for: {@code <size>:<root>}. */
    private static String head(String proof) {
        final Matcher size = SIZE.matcher(proof);
        final Matcher root = ROOT.matcher(proof);
        assertTrue(size.find() && root.find(), proof);
        return size.group(1) + ":" + root.group(1);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
