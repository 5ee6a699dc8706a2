package io.experienceledger.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.merkle.MerkleHashes;
import io.experienceledger.merkle.TreeHead;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.ExperienceStoreException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ledger prove}: an inclusion or consistency proof of the ledger's Merkle tree, as JSON. */
@Command(name = "prove",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a proof from the ledger's Merkle tree (RFC 9162), as one JSON object a line.",
            "",
            "Leaf i of the tree is the i-th line 'ledger export' prints (counted from 0), hashed as"
                    + " SHA-256(0x00 || line). With --index I (or --event-id ID, one proof for each entry with that"
                    + " id): an inclusion proof, {leaf_index, tree_size, root_hash, inclusion_path, entry}, the path"
                    + " from the leaf up and the entry's export line. With --consistency M: a consistency proof that"
                    + " the tree of --tree-size entries extends the tree of its first M, {first_size, second_size,"
                    + " first_root, second_root, consistency_path}. Hashes are hex.",
            "--tree-size defaults to every entry now. 'ledger check-proof' checks a proof without the ledger.",
            "Exits with 2 when an index or size is past the end, 1 when no entry has the event id."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger prove --store audit --event-id evt-000000218 > proof.json",
            "  ledger check-proof --digest 20000:5dc9...4328 proof.json",
            "  ledger prove --store audit --consistency 15000 --tree-size 20000"})
final class ProveCommand implements Callable<Integer> {
    private static final JsonFactory JSON = new JsonFactory();

    @ParentCommand
    private Ledger ledger;

    @Mixin
    private StoreOption store;

    @ArgGroup(multiplicity = "1")
    private What what;

    /** Which proof: exactly one of the three. */
    static final class What {
        @Option(names = "--index", paramLabel = "I", description = "Prove the entry at leaf index I.")
        Long index;

        @Option(names = "--event-id", paramLabel = "ID", description = "Prove each entry with this event id.")
        String eventId;

        @Option(names = "--consistency", paramLabel = "M", description = "Prove that the tree extends its first M.")
        Long consistency;
    }

    @Option(names = "--tree-size", paramLabel = "N", description = "The size of the tree to prove in (default: all).")
    private Long treeSize;

    @Override
    public Integer call() {
        try (ChronicleExperienceStore opened = Stores.openForReading(store.store)) {
            final TreeHead head = opened.tree().head();
            final long size = treeSize == null ? head.size() : treeSize;
            if (size < 0 || size > head.size()) {
                throw LedgerException.badInput("--tree-size " + size + " is past the ledger's end: it has "
                        + head.size() + " entries");
            }
            if (what.consistency != null) {
                ledger.console().out().println(consistency(opened, what.consistency, size));
                return ExitCode.OK;
            }
            if (what.index != null && (what.index < 0 || what.index >= size)) {
                throw LedgerException.badInput("--index " + what.index + " is not in a tree of " + size + " entries");
            }
            final long pruned = opened.tree().prunedLeaves();
            if (what.index != null && what.index < pruned) {
                throw LedgerException.notFound("Not found: entry " + what.index + " was pruned; the ledger keeps"
                        + " entries from " + pruned + " on (ledger verify --archive checks an archived one)");
            }
            final Map<Long, String> entries = what.index != null ? entryAt(opened, what.index)
                    : entriesWith(opened, what.eventId, size);
            if (what.index == null && entries.isEmpty()) {
                throw LedgerException.notFound("Not found: no entry among the first " + size
                        + " has the event id " + what.eventId);
            }
            entries.forEach((index, entry) -> ledger.console().out().println(inclusion(opened, index, size, entry)));
            return ExitCode.OK;
        } catch (ExperienceStoreException e) {
            if (e.kind() == ExperienceStoreException.Kind.INVALID_QUERY) {
                throw LedgerException.badInput(e.detail());
            }
            throw e;
        }
    }

    private static String inclusion(ChronicleExperienceStore store, long index, long size, String entry) {
        final List<byte[]> path = store.tree().inclusion(index, size);
        return object(json -> {
            json.writeNumberField("leaf_index", index);
            json.writeNumberField("tree_size", size);
            json.writeStringField("root_hash", MerkleHashes.hex(store.tree().root(size)));
            hashes(json, "inclusion_path", path);
            json.writeStringField("entry", entry);
        });
    }

    private static String consistency(ChronicleExperienceStore store, long first, long size) {
        if (first < 0 || first > size) {
            throw LedgerException.badInput("--consistency " + first + " is not a size of a tree of " + size
                    + " entries");
        }
        final List<byte[]> path = store.tree().consistency(first, size);
        return object(json -> {
            json.writeNumberField("first_size", first);
            json.writeNumberField("second_size", size);
            json.writeStringField("first_root", MerkleHashes.hex(store.tree().root(first)));
            json.writeStringField("second_root", MerkleHashes.hex(store.tree().root(size)));
            hashes(json, "consistency_path", path);
        });
    }

    /** The leaf indices, below {@code size}, and export lines of the entries with event id {@code eventId}. */
    private static Map<Long, String> entriesWith(ChronicleExperienceStore store, String eventId, long size) {
        return entries(store, size, (leaf, record) -> record.eventId().value().equals(eventId));
    }

    /** The export line of the entry at leaf {@code index}, when there is one. */
    private static Map<Long, String> entryAt(ChronicleExperienceStore store, long index) {
        return entries(store, index + 1, (leaf, record) -> leaf == index);
    }

    /** In one pass over the first {@code size} entries: the export lines of those {@code wanted}, by leaf index. */
    private static Map<Long, String> entries(ChronicleExperienceStore store, long size,
                                             BiPredicate<Long, ExperienceRecord> wanted) {
        final Map<Long, String> found = new TreeMap<>();
        final long[] leaf = {store.tree().prunedLeaves()};
        store.scan(-1, (index, record) -> {
            if (leaf[0] >= size) {
                return false;
            }
            if (wanted.test(leaf[0], record)) {
                found.put(leaf[0], ConvergeJson.writeAnyEnvelope(record));
            }
            leaf[0]++;
            return true;
        });
        return found;
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static String object(Fields fields) {
        final StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void hashes(JsonGenerator json, String name, List<byte[]> path) throws IOException {
        json.writeArrayFieldStart(name);
        for (byte[] hash : path) {
            json.writeString(MerkleHashes.hex(hash));
        }
        json.writeEndArray();
    }
}
