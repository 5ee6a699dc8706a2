package io.experienceledger.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** xxHash64 against published vectors, the typed key encoding, UTF-8 handling, and no allocation. */
class KeyHasherTest {

    @Test
    void matchesPublishedXxHash64Vectors() {
        assertEquals(0xEF46DB3751D8E999L, hash(""));
        assertEquals(0xD24EC4F1A98C6E5BL, hash("a"));
        assertEquals(0x44BC2CF5AD770999L, hash("abc"));
        assertEquals(0xFBCEA83C8A378BF1L, hash("Nobody inspects the spammish repetition"));
    }

    @Test
    void hashesTheDocumentedTypedEncoding() {
        final long seed = new Random().nextLong();
        final Random random = new Random(seed);
        final KeyHasher hasher = new KeyHasher();
        for (int i = 0; i < 2_000; i++) {
            final String text = randomText(random);
            final int kind = random.nextInt(21);
            final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            final String context = "seed " + seed + " text " + text;
            assertEquals(hash(encode(0x03, utf8)), hasher.correlation(text), context);
            assertEquals(hash(encode(0x03, utf8)), hasher.correlation(new StringBuilder(text)), context);
            assertEquals(hash(encode(0x04, utf8)), hasher.trace(text), context);
            assertEquals(hash(concat(encode(0x01, utf8), int32(kind))), hasher.tenantKind(text, kind), context);
        }
        assertEquals(hash(new byte[] {0x01, -1, -1, -1, -1, 5, 0, 0, 0}), hasher.tenantKind(null, 5));
        assertEquals(hash(new byte[] {0x02, 20, 0, 0, 0}), hasher.kind(20));
    }

    @Test
    void keysOfDifferentTypesOrSplitsDiffer() {
        final KeyHasher hasher = new KeyHasher();
        final Set<Long> hashes = new HashSet<>();
        assertTrue(hashes.add(hasher.correlation("x")));
        assertTrue(hashes.add(hasher.trace("x")));
        assertTrue(hashes.add(hasher.tenantKind("x", 1)));
        assertTrue(hashes.add(hasher.tenantKind(null, 1)));
        assertTrue(hashes.add(hasher.tenantKind("", 1)));
        assertTrue(hashes.add(hasher.kind(1)));
        assertNotEquals(hasher.tenantKind("ab", 1), hasher.tenantKind("a", 1));
    }

    @Test
    void hashingAsciiAllocatesNothing() {
        final KeyHasher hasher = new KeyHasher();
        final StringBuilder tenant = new StringBuilder("tenant-42");
        final StringBuilder correlation = new StringBuilder("req-00112233445566778899aabbccddeeff");
        long sink = 0;
        for (int i = 0; i < 50_000; i++) {
            sink += hasher.tenantKind(tenant, i & 15) + hasher.correlation(correlation) + hasher.kind(i & 15);
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 50_000; i++) {
            sink += hasher.tenantKind(tenant, i & 15) + hasher.correlation(correlation) + hasher.kind(i & 15);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1_024, allocated + " bytes allocated by 150,000 hashes (" + sink + ")");
    }

    private static String randomText(Random random) {
        final StringBuilder text = new StringBuilder();
        final int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) (0x80 + random.nextInt(0x780)));
                case 1 -> text.append((char) (0x800 + random.nextInt(0xD000)));
                case 2 -> text.appendCodePoint(0x10000 + random.nextInt(0x10000));
                case 3 -> text.append((char) (0xD800 + random.nextInt(0x800)));
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }

    private static long hash(String text) {
        return hash(text.getBytes(StandardCharsets.UTF_8));
    }

    private static long hash(byte[] bytes) {
        return KeyHasher.xxHash64(bytes, 0, bytes.length);
    }

    private static byte[] encode(int type, byte[] utf8) {
        return concat(new byte[] {(byte) type}, int32(utf8.length), utf8);
    }

    private static byte[] int32(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    private static byte[] concat(byte[]... parts) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
