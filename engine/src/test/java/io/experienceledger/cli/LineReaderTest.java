package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static List<String> lines(InputStream in, int limit) throws IOException {
        final List<String> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(in, limit)) {
            while (reader.next()) {
                lines.add(reader.number() + ":" + reader.text());
            }
        }
        return lines;
    }

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitsOnNewlinesDropsCarriageReturnsAndKeepsALastLineWithoutNewline() throws IOException {
        assertEquals(List.of("1:a", "2:", "3:caf\u00e9 \ud83d\ude00", "4:\rx", "5:last"),
                lines(utf8("a\n\r\ncaf\u00e9 \ud83d\ude00\r\n\rx\nlast"), 100));
        assertEquals(List.of(), lines(utf8(""), 100));
        assertEquals(List.of("1:"), lines(utf8("\n"), 100));
    }

    @Test
    void readsLinesLongerThanItsBufferAndAcrossReads() throws IOException {
        final String longLine = "x".repeat(200_000);
        final InputStream trickle = new InputStream() {
            private final InputStream in = utf8("ab\n" + longLine + "\ncd");

            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, Math.min(len, 7));
            }
        };
        assertEquals(List.of("1:ab", "2:" + longLine, "3:cd"), lines(trickle, 300_000));
    }

    @Test
    void aLineOverTheLimitFailsWithItsNumber() {
        final LedgerException e = assertThrows(LedgerException.class, () -> lines(utf8("12345\n123456\n"), 5));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        assertEquals("line 2: longer than the limit of 5 B (5 bytes)", e.getMessage());
        assertDoesNotThrow(() -> lines(utf8("12345\n"), 5));
    }

    @Test
    void blankLinesAndCopies() throws IOException {
        final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (LineReader reader = new LineReader(utf8(" \t \nx y\r\n"), 100)) {
            assertTrue(reader.next());
            assertTrue(reader.isBlank());
            assertTrue(reader.next());
            assertFalse(reader.isBlank());
            assertEquals(3, reader.length());
            reader.copyTo(copy);
            assertFalse(reader.next());
            assertEquals(9, reader.bytesRead());
        }
        assertEquals("x y\n", copy.toString(StandardCharsets.UTF_8));
    }

    @Test
    void malformedUtf8FailsWithTheLineNumber() throws IOException {
        try (LineReader reader = new LineReader(new ByteArrayInputStream(new byte[] {'o', 'k', '\n', (byte) 0xC3, '(' }),
                100)) {
            assertTrue(reader.next());
            assertEquals("ok", reader.text());
            assertTrue(reader.next());
            final LedgerException e = assertThrows(LedgerException.class, reader::text);
            assertEquals("line 2: not valid UTF-8", e.getMessage());
        }
    }
}
