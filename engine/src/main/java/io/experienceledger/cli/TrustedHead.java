package io.experienceledger.cli;

import io.experienceledger.merkle.Checkpoint;
import io.experienceledger.merkle.NoteVerifier;
import io.experienceledger.merkle.SignedNote;
import io.experienceledger.merkle.TreeHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The tree head a command is asked to trust: {@code --digest N:ROOT}, or a signed checkpoint
 * ({@code --checkpoint FILE --key PUB}) whose signature is checked first.
 */
final class TrustedHead {
    @Option(names = "--digest", paramLabel = "N:ROOT",
            description = "A tree head <tree size>:<64 hex digits> as 'ledger digest' prints it.")
    String digest;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "A signed checkpoint as 'ledger digest --sign' prints it; needs --key.")
    Path checkpoint;

    @Option(names = "--key", paramLabel = "PUB",
            description = "The verifier key of the checkpoint's signer: the .pub file 'ledger keygen' wrote, or its"
                    + " one line itself (<name>+<key id>+<key>).")
    String key;

    /** A checkpoint whose signature does not hold: the command exits with 3. */
    static final class Untrusted extends Exception {
        private static final long serialVersionUID = 1L;

        Untrusted(String message) {
            super(message);
        }
    }

    /** Whether a head was given at all. */
    boolean given() {
        return digest != null || checkpoint != null || key != null;
    }

    /**
     * The head given, its checkpoint's signature checked; null when none was.
     *
     * @throws LedgerException bad input when the options do not go together or are malformed
     * @throws Untrusted       when the checkpoint is not signed by the key, or was changed
     */
    TreeHead resolve() throws Untrusted {
        if (digest != null && (checkpoint != null || key != null)) {
            throw LedgerException.badInput("give either --digest or --checkpoint with --key, not both");
        }
        if (digest != null) {
            try {
                return TreeHead.parse(digest.strip());
            } catch (IllegalArgumentException e) {
                throw LedgerException.badInput("--digest: a digest is <tree size>:<64 hex digits>, as 'ledger digest'"
                        + " prints; got '" + digest + "' (" + e.getMessage() + ")");
            }
        }
        if (checkpoint == null && key == null) {
            return null;
        }
        if (checkpoint == null || key == null) {
            throw LedgerException.badInput(checkpoint == null ? "--key needs --checkpoint FILE"
                    : "--checkpoint needs --key PUB, the verifier key of its signer");
        }
        final NoteVerifier verifier = verifier(key);
        final String note = read(checkpoint, "--checkpoint");
        try {
            return Checkpoint.open(note, verifier).head();
        } catch (SignedNote.InvalidSignature e) {
            throw new Untrusted("the checkpoint " + checkpoint + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw LedgerException.badInput("--checkpoint " + checkpoint + " is not a signed checkpoint: "
                    + e.getMessage());
        }
    }

    /** The verifier key in the file {@code key}, or {@code key} itself when it is one and no such file exists. */
    private static NoteVerifier verifier(String key) {
        final Path file = Path.of(key);
        final String text;
        if (Files.isRegularFile(file)) {
            text = read(file, "--key");
        } else if (key.indexOf('+') > 0) {
            text = key;
        } else {
            throw LedgerException.badInput("--key: no such file: " + key);
        }
        try {
            return NoteVerifier.parse(text);
        } catch (IllegalArgumentException e) {
            throw LedgerException.badInput("--key: " + e.getMessage());
        }
    }

    /** The whole of a small text file, or a bad-input failure naming the option. */
    static String read(Path file, String option) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw LedgerException.badInput(option + ": no such file: " + file);
        } catch (IOException e) {
            throw LedgerException.badInput(option + ": cannot read " + file + ": " + e.getMessage());
        }
    }
}
