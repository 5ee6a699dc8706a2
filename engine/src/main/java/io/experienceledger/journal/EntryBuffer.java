package io.experienceledger.journal;

import io.experienceledger.store.ExperienceStoreException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.BiConsumer;
import net.openhft.chronicle.bytes.BytesOut;

/**
 * Bytes being encoded (an entry, or a payload on its own): a heap array that grows as needed and a write position.
 * The append path encodes into it instead of a Chronicle {@code Bytes}, whose every write re-checks limits,
 * capacity and ownership; here a write is one capacity check and an array store, and a string is a bulk copy
 * ({@link Utf8#write}). Multi-byte numbers are little-endian, as the format specifies; a float or double is its raw
 * IEEE bits, and a stop-bit number is byte for byte what Chronicle's {@code writeStopBit} writes.
 *
 * <p>Not thread-safe. Allocation-free once the array has grown to the largest encoding seen.
 */
final class EntryBuffer {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The largest array a JVM reliably allocates. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;
    /** The most bytes a stop-bit long takes: nine 7-bit groups, and a 0 byte after those of a negative. */
    private static final int MAX_STOP_BIT_BYTES = 10;

    private byte[] bytes;
    private int position;
    private BiConsumer<Object, Object> mapEntryWriter;

    EntryBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** The writer of map entries into this buffer that the payload codec keeps here, or null before its first map. */
    BiConsumer<Object, Object> mapEntryWriter() {
        return mapEntryWriter;
    }

    /** Keeps the payload codec's writer of map entries into this buffer. */
    void mapEntryWriter(BiConsumer<Object, Object> writer) {
        mapEntryWriter = writer;
    }

    /** Empties the buffer, keeping its array. */
    void clear() {
        position = 0;
    }

    /** The number of bytes written. */
    int position() {
        return position;
    }

    /** The array holding the bytes written, [0, {@link #position()}); valid until the next write. */
    byte[] array() {
        return bytes;
    }

    /**
     * Makes room for {@code count} more bytes and returns the position they go to; the caller stores them in
     * {@link #array()} and then calls {@link #advance}.
     */
    int reserve(int count) {
        final int at = position;
        if (count > bytes.length - at) {
            grow(count);
        }
        return at;
    }

    /** Moves the position to {@code to}, after the caller stored the bytes before it. */
    void advance(int to) {
        position = to;
    }

    private void grow(int count) {
        final long needed = (long) position + count;
        if (needed > MAX_CAPACITY) {
            throw ExperienceStoreException.invalidQuery("the envelope encodes to more than " + MAX_CAPACITY
                    + " bytes");
        }
        bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_CAPACITY, Math.max(needed, 2L * bytes.length)));
    }

    void writeByte(int value) {
        final int at = reserve(1);
        bytes[at] = (byte) value;
        position = at + 1;
    }

    /** Writes four little-endian bytes. */
    void writeInt(int value) {
        final int at = reserve(Integer.BYTES);
        INT.set(bytes, at, value);
        position = at + Integer.BYTES;
    }

    /** Overwrites four bytes at {@code at}, little-endian; they must have been written. */
    void writeInt(int at, int value) {
        if (at < 0 || at > position - Integer.BYTES) {
            throw new IndexOutOfBoundsException("int at " + at + " of " + position + " bytes");
        }
        INT.set(bytes, at, value);
    }

    /** Writes eight little-endian bytes. */
    void writeLong(long value) {
        final int at = reserve(Long.BYTES);
        LONG.set(bytes, at, value);
        position = at + Long.BYTES;
    }

    void writeFloat(float value) {
        writeInt(Float.floatToRawIntBits(value));
    }

    void writeDouble(double value) {
        writeLong(Double.doubleToRawLongBits(value));
    }

    /**
     * Writes {@code value} as a stop bit, as Chronicle's {@code writeStopBit(long)} does: 7-bit groups, least
     * significant first, the high bit set on all but the last byte; a negative value as the groups of its
     * complement followed by a 0 byte.
     */
    void writeStopBit(long value) {
        final int at = reserve(MAX_STOP_BIT_BYTES);
        position = putStopBit(bytes, at, value);
    }

    /** Stores {@code value} as a stop bit at {@code at} (with room for it) and returns the position after it. */
    static int putStopBit(byte[] array, int at, long value) {
        if ((value & ~0x7FL) == 0) {
            array[at] = (byte) value;
            return at + 1;
        }
        int p = at;
        long n = value < 0 ? ~value : value;
        long rest;
        while ((rest = n >>> 7) != 0) {
            array[p++] = (byte) (0x80 | n);
            n = rest;
        }
        if (value < 0) {
            array[p++] = (byte) (0x80 | n);
            array[p++] = 0;
        } else {
            array[p++] = (byte) n;
        }
        return p;
    }

    /** Writes {@code length} bytes of {@code source} from {@code offset}. */
    void write(byte[] source, int offset, int length) {
        final int at = reserve(length);
        System.arraycopy(source, offset, bytes, at, length);
        position = at + length;
    }

    /** Appends the bytes written to {@code out}. */
    void copyTo(BytesOut<?> out) {
        out.write(bytes, 0, position);
    }
}
