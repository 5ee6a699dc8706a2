package io.experienceledger.index.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Hashes typed index keys to 64 bits with xxHash64 (seed 0) over their encoding, built in a reusable scratch
 * array: no allocation once the array has grown to the longest key.
 *
 * <p>A key is hashed as the bytes of its typed encoding:
 * <pre>
 *   TENANT_KIND  0x01, string(tenant or absent), int32(kind code)
 *   KIND         0x02, int32(kind code)
 *   CORRELATION  0x03, string(correlation id)
 *   TRACE        0x04, string(trace link id)
 *
 *   string  = int32 UTF-8 byte length, then the UTF-8 bytes
 *   absent  = int32 -1 (no bytes follow)
 *   int32   = 4 bytes little-endian
 * </pre>
 * The type byte and the length prefix keep keys of different types and different splits apart, so only a
 * genuine 64-bit collision can make two keys share postings. A collision only adds candidates: the journal
 * re-checks every candidate with the query matcher, so no answer is ever lost or wrong because of one.
 *
 * <p>Characters are encoded as {@link String#getBytes} with UTF-8 does (an unpaired surrogate becomes
 * {@code '?'}), so a {@link CharSequence} and its UTF-8 bytes hash the same. One instance holds the scratch
 * array of one hash at a time: confine each instance to one thread.
 */
final class KeyHasher {
    static final byte TYPE_TENANT_KIND = 0x01;
    static final byte TYPE_KIND = 0x02;
    static final byte TYPE_CORRELATION = 0x03;
    static final byte TYPE_TRACE = 0x04;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class,
        ByteOrder.LITTLE_ENDIAN);
    private static final long PRIME_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME_3 = 0x165667B19E3779F9L;
    private static final long PRIME_4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME_5 = 0x27D4EB2F165667C5L;
    private static final int ABSENT = -1;

    private byte[] scratch = new byte[128];
    private int length;

    /** The hash of {@code TENANT_KIND(tenant, kindCode)}; a null tenant is the absent tenant. */
    long tenantKind(CharSequence tenantOrNull, int kindCode) {
        begin(TYPE_TENANT_KIND);
        string(tenantOrNull);
        int32(kindCode);
        return xxHash64(scratch, 0, length);
    }

    /** The hash of {@code KIND(kindCode)}. */
    long kind(int kindCode) {
        begin(TYPE_KIND);
        int32(kindCode);
        return xxHash64(scratch, 0, length);
    }

    /** The hash of {@code CORRELATION(id)}. */
    long correlation(CharSequence id) {
        begin(TYPE_CORRELATION);
        string(id);
        return xxHash64(scratch, 0, length);
    }

    /** The hash of {@code TRACE(id)}. */
    long trace(CharSequence id) {
        begin(TYPE_TRACE);
        string(id);
        return xxHash64(scratch, 0, length);
    }

    /** xxHash64 with seed 0 of {@code bytes[offset, offset + count)}. */
    static long xxHash64(byte[] bytes, int offset, int count) {
        final int end = offset + count;
        int at = offset;
        long hash;
        if (count >= 32) {
            long acc1 = PRIME_1 + PRIME_2;
            long acc2 = PRIME_2;
            long acc3 = 0;
            long acc4 = -PRIME_1;
            for (final int limit = end - 32; at <= limit; at += 32) {
                acc1 = round(acc1, lane(bytes, at));
                acc2 = round(acc2, lane(bytes, at + 8));
                acc3 = round(acc3, lane(bytes, at + 16));
                acc4 = round(acc4, lane(bytes, at + 24));
            }
            hash = Long.rotateLeft(acc1, 1) + Long.rotateLeft(acc2, 7) + Long.rotateLeft(acc3, 12)
                + Long.rotateLeft(acc4, 18);
            hash = mergeRound(hash, acc1);
            hash = mergeRound(hash, acc2);
            hash = mergeRound(hash, acc3);
            hash = mergeRound(hash, acc4);
        } else {
            hash = PRIME_5;
        }
        hash += count;
        for (; at + 8 <= end; at += 8) {
            hash ^= round(0, lane(bytes, at));
            hash = Long.rotateLeft(hash, 27) * PRIME_1 + PRIME_4;
        }
        if (at + 4 <= end) {
            hash ^= ((int) INTS.get(bytes, at) & 0xFFFF_FFFFL) * PRIME_1;
            hash = Long.rotateLeft(hash, 23) * PRIME_2 + PRIME_3;
            at += 4;
        }
        for (; at < end; at++) {
            hash ^= (bytes[at] & 0xFFL) * PRIME_5;
            hash = Long.rotateLeft(hash, 11) * PRIME_1;
        }
        return avalanche(hash);
    }

    private void begin(byte type) {
        length = 0;
        scratch[length++] = type;
    }

    private void string(CharSequence value) {
        if (value == null) {
            int32(ABSENT);
            return;
        }
        final int chars = value.length();
        ensure(4 + chars * 3);
        final int lengthAt = length;
        length += 4;
        for (int i = 0; i < chars; i++) {
            final char c = value.charAt(i);
            if (c < 0x80) {
                scratch[length++] = (byte) c;
            } else if (c < 0x800) {
                scratch[length++] = (byte) (0xC0 | (c >>> 6));
                scratch[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                scratch[length++] = (byte) (0xE0 | (c >>> 12));
                scratch[length++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
                scratch[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (isPair(value, i)) {
                final int codePoint = Character.toCodePoint(c, value.charAt(++i));
                scratch[length++] = (byte) (0xF0 | (codePoint >>> 18));
                scratch[length++] = (byte) (0x80 | ((codePoint >>> 12) & 0x3F));
                scratch[length++] = (byte) (0x80 | ((codePoint >>> 6) & 0x3F));
                scratch[length++] = (byte) (0x80 | (codePoint & 0x3F));
            } else {
                scratch[length++] = '?';
            }
        }
        INTS.set(scratch, lengthAt, length - lengthAt - 4);
    }

    private void int32(int value) {
        ensure(4);
        INTS.set(scratch, length, value);
        length += 4;
    }

    /** Room for {@code more} bytes; a surrogate pair takes 4 bytes for 2 chars, within the 3 a char allowed. */
    private void ensure(int more) {
        if (length + more > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, length + more));
        }
    }

    private static boolean isPair(CharSequence value, int i) {
        return Character.isHighSurrogate(value.charAt(i)) && i + 1 < value.length()
            && Character.isLowSurrogate(value.charAt(i + 1));
    }

    private static long lane(byte[] bytes, int at) {
        return (long) LONGS.get(bytes, at);
    }

    private static long round(long acc, long lane) {
        return Long.rotateLeft(acc + lane * PRIME_2, 31) * PRIME_1;
    }

    private static long mergeRound(long hash, long acc) {
        return (hash ^ round(0, acc)) * PRIME_1 + PRIME_4;
    }

    private static long avalanche(long hash) {
        long h = hash;
        h ^= h >>> 33;
        h *= PRIME_2;
        h ^= h >>> 29;
        h *= PRIME_3;
        h ^= h >>> 32;
        return h;
    }
}
