package io.experienceledger.journal;

import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.RandomModel;
import io.experienceledger.model.UserExperienceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged payloads: every truncation and trailing garbage is reported as {@link CorruptEntryException}; a
 * random byte flip either decodes to a value that re-encodes to exactly the damaged bytes, or is reported as
 * corrupt; nothing else is ever thrown and nothing hangs or allocates from a bogus length.
 */
class PayloadCorruptionTest {
    private static final int MAX_SAMPLE_BYTES = 2_000;

    @Test
    void everyTruncationOfEveryEngineKindIsCorrupt() {
        final long seed = 11L;
        final RandomModel random = new RandomModel(seed);
        for (ExperienceEventKind kind : ExperienceEventKind.values()) {
            for (int sample = 0; sample < 3; sample++) {
                final byte[] payload = smallPayload(random, kind);
                for (int length = 0; length < payload.length; length++) {
                    final byte[] cut = Arrays.copyOf(payload, length);
                    final CorruptEntryException e = assertThrows(CorruptEntryException.class,
                            () -> Payloads.decode(cut, kind), "seed " + seed + " " + kind + " cut at " + cut.length);
                    assertTrue(e.offset() >= 0 && e.offset() <= length, e.getMessage());
                }
            }
        }
    }

    @Test
    void everyTruncationOfEveryUserKindIsCorrupt() {
        final long seed = 12L;
        final RandomModel random = new RandomModel(seed);
        for (int variant = 0; variant < 5; variant++) {
            for (int sample = 0; sample < 3; sample++) {
                final UserExperienceEvent event = random.userEvent(variant);
                final UserEventKind kind = UserEventKind.of(event);
                final byte[] payload = Payloads.encode(event);
                for (int length = 0; length < payload.length; length++) {
                    final byte[] cut = Arrays.copyOf(payload, length);
                    assertThrows(CorruptEntryException.class, () -> Payloads.decode(cut, kind),
                            "seed " + seed + " " + kind + " cut at " + cut.length);
                }
            }
        }
    }

    @Test
    void trailingBytesAreCorrupt() {
        final RandomModel random = new RandomModel(13L);
        for (ExperienceEventKind kind : ExperienceEventKind.values()) {
            final byte[] payload = Payloads.encode(random.engineEvent(kind));
            final byte[] longer = Arrays.copyOf(payload, payload.length + 1);
            final CorruptEntryException e = assertThrows(CorruptEntryException.class,
                    () -> Payloads.decode(longer, kind), kind.name());
            assertEquals(payload.length, e.offset(), e.getMessage());
        }
    }

