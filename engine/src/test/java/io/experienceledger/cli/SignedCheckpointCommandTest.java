package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.merkle.MerkleHashes;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.StoreFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger keygen}, {@code ledger digest --sign}, and checkpoints trusted by {@code check-proof} and
 * {@code verify} with {@code --checkpoint FILE --key PUB}: the checkpoint commits to the digest's head, proofs check
 * against it, a wrong key or an altered checkpoint exits with 3, a malformed key or checkpoint with 2.
 */
class SignedCheckpointCommandTest {
    @TempDir
    Path dir;

    @Test
    void keygenWritesAnOwnerOnlySignerKeyAndItsVerifierKeyAndOverwritesNothing() throws Exception {
        final Path key = dir.resolve("audit.key");
        final Cli.Result made = Cli.run("keygen", "--name", "example.com/audit", "--out", key.toString());
        assertEquals(0, made.code(), made::toString);
        final String signer = Files.readString(key).strip();
        final String verifier = Files.readString(dir.resolve("audit.key.pub")).strip();
        assertTrue(signer.startsWith("PRIVATE+KEY+example.com/audit+"), signer);
        assertTrue(verifier.matches("example\\.com/audit\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}"), verifier);
        assertEquals(verifier + "\n", made.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(made.err().contains("keep it secret"), made.err());

        final Cli.Result again = Cli.run("keygen", "--name", "example.com/audit", "--out", key.toString());
        assertEquals(2, again.code(), again::toString);
        assertTrue(again.err().contains("exists"), again.err());
        assertEquals(signer, Files.readString(key).strip(), "the key is not overwritten");
        assertEquals(2, Cli.run("keygen", "--name", "two words", "--out", dir.resolve("k2").toString()).code());
        assertFalse(Files.exists(dir.resolve("k2")));
        assertEquals(2, Cli.run("keygen", "--name", "x", "--out", dir.resolve("no/such/dir/k").toString()).code());
    }

    @Test
    void aSignedCheckpointCommitsToTheDigestAndProofsCheckAgainstIt() throws Exception {
        final Path store = ledger(25);
        final Path key = keygen("example.com/audit", "audit.key");
        final String digest = Cli.run("digest", "--store", store.toString()).out().strip();
        final Cli.Result signed = Cli.run("digest", "--store", store.toString(), "--sign", key.toString());
        assertEquals(0, signed.code(), signed::toString);
        final String[] lines = signed.out().split("\n", -1);
        final String[] head = digest.split(":");
        assertEquals("example.com/audit", lines[0]);
        assertEquals(head[0], lines[1]);
        assertEquals(head[1], MerkleHashes.hex(Base64.getDecoder().decode(lines[2])));
        assertEquals("", lines[3]);
        assertTrue(lines[4].startsWith("\u2014 example.com/audit "), signed.out());
        final Path checkpoint = write("checkpoint.txt", signed.out());
        final Path pub = dir.resolve("audit.key.pub");

        final Path proof = write("proof.json", Cli.run("prove", "--store", store.toString(), "--index", "7").out());
        final Cli.Result check = Cli.run("check-proof", "--checkpoint", checkpoint.toString(), "--key", pub.toString(),
                proof.toString());
        assertEquals(0, check.code(), check::toString);
        assertEquals("valid: entry 7 is in the tree of 25 entries with root " + head[1] + "\n", check.out());
        final String verifierText = Files.readString(pub).strip();
        assertEquals(0, Cli.run("check-proof", "--checkpoint", checkpoint.toString(), "--key", verifierText,
                proof.toString()).code(), "the verifier key given as text");

        Cli.appendAll(store, records(25, 5));
        final Cli.Result verify = Cli.run("verify", "--store", store.toString(), "--checkpoint", checkpoint.toString(),
                "--key", pub.toString());
        assertEquals(0, verify.code(), verify::toString);
        assertTrue(verify.out().contains("the history up to the given digest is unchanged"), verify.out());

        final Cli.Result origin = Cli.run("digest", "--store", store.toString(), "--sign", key.toString(), "--origin",
                "audit.example.org/ledger-7");
        assertEquals(0, origin.code(), origin::toString);
        assertTrue(origin.out().startsWith("audit.example.org/ledger-7\n30\n"), origin.out());
    }

    @Test
    void aWrongKeyAnAlteredCheckpointOrMalformedInputIsRefused() throws Exception {
        final Path store = ledger(12);
        final Path key = keygen("example.com/audit", "audit.key");
        final Path otherKey = keygen("example.com/audit", "other.key");
        final String note = Cli.run("digest", "--store", store.toString(), "--sign", key.toString()).out();
        final Path checkpoint = write("checkpoint.txt", note);
        final Path proof = write("proof.json", Cli.run("prove", "--store", store.toString(), "--index", "3").out());
        final String pub = dir.resolve("audit.key.pub").toString();

        final Cli.Result wrongKey = Cli.run("check-proof", "--checkpoint", checkpoint.toString(), "--key",
                dir.resolve("other.key.pub").toString(), proof.toString());
        assertEquals(3, wrongKey.code(), wrongKey::toString);
        assertTrue(wrongKey.err().startsWith("invalid: the checkpoint " + checkpoint + ": the note is not signed by"
                + " the key example.com/audit+"), wrongKey.err());

        final Path altered = write("altered.txt", note.replaceFirst("\n12\n", "\n11\n"));
        final Cli.Result changed = Cli.run("check-proof", "--checkpoint", altered.toString(), "--key", pub,
                proof.toString());
        assertEquals(3, changed.code(), changed::toString);
        assertTrue(changed.err().contains("does not hold"), changed.err());
        assertEquals(3, Cli.run("verify", "--store", store.toString(), "--checkpoint", altered.toString(), "--key", pub)
                .code());

        // a checkpoint signed by the right key but for another ledger's head: the proof does not lead to its root
        final Path elsewhere = ledger("other-ledger", 12, 100);
        final Path foreign = write("foreign.txt",
                Cli.run("digest", "--store", elsewhere.toString(), "--sign", key.toString()).out());
        assertEquals(3, Cli.run("check-proof", "--checkpoint", foreign.toString(), "--key", pub, proof.toString())
                .code());
        assertEquals(3, Cli.run("verify", "--store", store.toString(), "--checkpoint", foreign.toString(), "--key", pub)
                .code());

        assertEquals(2, Cli.run("check-proof", "--checkpoint", checkpoint.toString(), "--key", key.toString(),
                proof.toString()).code(), "the signer key where the verifier key belongs");
        assertEquals(2, Cli.run("check-proof", "--checkpoint", checkpoint.toString(), proof.toString()).code(),
                "no --key");
        assertEquals(2, Cli.run("check-proof", "--key", pub, proof.toString()).code(), "no --checkpoint");
        assertEquals(2, Cli.run("check-proof", proof.toString()).code(), "no head at all");
        assertEquals(2, Cli.run("check-proof", "--digest", "12:" + "0".repeat(64), "--checkpoint",
                checkpoint.toString(), "--key", pub, proof.toString()).code(), "both");
        assertEquals(2, Cli.run("check-proof", "--checkpoint", write("garbage.txt", "hello\n").toString(), "--key",
                pub, proof.toString()).code());
        assertEquals(2, Cli.run("check-proof", "--checkpoint", dir.resolve("missing.txt").toString(), "--key", pub,
                proof.toString()).code());
        assertEquals(2, Cli.run("digest", "--store", store.toString(), "--sign", pub).code(), "a public key to sign");
        assertEquals(2, Cli.run("digest", "--store", store.toString(), "--origin", "x").code(), "--origin alone");
        assertEquals(2, Cli.run("digest", "--store", store.toString(), "--sign", dir.resolve("nokey").toString())
                .code());
        assertEquals(otherKey, dir.resolve("other.key"));
    }

    private Path keygen(String name, String file) {
        final Path key = dir.resolve(file);
        final Cli.Result made = Cli.run("keygen", "--name", name, "--out", key.toString());
        assertEquals(0, made.code(), made::toString);
        return key;
    }

    private Path ledger(int entries) {
        return ledger("ledger", entries, 0);
    }

    private Path ledger(String name, int entries, int from) {
        final Path store = dir.resolve(name);
        Cli.appendAll(store, records(from, entries));
        return store;
    }

    private static List<ExperienceRecord> records(int from, int count) {
        final List<ExperienceRecord> records = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            records.add(new ExperienceRecord.Engine(StoreFixtures.engine("e-" + i, "2026-01-01T00:00:00Z")));
        }
        return records;
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
