package io.experienceledger.merkle;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 key that signs notes (C2SP {@code signed-note}), such as a ledger's checkpoints. Its text form is the
 * one of Go's {@code golang.org/x/mod/sumdb/note} and the transparency-log tools:
 * {@code PRIVATE+KEY+<name>+<key id hex>+<base64(0x01 || 32-byte seed)>}. Keep that text secret; its
 * {@link #verifierKey()} is what others use to check. Thread-safe.
 */
public final class NoteSigner {
    private static final String PREFIX = "PRIVATE+KEY+";

    private final String name;
    private final int keyId;
    private final PrivateKey key;
    private final String verifierKey;

    private NoteSigner(String name, byte[] seed) {
        NoteKeys.requireName(name);
        this.name = name;
        final byte[] publicKey = publicKeyOf(seed);
        this.keyId = NoteKeys.keyId(name, publicKey);
        this.verifierKey = NoteKeys.verifierKeyText(name, keyId, publicKey);
        try {
            this.key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make an Ed25519 key", e);
        }
        final String probe = "the public key belongs to the private key\n";
        if (!NoteVerifier.parse(verifierKey).verifies(probe, sign(probe))) {
            throw new IllegalStateException("this JDK derived a public key that does not belong to the Ed25519"
                    + " private key; it cannot sign checkpoints");
        }
    }

    /**
     * A new key named {@code name} (conventionally the ledger's origin, such as {@code example.com/audit}: no
     * spaces, no {@code +}), from the JDK's strong random source.
     */
    public static NoteSigner generate(String name) {
        final byte[] seed = new byte[32];
        try {
            SecureRandom.getInstanceStrong().nextBytes(seed);
        } catch (GeneralSecurityException e) {
            new SecureRandom().nextBytes(seed);
        }
        return new NoteSigner(name, seed);
    }

    /**
     * Reads a signer key in its text form ({@link #toString()}); surrounding white space is ignored.
     *
     * @throws IllegalArgumentException naming what is wrong with it (a verifier key given instead, a key id that is
     *                                  not the key's, an algorithm other than Ed25519)
     */
    public static NoteSigner parse(String text) {
        final String key = text.strip();
        if (!key.startsWith(PREFIX)) {
            throw new IllegalArgumentException(key.isEmpty() ? "the signer key is empty"
                    : "a signer key starts with PRIVATE+KEY+ (is this the public key?)");
        }
        final String[] parts = key.substring(PREFIX.length()).split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a signer key is PRIVATE+KEY+<name>+<key id>+<key>");
        }
        final byte[] encoded = NoteKeys.decodeKey(parts[2], "signer");
        final NoteSigner signer = new NoteSigner(parts[0], Arrays.copyOfRange(encoded, 1, encoded.length));
        if (signer.keyId != NoteKeys.parseKeyId(parts[1])) {
            throw new IllegalArgumentException("the key id " + parts[1] + " of the signer key is not its key's ("
                    + NoteKeys.hexId(signer.keyId) + ")");
        }
        Arrays.fill(encoded, (byte) 0);
        return signer;
    }

    /** The key's name, which every signature line carries. */
    public String name() {
        return name;
    }

    /** The key id: the first 4 bytes of {@code SHA-256(name || 0x0A || 0x01 || public key)}. */
    public int keyId() {
        return keyId;
    }

    /** The public half, in the text form {@link NoteVerifier#parse} reads: {@code <name>+<id hex>+<base64>}. */
    public String verifierKey() {
        return verifierKey;
    }

    /** The Ed25519 signature of {@code text}. */
    byte[] sign(String text) {
        try {
            final Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The secret text form, {@code PRIVATE+KEY+<name>+<key id hex>+<base64(0x01 || seed)>}. */
    @Override
    public String toString() {
        final byte[] seed = seedOf(key);
        final byte[] encoded = new byte[33];
        encoded[0] = NoteKeys.ED25519;
        System.arraycopy(seed, 0, encoded, 1, 32);
        return PREFIX + name + "+" + NoteKeys.hexId(keyId) + "+" + Base64.getEncoder().encodeToString(encoded);
    }

    private static byte[] seedOf(PrivateKey key) {
        return ((java.security.interfaces.EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new IllegalStateException("the Ed25519 key does not give its bytes"));
    }

    /**
     * The public key of {@code seed}. The JDK derives it only while generating a pair, so the generator is handed
     * a source of randomness that gives exactly the seed (RFC 8032: the private key is those 32 bytes).
     */
    private static byte[] publicKeyOf(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 private key is 32 bytes, got " + seed.length);
        }
        final SecureRandom exactly = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(bytes.length, seed.length));
            }
        };
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, exactly);
            final byte[] encoded = generator.generateKeyPair().getPublic().getEncoded();
            return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }
}
