package io.experienceledger.journal;

import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.TenantId;
import io.experienceledger.store.internal.AsciiStrings;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The bytes of one entry's payload in a heap array, read front to back by the payload decoders. Every entry is
 * copied out of the journal once, for its checksum ({@link EntryChecksum}); decoding reads that copy with plain
 * array accesses, and strings are made straight from it. Positions ({@link #readPosition()}) are those of the
 * journal bytes the copy came from, so a {@link CorruptEntryException} names the same offset whichever way the
 * entry was read. Callers check lengths with {@link #readRemaining()} before reading ({@link PayloadFields}).
 * Not thread-safe: one per reader.
 */
final class EntryInput {
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final int MAX_CACHED_CHARS = 1 << 16;

    private byte[] bytes = new byte[0];
    private int position;
    private int limit;
    private long base;
    private char[] chars = new char[256];
    private final byte[] hex = new byte[64];
    /** The tenant and correlation last made here: consecutive entries a reader decodes often share them. */
    private final RecentId<TenantId> tenants = new RecentId<>(TenantId::new);
    private final RecentId<CorrelationId> correlations = new RecentId<>(CorrelationId::new);

    /** Input over {@code bytes[0, length)}, position 0 being offset 0. */
    static EntryInput of(byte[] bytes) {
        return new EntryInput().wrap(bytes, 0, bytes.length, 0);
    }

    /**
     * Reads {@code bytes[from, to)}; {@code bytes[0]} was at {@code base} in the journal, so the first byte read
     * is at position {@code base + from}.
     */
    EntryInput wrap(byte[] bytes, int from, int to, long base) {
        if (from < 0 || from > to || to > bytes.length) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside " + bytes.length + " bytes");
        }
        this.bytes = bytes;
        this.position = from;
        this.limit = to;
        this.base = base;
        return this;
    }

    /**
     * Reads the payload of the entry whose bytes, from its first, {@code entry} holds and whose parsed header is
     * {@code header}; positions are the header's.
     */
    EntryInput wrapPayload(byte[] entry, EntryHeader header) {
        final long start = header.start();
        return wrap(entry, (int) (header.payloadStart() - start), (int) (header.end() - start), start);
    }

    /** The journal position of the next byte. */
    long readPosition() {
        return base + position;
    }

    /** The bytes left before the end of the payload. */
    int readRemaining() {
        return limit - position;
    }

    int readUnsignedByte() {
        return bytes[position++] & 0xFF;
    }

    float readFloat() {
        final float value = (float) FLOAT.get(bytes, position);
        position += Float.BYTES;
        return value;
    }

    double readDouble() {
        final double value = (double) DOUBLE.get(bytes, position);
        position += Double.BYTES;
        return value;
    }

    /** The array the payload is in: the next byte is {@code array()[arrayPosition()]}. */
    byte[] array() {
        return bytes;
    }

    int arrayPosition() {
        return position;
    }

    /** Moves past {@code count} bytes the caller read from {@link #array()} itself. */
    void skip(int count) {
        position += count;
    }

    /**
     * The text of a header field of this entry as a string: made from this copy when it holds the field's bytes
     * and they are ASCII (ids and timestamps are), else by the view itself.
     */
    String text(TextView view) {
        final long at = view.offset() - base;
        final int length = view.byteLength();
        if (at >= 0 && at + length <= limit) {
            final String ascii = AsciiStrings.ofAscii(bytes, (int) at, length);
            if (ascii != null) {
                return ascii;
            }
        }
        return view.toString();
    }

    /** The tenant of a header field of this entry: the one made last when its bytes are the same. */
    TenantId tenant(TextView view) {
        return tenants.of(this, view);
    }

    /** The correlation id of a header field of this entry: the one made last when its bytes are the same. */
    CorrelationId correlation(TextView view) {
        return correlations.of(this, view);
    }

    /**
     * The id made last from a header field, kept with the bytes of its ASCII text (the string's own, not a copy) so
     * that an entry with the same bytes gets the same immutable id without a new string. Text that is not ASCII is
     * never kept: its string's bytes are not its UTF-8 bytes.
     */
    private static final class RecentId<T> {
        private final Function<String, T> make;
        private T last;
        private byte[] lastBytes;

        RecentId(Function<String, T> make) {
            this.make = make;
        }

        T of(EntryInput in, TextView view) {
            final long at = view.offset() - in.base;
            final int length = view.byteLength();
            final boolean inCopy = at >= 0 && at + length <= in.limit;
            if (inCopy && lastBytes != null && Arrays.equals(in.bytes, (int) at, (int) at + length, lastBytes, 0,
                    lastBytes.length)) {
                return last;
            }
            final String value = in.text(view);
            final T made = make.apply(value);
            final byte[] latin1 = inCopy && value.length() == length ? Latin1Strings.bytesOf(value) : null;
            last = latin1 == null ? null : made;
            lastBytes = latin1;
            return made;
        }
    }

    /** A char buffer of at least {@code size} chars for decoding text; kept if not larger than 64 Ki chars. */
    char[] chars(int size) {
        if (size <= chars.length) {
            return chars;
        }
        final char[] larger = new char[Math.max(size, 2 * chars.length)];
        if (larger.length <= MAX_CACHED_CHARS) {
            chars = larger;
        }
        return larger;
    }

    /** A 64-byte buffer for the hex digits of a content hash. */
    byte[] hexDigits() {
        return hex;
    }
}
