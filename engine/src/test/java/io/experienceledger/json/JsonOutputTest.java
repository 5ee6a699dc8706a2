package io.experienceledger.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte buffer JSON is written into. Expected bytes come from the JDK's own UTF-8 encoder
 * ({@code String.getBytes(UTF_8)}) applied to texts written by hand, never from the buffer.
 */
class JsonOutputTest {
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyWidthOfUtf8IsEncodedInAndOutOfStrings() {
        // 1, 2, 3 and 4 bytes: 'a', e acute, euro sign, U+1F600 (a surrogate pair in Java)
        final String text = "a\u00e9\u20ac\uD83D\uDE00z";
        final JsonOutput out = new JsonOutput(0);
        out.quoted(text);
        out.ascii(',');
        out.utf8(text);
        assertArrayEquals(utf8("\"" + text + "\"," + text), out.toByteArray());
        assertEquals("\"" + text + "\"," + text, out.toString());
    }

    @Test
    void stringsAreEscapedAsSerdeDoes() {
        final JsonOutput out = new JsonOutput(1);
        out.quoted("q\"b\\s\b\t\n\f\r\u0000\u001f\u007f/\u2028\u00e9");
        assertEquals("\"q\\\"b\\\\s\\b\\t\\n\\f\\r\\u0000\\u001f\u007f/\u2028\u00e9\"", out.toString());
        assertArrayEquals(utf8("\"q\\\"b\\\\s\\b\\t\\n\\f\\r\\u0000\\u001f\u007f/\u2028\u00e9\""), out.toByteArray());
    }

    /** A lone surrogate has no UTF-8 form; the JDK's encoder writes '?' for it, and so does the buffer. */
    @Test
    void loneSurrogatesAreWrittenAsTheJdkEncodesThem() {
        for (String text : new String[] {"a\uD800", "\uDC00b", "\uDC00\uD800", "x\uD83Dy"}) {
            final JsonOutput out = new JsonOutput();
            out.utf8(text);
            assertArrayEquals(utf8(text), out.toByteArray(), text);
        }
    }

    @Test
    void unsignedIntegersFromZeroToTwoToTheSixtyFourMinusOne() {
        final long[] values = {0, 9, 10, 99, 100, 4294967295L, Long.MAX_VALUE, Long.MIN_VALUE, -1L};
        for (long value : values) {
            final JsonOutput out = new JsonOutput(0);
            out.unsigned(value);
            assertEquals(Long.toUnsignedString(value), out.toString());
        }
    }

    /** Long texts are encoded a slice of chars at a time; a surrogate pair across a slice's end stays one char. */
    @Test
    void longTextsWithPairsAcrossEverySliceEnd() {
        for (int before = 4090; before <= 4100; before++) {
            final String text = "\u00e9".repeat(before) + "\uD83D\uDE00" + "\u20ac\n".repeat(5000) + "\uD83D\uDE01";
            final JsonOutput out = new JsonOutput(16);
            out.quoted(text);
            final String escaped = text.replace("\n", "\\n");
            assertArrayEquals(utf8("\"" + escaped + "\""), out.toByteArray(), "pair after " + before + " chars");
            final JsonOutput raw = new JsonOutput(0);
            raw.utf8(text);
            assertArrayEquals(utf8(text), raw.toByteArray(), "pair after " + before + " chars, unquoted");
        }
    }

    @Test
    void growsFromNothingAndKeepsWhatItHolds() {
        final JsonOutput out = new JsonOutput(0);
        final StringBuilder expected = new StringBuilder();
        final Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            final String piece = "k" + random.nextInt(1_000_000) + "\u00e9";
            out.quoted(piece);
            out.bool(i % 2 == 0);
            out.nul();
            expected.append('"').append(piece).append('"').append(i % 2 == 0).append("null");
        }
        assertArrayEquals(utf8(expected.toString()), out.toByteArray());
        assertEquals(utf8(expected.toString()).length, out.size());
    }

    @Test
    void resetTruncateArrayAndWriteTo() throws IOException {
        final JsonOutput out = new JsonOutput(4);
        out.ascii("{\"a\":1");
        final int mark = out.size();
        out.ascii(",\"b\":2");
        out.truncate(mark);
        out.ascii('}');
        final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        out.writeTo(sink);
        assertArrayEquals(utf8("{\"a\":1}"), sink.toByteArray());
        assertArrayEquals(utf8("{\"a\":1}"), java.util.Arrays.copyOf(out.array(), out.size()));
        final byte[] buffer = out.array();
        out.reset();
        assertEquals(0, out.size());
        out.ascii('x');
        assertSame(buffer, out.array(), "reset keeps the buffer");
        assertEquals("x", out.toString());
    }

    @Test
    void aNegativeCapacityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JsonOutput(-1));
    }
}
