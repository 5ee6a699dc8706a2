package io.experienceledger.merkle;

import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A tree head in the form of C2SP {@code tlog-checkpoint}: the log's origin (a name such as
 * {@code example.com/audit}), the tree size in decimal and the root hash in base64, one a line, then optional
 * extension lines. Signed with {@link #sign} it is a signed note that witnesses and the tools of transparency logs
 * read; {@link #open} checks one and gives the tree head it commits to.
 *
 * @param origin     the log's unique name, the first line
 * @param head       the tree size and root
 * @param extensions further lines, none empty (most checkpoints have none)
 */
public record Checkpoint(String origin, TreeHead head, List<String> extensions) {
    public Checkpoint {
        Objects.requireNonNull(head, "head");
        requireLine(origin, "the origin");
        extensions = List.copyOf(extensions);
        for (String extension : extensions) {
            requireLine(extension, "an extension line");
        }
    }

    /** A checkpoint of {@code head} without extension lines. */
    public Checkpoint(String origin, TreeHead head) {
        this(origin, head, List.of());
    }

    /** The checkpoint's text: origin, size, base64 root and the extension lines, each ending with a newline. */
    public String text() {
        final StringBuilder text = new StringBuilder(origin).append('\n').append(head.size()).append('\n')
                .append(Base64.getEncoder().encodeToString(head.root())).append('\n');
        extensions.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** The checkpoint signed by {@code signer}, a C2SP signed note. */
    public String sign(NoteSigner signer) {
        return SignedNote.sign(text(), signer);
    }

    /**
     * The checkpoint in {@code signedNote}, once its signature by {@code verifier} is checked.
     *
     * @throws SignedNote.InvalidSignature when it is not signed by that key, or was changed after it was signed
     * @throws IllegalArgumentException    when it is not a signed checkpoint (naming what is malformed)
     */
    public static Checkpoint open(String signedNote, NoteVerifier verifier) throws SignedNote.InvalidSignature {
        return parse(SignedNote.open(signedNote, verifier));
    }

    /**
     * Reads a checkpoint's text (not signed: {@link #open} checks the signature first).
     *
     * @throws IllegalArgumentException naming what is malformed
     */
    public static Checkpoint parse(String text) {
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint's text ends with a newline");
        }
        final String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new IllegalArgumentException("a checkpoint has an origin, a tree size and a root hash, one a line;"
                    + " this one has " + lines.length + " line" + (lines.length == 1 ? "" : "s"));
        }
        final String size = lines[1];
        if (size.isEmpty() || !size.chars().allMatch(c -> c >= '0' && c <= '9')
                || (size.length() > 1 && size.charAt(0) == '0')) {
            throw new IllegalArgumentException("a checkpoint's tree size is a decimal number without leading zeros,"
                    + " got '" + size + "'");
        }
        final long treeSize;
        try {
            treeSize = Long.parseLong(size);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's tree size " + size + " is too large", e);
        }
        final byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a checkpoint's root hash is base64, got '" + lines[2] + "'", e);
        }
        if (root.length != MerkleHashes.HASH_BYTES) {
            throw new IllegalArgumentException("a checkpoint's root hash is 32 bytes, got " + root.length);
        }
        return new Checkpoint(lines[0], new TreeHead(treeSize, root),
                List.of(lines).subList(3, lines.length));
    }

    private static void requireLine(String line, String what) {
        Objects.requireNonNull(line, what);
        if (line.isEmpty() || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " of a checkpoint is one non-empty line, got '" + line + "'");
        }
    }
}
