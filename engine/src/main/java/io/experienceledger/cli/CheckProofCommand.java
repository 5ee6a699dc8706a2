package io.experienceledger.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.experienceledger.merkle.MerkleHashes;
import io.experienceledger.merkle.MerkleProofs;
import io.experienceledger.merkle.TreeHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ledger check-proof}: checks proofs of {@code ledger prove} against a tree head, without the ledger. */
@Command(name = "check-proof",
        mixinStandardHelpOptions = true,
        description = {
            "Checks proofs printed by 'ledger prove' against a tree head, without the ledger.",
            "",
            "--digest N:ROOT is the tree head you trust (a tree size and root hash published, or kept from an earlier"
                    + " proof of the same ledger); or --checkpoint FILE --key PUB, a checkpoint the ledger's operator"
                    + " signed ('ledger digest --sign') and their public key: its signature is checked first. An"
                    + " inclusion proof must be for a tree of N entries with that root: its entry, hashed as"
                    + " SHA-256(0x00 || entry), and its path must lead to ROOT. A consistency proof must have the"
                    + " trusted head as one of its two heads, and its path must prove that the larger tree extends"
                    + " the smaller. Every line of PROOF_FILE is checked.",
            "Exits with 0 when every proof holds, 3 when one does not or the checkpoint's signature does not (naming"
                    + " what does not match), 2 when the file, the digest, the checkpoint or the key is malformed."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger check-proof --digest 20000:5dc9da79...4328 proof.json",
            "  ledger check-proof --checkpoint checkpoint.txt --key audit.key.pub proof.json"})
final class CheckProofCommand implements Callable<Integer> {
    private static final JsonFactory JSON = new JsonFactory();

    @ParentCommand
    private Ledger ledger;

    @Mixin
    private TrustedHead head;

    @Parameters(paramLabel = "PROOF_FILE", description = "The proofs, one JSON object a line.")
    private Path proofFile;

    @Override
    public Integer call() {
        if (!head.given()) {
            throw LedgerException.badInput("give the tree head to check against: --digest N:ROOT, or --checkpoint FILE"
                    + " --key PUB");
        }
        final TreeHead trusted;
        try {
            trusted = head.resolve();
        } catch (TrustedHead.Untrusted e) {
            ledger.console().err().println("invalid: " + e.getMessage());
            return ExitCode.STORAGE_ERROR;
        }
        final List<String> lines;
        try {
            lines = Files.readAllLines(proofFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (NoSuchFileException e) {
            throw LedgerException.badInput("no such file: " + proofFile);
        } catch (IOException e) {
            throw LedgerException.badInput("cannot read " + proofFile + ": " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw LedgerException.badInput(proofFile + " holds no proof");
        }
        for (int i = 0; i < lines.size(); i++) {
            final String where = lines.size() == 1 ? "" : "line " + (i + 1) + ": ";
            final Map<String, Object> proof;
            try {
                proof = parse(lines.get(i));
            } catch (IOException | IllegalArgumentException e) {
                throw LedgerException.badInput(where + "not a proof of 'ledger prove': " + e.getMessage());
            }
            try {
                ledger.console().out().println(where + check(proof, trusted));
            } catch (MerkleProofs.InvalidProof e) {
                ledger.console().err().println(where + "invalid: " + e.getMessage());
                return ExitCode.STORAGE_ERROR;
            } catch (IllegalArgumentException e) {
                throw LedgerException.badInput(where + "malformed proof: " + e.getMessage());
            }
        }
        return ExitCode.OK;
    }

    private static String check(Map<String, Object> proof, TreeHead trusted) throws MerkleProofs.InvalidProof {
        if (proof.containsKey("leaf_index")) {
            final long index = number(proof, "leaf_index");
            final long size = number(proof, "tree_size");
            final String entry = text(proof, "entry");
            if (size != trusted.size()) {
                throw new MerkleProofs.InvalidProof("the proof is for a tree of " + size + " entries, the digest for "
                        + trusted.size());
            }
            MerkleProofs.checkInclusion(index, size, new MerkleHashes().leaf(entry.getBytes(StandardCharsets.UTF_8)),
                    hashes(proof, "inclusion_path"), trusted.root());
            return "valid: entry " + index + " is in the tree of " + size + " entries with root "
                    + MerkleHashes.hex(trusted.root());
        }
        if (proof.containsKey("first_size")) {
            final TreeHead first = new TreeHead(number(proof, "first_size"),
                    MerkleHashes.fromHex(text(proof, "first_root")));
            final TreeHead second = new TreeHead(number(proof, "second_size"),
                    MerkleHashes.fromHex(text(proof, "second_root")));
            if (!trusted.equals(first) && !trusted.equals(second)) {
                throw new MerkleProofs.InvalidProof("neither head of the proof (" + first + ", " + second
                        + ") is the digest " + trusted);
            }
            MerkleProofs.checkConsistency(first.size(), second.size(), first.root(), second.root(),
                    hashes(proof, "consistency_path"));
            return "valid: the tree " + second + " extends the tree " + first;
        }
        throw new IllegalArgumentException("it has neither leaf_index nor first_size");
    }

    /** A flat JSON object of numbers, strings and arrays of strings. */
    private static Map<String, Object> parse(String line) throws IOException {
        final Map<String, Object> fields = new HashMap<>();
        try (JsonParser json = JSON.createParser(line)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                final String name = json.currentName();
                final JsonToken value = json.nextToken();
                if (value == JsonToken.VALUE_NUMBER_INT) {
                    fields.put(name, json.getLongValue());
                } else if (value == JsonToken.VALUE_STRING) {
                    fields.put(name, json.getText());
                } else if (value == JsonToken.START_ARRAY) {
                    final List<String> items = new ArrayList<>();
                    while (json.nextToken() == JsonToken.VALUE_STRING) {
                        items.add(json.getText());
                    }
                    if (json.currentToken() != JsonToken.END_ARRAY) {
                        throw new IllegalArgumentException(name + " is not a list of hex strings");
                    }
                    fields.put(name, items);
                } else {
                    throw new IllegalArgumentException(name + " is neither a number, a string nor a list");
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON object on the line");
            }
        }
        return fields;
    }

    private static long number(Map<String, Object> proof, String name) {
        if (!(proof.get(name) instanceof Long value)) {
            throw new IllegalArgumentException(name + " is missing or not a whole number");
        }
        return value;
    }

    private static String text(Map<String, Object> proof, String name) {
        if (!(proof.get(name) instanceof String value)) {
            throw new IllegalArgumentException(name + " is missing or not a string");
        }
        return value;
    }

    private static List<byte[]> hashes(Map<String, Object> proof, String name) {
        if (!(proof.get(name) instanceof List<?> items)) {
            throw new IllegalArgumentException(name + " is missing or not a list");
        }
        final List<byte[]> hashes = new ArrayList<>();
        for (Object item : items) {
            hashes.add(MerkleHashes.fromHex((String) item));
        }
        return hashes;
    }
}
