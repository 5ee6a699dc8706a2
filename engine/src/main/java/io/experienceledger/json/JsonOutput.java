package io.experienceledger.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer that canonical converge JSON is written into as UTF-8 bytes, reused from one document to the
 * next ({@link ConvergeJson#writeAnyEnvelope(JsonOutput, io.experienceledger.model.ExperienceRecord)} appends,
 * {@link #reset} empties). Where the JSON is wanted as bytes (a Kafka record's value, a Merkle leaf, a line of a
 * file) this saves building a {@code String} and encoding it again: ASCII text, most of a document, is copied in
 * bulk. Not thread-safe.
 */
public final class JsonOutput {
    private static final int DEFAULT_CAPACITY = 1024;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    /** The most bytes one char takes in a JSON string: {@code \u001f}. */
    private static final int MAX_BYTES_PER_CHAR = 6;
    /** Chars encoded one by one are given room a slice at a time, so that a long text does not reserve 6 × its size. */
    private static final int SLICE_CHARS = 4096;

    private byte[] bytes;
    private int size;

    /** An empty buffer of 1 KiB, which grows as needed. */
    public JsonOutput() {
        this(DEFAULT_CAPACITY);
    }

    /** An empty buffer of {@code capacity} bytes, which grows as needed. */
    public JsonOutput(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity + " is negative");
        }
        this.bytes = new byte[capacity];
    }

    /** Empties the buffer (its capacity stays). */
    public void reset() {
        size = 0;
    }

    /** How many bytes have been written. */
    public int size() {
        return size;
    }

    /**
     * The buffer itself: its first {@link #size()} bytes are what was written. Valid until the next write or
     * {@link #reset}; the caller must not change it.
     */
    public byte[] array() {
        return bytes;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Writes the bytes written so far to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    /** The bytes written, decoded as UTF-8. */
    @Override
    public String toString() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    /** Drops everything written after the first {@code mark} bytes. */
    void truncate(int mark) {
        size = mark;
    }

    /** Appends {@code c}, which must be ASCII. */
    void ascii(char c) {
        if (size == bytes.length) {
            grow(1);
        }
        bytes[size++] = (byte) c;
    }

    /** Appends {@code text} as it is: bytes of JSON made beforehand (a member's name, a variant's tag). */
    void raw(byte[] text) {
        final int length = text.length;
        ensure(length);
        System.arraycopy(text, 0, bytes, size, length);
        size += length;
    }

    /** Appends chars {@code [from, to)} of {@code text}, which must all be ASCII (digits, signs, a decimal point). */
    void ascii(String text, int from, int to) {
        ensure(to - from);
        for (int i = from; i < to; i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
    }

    /** Appends {@code text}, which must all be ASCII. */
    void ascii(String text) {
        ascii(text, 0, text.length());
    }

    /** Appends {@code true} or {@code false}. */
    void bool(boolean value) {
        raw(value ? TRUE : FALSE);
    }

    /** Appends {@code null}. */
    void nul() {
        raw(NULL);
    }

    /** Appends {@code value} as an unsigned 64-bit decimal integer. */
    void unsigned(long value) {
        if (value < 0) {
            ascii(Long.toUnsignedString(value));
            return;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        long rest = value;
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        size += digits;
    }

    /** Appends {@code text} in UTF-8 as it is (text that is JSON already, such as a canonical value). */
    void utf8(String text) {
        final int length = text.length();
        final int plain = asciiPrefix(text, length, false);
        copyLatin1(text, plain);
        if (plain < length) {
            encode(text, plain, length, false);
        }
    }

    /**
     * Appends {@code value} as a quoted JSON string, escaped as serde_json escapes it ({@link JsonStrings}): a string
     * that needs no escape and is ASCII, the usual case, is copied whole.
     */
    void quoted(String value) {
        final int length = value.length();
        final int plain = asciiPrefix(value, length, true);
        ascii('"');
        copyLatin1(value, plain);
        if (plain < length) {
            encode(value, plain, length, true);
        }
        ascii('"');
    }

    /**
     * How many chars at the start of {@code text} are ASCII and, if {@code escaping}, need no escape in a JSON
     * string.
     */
    private static int asciiPrefix(String text, int length, boolean escaping) {
        int i = 0;
        if (escaping) {
            while (i < length && plainInString(text.charAt(i))) {
                i++;
            }
        } else {
            while (i < length && text.charAt(i) < 0x80) {
                i++;
            }
        }
        return i;
    }

    private static boolean plainInString(char c) {
        return c < 0x80 && !JsonStrings.escaped(c);
    }

    /** Copies the first {@code count} chars of {@code text}, all below U+0080, one byte each. */
    @SuppressWarnings("deprecation")
    private void copyLatin1(String text, int count) {
        ensure(count);
        // the low byte of each char; for a compact (Latin-1) string, one array copy
        text.getBytes(0, count, bytes, size);
        size += count;
    }

    /** Encodes chars {@code [from, to)} of {@code text} in UTF-8, escaping them for a JSON string if {@code escaping}. */
    private void encode(String text, int from, int to, boolean escaping) {
        int i = from;
        while (i < to) {
            final int sliceEnd = Math.min(to, i + SLICE_CHARS);
            // one char more than the slice: its last char may start a surrogate pair
            ensure((sliceEnd - i + 1) * MAX_BYTES_PER_CHAR);
            i = encodeSlice(text, i, sliceEnd, to, escaping);
        }
    }

    /**
     * Encodes chars from {@code from} to {@code sliceEnd} (or one more, the second half of a pair that starts at
     * its end, which may reach up to {@code to}) into room already there, and returns where it stopped.
     */
    private int encodeSlice(String text, int from, int sliceEnd, int to, boolean escaping) {
        final byte[] out = bytes;
        int at = size;
        int i = from;
        for (; i < sliceEnd; i++) {
            final char c = text.charAt(i);
            if (c < 0x80) {
                if (escaping && JsonStrings.escaped(c)) {
                    at = escape(out, at, c);
                } else {
                    out[at++] = (byte) c;
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                out[at++] = (byte) (0xE0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                final int code = Character.toCodePoint(c, text.charAt(++i));
                out[at++] = (byte) (0xF0 | code >> 18);
                out[at++] = (byte) (0x80 | code >> 12 & 0x3F);
                out[at++] = (byte) (0x80 | code >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | code & 0x3F);
            } else {
                // a lone surrogate has no UTF-8 form: '?', as String.getBytes writes it (the reader rejects them)
                out[at++] = '?';
            }
        }
        size = at;
        return i;
    }

    private static int escape(byte[] out, int at, char c) {
        out[at++] = '\\';
        switch (c) {
            case '"' -> out[at++] = '"';
            case '\\' -> out[at++] = '\\';
            case '\b' -> out[at++] = 'b';
            case '\t' -> out[at++] = 't';
            case '\n' -> out[at++] = 'n';
            case '\f' -> out[at++] = 'f';
            case '\r' -> out[at++] = 'r';
            default -> {
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[c >> 4];
                out[at++] = HEX[c & 0xF];
            }
        }
        return at;
    }

    private void ensure(int more) {
        if (bytes.length - size < more) {
            grow(more);
        }
    }

    private void grow(int more) {
        final long needed = (long) size + more;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a JSON document of more than 2 GiB");
        }
        bytes = Arrays.copyOf(bytes, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, bytes.length * 2L)));
    }
}
