package io.experienceledger.merkle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** What signer and verifier keys of signed notes share: names, key ids and the encoded key. */
final class NoteKeys {
    /** The signature type of Ed25519 in C2SP {@code signed-note}. */
    static final byte ED25519 = 0x01;

    private NoteKeys() {
    }

    /** A key name is non-empty and holds no white space and no {@code +} (C2SP {@code signed-note}). */
    static void requireName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a key name is not empty");
        }
        for (int i = 0; i < name.length(); ) {
            final int c = name.codePointAt(i);
            if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("a key name holds no white space, control character or '+': '"
                        + name + "'");
            }
            i += Character.charCount(c);
        }
    }

    /** {@code SHA-256(name || 0x0A || 0x01 || publicKey)}, its first 4 bytes big-endian. */
    static int keyId(String name, byte[] publicKey) {
        try {
            final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(ED25519);
            return ByteBuffer.wrap(sha256.digest(publicKey)).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    static String hexId(int keyId) {
        return HexFormat.of().toHexDigits(keyId);
    }

    static int parseKeyId(String hex) {
        if (hex.length() != 8) {
            throw new IllegalArgumentException("a key id is 8 hex digits, got '" + hex + "'");
        }
        try {
            return (int) HexFormat.fromHexDigits(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a key id is 8 hex digits, got '" + hex + "'", e);
        }
    }

    /** {@code base64(0x01 || 32 bytes)}, decoded and checked. */
    static byte[] decodeKey(String base64, String which) {
        final byte[] encoded;
        try {
            encoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + which + " key is not base64: " + e.getMessage(), e);
        }
        if (encoded.length == 0 || encoded[0] != ED25519) {
            throw new IllegalArgumentException("the " + which + " key is not an Ed25519 key (signature type "
                    + (encoded.length == 0 ? "missing" : Integer.toString(encoded[0] & 0xff)) + ", expected 1)");
        }
        if (encoded.length != 33) {
            throw new IllegalArgumentException("the " + which + " key is " + (encoded.length - 1)
                    + " bytes, an Ed25519 key 32");
        }
        return encoded;
    }

    static String verifierKeyText(String name, int keyId, byte[] publicKey) {
        final byte[] encoded = new byte[33];
        encoded[0] = ED25519;
        System.arraycopy(publicKey, 0, encoded, 1, 32);
        return name + "+" + hexId(keyId) + "+" + Base64.getEncoder().encodeToString(encoded);
    }
}
