package io.experienceledger.journal;

import io.experienceledger.model.ContentHash;
import io.experienceledger.model.JsonValue;
import net.openhft.chronicle.bytes.BytesOut;

import java.util.List;
import java.util.function.Consumer;

/**
 * The field encodings every payload is built from (docs/format-payload.md, "Field encodings"): presence and
 * boolean bytes, stop-bit integers, little-endian IEEE floats, strings, content hashes, JSON text, counts and
 * lists. Readers check every length and count against the bytes left before using it, and throw
 * {@link CorruptEntryException} with the absolute buffer position of the bad item.
 */
final class PayloadFields {
    private static final long U32_MAX = 0xFFFF_FFFFL;
    private static final int HASH_BYTES = 32;
    private static final long MAX_COUNT = Integer.MAX_VALUE - 8;

    private PayloadFields() {
    }

    /** Reads one list element. */
    @FunctionalInterface
    interface ElementReader<T> {
        /** Reads the element at the current position. */
        T read(EntryInput in);
    }

    /** Writes one list element. */
    @FunctionalInterface
    interface ElementWriter<T> {
        /** Writes {@code value} at the current position. */
        void write(EntryBuffer out, T value);
    }

    /**
     * Runs {@code write} on a new buffer and appends what it wrote to {@code out}: the field writers for callers
     * that hold Chronicle bytes rather than an {@link EntryBuffer} (tests, tools; not the append path).
     */
    static void writeTo(BytesOut<?> out, Consumer<EntryBuffer> write) {
        final EntryBuffer buffer = new EntryBuffer(64);
        write.accept(buffer);
        buffer.copyTo(out);
    }

    static void writeUnsigned(BytesOut<?> out, long value) {
        writeTo(out, buffer -> writeUnsigned(buffer, value));
    }

    static void writeF32(BytesOut<?> out, float value) {
        writeTo(out, buffer -> writeF32(buffer, value));
    }

    static void writeF64(BytesOut<?> out, double value) {
        writeTo(out, buffer -> writeF64(buffer, value));
    }

    static void writeString(BytesOut<?> out, String value) {
        writeTo(out, buffer -> writeString(buffer, value));
    }

    /** Throws unless {@code bytes} more bytes can be read. */
    static void need(EntryInput in, long bytes) {
        if (in.readRemaining() < bytes) {
            throw new CorruptEntryException("payload ends " + (bytes - in.readRemaining()) + " byte(s) early",
                    in.readPosition());
        }
    }

    static int readUnsignedByte(EntryInput in) {
        need(in, 1);
        return in.readUnsignedByte();
    }

    static void writeBoolean(EntryBuffer out, boolean value) {
        out.writeByte((byte) (value ? PayloadCodes.TRUE : PayloadCodes.FALSE));
    }

    static boolean readBoolean(EntryInput in) {
        final long at = in.readPosition();
        final int b = readUnsignedByte(in);
        if (b > PayloadCodes.TRUE) {
            throw new CorruptEntryException("boolean byte " + b + " is neither 0 nor 1", at);
        }
        return b == PayloadCodes.TRUE;
    }

    /** Writes the presence byte of an option and returns whether the value follows. */
    static boolean writePresence(EntryBuffer out, Object valueOrNull) {
        final boolean present = valueOrNull != null;
        out.writeByte((byte) (present ? PayloadCodes.PRESENT : PayloadCodes.ABSENT));
        return present;
    }

    /** Reads the presence byte of an option: true when the value follows. */
    static boolean readPresence(EntryInput in) {
        final long at = in.readPosition();
        final int b = readUnsignedByte(in);
        if (b > PayloadCodes.PRESENT) {
            throw new CorruptEntryException("presence byte " + b + " is neither 0 nor 1", at);
        }
        return b == PayloadCodes.PRESENT;
    }

