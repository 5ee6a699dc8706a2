package io.experienceledger.journal;

import net.openhft.chronicle.bytes.BytesOut;

import java.util.Arrays;

/**
 * A pinned table of one-byte codes for the constants of one enum: the code of a constant is its position in
 * the list given to {@link #pinned}, written out in the codec, never its {@code ordinal()}. Reordering or
 * renaming the Java constants therefore cannot change the payload format; adding a constant without giving
 * it a code fails when the table is built.
 *
 * @param <E> the enum
 */
final class EnumCodes<E extends Enum<E>> {
    private final String typeName;
    private final E[] byCode;
    private final byte[] codeByOrdinal;

    private EnumCodes(String typeName, E[] byCode, byte[] codeByOrdinal) {
        this.typeName = typeName;
        this.byCode = byCode;
        this.codeByOrdinal = codeByOrdinal;
    }

    /**
     * The table giving code {@code i} to {@code byCode[i]}. Every constant of {@code type} must be listed
     * exactly once.
     */
    @SafeVarargs
    static <E extends Enum<E>> EnumCodes<E> pinned(Class<E> type, E... byCode) {
        final E[] table = type.getEnumConstants(); // a fresh array, refilled in code order below
        if (byCode.length != table.length || byCode.length > 255) {
            throw new IllegalArgumentException(type.getSimpleName() + ": " + byCode.length + " codes for "
                    + table.length + " constants");
        }
        final byte[] codeByOrdinal = new byte[table.length];
        Arrays.fill(codeByOrdinal, (byte) -1);
        for (int code = 0; code < byCode.length; code++) {
            final E constant = byCode[code];
            if (codeByOrdinal[constant.ordinal()] != -1) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + constant + " listed twice");
            }
            codeByOrdinal[constant.ordinal()] = (byte) code;
            table[code] = constant;
        }
        return new EnumCodes<>(type.getSimpleName(), table, codeByOrdinal);
    }

    /** The pinned code of {@code value}. */
    int code(E value) {
        return codeByOrdinal[value.ordinal()] & 0xFF;
    }

    /** The constant with {@code code}, or null when none has it. */
    E constant(int code) {
        return code >= 0 && code < byCode.length ? byCode[code] : null;
    }

    /** Writes the code of {@code value} as one byte. */
    void write(EntryBuffer out, E value) {
        out.writeByte(codeByOrdinal[value.ordinal()]);
    }

    /** Writes the code of {@code value} as one byte into Chronicle bytes (tests, tools). */
    void write(BytesOut<?> out, E value) {
        out.writeByte(codeByOrdinal[value.ordinal()]);
    }

    /** Reads one code byte and returns its constant. */
    E read(EntryInput in) {
        final long at = in.readPosition();
        final int code = PayloadFields.readUnsignedByte(in);
        final E value = constant(code);
        if (value == null) {
            throw new CorruptEntryException("unknown " + typeName + " code " + code, at);
        }
        return value;
    }
}
