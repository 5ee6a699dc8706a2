package io.experienceledger.journal;

import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesOut;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Strings in the payload: a stop-bit byte length, then the text in UTF-8.
 *
 * <p>Standard UTF-8: a surrogate pair is one 4-byte sequence. Chronicle's own {@code writeUtf8} encodes each
 * UTF-16 unit on its own (CESU-8: six bytes for an emoji) and its {@code readUtf8} interns every string it
 * reads, so neither is used. An unpaired surrogate, which valid converge text never holds but a Java string
 * can, is written as the 3-byte sequence of its code unit (generalised UTF-8, "WTF-8") so that every Java
 * string survives a round trip. Reading is strict, so that every string has exactly one encoding: overlong
 * forms, code points above U+10FFFF, broken sequences and a surrogate pair split into two 3-byte sequences
 * are corrupt.
 *
 * <p>Writing allocates nothing. Reading allocates the string and nothing else: bytes are copied into a
 * per-thread scratch buffer (which keeps at most {@value #MAX_CACHED_SCRATCH} bytes between calls).
 */
final class Utf8 {
    private static final int MAX_CACHED_SCRATCH = 1 << 16;
    private static final long MAX_STRING_BYTES = Integer.MAX_VALUE - 8;
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Utf8() {
    }

    /** Writes the byte length of {@code s} as a stop bit, then its UTF-8 bytes. */
    static void write(BytesOut<?> out, String s) {
        final int chars = s.length();
        if (chars < 0x80 && writeShortAscii(out, s, chars)) {
            return;
        }
        out.writeStopBit(encodedLength(s, chars));
        writeEncoded(out, s, chars);
    }

    /**
     * The common case in one pass: a string of fewer than 128 chars, all ASCII, has a one-byte length prefix
     * and one byte per char. Copies eight chars per write while they are ASCII; on the first non-ASCII char
     * rewinds to where it started and returns false.
     */
    private static boolean writeShortAscii(BytesOut<?> out, String s, int chars) {
        final long start = out.writePosition();
        out.writeByte((byte) chars);
        int i = 0;
        for (; i + Long.BYTES <= chars; i += Long.BYTES) {
            final char c0 = s.charAt(i);
            final char c1 = s.charAt(i + 1);
            final char c2 = s.charAt(i + 2);
            final char c3 = s.charAt(i + 3);
            final char c4 = s.charAt(i + 4);
            final char c5 = s.charAt(i + 5);
            final char c6 = s.charAt(i + 6);
            final char c7 = s.charAt(i + 7);
            if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) >= 0x80) {
                out.writePosition(start);
                return false;
            }
            final long word = c0 | (long) c1 << 8 | (long) c2 << 16 | (long) c3 << 24 | (long) c4 << 32
                    | (long) c5 << 40 | (long) c6 << 48 | (long) c7 << 56;
            out.writeLong(LITTLE_ENDIAN ? word : Long.reverseBytes(word));
        }
        for (; i < chars; i++) {
            final char c = s.charAt(i);
            if (c >= 0x80) {
                out.writePosition(start);
                return false;
            }
            out.writeByte((byte) c);
        }
        return true;
    }

    /** The number of bytes {@link #write} uses for the text of {@code s} (without the length prefix). */
    static long encodedLength(String s, int chars) {
        long length = chars;
        for (int i = 0; i < chars; i++) {
            final char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    length += 1;
                } else if (isPairAt(s, i, chars)) {
                    length += 2;
                    i++;
                } else {
                    length += 2;
                }
            }
        }
        return length;
    }

    private static boolean isPairAt(String s, int i, int chars) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < chars && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private static void writeEncoded(BytesOut<?> out, String s, int chars) {
        for (int i = 0; i < chars; i++) {
            final char c = s.charAt(i);
            if (c < 0x80) {
                out.writeByte((byte) c);
            } else if (c < 0x800) {
                out.writeByte((byte) (0xC0 | c >> 6));
                out.writeByte((byte) (0x80 | c & 0x3F));
            } else if (isPairAt(s, i, chars)) {
                final int codePoint = Character.toCodePoint(c, s.charAt(++i));
                out.writeByte((byte) (0xF0 | codePoint >> 18));
                out.writeByte((byte) (0x80 | codePoint >> 12 & 0x3F));
                out.writeByte((byte) (0x80 | codePoint >> 6 & 0x3F));
                out.writeByte((byte) (0x80 | codePoint & 0x3F));
            } else {
                out.writeByte((byte) (0xE0 | c >> 12));
                out.writeByte((byte) (0x80 | c >> 6 & 0x3F));
                out.writeByte((byte) (0x80 | c & 0x3F));
            }
        }
    }

    /** Reads a string written by {@link #write}. */
    static String read(BytesIn<?> in) {
        final long at = in.readPosition();
        final long length = PayloadFields.readStopBit(in);
        if (length < 0 || length > Math.min(in.readRemaining(), MAX_STRING_BYTES)) {
            throw new CorruptEntryException("string length " + Long.toUnsignedString(length) + " exceeds the "
                    + in.readRemaining() + " bytes left", at);
        }
        final int size = (int) length;
        final long textStart = in.readPosition();
        final Scratch scratch = SCRATCH.get();
        final byte[] bytes = scratch.bytes(size);
        in.read(bytes, 0, size);
        if (isAscii(bytes, size)) {
            return new String(bytes, 0, size, StandardCharsets.ISO_8859_1);
        }
        final char[] chars = scratch.chars(size);
        return new String(chars, 0, decode(bytes, size, chars, textStart));
    }

    /** Reads the text of a 64-digit lowercase hex string from 32 raw bytes. */
    static String readHex32(BytesIn<?> in) {
        final byte[] bytes = SCRATCH.get().bytes(96);
        in.read(bytes, 64, 32);
        for (int i = 0; i < 32; i++) {
            final int b = bytes[64 + i] & 0xFF;
            bytes[2 * i] = HEX[b >>> 4];
            bytes[2 * i + 1] = HEX[b & 0xF];
        }
        return new String(bytes, 0, 64, StandardCharsets.ISO_8859_1);
    }

    private static boolean isAscii(byte[] bytes, int size) {
        int any = 0;
        for (int i = 0; i < size; i++) {
            any |= bytes[i];
        }
        return any >= 0;
    }

    /** Decodes {@code bytes[0, size)} into {@code chars}, returning the number of chars. */
    private static int decode(byte[] bytes, int size, char[] chars, long textStart) {
        int n = 0;
        int i = 0;
        while (i < size) {
            final int b0 = bytes[i] & 0xFF;
            if (b0 < 0x80) {
                chars[n++] = (char) b0;
                i++;
            } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                final int b1 = continuation(bytes, size, i, 1, 0x80, 0xBF, textStart);
                chars[n++] = (char) ((b0 & 0x1F) << 6 | b1 & 0x3F);
                i += 2;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                final int b1 = continuation(bytes, size, i, 1, b0 == 0xE0 ? 0xA0 : 0x80, 0xBF, textStart);
                final int b2 = continuation(bytes, size, i, 2, 0x80, 0xBF, textStart);
                final char c = (char) ((b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | b2 & 0x3F);
                if (Character.isLowSurrogate(c) && n > 0 && Character.isHighSurrogate(chars[n - 1])) {
                    throw new CorruptEntryException("surrogate pair encoded as two 3-byte sequences", textStart + i);
                }
                chars[n++] = c;
                i += 3;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                final int b1 = continuation(bytes, size, i, 1, b0 == 0xF0 ? 0x90 : 0x80, b0 == 0xF4 ? 0x8F : 0xBF,
                        textStart);
                final int b2 = continuation(bytes, size, i, 2, 0x80, 0xBF, textStart);
                final int b3 = continuation(bytes, size, i, 3, 0x80, 0xBF, textStart);
                final int codePoint = (b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | b3 & 0x3F;
                chars[n++] = Character.highSurrogate(codePoint);
                chars[n++] = Character.lowSurrogate(codePoint);
                i += 4;
            } else {
                throw new CorruptEntryException("invalid UTF-8 lead byte 0x" + Integer.toHexString(b0),
                        textStart + i);
            }
        }
        return n;
    }

    private static int continuation(byte[] bytes, int size, int lead, int index, int min, int max, long textStart) {
        if (lead + index >= size) {
            throw new CorruptEntryException("UTF-8 sequence cut off by the end of the string", textStart + lead);
        }
        final int b = bytes[lead + index] & 0xFF;
        if (b < min || b > max) {
            throw new CorruptEntryException("invalid UTF-8 sequence", textStart + lead);
        }
        return b;
    }

    /** Per-thread buffers for decoding; large requests get one-off arrays so a huge string is not retained. */
    private static final class Scratch {
        private byte[] bytes = new byte[256];
        private char[] chars = new char[256];

        byte[] bytes(int size) {
            if (size <= bytes.length) {
                return bytes;
            }
            final byte[] larger = new byte[Math.max(size, 2 * bytes.length)];
            if (larger.length <= MAX_CACHED_SCRATCH) {
                bytes = larger;
            }
            return larger;
        }

        char[] chars(int size) {
            if (size <= chars.length) {
                return chars;
            }
            final char[] larger = new char[Math.max(size, 2 * chars.length)];
            if (larger.length <= MAX_CACHED_SCRATCH) {
                chars = larger;
            }
            return larger;
        }
    }
}
