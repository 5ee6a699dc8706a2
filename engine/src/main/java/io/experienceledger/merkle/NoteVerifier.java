package io.experienceledger.merkle;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The public key that checks signed notes ({@link SignedNote}), such as a ledger's checkpoints. Its text form is a
 * C2SP {@code signed-note} verifier key, {@code <name>+<key id hex>+<base64(0x01 || 32-byte public key)>}, as Go's
 * {@code sumdb/note} and the witnesses of transparency logs write it. Needs nothing but the JDK. Thread-safe.
 */
public final class NoteVerifier {
    /** The DER prefix of an X.509 SubjectPublicKeyInfo of an Ed25519 key (RFC 8410); the raw key follows. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String name;
    private final int keyId;
    private final PublicKey key;
    private final String text;

    private NoteVerifier(String name, int keyId, byte[] publicKey) {
        this.name = name;
        this.keyId = keyId;
        this.text = NoteKeys.verifierKeyText(name, keyId, publicKey);
        final byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
        System.arraycopy(publicKey, 0, der, X509_PREFIX.length, 32);
        try {
            this.key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a verifier key, {@code <name>+<key id hex>+<base64(0x01 || key)>}; surrounding white space is ignored.
     *
     * @throws IllegalArgumentException naming what is wrong with it (a signer key given instead, a key id that is
     *                                  not the key's, an algorithm other than Ed25519)
     */
    public static NoteVerifier parse(String text) {
        final String key = text.strip();
        if (key.startsWith("PRIVATE+KEY+")) {
            throw new IllegalArgumentException("that is a signer key, which must stay secret; give its public key"
                    + " (the .pub file 'ledger keygen' wrote)");
        }
        final String[] parts = key.split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException(key.isEmpty() ? "the verifier key is empty"
                    : "a verifier key is <name>+<key id>+<key>, got '" + key + "'");
        }
        NoteKeys.requireName(parts[0]);
        final int keyId = NoteKeys.parseKeyId(parts[1]);
        final byte[] publicKey = Arrays.copyOfRange(NoteKeys.decodeKey(parts[2], "verifier"), 1, 33);
        if (NoteKeys.keyId(parts[0], publicKey) != keyId) {
            throw new IllegalArgumentException("the key id " + parts[1] + " of the verifier key is not its key's ("
                    + NoteKeys.hexId(NoteKeys.keyId(parts[0], publicKey)) + ")");
        }
        return new NoteVerifier(parts[0], keyId, publicKey);
    }

    /** The key's name: a signature line by this key carries it. */
    public String name() {
        return name;
    }

    /** The key id, as in the key's text form. */
    public int keyId() {
        return keyId;
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code text}. */
    boolean verifies(String text, byte[] signature) {
        try {
            final Signature check = Signature.getInstance("Ed25519");
            check.initVerify(key);
            check.update(text.getBytes(StandardCharsets.UTF_8));
            return check.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot check Ed25519 signatures", e);
        }
    }

    /** The text form, {@code <name>+<key id hex>+<base64(0x01 || key)>}. */
    @Override
    public String toString() {
        return text;
    }
}
