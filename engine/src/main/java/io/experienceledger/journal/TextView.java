package io.experienceledger.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * A reusable {@link CharSequence} over UTF-8 text inside a journal entry, decoded lazily on first use into a
 * buffer it keeps, so that matching headers allocates nothing. Valid until the entry is unwrapped.
 *
 * <p>ASCII text, the usual case for ids, is read in place: {@link #length()} and {@link #charAt} do not decode it,
 * so comparing a filter with a header value of another length costs one pass over its bytes (decoding it char by
 * char into the buffer was half of the time of a header-only scan).
 */
final class TextView implements CharSequence {
    /** Whether the text is ASCII: not yet known, yes, no. */
    private static final int UNKNOWN = 0;
    private static final int YES = 1;
    private static final int NO = 2;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.nativeOrder());

    private final StringBuilder chars = new StringBuilder(64);
    private byte[] copy = new byte[64];
    private BytesStore<?, ?> bytes;
    /** The memory address of the text's first byte, or 0 when it is read through {@link #bytes}. */
    private long address;
    private long offset;
    private int length;
    private boolean decoded;
    private int ascii;

    /**
     * Points this view at {@code length} UTF-8 bytes at absolute {@code offset} of {@code bytes}; {@code address}
     * is their memory address when the caller checked that {@code bytes} holds them in native memory, else 0.
     */
    TextView wrap(BytesStore<?, ?> bytes, long offset, int length, long address) {
        this.bytes = bytes;
        this.address = address;
        this.offset = offset;
        this.length = length;
        this.decoded = false;
        this.ascii = UNKNOWN;
        return this;
    }

    /** Where the text's UTF-8 bytes start, in the bytes this view was wrapped over. */
    long offset() {
        return offset;
    }

    /** The number of UTF-8 bytes of the text. */
    int byteLength() {
        return length;
    }

    /** True when every byte of the text is ASCII, so that byte i is char i. */
    private boolean ascii() {
        if (ascii == UNKNOWN) {
            ascii = isAscii() ? YES : NO;
        }
        return ascii == YES;
    }

    /** True when the text's UTF-8 bytes are exactly {@code expected}: a length check, then eight bytes a read. */
    boolean bytesEqual(byte[] expected) {
        if (expected.length != length) {
            return false;
        }
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            if (longAt(i) != (long) LONGS.get(expected, i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (byteAt(i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** The eight bytes at {@code index} of the text, which the caller keeps inside it. */
    private long longAt(int index) {
        return address != 0 ? UnsafeMemory.MEMORY.readLong(address + index) : bytes.readLong(offset + index);
    }

    /** The byte at {@code index} of the text, which the caller keeps inside it. */
    private byte byteAt(int index) {
        return address != 0 ? UnsafeMemory.MEMORY.readByte(address + index) : bytes.readByte(offset + index);
    }

    private boolean isAscii() {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            if ((longAt(i) & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (byteAt(i) < 0) {
                return false;
            }
        }
        return true;
    }

    private StringBuilder decoded() {
        if (!decoded) {
            chars.setLength(0);
            decode();
            decoded = true;
        }
        return chars;
    }

    private void decode() {
        final long end = offset + length;
        long i = offset;
        while (i < end) {
            final int b0 = bytes.readUnsignedByte(i);
            if (b0 < 0x80) {
                chars.append((char) b0);
                i++;
            } else if (b0 < 0xE0) {
                chars.append((char) ((b0 & 0x1F) << 6 | bytes.readUnsignedByte(i + 1) & 0x3F));
                i += 2;
            } else if (b0 < 0xF0) {
                chars.append((char) ((b0 & 0x0F) << 12 | (bytes.readUnsignedByte(i + 1) & 0x3F) << 6
                        | bytes.readUnsignedByte(i + 2) & 0x3F));
                i += 3;
            } else {
                final int codePoint = (b0 & 0x07) << 18 | (bytes.readUnsignedByte(i + 1) & 0x3F) << 12
                        | (bytes.readUnsignedByte(i + 2) & 0x3F) << 6 | bytes.readUnsignedByte(i + 3) & 0x3F;
                chars.append(Character.highSurrogate(codePoint)).append(Character.lowSurrogate(codePoint));
                i += 4;
            }
        }
    }

    @Override
    public int length() {
        return ascii() ? length : decoded().length();
    }

    @Override
    public char charAt(int index) {
        if (ascii()) {
            return (char) byteAt(Objects.checkIndex(index, length));
        }
        return decoded().charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return decoded().subSequence(start, end);
    }

    /** The text as a string; ASCII text is copied out in one read, not decoded char by char. */
    @Override
    public String toString() {
        if (!ascii()) {
            return decoded().toString();
        }
        if (copy.length < length) {
            copy = new byte[Math.max(length, 2 * copy.length)];
        }
        bytes.read(offset, copy, 0, length);
        return new String(copy, 0, length, StandardCharsets.ISO_8859_1);
    }
}
