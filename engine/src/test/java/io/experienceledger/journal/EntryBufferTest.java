package io.experienceledger.journal;

import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The append path's encoder ({@link EntryBuffer}, {@link Utf8#write}) against expectations computed without it:
 * {@code String.getBytes(UTF_8)} for well-formed text, hand-built 3-byte sequences for lone surrogates, and
 * Chronicle's own {@code writeStopBit}, {@code writeFloat} and {@code writeDouble} for numbers. Both string paths
 * are checked: the Latin-1 bulk copy and the char-by-char path taken by strings held as UTF-16 (and by every
 * string when the JVM does not open {@code java.lang}).
 */
class EntryBufferTest {
    /** Lengths around the word size, the short-text limit and the one-byte length prefix. */
    private static final int[] LENGTHS = {0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 63, 64, 65, 66, 127, 128, 129, 255, 300};

    @Test
    void theTestJvmTakesTheLatin1Path() {
        assertTrue(Latin1Strings.available(), "the Chronicle JVM flags open java.lang; the fast path must be on");
        assertNotNull(Latin1Strings.bytesOf(new String(new char[] {'a', '\u00e9'})));
        assertNull(Latin1Strings.bytesOf(new String(new char[] {'a', '\u0100'})));
    }

    @Test
    void utf16StringsWhoseLowBytesLookAsciiAreNotCopiedAsAscii() {
        // U+0141 U+0142 U+4E41: low bytes 0x41 0x42 0x41 ("ABA") if narrowed
        final String text = "\u0141\u0142\u4e41".repeat(5);
        assertNull(Latin1Strings.bytesOf(text));
        assertEncodesLikeJdk(text);
    }

    @Test
    void asciiAtEveryLengthAndOffset() {
        for (int length : LENGTHS) {
            final String text = ascii(length, length);
            assertEncodesLikeJdk(text);
            // a non-ASCII char at every position, in both the Latin-1 and the BMP range
            for (int at = 0; at < length; at++) {
                assertEncodesLikeJdk(replaceAt(text, at, '\u00e9'));
                assertEncodesLikeJdk(replaceAt(text, at, '\u00ff'));
                assertEncodesLikeJdk(replaceAt(text, at, '\u0080'));
                assertEncodesLikeJdk(replaceAt(text, at, '\u20ac'));
            }
        }
    }

    @Test
    void latin1BmpAndSupplementaryText() {
        for (int length : LENGTHS) {
            assertEncodesLikeJdk("\u00e9".repeat(length));
            assertEncodesLikeJdk("\u00ff\u0080".repeat(length));
            assertEncodesLikeJdk("\u07ff\u0800\uffff".repeat(length));
            assertEncodesLikeJdk("\ud83d\ude00".repeat(length));
            assertEncodesLikeJdk(ascii(length, 7) + "\udbff\udfff" + ascii(length, 3));
        }
        final Random random = new Random(31);
        for (int i = 0; i < 5_000; i++) {
            final char[] chars = new char[random.nextInt(140)];
            for (int j = 0; j < chars.length; j++) {
                final int range = random.nextInt(4);
                chars[j] = (char) (range == 0 ? random.nextInt(0x80) : range == 1 ? random.nextInt(0x100)
                        : range == 2 ? 0x100 + random.nextInt(0xD800 - 0x100) : 0xE000 + random.nextInt(0x2000));
            }
            assertEncodesLikeJdk(new String(chars));
        }
    }

    @Test
    void loneSurrogatesAreThreeByteSequencesOfTheirCodeUnit() {
        final String[] texts = {"\ud800", "\udfff", "a\ud800b", "x".repeat(9) + "\udc00", "\ude00\ud83d",
                "\ud83d" + "y".repeat(70), "\ud83d\ud83d\ude00"};
        for (String text : texts) {
            final byte[] expected = wtf8(text);
            assertArrayEquals(prefixed(expected), encode(text, Utf8::write), text);
            assertArrayEquals(prefixed(expected), encode(text, Utf8::writeChars), text);
            assertEquals(text, Utf8.read(EntryInput.of(encode(text, Utf8::write))));
        }
    }

