package io.experienceledger.index;

import java.nio.charset.StandardCharsets;

/**
 * Hashes typed index keys to 64 bits with xxHash64 (seed 0), fed byte by byte without allocation.
 *
 * <p>A key is hashed as the bytes of its typed encoding:
 * <pre>
 *   TENANT_KIND  0x01, string(tenant or absent), int32(kind code)
 *   KIND         0x02, int32(kind code)
 *   CORRELATION  0x03, string(correlation id)
 *   TRACE        0x04, string(trace link id)
 *
 *   string  = int32 little-endian UTF-8 byte length, then the UTF-8 bytes
 *   absent  = int32 -1 (no bytes follow)
 *   int32   = 4 bytes little-endian
 * </pre>
 * The type byte and the length prefix keep keys of different types and different splits apart, so only a
 * genuine 64-bit collision can make two keys share postings. A collision only adds candidates: the journal
 * re-checks every candidate with the query matcher, so no answer is ever lost or wrong because of one.
 *
 * <p>Characters are encoded as {@link String#getBytes} with UTF-8 does (an unpaired surrogate becomes
 * {@code '?'}), so a {@link CharSequence} and its UTF-8 bytes hash the same. One instance holds the running
 * state of one hash: confine each instance to one thread.
 */
final class KeyHasher {
    static final byte TYPE_TENANT_KIND = 0x01;
    static final byte TYPE_KIND = 0x02;
    static final byte TYPE_CORRELATION = 0x03;
    static final byte TYPE_TRACE = 0x04;

    private static final long PRIME_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME_3 = 0x165667B19E3779F9L;
    private static final long PRIME_4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME_5 = 0x27D4EB2F165667C5L;
    private static final int ABSENT = -1;

    private long acc1;
    private long acc2;
    private long acc3;
    private long acc4;
    private final long[] lanes = new long[4];
    private int laneCount;
    private long pending;
    private int pendingBytes;
    private long totalLength;

    /** The hash of {@code TENANT_KIND(tenant, kindCode)}; a null tenant is the absent tenant. */
    long tenantKind(CharSequence tenantOrNull, int kindCode) {
        begin(TYPE_TENANT_KIND);
        string(tenantOrNull);
        int32(kindCode);
        return finish();
    }

    /** The hash of {@code KIND(kindCode)}. */
    long kind(int kindCode) {
        begin(TYPE_KIND);
        int32(kindCode);
        return finish();
    }

    /** The hash of {@code CORRELATION(id)}. */
    long correlation(CharSequence id) {
        begin(TYPE_CORRELATION);
        string(id);
        return finish();
    }

    /** The hash of {@code TRACE(id)}. */
    long trace(CharSequence id) {
        begin(TYPE_TRACE);
        string(id);
        return finish();
    }

    /** The hash of a key of {@code type} whose only field is the string given as UTF-8 bytes. */
    long stringKey(byte type, byte[] utf8, int offset, int length) {
        begin(type);
        int32(length);
        for (int i = 0; i < length; i++) {
            update(utf8[offset + i]);
        }
        return finish();
    }

    /** xxHash64 with seed 0 of a whole byte range; the reference the streaming form is tested against. */
    static long xxHash64(byte[] bytes, int offset, int length) {
        final KeyHasher hasher = new KeyHasher();
        hasher.reset();
        for (int i = 0; i < length; i++) {
            hasher.update(bytes[offset + i]);
        }
        return hasher.finish();
    }

    /** xxHash64 with seed 0 of the UTF-8 bytes of {@code text}. */
    static long xxHash64(String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return xxHash64(bytes, 0, bytes.length);
    }

    private void begin(byte type) {
        reset();
        update(type);
    }

    private void reset() {
        acc1 = PRIME_1 + PRIME_2;
        acc2 = PRIME_2;
        acc3 = 0;
        acc4 = -PRIME_1;
        laneCount = 0;
        pending = 0;
        pendingBytes = 0;
        totalLength = 0;
    }

    private void string(CharSequence value) {
        if (value == null) {
            int32(ABSENT);
            return;
        }
        int32(utf8Length(value));
        final int length = value.length();
        for (int i = 0; i < length; i++) {
            final char c = value.charAt(i);
            if (c < 0x80) {
                update(c);
            } else if (c < 0x800) {
                update(0xC0 | (c >>> 6));
                update(0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                i += surrogate(value, i, c);
            } else {
                update(0xE0 | (c >>> 12));
                update(0x80 | ((c >>> 6) & 0x3F));
                update(0x80 | (c & 0x3F));
            }
        }
    }

    /** Feeds the code point starting with surrogate {@code c} at {@code i}; returns how many extra chars it took. */
    private int surrogate(CharSequence value, int i, char c) {
        if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            final int codePoint = Character.toCodePoint(c, value.charAt(i + 1));
            update(0xF0 | (codePoint >>> 18));
            update(0x80 | ((codePoint >>> 12) & 0x3F));
            update(0x80 | ((codePoint >>> 6) & 0x3F));
            update(0x80 | (codePoint & 0x3F));
            return 1;
        }
        update('?');
        return 0;
    }

    /** The UTF-8 byte length of {@code value}, counting an unpaired surrogate as one byte ({@code '?'}). */
    static int utf8Length(CharSequence value) {
        final int length = value.length();
        int bytes = 0;
        for (int i = 0; i < length; i++) {
            final char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (!Character.isSurrogate(c)) {
                bytes += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 1;
            }
        }
        return bytes;
    }

    private void int32(int value) {
        update(value);
        update(value >>> 8);
        update(value >>> 16);
        update(value >>> 24);
    }

    private void update(int b) {
        pending |= (b & 0xFFL) << (pendingBytes << 3);
        totalLength++;
        if (++pendingBytes == 8) {
            lanes[laneCount] = pending;
            pending = 0;
            pendingBytes = 0;
            if (++laneCount == 4) {
                stripe();
            }
        }
    }

    private void stripe() {
        acc1 = round(acc1, lanes[0]);
        acc2 = round(acc2, lanes[1]);
        acc3 = round(acc3, lanes[2]);
        acc4 = round(acc4, lanes[3]);
        laneCount = 0;
    }

    private long finish() {
        long hash;
        if (totalLength >= 32) {
            hash = Long.rotateLeft(acc1, 1) + Long.rotateLeft(acc2, 7) + Long.rotateLeft(acc3, 12)
                + Long.rotateLeft(acc4, 18);
            hash = mergeRound(hash, acc1);
            hash = mergeRound(hash, acc2);
            hash = mergeRound(hash, acc3);
            hash = mergeRound(hash, acc4);
        } else {
            hash = PRIME_5;
        }
        hash += totalLength;
        for (int i = 0; i < laneCount; i++) {
            hash ^= round(0, lanes[i]);
            hash = Long.rotateLeft(hash, 27) * PRIME_1 + PRIME_4;
        }
        long rest = pending;
        int restBytes = pendingBytes;
        if (restBytes >= 4) {
            hash ^= (rest & 0xFFFF_FFFFL) * PRIME_1;
            hash = Long.rotateLeft(hash, 23) * PRIME_2 + PRIME_3;
            rest >>>= 32;
            restBytes -= 4;
        }
        for (int i = 0; i < restBytes; i++) {
            hash ^= (rest & 0xFF) * PRIME_5;
            hash = Long.rotateLeft(hash, 11) * PRIME_1;
            rest >>>= 8;
        }
        return avalanche(hash);
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
