package io.experienceledger.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signed notes and checkpoints against published vectors: the example key and note of Go's
 * {@code golang.org/x/mod/sumdb/note} (the reference implementation of C2SP signed-note), the example of the C2SP
 * signed-note specification, and a checkpoint that the Go checksum database {@code sum.golang.org} published,
 * checked with the verifier key every Go toolchain ships. Then refusals: a wrong key, an altered note.
 */
class SignedCheckpointTest {
    private static final String GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String GO_NOTE = GO_TEXT + "\n\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    private static final String SPEC_VERIFIER = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    private static final String SPEC_NOTE = "This is an example message.\n\n\u2014 example.com/foo "
            + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    private static final String SUMDB_VERIFIER = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";
    private static final String SUMDB_CHECKPOINT = "go.sum database tree\n49189689\n"
            + "ftjbAOzaupaIvaPo/G+Dk63nxOZ2s1OPOKIaPtXs7S4=\n\n\u2014 sum.golang.org "
            + "Az3grlKZssqRoMNPpZfKt0TphbbcF+pzXqElURJKRNFKfaUAgqeI5k2AORH0QAhg/ebRwyIqD/OqP4oLtLnNumvOBAM=\n";

    @Test
    void signingTheGoReferenceTextGivesItsNoteByteForByte() throws Exception {
        final NoteSigner signer = NoteSigner.parse(GO_SIGNER);
        assertEquals("PeterNeumann", signer.name());
        assertEquals(0xc74f20a3, signer.keyId());
        assertEquals(GO_VERIFIER, signer.verifierKey(), "the public key derived from the private key");
        assertEquals(GO_SIGNER, signer.toString());
        assertEquals(GO_NOTE, SignedNote.sign(GO_TEXT, signer));
        assertEquals(GO_TEXT, SignedNote.open(GO_NOTE, NoteVerifier.parse(GO_VERIFIER)));
    }

    @Test
    void theSpecificationsExampleNoteOpens() throws Exception {
        final NoteVerifier verifier = NoteVerifier.parse(SPEC_VERIFIER);
        assertEquals("example.com/foo", verifier.name());
        assertEquals(0x530d903a, verifier.keyId());
        assertEquals(SPEC_VERIFIER, verifier.toString());
        assertEquals("This is an example message.\n", SignedNote.open(SPEC_NOTE, verifier));
    }

    @Test
    void aCheckpointOfTheGoChecksumDatabaseOpensWithItsPublishedKey() throws Exception {
        final Checkpoint checkpoint = Checkpoint.open(SUMDB_CHECKPOINT, NoteVerifier.parse(SUMDB_VERIFIER));
        assertEquals("go.sum database tree", checkpoint.origin());
        assertEquals(49189689L, checkpoint.head().size());
        assertArrayEquals(Base64.getDecoder().decode("ftjbAOzaupaIvaPo/G+Dk63nxOZ2s1OPOKIaPtXs7S4="),
                checkpoint.head().root());
        assertEquals(List.of(), checkpoint.extensions());
        final String altered = SUMDB_CHECKPOINT.replace("49189689", "49189690");
        assertThrows(SignedNote.InvalidSignature.class,
                () -> Checkpoint.open(altered, NoteVerifier.parse(SUMDB_VERIFIER)));
    }