    @Test
    void stopBitsAreChronicles() {
        final List<Long> values = new ArrayList<>(List.of(0L, 1L, 127L, 128L, 16_383L, 16_384L, 2_097_151L,
                2_097_152L, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE, -1L, -2L, -128L, -129L));
        final Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            values.add(random.nextLong() >>> random.nextInt(64) ^ (random.nextBoolean() ? -1L : 0L));
        }
        for (long value : values) {
            final Bytes<byte[]> chronicle = Bytes.allocateElasticOnHeap(16);
            chronicle.writeStopBit(value);
            final EntryBuffer buffer = new EntryBuffer(16);
            buffer.writeByte(0x55); // not at offset 0
            buffer.writeStopBit(value);
            assertArrayEquals(chronicle.toByteArray(), Arrays.copyOfRange(buffer.array(), 1, buffer.position()),
                    "value " + value);
        }
    }

    @Test
    void numbersAreLittleEndianRawBits() {
        final float[] floats = {0f, -0f, 0.7f, Float.NaN, Float.intBitsToFloat(0x7fc00001), Float.MIN_VALUE};
        final double[] doubles = {0d, -0d, 0.1, Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L)};
        final Bytes<byte[]> chronicle = Bytes.allocateElasticOnHeap(64);
        final EntryBuffer buffer = new EntryBuffer(16);
        for (float f : floats) {
            chronicle.writeFloat(f);
            buffer.writeFloat(f);
        }
        for (double d : doubles) {
            chronicle.writeDouble(d);
            buffer.writeDouble(d);
        }
        chronicle.writeInt(0x01020304);
        buffer.writeInt(0x01020304);
        assertArrayEquals(chronicle.toByteArray(), Arrays.copyOf(buffer.array(), buffer.position()));
        final ByteBuffer le = ByteBuffer.wrap(buffer.array()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x7fc00001, le.getInt(4 * 4));
    }

    @Test
    void growsPastItsInitialCapacityAndCopiesOffHeap() {
        final EntryBuffer buffer = new EntryBuffer(16);
        final String text = ascii(5_000, 1) + "\u00e9" + ascii(3_000, 2);
        Utf8.write(buffer, text);
        Utf8.write(buffer, "tail");
        final byte[] expected = concat(prefixed(text.getBytes(StandardCharsets.UTF_8)),
                prefixed("tail".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(expected, Arrays.copyOf(buffer.array(), buffer.position()));
        try (DirectStaging staging = new DirectStaging()) {
            final byte[] offHeap = new byte[buffer.position()];
            staging.copyOf(buffer).read(0, offHeap, 0, offHeap.length);
            assertArrayEquals(expected, offHeap);
            final EntryBuffer shorter = new EntryBuffer(16);
            Utf8.write(shorter, "after");
            final byte[] again = new byte[shorter.position()];
            staging.copyOf(shorter).read(0, again, 0, again.length);
            assertArrayEquals(prefixed("after".getBytes(StandardCharsets.UTF_8)), again);
        }
    }

    @Test
    void entryHeaderAndChecksum() {
        final ExperienceEventEnvelope envelope = ExperienceEventEnvelope.of("evt-1", new ExperienceEvent.BudgetExceeded(
                ChainId.of("chain-1"), BudgetResource.Named.Tokens, "10", null)).withTenant("acme")
                .withTimestamp("2026-11-28T12:00:00Z");
        final EntryBuffer entry = new EntryWriter(1 << 20).engine(envelope, Framing.BATCH_MEMBER);
        final byte[] bytes = Arrays.copyOf(entry.array(), entry.position());
        assertEquals(EntryLayout.FORMAT_MAJOR, bytes[0]);
        assertEquals(EntryLayout.FORMAT_MINOR, bytes[1]);
        assertEquals(EntryLayout.TYPE_ENGINE, bytes[2]);
        assertEquals(EntryLayout.engineKindCode(envelope.event().kind()), bytes[3]);
        assertEquals(EntryLayout.FLAG_TENANT | EntryLayout.FLAG_CHAIN | EntryLayout.FLAG_BATCH, bytes[8]);
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 4);
        crc.update(bytes, 8, bytes.length - 8);
        assertEquals((int) crc.getValue(), ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(4));
        final byte[] strings = concat(prefixed(ascii("evt-1")), prefixed(ascii("2026-11-28T12:00:00Z")),
                prefixed(ascii("acme")), prefixed(ascii("chain-1")));
        assertArrayEquals(strings, Arrays.copyOfRange(bytes, 9, 9 + strings.length));
    }

    /** Both string paths give the JDK's UTF-8 after a stop-bit length. */
    private static void assertEncodesLikeJdk(String text) {
        final byte[] expected = prefixed(text.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected, encode(text, Utf8::write), () -> "write: " + describe(text));
        assertArrayEquals(expected, encode(text, Utf8::writeChars), () -> "writeChars: " + describe(text));
    }

    private static byte[] encode(String text, BiConsumer<EntryBuffer, String> write) {
        final EntryBuffer buffer = new EntryBuffer(16);
        buffer.writeByte(0x55); // a string rarely starts at offset 0
        write.accept(buffer, text);
        return Arrays.copyOfRange(buffer.array(), 1, buffer.position());
    }

    /** {@code bytes} after its length as Chronicle writes a stop bit. */
    private static byte[] prefixed(byte[] bytes) {
        final Bytes<byte[]> out = Bytes.allocateElasticOnHeap(bytes.length + 8);
        out.writeStopBit(bytes.length);
        out.write(bytes);
        return out.toByteArray();
    }

    /** UTF-8 of well-formed parts, and the 3-byte form of the code unit of each lone surrogate. */
    private static byte[] wtf8(String text) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.writeBytes(text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else if (Character.isSurrogate(c)) {
                out.write(0xE0 | c >> 12);
                out.write(0x80 | c >> 6 & 0x3F);
                out.write(0x80 | c & 0x3F);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static String ascii(int length, int seed) {
        final char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) (0x20 + (i * 31 + seed) % 0x5F);
        }
        return new String(chars);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String replaceAt(String text, int at, char c) {
        final char[] chars = text.toCharArray();
        chars[at] = c;
        return new String(chars);
    }

    private static byte[] concat(byte[]... parts) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String describe(String text) {
        return text.length() + " chars " + text.chars().limit(8).mapToObj(Integer::toHexString).toList();
    }
}
