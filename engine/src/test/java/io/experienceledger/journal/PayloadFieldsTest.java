package io.experienceledger.journal;

import io.experienceledger.model.RandomModel;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The field encodings of docs/format-payload.md: stop-bit integers, floats and strings. */
class PayloadFieldsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0                    | 00
            1                    | 01
            127                  | 7F
            128                  | 80 01
            300                  | AC 02
            16383                | FF 7F
            16384                | 80 80 01
            4294967295           | FF FF FF FF 0F
            9007199254740993     | 81 80 80 80 80 80 80 10
            9223372036854775807  | FF FF FF FF FF FF FF FF 7F
            9223372036854775808  | FF FF FF FF FF FF FF FF FF 00
            18446744073709551614 | 81 00
            18446744073709551615 | 80 00
            """)
    void stopBitExamplesOfTheFormatDoc(String unsigned, String hex) {
        final long value = Long.parseUnsignedLong(unsigned);
        final Bytes<byte[]> out = Bytes.allocateElasticOnHeap(16);
        PayloadFields.writeUnsigned(out, value);
        assertEquals(hex, Payloads.hex(out.toByteArray()));
        assertEquals(out.readRemaining(), PayloadFields.stopBitLength(value));
        final EntryInput in = EntryInput.of(out.toByteArray());
        assertEquals(value, PayloadFields.readUnsigned(in));
        assertEquals(0, in.readRemaining());
    }

    @Test
    void stopBitRoundTripsEveryBitLength() {
        final long seed = 17L;
        final Random random = new Random(seed);
        for (int i = 0; i < 100_000; i++) {
            final long value = random.nextLong() >>> random.nextInt(64) ^ (random.nextBoolean() ? -1L : 0L);
            final Bytes<byte[]> out = Bytes.allocateElasticOnHeap(16);
            out.writeStopBit(value);
            assertEquals(out.readRemaining(), PayloadFields.stopBitLength(value), "seed " + seed + " value " + value);
            assertEquals(value, PayloadFields.readStopBit(EntryInput.of(out.toByteArray())), "seed " + seed + " value " + value);
        }
    }

    @Test
    void floatsKeepTheirBits() {
        final Bytes<byte[]> out = Bytes.allocateElasticOnHeap(16);
        PayloadFields.writeF32(out, -0.0f);
        PayloadFields.writeF32(out, 0.7f);
        PayloadFields.writeF64(out, -0.0);
        assertEquals("00 00 00 80 33 33 33 3F 00 00 00 00 00 00 00 80", Payloads.hex(out.toByteArray()));
        final EntryInput in = EntryInput.of(out.toByteArray());
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(PayloadFields.readF32(in)));
        assertEquals(0.7f, PayloadFields.readF32(in));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(PayloadFields.readUnitInterval(in)));
    }

    @Test
    void stringsAreStandardUtf8() {
        final long seed = 23L;
        final RandomModel random = new RandomModel(seed);
        for (int i = 0; i < 20_000; i++) {
            final String text = random.text();
            final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            final Bytes<byte[]> out = Bytes.allocateElasticOnHeap(16);
            PayloadFields.writeString(out, text);
            final byte[] written = out.toByteArray();
            final int prefix = PayloadFields.stopBitLength(utf8.length);
            assertEquals(utf8.length, PayloadFields.readStopBit(EntryInput.of(written)), "seed " + seed + " " + i);
            assertArrayEquals(utf8, Arrays.copyOfRange(written, prefix, written.length), "seed " + seed + " " + i);
            assertEquals(text, PayloadFields.readString(EntryInput.of(written)), "seed " + seed + " " + i);
        }
    }

    @Test
    void unpairedSurrogatesRoundTripAsThreeByteSequences() {
        final String text = "a\ud800b\udfffc\udbff";
        final Bytes<byte[]> out = Bytes.allocateElasticOnHeap(16);
        PayloadFields.writeString(out, text);
        assertEquals("0C 61 ED A0 80 62 ED BF BF 63 ED AF BF", Payloads.hex(out.toByteArray()));
        assertEquals(text, PayloadFields.readString(EntryInput.of(out.toByteArray())));
    }

    @Test
    void readStringsAreFreshInstances() {
        final Bytes<byte[]> out = Bytes.allocateElasticOnHeap(16);
        PayloadFields.writeString(out, "same");
        PayloadFields.writeString(out, "same");
        final EntryInput in = EntryInput.of(out.toByteArray());
        final String first = PayloadFields.readString(in);
        final String second = PayloadFields.readString(in);
        assertEquals(first, second);
        assertEquals(false, first == second, "strings must not be interned across entries");
    }

    @Test
    void longStringsUseCharsBeyondTheCachedSize() {
        final String text = "\u00e9".repeat(70_000) + "x".repeat(70_000);
        final Bytes<byte[]> out = Bytes.allocateElasticOnHeap(16);
        PayloadFields.writeString(out, text);
        PayloadFields.writeString(out, "short");
        final EntryInput in = EntryInput.of(out.toByteArray());
        assertEquals(text, PayloadFields.readString(in));
        assertEquals("short", PayloadFields.readString(in));
        assertEquals(0, in.readRemaining());
    }

    @Test
    void emptyInputIsCorruptNotUnderflow() {
        final EntryInput empty = EntryInput.of(new byte[0]);
        assertThrows(CorruptEntryException.class, () -> PayloadFields.readString(empty));
        assertThrows(CorruptEntryException.class, () -> PayloadFields.readF32(empty));
        assertThrows(CorruptEntryException.class, () -> PayloadFields.readUnitInterval(empty));
        assertThrows(CorruptEntryException.class, () -> PayloadFields.readHash(empty));
        assertThrows(CorruptEntryException.class, () -> PayloadFields.readPresence(empty));
    }

    @Test
    void hashesReadAsTheirLowercaseHexDigits() {
        final long seed = 29L;
        final Random random = new Random(seed);
        final byte[][] samples = new byte[1002][32];
        Arrays.fill(samples[0], (byte) 0xFF);
        for (int b = 0; b < 32; b++) {
            samples[1][b] = (byte) (b * 8 + 7);
        }
        for (int i = 2; i < samples.length; i++) {
            random.nextBytes(samples[i]);
        }
        final EntryInput in = new EntryInput();
        for (byte[] hash : samples) {
            final byte[] entry = new byte[40];
            System.arraycopy(hash, 0, entry, 3, 32);
            in.wrap(entry, 3, 35, 0);
            assertEquals(HexFormat.of().formatHex(hash), PayloadFields.readHash(in).hex(), "seed " + seed);
            assertEquals(0, in.readRemaining());
        }
    }

    @Test
    void everyByteValueHasItsTwoHexDigits() {
        for (int b = 0; b < 256; b++) {
            final int word = b << 24 | (255 - b) << 16 | (b ^ 0x5A) << 8 | b >>> 1;
            final String expected = HexFormat.of().formatHex(new byte[] {(byte) b, (byte) (255 - b),
                    (byte) (b ^ 0x5A), (byte) (b >>> 1)});
            final long digits = Utf8.hexDigits(word);
            final byte[] text = new byte[8];
            for (int i = 0; i < 8; i++) {
                text[i] = (byte) (digits >>> 56 - 8 * i);
            }
            assertEquals(expected, new String(text, StandardCharsets.US_ASCII), "byte " + b);
        }
    }
}
