package io.experienceledger.journal;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * A reusable {@link CharSequence} over UTF-8 text inside a journal entry, decoded lazily on first use into a
 * buffer it keeps, so that matching headers allocates nothing. Valid until the entry is unwrapped.
 */
final class TextView implements CharSequence {
    private final StringBuilder chars = new StringBuilder(64);
    private BytesStore<?, ?> bytes;
    private long offset;
    private int length;
    private boolean decoded;

    /** Points this view at {@code length} UTF-8 bytes at absolute {@code offset} of {@code bytes}. */
    TextView wrap(BytesStore<?, ?> bytes, long offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.decoded = false;
        return this;
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
        return decoded().length();
    }

    @Override
    public char charAt(int index) {
        return decoded().charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return decoded().subSequence(start, end);
    }

    @Override
    public String toString() {
        return decoded().toString();
    }
}
