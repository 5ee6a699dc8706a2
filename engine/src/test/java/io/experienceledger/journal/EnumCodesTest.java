package io.experienceledger.journal;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Pinned enum code tables: codes come from the table, not from declaration order. */
class EnumCodesTest {
    /** Declared in the opposite order of its codes. */
    private enum Backwards {
        Third, Second, First
    }

    private static final EnumCodes<Backwards> CODES = EnumCodes.pinned(Backwards.class,
            Backwards.First, Backwards.Second, Backwards.Third);

    @Test
    void codesComeFromTheTableNotTheOrdinal() {
        assertEquals(0, CODES.code(Backwards.First));
        assertEquals(2, CODES.code(Backwards.Third));
        final Bytes<byte[]> out = Bytes.allocateElasticOnHeap(4);
        CODES.write(out, Backwards.Third);
        CODES.write(out, Backwards.First);
        assertEquals("02 00", Payloads.hex(out.toByteArray()));
        final EntryInput in = EntryInput.of(out.toByteArray());
        assertEquals(Backwards.Third, CODES.read(in));
        assertEquals(Backwards.First, CODES.read(in));
    }

    @Test
    void unknownCodesAreCorrupt() {
        final EntryInput in = EntryInput.of(new byte[] {3});
        final CorruptEntryException e = assertThrows(CorruptEntryException.class, () -> CODES.read(in));
        assertEquals("unknown Backwards code 3", e.problem());
    }

    @Test
    void tablesMustListEveryConstantOnce() {
        assertThrows(IllegalArgumentException.class,
                () -> EnumCodes.pinned(Backwards.class, Backwards.First, Backwards.Second));
        assertThrows(IllegalArgumentException.class,
                () -> EnumCodes.pinned(Backwards.class, Backwards.First, Backwards.First, Backwards.Third));
    }
}
