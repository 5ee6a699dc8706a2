package io.experienceledger.merkle;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Notes signed as C2SP {@code signed-note} specifies (the format of Go's {@code sumdb/note}, of checkpoints of
 * Certificate Transparency's static logs, Sigstore and the witnesses): the text, a blank line, then one line per
 * signature, {@code — <key name> <base64(4-byte key id || Ed25519 signature)>}. The signature covers the text with
 * its final newline. Needs nothing but the JDK.
 */
public final class SignedNote {
    /** The em dash and space that start a signature line. */
    private static final String SIGNATURE_START = "\u2014 ";
    /** As in Go's {@code note.Open}: more signatures than this is not a note. */
    private static final int MAX_SIGNATURES = 100;

    private SignedNote() {
    }

    /** A note that is not signed by the key it is checked with, or whose signature by it does not hold. */
    public static final class InvalidSignature extends Exception {
        private static final long serialVersionUID = 1L;

        /** A signature that does not hold, with what is wrong. */
        public InvalidSignature(String message) {
            super(message);
        }
    }

    /**
     * {@code text} signed by {@code signer}: the text, a blank line and the signature line.
     *
     * @throws IllegalArgumentException when {@code text} cannot be a note's text: empty, not ending in a newline,
     *                                  holding a blank line or a control character other than newline
     */
    public static String sign(String text, NoteSigner signer) {
        requireText(text);
        if (text.contains("\n\n")) {
            throw new IllegalArgumentException("a note's text holds no blank line");
        }
        final byte[] signature = signer.sign(text);
        final byte[] idAndSignature = ByteBuffer.allocate(4 + signature.length).putInt(signer.keyId()).put(signature)
                .array();
        return text + "\n" + SIGNATURE_START + signer.name() + " " + Base64.getEncoder().encodeToString(idAndSignature)
                + "\n";
    }

    /**
     * The text of {@code note} once its signature by {@code verifier} is checked. Signatures by other keys are
     * ignored (a note may carry a witness's cosignature next to the ledger's); a signature by this key that does
     * not hold refuses the note, as does a note without one.
     *
     * @throws InvalidSignature         when the note is not signed by the key or its signature does not hold
     * @throws IllegalArgumentException when {@code note} is not a signed note at all (naming what is malformed)
     */
    public static String open(String note, NoteVerifier verifier) throws InvalidSignature {
        requireText(note);
        final int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("a signed note is its text, a blank line and signature lines; there"
                    + " is no blank line");
        }
        final String text = note.substring(0, split + 1);
        final String[] lines = note.substring(split + 2).split("\n");
        if (lines.length > MAX_SIGNATURES) {
            throw new IllegalArgumentException("a signed note has at most " + MAX_SIGNATURES + " signatures, this one "
                    + lines.length);
        }
        final List<String> others = new ArrayList<>();
        boolean verified = false;
        for (String line : lines) {
            if (!line.startsWith(SIGNATURE_START)) {
                throw new IllegalArgumentException("a signature line starts with '\u2014 ', got '" + line + "'");
            }
            final int space = line.indexOf(' ', SIGNATURE_START.length());
            if (space < 0) {
                throw new IllegalArgumentException("a signature line is '\u2014 <key name> <signature>', got '" + line
                        + "'");
            }
            final String name = line.substring(SIGNATURE_START.length(), space);
            NoteKeys.requireName(name);
            final byte[] signature;
            try {
                signature = Base64.getDecoder().decode(line.substring(space + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the signature of " + name + " is not base64: " + e.getMessage(), e);
            }
            if (signature.length < 5) {
                throw new IllegalArgumentException("the signature of " + name + " is too short to hold a key id and a"
                        + " signature");
            }
            final int keyId = ByteBuffer.wrap(signature).getInt();
            if (!name.equals(verifier.name()) || keyId != verifier.keyId()) {
                others.add(name + "+" + NoteKeys.hexId(keyId));
                continue;
            }
            if (verified) {
                continue; // the key's signature again: the first one decided, as in Go's note.Open
            }
            if (!verifier.verifies(text, java.util.Arrays.copyOfRange(signature, 4, signature.length))) {
                throw new InvalidSignature("the signature of " + name + "+" + NoteKeys.hexId(keyId)
                        + " does not hold: the note was changed after it was signed, or signed by another key of"
                        + " that name and id");
            }
            verified = true;
        }
        if (!verified) {
            throw new InvalidSignature("the note is not signed by the key " + verifier.name() + "+"
                    + NoteKeys.hexId(verifier.keyId()) + (others.isEmpty() ? "" : "; it is signed by " + others));
        }
        return text;
    }

    /** Text that a note may hold: valid UTF-8, ends with a newline, no control character but newline. */
    private static void requireText(String text) {
        if (text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
            throw new IllegalArgumentException("a note ends with a newline");
        }
        try {
            StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a note is UTF-8 text; this one holds an unpaired surrogate", e);
        }
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if ((c < 0x20 && c != '\n') || c == 0x7f) {
                throw new IllegalArgumentException("a note holds no control character but newline; found U+"
                        + String.format("%04X", (int) c) + " at character " + i);
            }
        }
    }
}
