package io.experienceledger.journal;

import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.internal.AsciiStrings;
import io.experienceledger.store.internal.EnvelopeValidator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * <p>Writing allocates nothing. Reading allocates the string and nothing else: ASCII text (the usual case) is
 * made straight from the entry's bytes, other text is decoded through the reader's char buffer
 * ({@link EntryInput}).
 */
final class Utf8 {
    private static final long MAX_STRING_BYTES = Integer.MAX_VALUE - 8;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /** The high bit of each byte of a word: set in a word that holds a byte from 0x80 up. */
    private static final long NON_ASCII = 0x8080_8080_8080_8080L;
    /** Texts up to this many bytes are copied word by word, longer ones with {@code arraycopy}. */
    private static final int SHORT_TEXT = 64;
    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.BIG_ENDIAN);
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);

    private Utf8() {
    }

    /** Writes the byte length of {@code s} as a stop bit, then its UTF-8 bytes. */
    static void write(EntryBuffer out, String s) {
        final byte[] latin1 = Latin1Strings.bytesOf(s);
        if (latin1 != null) {
            writeLatin1(out, latin1);
        } else {
            writeChars(out, s);
        }
    }

    /**
     * Writes an identifier as {@link #write} does and checks it against converge's identifier rule from the bytes
     * it copies: true when it surely passes (1 to 256 chars, each ASCII {@code A-Z a-z 0-9 - _ .}), false when it
     * may not (the caller then finds the violation, if any, with {@link EnvelopeValidator#violationOf}).
     */
    static boolean writeIdentifier(EntryBuffer out, String s) {
        final byte[] latin1 = Latin1Strings.bytesOf(s);
        if (latin1 == null) {
            writeChars(out, s);
            return false;
        }
        writeLatin1(out, latin1);
        return EnvelopeValidator.isValidIdentifier(latin1);
    }

    /**
     * Writes a string held as Latin-1 bytes (one per char). When all are ASCII they are the UTF-8 text: they are
     * copied and checked in the same pass, eight at a time. Otherwise each byte from 0x80 up becomes two bytes.
     */
    static void writeLatin1(EntryBuffer out, byte[] text) {
        final int chars = text.length;
        final int at = out.reserve(textRoom(chars));
        final byte[] dst = out.array();
        final int p = EntryBuffer.putStopBit(dst, at, chars);
        if (copyIfAscii(text, chars, dst, p)) {
            out.advance(p + chars);
            return;
        }
        final int high = countHigh(text);
        final int start = out.reserve(textRoom(chars + (long) high));
        final byte[] wide = out.array();
        int q = EntryBuffer.putStopBit(wide, start, chars + high);
        for (int i = 0; i < chars; i++) {
            final byte b = text[i];
            if (b >= 0) {
                wide[q++] = b;
            } else {
                wide[q++] = (byte) (0xC0 | (b & 0xFF) >>> 6);
                wide[q++] = (byte) (0x80 | b & 0x3F);
            }
        }
        out.advance(q);
    }

    /**
     * Copies {@code text[0, chars)} to {@code dst} at {@code p} (which has room) and returns whether it is all
     * ASCII. Short texts are read and written a word at a time, the last word overlapping the one before; long
     * ones are checked, then copied with {@code arraycopy}.
     */
    private static boolean copyIfAscii(byte[] text, int chars, byte[] dst, int p) {
        if (chars < Long.BYTES) {
            int any = 0;
            for (int i = 0; i < chars; i++) {
                final byte b = text[i];
                any |= b;
                dst[p + i] = b;
            }
            return any >= 0;
        }
        if (chars > SHORT_TEXT) {
            if (!isAscii(text, chars)) {
                return false;
            }
            System.arraycopy(text, 0, dst, p, chars);
            return true;
        }
        long any = 0;
        for (int i = 0; i < chars - Long.BYTES; i += Long.BYTES) {
            final long word = (long) LONG.get(text, i);
            any |= word;
            LONG.set(dst, p + i, word);
        }
        final long last = (long) LONG.get(text, chars - Long.BYTES);
        LONG.set(dst, p + chars - Long.BYTES, last);
        return ((any | last) & NON_ASCII) == 0;
    }

    /**
     * Writes any string char by char: its UTF-8 length first (which shows whether it is ASCII), then the text,
     * copied with one narrowing copy when it is ASCII.
     */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) keeps the low byte of each char: exact for ASCII
    static void writeChars(EntryBuffer out, String s) {
        final int chars = s.length();
        final long length = encodedLength(s, chars);
        final int at = out.reserve(textRoom(length));
        final byte[] dst = out.array();
        final int p = EntryBuffer.putStopBit(dst, at, length);
        if (length == chars) {
            s.getBytes(0, chars, dst, p);
            out.advance(p + chars);
        } else {
            out.advance(writeEncoded(dst, p, s, chars));
        }
    }

    /** The room a text of {@code length} bytes takes with its length prefix. */
    private static int textRoom(long length) {
        if (length > MAX_STRING_BYTES) {
            throw ExperienceStoreException.invalidQuery("a string of the envelope encodes to " + length
                    + " bytes, more than " + MAX_STRING_BYTES);
        }
        return (int) length + PayloadFields.stopBitLength(length);
    }

    /** True when {@code text[0, length)} holds only bytes below 0x80. */
    static boolean isAscii(byte[] text, int length) {
        long any = 0;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            any |= (long) LONG.get(text, i);
        }
        for (; i < length; i++) {
            any |= text[i];
        }
        return (any & NON_ASCII) == 0;
    }

    private static int countHigh(byte[] text) {
        int high = 0;
        for (final byte b : text) {
            high += b >>> 31 & 1;
        }
        return high;
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

    /** Stores the UTF-8 of {@code s} at {@code p} of {@code dst} (with room for it); returns the end. */
    private static int writeEncoded(byte[] dst, int p, String s, int chars) {
        for (int i = 0; i < chars; i++) {
            final char c = s.charAt(i);
            if (c < 0x80) {
                dst[p++] = (byte) c;
            } else if (c < 0x800) {
                dst[p++] = (byte) (0xC0 | c >> 6);
                dst[p++] = (byte) (0x80 | c & 0x3F);
            } else if (isPairAt(s, i, chars)) {
                final int codePoint = Character.toCodePoint(c, s.charAt(++i));
                dst[p++] = (byte) (0xF0 | codePoint >> 18);
                dst[p++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                dst[p++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                dst[p++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                dst[p++] = (byte) (0xE0 | c >> 12);
                dst[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                dst[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return p;
    }

    /** Reads a string written by {@link #write}, straight from the entry's bytes. */
    static String read(EntryInput in) {
        final long at = in.readPosition();
        final long length = PayloadFields.readStopBit(in);
        if (length < 0 || length > Math.min(in.readRemaining(), MAX_STRING_BYTES)) {
            throw new CorruptEntryException("string length " + Long.toUnsignedString(length) + " exceeds the "
                    + in.readRemaining() + " bytes left", at);
        }
        final int size = (int) length;
        final long textStart = in.readPosition();
        final byte[] bytes = in.array();
        final int from = in.arrayPosition();
        in.skip(size);
        final String ascii = AsciiStrings.ofAscii(bytes, from, size);
        if (ascii != null) {
            return ascii;
        }
        final char[] chars = in.chars(size);
        return new String(chars, 0, decode(bytes, from, size, chars, textStart));
    }

    /** Reads the text of a 64-digit lowercase hex string from 32 raw bytes. */
    static String readHex32(EntryInput in) {
        final byte[] bytes = in.array();
        final int from = in.arrayPosition();
        in.skip(32);
        final byte[] digits = in.hexDigits();
        for (int i = 0; i < 8; i++) {
            BIG_ENDIAN_LONG.set(digits, 8 * i, hexDigits((int) BIG_ENDIAN_INT.get(bytes, from + 4 * i)));
        }
        return new String(digits, 0, 64, StandardCharsets.ISO_8859_1);
    }

    /**
     * The eight lowercase hex digits of four bytes (the first in the high byte of {@code word}), as ASCII bytes
     * in a word, the first digit in its high byte: each nibble is spread into a byte of its own, then turned into
     * '0'-'9' or 'a'-'f' in all eight bytes at once.
     */
    static long hexDigits(int word) {
        long x = word & 0xFFFF_FFFFL;
        x = (x & 0xFFFF_0000L) << 16 | x & 0xFFFFL;
        x = (x & 0x0000_FF00_0000_FF00L) << 8 | x & 0x0000_00FF_0000_00FFL;
        x = (x & 0x00F0_00F0_00F0_00F0L) << 4 | x & 0x000F_000F_000F_000FL;
        // a nibble from 10 up carries into bit 4 of its byte when 6 is added: those bytes get 'a' - '0' - 10 more
        final long letters = (x + 0x0606_0606_0606_0606L) >>> 4 & 0x0101_0101_0101_0101L;
        return x + 0x3030_3030_3030_3030L + letters * ('a' - '0' - 10);
    }

    /** Decodes {@code bytes[from, from + size)} into {@code chars}, returning the number of chars. */
    private static int decode(byte[] bytes, int from, int size, char[] chars, long textStart) {
        int n = 0;
        int i = 0;
        while (i < size) {
            final int b0 = bytes[from + i] & 0xFF;
            if (b0 < 0x80) {
                chars[n++] = (char) b0;
                i++;
            } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                final int b1 = continuation(bytes, from, size, i, 1, 0x80, 0xBF, textStart);
                chars[n++] = (char) ((b0 & 0x1F) << 6 | b1 & 0x3F);
                i += 2;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                final int b1 = continuation(bytes, from, size, i, 1, b0 == 0xE0 ? 0xA0 : 0x80, 0xBF, textStart);
                final int b2 = continuation(bytes, from, size, i, 2, 0x80, 0xBF, textStart);
                final char c = (char) ((b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | b2 & 0x3F);
                if (Character.isLowSurrogate(c) && n > 0 && Character.isHighSurrogate(chars[n - 1])) {
                    throw new CorruptEntryException("surrogate pair encoded as two 3-byte sequences", textStart + i);
                }
                chars[n++] = c;
                i += 3;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                final int b1 = continuation(bytes, from, size, i, 1, b0 == 0xF0 ? 0x90 : 0x80,
                        b0 == 0xF4 ? 0x8F : 0xBF, textStart);
                final int b2 = continuation(bytes, from, size, i, 2, 0x80, 0xBF, textStart);
                final int b3 = continuation(bytes, from, size, i, 3, 0x80, 0xBF, textStart);
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

    private static int continuation(byte[] bytes, int from, int size, int lead, int index, int min, int max,
                                    long textStart) {
        if (lead + index >= size) {
            throw new CorruptEntryException("UTF-8 sequence cut off by the end of the string", textStart + lead);
        }
        final int b = bytes[from + lead + index] & 0xFF;
        if (b < min || b > max) {
            throw new CorruptEntryException("invalid UTF-8 sequence", textStart + lead);
        }
        return b;
    }
}
