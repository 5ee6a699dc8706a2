package io.experienceledger.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The bytes behind a compact Latin-1 string. Since JDK 9 a {@code String} whose chars are all below U+0100 keeps
 * one byte per char (its "coder" is Latin-1); any other string keeps two. Reading those bytes in place lets the
 * encoder check eight chars at once and copy a string with one array copy instead of going char by char.
 *
 * <p>The fields are private to {@code java.base}: this works when {@code java.lang} is opened to this code (the
 * Chronicle JVM flags, {@code --add-opens=java.base/java.lang=ALL-UNNAMED}, do that) and only if a check at class
 * initialisation finds the layout it expects. Otherwise {@link #bytesOf} answers null for every string and callers
 * take their char-by-char path; never does a string held as UTF-16 come back as bytes.
 */
final class Latin1Strings {
    private static final byte LATIN1 = 0;
    private static final VarHandle VALUE;
    private static final VarHandle CODER;

    static {
        VarHandle value = null;
        VarHandle coder = null;
        try {
            final MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(String.class, MethodHandles.lookup());
            final VarHandle v = lookup.findVarHandle(String.class, "value", byte[].class);
            final VarHandle c = lookup.findVarHandle(String.class, "coder", byte.class);
            if (layoutAsExpected(v, c)) {
                value = v;
                coder = c;
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // not opened to us, or another layout: every string takes the char-by-char path
        }
        VALUE = value;
        CODER = coder;
    }

    private Latin1Strings() {
    }

    /** True when {@link #bytesOf} can answer (else it always answers null). */
    static boolean available() {
        return CODER != null;
    }

    /**
     * The Latin-1 bytes of {@code s}, one per char ({@code length == s.length()}), or null when {@code s} is held
     * as UTF-16 or this JVM does not let them be read. The array is the string's own: never write to it.
     */
    static byte[] bytesOf(String s) {
        if (CODER == null) {
            return null;
        }
        return (byte) CODER.get(s) == LATIN1 ? (byte[]) VALUE.get(s) : null;
    }

    /** Strings built at run time (not literals): one Latin-1, one that needs UTF-16. */
    private static boolean layoutAsExpected(VarHandle value, VarHandle coder) {
        final String latin1 = new String(new char[] {'A', '\u00ff'});
        final String utf16 = new String(new char[] {'A', '\u0100'});
        if ((byte) coder.get(latin1) != LATIN1 || (byte) coder.get(utf16) == LATIN1) {
            return false;
        }
        final byte[] bytes = (byte[]) value.get(latin1);
        final byte[] wide = (byte[]) value.get(utf16);
        return bytes.length == 2 && bytes[0] == 'A' && bytes[1] == (byte) 0xFF && wide.length == 4;
    }
}
