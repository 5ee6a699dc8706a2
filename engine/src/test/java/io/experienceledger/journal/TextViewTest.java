package io.experienceledger.journal;

import java.nio.charset.StandardCharsets;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A view reads the same chars whether its text is ASCII (read in place) or not (decoded), and whether it reads
 * through the store or straight from the memory address an entry header gives it.
 */
class TextViewTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "t", "tenant-3", "tenant-acme", "run-2026-11-28-0001-abcdefgh", "café", "tenant-é",
            "日本語テナント", "emoji-\uD83D\uDE00-id", "ascii-then-ünïcode-after-eight"})
    void charsLengthAndTextMatchTheString(String text) {
        check(text, false);
        check(text, true);
    }

    private static void check(String text, boolean byAddress) {
        final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        final Bytes<?> bytes = Bytes.allocateElasticDirect(64);
        try {
            bytes.write("xyz".getBytes(StandardCharsets.US_ASCII)).write(utf8).write("xyz".getBytes(StandardCharsets.US_ASCII));
            final BytesStore<?, ?> store = bytes.bytesStore();
            final TextView view = new TextView().wrap(store, 3, utf8.length,
                    byAddress ? store.addressForRead(3) : 0);
            assertEquals(text.length(), view.length());
            for (int i = 0; i < text.length(); i++) {
                assertEquals(text.charAt(i), view.charAt(i), "char " + i);
            }
            assertEquals(text, view.toString());
            assertTrue(text.contentEquals(view));
            assertFalse((text + "x").contentEquals(view));
            assertThrows(IndexOutOfBoundsException.class, () -> view.charAt(text.length()));
            assertTrue(view.bytesEqual(utf8));
            assertFalse(view.bytesEqual((text + "x").getBytes(StandardCharsets.UTF_8)));
            for (int i = 0; i < utf8.length; i++) {
                final byte[] changed = utf8.clone();
                changed[i] ^= 0x01;
                assertFalse(view.bytesEqual(changed), "byte " + i + " changed");
            }
            if (utf8.length > 0) {
                assertFalse(view.bytesEqual(java.util.Arrays.copyOf(utf8, utf8.length - 1)));
            }
        } finally {
            bytes.releaseLast();
        }
    }
}