    @Test
    void aSignedCheckpointOpensToItsHeadAndIsReadByTheReferenceFormat() throws Exception {
        final NoteSigner signer = NoteSigner.generate("example.com/audit");
        final TreeHead head = new TreeHead(8, MerkleHashes.fromHex(
                "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));
        final Checkpoint checkpoint = new Checkpoint("example.com/audit", head);
        assertEquals("example.com/audit\n8\n" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(
                "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")) + "\n", checkpoint.text());
        final String note = checkpoint.sign(signer);
        assertTrue(note.startsWith(checkpoint.text() + "\n\u2014 example.com/audit "), note);
        final Checkpoint opened = Checkpoint.open(note, NoteVerifier.parse(signer.verifierKey()));
        assertEquals(checkpoint, opened);
        assertEquals(head, opened.head());

        final Checkpoint extended = new Checkpoint("example.com/audit", head, List.of("written 2026-12-04T09:00:00Z"));
        assertEquals(extended, Checkpoint.open(extended.sign(signer), NoteVerifier.parse(signer.verifierKey())));
        assertEquals(signer.toString(), NoteSigner.parse(signer.toString()).toString(), "the key's text reads back");
    }

    @Test
    void aWrongKeyOrAnAlteredNoteIsRefused() throws Exception {
        final NoteSigner signer = NoteSigner.generate("example.com/audit");
        final NoteSigner impostor = NoteSigner.generate("example.com/audit");
        assertNotEquals(signer.verifierKey(), impostor.verifierKey());
        final String note = new Checkpoint("example.com/audit", new TreeHead(3, new byte[32])).sign(signer);
        final NoteVerifier right = NoteVerifier.parse(signer.verifierKey());

        final SignedNote.InvalidSignature otherKey = assertThrows(SignedNote.InvalidSignature.class,
                () -> Checkpoint.open(note, NoteVerifier.parse(impostor.verifierKey())));
        assertTrue(otherKey.getMessage().contains("not signed by the key example.com/audit+"), otherKey.getMessage());
        assertThrows(SignedNote.InvalidSignature.class,
                () -> Checkpoint.open(note, NoteVerifier.parse(GO_VERIFIER)), "a key of another name");

        for (String altered : List.of(note.replaceFirst("\n3\n", "\n4\n"), note.replaceFirst("audit\n", "audlt\n"),
                note.replace("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))) {
            assertNotEquals(note, altered);
            final SignedNote.InvalidSignature e = assertThrows(SignedNote.InvalidSignature.class,
                    () -> Checkpoint.open(altered, right), altered);
            assertTrue(e.getMessage().contains("does not hold"), e.getMessage());
        }
        final String line = note.substring(note.lastIndexOf('\u2014'));
        final byte[] signature = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1).strip());
        signature[10] ^= 1;
        final String forged = note.substring(0, note.lastIndexOf('\u2014')) + "\u2014 example.com/audit "
                + Base64.getEncoder().encodeToString(signature) + "\n";
        assertThrows(SignedNote.InvalidSignature.class, () -> Checkpoint.open(forged, right), "a changed signature");

        // a cosignature by another key (a witness) next to the signer's is ignored, not refused
        final String cosigned = note + GO_NOTE.substring(GO_NOTE.lastIndexOf('\u2014'));
        assertEquals(Checkpoint.open(note, right), Checkpoint.open(cosigned, right));
    }

    @Test
    void malformedNotesKeysAndCheckpointsAreToldApartFromBadSignatures() {
        final NoteVerifier verifier = NoteVerifier.parse(GO_VERIFIER);
        for (String malformed : List.of(GO_TEXT, GO_NOTE.replace("\u2014", "--"), GO_NOTE.replace("x08go", "x08go!"),
                GO_NOTE.substring(0, GO_NOTE.length() - 1), GO_NOTE.replace("PeterNeumann x", "PeterNeumannx"), GO_NOTE.replace("\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=", "\u2014 PeterNeumann AAA="),
                "a\u0007b\n\n" + GO_NOTE.substring(GO_NOTE.lastIndexOf('\u2014')))) {
            assertThrows(IllegalArgumentException.class, () -> SignedNote.open(malformed, verifier), malformed);
        }
        assertThrows(IllegalArgumentException.class, () -> NoteVerifier.parse(GO_SIGNER), "a signer key as verifier");
        assertThrows(IllegalArgumentException.class, () -> NoteSigner.parse(GO_VERIFIER), "a verifier key as signer");
        assertThrows(IllegalArgumentException.class, () -> NoteVerifier.parse(GO_VERIFIER.replace("c74f20a3", "c74f20a4")),
                "a key id that is not the key's");
        assertThrows(IllegalArgumentException.class, () -> NoteSigner.parse(GO_SIGNER.replace("c74f20a3", "00000000")));
        assertThrows(IllegalArgumentException.class, () -> NoteSigner.generate("two words"));
        assertThrows(IllegalArgumentException.class, () -> NoteSigner.generate("a+b"));
        assertThrows(IllegalArgumentException.class, () -> NoteVerifier.parse("PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
                "signature type 2");

        final String root = Base64.getEncoder().encodeToString(new byte[32]);
        for (String text : List.of("origin\n8\n", "origin\n08\n" + root + "\n", "origin\n-8\n" + root + "\n",
                "origin\n8\nAAAA\n", "\n8\n" + root + "\n", "origin\n8\n" + root, "origin\n8\n" + root + "\n\n",
                "origin\n99999999999999999999\n" + root + "\n")) {
            assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse(text), text);
        }
        assertEquals(0, Checkpoint.parse("origin\n0\n" + root + "\n").head().size());
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint("two\nlines", new TreeHead(0, new byte[32])));
        assertThrows(IllegalArgumentException.class, () -> SignedNote.sign("no newline", NoteSigner.parse(GO_SIGNER)));
        assertThrows(IllegalArgumentException.class, () -> SignedNote.sign("a\n\nb\n", NoteSigner.parse(GO_SIGNER)));
    }
}