    @Test
    void randomByteFlipsDecodeCanonicallyOrFailAsCorrupt() {
        final long seed = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> flipBytes(seed, 30_000), "seed " + seed);
    }

    @Test
    void randomGarbageIsCorruptOrCanonical() {
        final long seed = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            final Random random = new Random(seed);
            for (int i = 0; i < 50_000; i++) {
                final byte[] garbage = new byte[random.nextInt(64)];
                random.nextBytes(garbage);
                final ExperienceEventKind kind = ExperienceEventKind.values()[random.nextInt(14)];
                assertCanonicalOrCorrupt(garbage, kind, "seed " + seed + " garbage " + i);
                final UserEventKind userKind = UserEventKind.ofCode(random.nextInt(5));
                assertCanonicalOrCorrupt(garbage, userKind, "seed " + seed + " garbage " + i);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            chain id length near 2^63      | FF FF FF FF FF FF FF FF 7F 63                  | 0 | string length
            chain id length -1             | 80 00 63                                        | 0 | string length
            chain id length 10 bytes long  | FF FF FF FF FF FF FF FF FF FF 00               | 0 | longer than 10 bytes
            chain id length overflows      | FF FF FF FF FF FF FF FF FF 01                  | 0 | longer than 64 bits
            chain id length not shortest   | 83 80 00                                        | 0 | shortest form
            overlong UTF-8                 | 02 C0 80 01 01 00 00 00 00 00 00               | 1 | invalid UTF-8 lead byte
            lone continuation byte         | 01 80 01 01 00 00 00 00 00 00                  | 1 | invalid UTF-8 lead byte
            lead byte F5                   | 04 F5 80 80 80 01 01 00 00 00 00 00 00         | 1 | invalid UTF-8 lead byte
            cut-off sequence               | 01 E2 01 01 00 00 00 00 00 00                  | 1 | cut off
            bad continuation               | 02 C3 41 01 01 00 00 00 00 00 00               | 1 | invalid UTF-8 sequence
            surrogate pair as CESU-8       | 06 ED A0 BD ED B8 80 01 01 00 00 00 00 00 00   | 4 | two 3-byte sequences
            code point above 10FFFF        | 04 F4 90 80 80 01 01 00 00 00 00 00 00         | 1 | invalid UTF-8 sequence
            unknown DecisionStep           | 01 61 03 01 00 00 00 00 00 00                  | 2 | unknown DecisionStep code 3
            boolean byte 2                 | 01 61 01 02 00 00 00 00 00 00                  | 3 | boolean byte 2
            presence byte 2                | 01 61 01 01 02 00 00 00 00 00                  | 4 | presence byte 2
            unknown StopReason tag         | 01 61 01 01 01 0D 00 00 00 00 00               | 5 | unknown StopReason tag 13
            u32 above 2^32-1               | 01 61 01 01 01 04 80 80 80 80 10 00 00 00 00 00 00 | 6 | u32 value 4294967296 out of range
            metadata count too big         | 01 61 01 01 00 00 00 00 00 FF 7F 01 61           | 9 | count 16383 does not fit
            metadata count negative        | 01 61 01 01 00 00 00 00 00 80 00                 | 9 | count 18446744073709551615
            duplicate metadata key         | 01 61 01 01 00 00 00 00 00 02 01 6B 01 76 01 6B 01 77 | 14 | duplicate map key
            """)
    void corruptOutcomeRecordedIsReportedWithItsOffset(String name, String hex, long offset, String problem) {
        final CorruptEntryException e = assertThrows(CorruptEntryException.class,
                () -> Payloads.decode(Payloads.unhex(hex), ExperienceEventKind.OutcomeRecorded), name);
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().startsWith("corrupt entry payload at offset " + offset + ": "), e.getMessage());
    }

    @Test
    void unknownTagsAndOutOfRangeValuesAreCorrupt() {
        final CorruptEntryException resource = assertThrows(CorruptEntryException.class,
                () -> Payloads.decode(Payloads.unhex("01 61 07 00 00"), ExperienceEventKind.BudgetExceeded));
        assertEquals("unknown BudgetResource tag 7", resource.problem());
        assertEquals(2, resource.offset());

        final String hypothesis = "01 61 01 62 01 63 01 64";
        final CorruptEntryException confidence = assertThrows(CorruptEntryException.class,
                () -> Payloads.decode(Payloads.unhex(hypothesis + "00 00 00 00 00 00 F8 3F 00 00 01 03"),
                        ExperienceEventKind.HypothesisResolved));
        assertEquals(8, confidence.offset(), confidence.getMessage());
        assertTrue(confidence.problem().contains("outside [0, 1]"), confidence.getMessage());
        final CorruptEntryException nan = assertThrows(CorruptEntryException.class,
                () -> Payloads.decode(Payloads.unhex(hypothesis + "00 00 00 00 00 00 F8 7F 00 00 01 03"),
                        ExperienceEventKind.HypothesisResolved));
        assertTrue(nan.problem().contains("NaN"), nan.getMessage());

        final CorruptEntryException target = assertThrows(CorruptEntryException.class,
                () -> Payloads.decode(Payloads.unhex("00 03"), UserEventKind.UserBoundaryAdjusted));
        assertEquals("unknown BoundaryTarget tag 3", target.problem());
        assertEquals(1, target.offset());
    }

    @Test
    void aHugeDeclaredCountAllocatesNothing() {
        final byte[] payload = Payloads.unhex("01 61 01 01 00 00 00 00 00 FF FF FF FF 07");
        final CorruptEntryException e = assertThrows(CorruptEntryException.class,
                () -> Payloads.decode(payload, ExperienceEventKind.OutcomeRecorded));
        assertTrue(e.problem().startsWith("count 2147483647 does not fit"), e.getMessage());
    }

    private static byte[] smallPayload(RandomModel random, ExperienceEventKind kind) {
        while (true) {
            final byte[] payload = Payloads.encode(random.engineEvent(kind));
            if (payload.length <= MAX_SAMPLE_BYTES) {
                return payload;
            }
        }
    }

    private static void flipBytes(long seed, int flips) {
        final Random random = new Random(seed);
        final RandomModel model = new RandomModel(seed);
        for (int i = 0; i < flips; i++) {
            final String where = "seed " + seed + " flip " + i;
            if (random.nextInt(4) == 0) {
                final UserExperienceEvent event = model.userEvent();
                assertCanonicalOrCorrupt(damage(Payloads.encode(event), random), UserEventKind.of(event), where);
            } else {
                final ExperienceEvent event = model.engineEvent();
                assertCanonicalOrCorrupt(damage(Payloads.encode(event), random), event.kind(), where);
            }
        }
    }

    private static byte[] damage(byte[] payload, Random random) {
        final byte[] damaged = payload.clone();
        final int bytes = 1 + random.nextInt(3);
        for (int i = 0; i < bytes && damaged.length > 0; i++) {
            damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return damaged;
    }

    private static void assertCanonicalOrCorrupt(byte[] payload, ExperienceEventKind kind, String where) {
        final ExperienceEvent decoded;
        try {
            decoded = Payloads.decode(payload, kind);
        } catch (CorruptEntryException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= payload.length, where + ": " + e.getMessage());
            return;
        }
        assertArrayEquals(payload, Payloads.encode(decoded), where + ": " + decoded);
    }

    private static void assertCanonicalOrCorrupt(byte[] payload, UserEventKind kind, String where) {
        final UserExperienceEvent decoded;
        try {
            decoded = Payloads.decode(payload, kind);
        } catch (CorruptEntryException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= payload.length, where + ": " + e.getMessage());
            return;
        }
        assertArrayEquals(payload, Payloads.encode(decoded), where + ": " + decoded);
    }
}
