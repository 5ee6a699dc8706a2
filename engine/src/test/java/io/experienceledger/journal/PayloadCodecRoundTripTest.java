package io.experienceledger.journal;

import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.RandomModel;
import io.experienceledger.model.UserExperienceEvent;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** readEvent(writeEvent(e)) == e for thousands of random valid events of each side. */
class PayloadCodecRoundTripTest {
    private static final int EVENTS_PER_SEED = 2_500;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 20260428L, -7L})
    void engineEventsRoundTrip(long seed) {
        final RandomModel random = new RandomModel(seed);
        final Set<ExperienceEventKind> kinds = EnumSet.noneOf(ExperienceEventKind.class);
        for (int i = 0; i < EVENTS_PER_SEED; i++) {
            final ExperienceEvent event = random.engineEvent();
            final String where = "seed " + seed + ", event " + i + ": " + event;
            final byte[] payload = Payloads.encode(event);
            assertEquals(event, Payloads.decode(payload, event.kind()), where);
            assertArrayEquals(payload, Payloads.encode(Payloads.decode(payload, event.kind())), where);
            kinds.add(event.kind());
        }
        assertEquals(EnumSet.allOf(ExperienceEventKind.class), kinds, "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {2L, 20260429L, -8L})
    void userEventsRoundTrip(long seed) {
        final RandomModel random = new RandomModel(seed);
        final Set<UserEventKind> kinds = EnumSet.noneOf(UserEventKind.class);
        for (int i = 0; i < EVENTS_PER_SEED; i++) {
            final UserExperienceEvent event = random.userEvent();
            final UserEventKind kind = UserEventKind.of(event);
            final String where = "seed " + seed + ", event " + i + ": " + event;
            final byte[] payload = Payloads.encode(event);
            assertEquals(event, Payloads.decode(payload, kind), where);
            assertArrayEquals(payload, Payloads.encode(Payloads.decode(payload, kind)), where);
            kinds.add(kind);
        }
        assertEquals(EnumSet.allOf(UserEventKind.class), kinds, "seed " + seed);
    }

    @Test
    void directAndHeapBuffersAgree() {
        final long seed = 99L;
        final RandomModel random = new RandomModel(seed);
        for (int i = 0; i < 500; i++) {
            final ExperienceEvent event = random.engineEvent();
            final byte[] onHeap = Payloads.encode(event);
            assertArrayEquals(onHeap, Payloads.encodeDirect(event), "seed " + seed + ", event " + i);
            assertEquals(event, Payloads.decodeInside(onHeap, event.kind()), "seed " + seed + ", event " + i);
        }
    }

    @Test
    void payloadAfterAHeaderDecodesAndReportsOffsetsFromThePayloadStart() {
        final RandomModel random = new RandomModel(5L);
        final ExperienceEvent event = random.engineEvent(ExperienceEventKind.OutcomeRecorded);
        final Bytes<byte[]> entry = Bytes.allocateElasticOnHeap(64);
        entry.write(new byte[] {1, 2, 3, 4, 5, 6, 7});
        PayloadCodec.writeEvent(entry, event);
        final byte[] written = entry.toByteArray();
        final EntryInput in = new EntryInput().wrap(written, 7, written.length, 0);
        assertEquals(event, PayloadCodec.readEvent(in, ExperienceEventKind.OutcomeRecorded));
        assertEquals(0, in.readRemaining());

        final Bytes<byte[]> bad = Bytes.allocateElasticOnHeap(16);
        bad.write(new byte[] {9, 9, 9, 9, 9});
        bad.write(new byte[] {3, 'c', '-', '1', 7});
        final EntryInput badInput = new EntryInput().wrap(bad.toByteArray(), 5, 10, 0);
        final CorruptEntryException e = assertThrows(CorruptEntryException.class,
                () -> PayloadCodec.readEvent(badInput, ExperienceEventKind.OutcomeRecorded));
        assertEquals(4, e.offset(), e.getMessage());
    }

    @Test
    void everyNestedVariantAppears() {
        final RandomModel random = new RandomModel(3L);
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            final ExperienceEvent event = random.engineEvent();
            if (event instanceof ExperienceEvent.OutcomeRecorded outcome && outcome.stopReason() != null) {
                seen.add("stop:" + outcome.stopReason().getClass().getSimpleName());
            } else if (event instanceof ExperienceEvent.PolicySnapshotCaptured policy) {
                seen.add("policy:" + policy.policy().getClass().getSimpleName());
            } else if (event instanceof ExperienceEvent.ReplayTraceRecorded trace) {
                seen.add("trace:" + trace.traceLink().getClass().getSimpleName());
            } else if (event instanceof ExperienceEvent.BudgetExceeded budget) {
                seen.add("budget:" + budget.resource());
            }
        }
        assertEquals(13, seen.stream().filter(s -> s.startsWith("stop:")).count(), seen.toString());
        assertEquals(3, seen.stream().filter(s -> s.startsWith("policy:")).count(), seen.toString());
        assertEquals(2, seen.stream().filter(s -> s.startsWith("trace:")).count(), seen.toString());
        assertTrue(seen.stream().filter(s -> s.startsWith("budget:")).count() >= 7, seen.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8, 9, 40})
    void mapsKeepTheirOrderAndRefuseADuplicateKeyWhateverTheirSize(int entries) {
        final java.util.Map<String, String> metadata = new java.util.LinkedHashMap<>();
        for (int i = entries - 1; i >= 0; i--) {
            metadata.put(String.format("k%03d", i * 7 % 1000), "v" + i);
        }
        final ExperienceEvent event = new ExperienceEvent.OutcomeRecorded(new io.experienceledger.model.ChainId("c-1"),
                io.experienceledger.model.DecisionStep.values()[0], true, null, null, null, null, null, metadata);
        final byte[] payload = Payloads.encode(event);
        final ExperienceEvent decoded = Payloads.decode(payload, ExperienceEventKind.OutcomeRecorded);
        assertEquals(event, decoded);
        assertEquals(java.util.List.copyOf(metadata.keySet()),
                java.util.List.copyOf(((ExperienceEvent.OutcomeRecorded) decoded).metadata().keySet()));
        if (entries > 1) {
            // the last key written becomes the first one's: a payload no encoder makes, which must not decode
            final String first = metadata.keySet().iterator().next();
            final String last = java.util.List.copyOf(metadata.keySet()).get(entries - 1);
            final byte[] duplicated = replaceLast(payload, last.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    first.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            final CorruptEntryException e = assertThrows(CorruptEntryException.class,
                    () -> Payloads.decode(duplicated, ExperienceEventKind.OutcomeRecorded));
            assertEquals("duplicate map key", e.problem());
        }
    }

    private static byte[] replaceLast(byte[] bytes, byte[] what, byte[] with) {
        for (int at = bytes.length - what.length; at >= 0; at--) {
            if (java.util.Arrays.equals(bytes, at, at + what.length, what, 0, what.length)) {
                final byte[] changed = bytes.clone();
                System.arraycopy(with, 0, changed, at, with.length);
                return changed;
            }
        }
        throw new AssertionError("not found");
    }
}