    /**
     * Reads a stop-bit encoded long in the one form {@code writeStopBit} produces: 7-bit groups, least
     * significant first, high bit set on every byte but the last; a negative value is the bitwise complement of
     * its groups, marked by a trailing {@code 0x00} after a byte with the high bit set. Overlong or overflowing
     * forms are corrupt.
     */
    static long readStopBit(EntryInput in) {
        final long at = in.readPosition();
        final int first = readUnsignedByte(in);
        if (first < 0x80) {
            // one byte, 0 to 127: the shortest form of its value (the usual case, e.g. every short string's length)
            return first;
        }
        long value = first & 0x7F;
        int shift = 7;
        for (int i = 1; ; i++) {
            final int b = readUnsignedByte(in);
            if (b < 0x80) {
                final long result;
                if (b == 0) {
                    result = ~value;
                } else if (shift > 56) {
                    throw new CorruptEntryException("stop-bit number longer than 64 bits", at);
                } else {
                    result = value | (long) b << shift;
                }
                if (stopBitLength(result) != i + 1) {
                    throw new CorruptEntryException("stop-bit number not in its shortest form", at);
                }
                return result;
            }
            if (shift == 63) {
                throw new CorruptEntryException("stop-bit number longer than 10 bytes", at);
            }
            value |= (long) (b & 0x7F) << shift;
            shift += 7;
        }
    }

    /** The number of bytes {@code writeStopBit(value)} writes. */
    static int stopBitLength(long value) {
        if (value < 0) {
            return groups(~value) + 1;
        }
        return groups(value);
    }

    private static int groups(long nonNegative) {
        return Math.max(1, (64 - Long.numberOfLeadingZeros(nonNegative) + 6) / 7);
    }

    /** Writes an unsigned u64/usize/u32 (its raw bits) as a stop bit. */
    static void writeUnsigned(EntryBuffer out, long value) {
        out.writeStopBit(value);
    }

    /** Reads an unsigned u64 or usize (any 64-bit pattern). */
    static long readUnsigned(EntryInput in) {
        return readStopBit(in);
    }

    /** Reads a u32: 0 to 4294967295. */
    static long readU32(EntryInput in) {
        final long at = in.readPosition();
        final long value = readStopBit(in);
        if (value < 0 || value > U32_MAX) {
            throw new CorruptEntryException("u32 value " + Long.toUnsignedString(value) + " out of range", at);
        }
        return value;
    }

    static void writeOptionalUnsigned(EntryBuffer out, Long value) {
        if (writePresence(out, value)) {
            out.writeStopBit(value);
        }
    }

    static Long readOptionalUnsigned(EntryInput in) {
        return readPresence(in) ? readStopBit(in) : null;
    }

    static void writeF32(EntryBuffer out, float value) {
        out.writeFloat(value);
    }

    static float readF32(EntryInput in) {
        need(in, Float.BYTES);
        return in.readFloat();
    }

    static void writeOptionalF32(EntryBuffer out, Float value) {
        if (writePresence(out, value)) {
            out.writeFloat(value);
        }
    }

    static Float readOptionalF32(EntryInput in) {
        return readPresence(in) ? readF32(in) : null;
    }

    static void writeF64(EntryBuffer out, double value) {
        out.writeDouble(value);
    }

    /** Reads a UnitInterval: an f64 in [0.0, 1.0] ({@code -0.0} included). */
    static double readUnitInterval(EntryInput in) {
        final long at = in.readPosition();
        need(in, Double.BYTES);
        final double value = in.readDouble();
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new CorruptEntryException("unit interval value " + value + " outside [0, 1]", at);
        }
        return value;
    }

    static void writeString(EntryBuffer out, String value) {
        Utf8.write(out, value);
    }

    static String readString(EntryInput in) {
        return Utf8.read(in);
    }

    static void writeOptionalString(EntryBuffer out, String value) {
        if (writePresence(out, value)) {
            Utf8.write(out, value);
        }
    }

    static String readOptionalString(EntryInput in) {
        return readPresence(in) ? Utf8.read(in) : null;
    }

    /** Writes a JSON value as its canonical text, a string. */
    static void writeJson(EntryBuffer out, JsonValue value) {
        Utf8.write(out, value.json());
    }

    static JsonValue readJson(EntryInput in) {
        return new JsonValue(Utf8.read(in));
    }

    static void writeOptionalJson(EntryBuffer out, JsonValue value) {
        if (writePresence(out, value)) {
            Utf8.write(out, value.json());
        }
    }

    static JsonValue readOptionalJson(EntryInput in) {
        return readPresence(in) ? readJson(in) : null;
    }

    /** Writes a content hash as its 32 raw bytes. */
    static void writeHash(EntryBuffer out, ContentHash hash) {
        // a ContentHash holds 64 lowercase ASCII hex digits: a table lookup each, no branch on the digit
        final String hex = hash.hex();
        for (int i = 0; i < HASH_BYTES; i++) {
            out.writeByte((byte) (HEX_VALUE[hex.charAt(2 * i)] << 4 | HEX_VALUE[hex.charAt(2 * i + 1)]));
        }
    }

    /** The value of each lowercase ASCII hex digit, indexed by the character. */
    private static final byte[] HEX_VALUE = new byte['f' + 1];

    static {
        for (int d = 0; d < 16; d++) {
            HEX_VALUE[Character.forDigit(d, 16)] = (byte) d;
        }
    }

    static ContentHash readHash(EntryInput in) {
        need(in, HASH_BYTES);
        return new ContentHash(Utf8.readHex32(in));
    }

    static void writeOptionalHash(EntryBuffer out, ContentHash hash) {
        if (writePresence(out, hash)) {
            writeHash(out, hash);
        }
    }

    static ContentHash readOptionalHash(EntryInput in) {
        return readPresence(in) ? readHash(in) : null;
    }

    /** Writes the element count of a list or map. */
    static void writeCount(EntryBuffer out, int count) {
        out.writeStopBit(count);
    }

    /**
     * Reads an element count, which must be small enough for {@code count} elements of at least
     * {@code minElementBytes} each to fit in the bytes left; so no bogus count can make a reader allocate much.
     */
    static int readCount(EntryInput in, int minElementBytes) {
        final long at = in.readPosition();
        final long count = readStopBit(in);
        if (count < 0 || count > Math.min(in.readRemaining() / minElementBytes, MAX_COUNT)) {
            throw new CorruptEntryException("count " + Long.toUnsignedString(count) + " does not fit in the "
                    + in.readRemaining() + " bytes left", at);
        }
        return (int) count;
    }

    /** Writes a list: its count, then each element. */
    static <T> void writeList(EntryBuffer out, List<T> values, ElementWriter<T> writer) {
        final int size = values.size();
        out.writeStopBit(size);
        for (int i = 0; i < size; i++) {
            writer.write(out, values.get(i));
        }
    }

    /** Reads a list written by {@link #writeList}; the result is an unmodifiable list. */
    @SuppressWarnings("unchecked")
    static <T> List<T> readList(EntryInput in, ElementReader<T> reader, int minElementBytes) {
        final int count = readCount(in, minElementBytes);
        switch (count) {
            case 0:
                return List.of();
            case 1:
                return List.of(reader.read(in));
            case 2: {
                final T first = reader.read(in);
                return List.of(first, reader.read(in));
            }
            default: {
                final Object[] items = new Object[count];
                for (int i = 0; i < count; i++) {
                    items[i] = reader.read(in);
                }
                return (List<T>) List.of(items);
            }
        }
    }

    static void writeStringList(EntryBuffer out, List<String> values) {
        final int size = values.size();
        out.writeStopBit(size);
        for (int i = 0; i < size; i++) {
            Utf8.write(out, values.get(i));
        }
    }

    static List<String> readStringList(EntryInput in) {
        return readList(in, Utf8::read, 1);
    }

    /** Reads a list of f32 (RecallTrace candidate scores) as boxed floats, the model's element type. */
    static List<Float> readF32List(EntryInput in) {
        return readList(in, PayloadFields::readF32, Float.BYTES);
    }

    static void writeF32List(EntryBuffer out, List<Float> values) {
        final int size = values.size();
        out.writeStopBit(size);
        for (int i = 0; i < size; i++) {
            out.writeFloat(values.get(i));
        }
    }
}
