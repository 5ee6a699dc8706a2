package io.experienceledger.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.json.ConvergeJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import org.junit.jupiter.api.Test;

/**
 * The model's own range checks (spec 2.2, 2.3 and the u32 fields), independent of the JSON reader's: a model value
 * built in Java holds only what converge could hold.
 */
class ModelChecksTest {
    private static final List<Double> OUTSIDE_UNIT_INTERVAL = List.of(Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 1.5, -0.1, 1.0000001, Math.nextUp(1.0), -Double.MIN_VALUE);
    private static final List<Double> INSIDE_UNIT_INTERVAL = List.of(0.0, -0.0, 0.75, 1.0, Double.MIN_VALUE);

    private static void assertUnitInterval(String member, DoubleConsumer construct) {
        for (double value : OUTSIDE_UNIT_INTERVAL) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> construct.accept(value), member + " = " + value);
            assertTrue(e.getMessage().startsWith(member + ": value must be finite and in the inclusive range 0.0..=1.0"),
                    e.getMessage());
        }
        for (double value : INSIDE_UNIT_INTERVAL) {
            construct.accept(value);
        }
    }

    private static ExperienceEvent.HypothesisResolved hypothesis(double confidence, long formed, long resolved) {
        return new ExperienceEvent.HypothesisResolved(new ChainId("c-1"), new FactId("f-1"), new DomainId("d"),
                "claim", confidence, HypothesisOutcome.Confirmed, null, formed, resolved);
    }

    /**
     * A map member is copied in its order and refuses a null key or value, naming the member; a map of lists copies
     * each list too.
     */
    @Test
    void mapMembersAreCopiedInOrderAndRefuseNullKeysAndValuesByName() {
        final Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("z", "1");
        metadata.put("a", "2");
        final ExperienceEvent.OutcomeRecorded outcome = outcome(metadata);
        metadata.put("m", "3");
        assertEquals(List.of("z", "a"), List.copyOf(outcome.metadata().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> outcome.metadata().put("b", "4"));

        final Map<String, String> nullValue = new HashMap<>(Map.of("k", "v"));
        nullValue.put("gap", null);
        assertEquals("metadata value", assertThrows(NullPointerException.class, () -> outcome(nullValue)).getMessage());
        final Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        assertEquals("metadata key", assertThrows(NullPointerException.class, () -> outcome(nullKey)).getMessage());

        final List<String> backends = new ArrayList<>(List.of("b1"));
        final Map<RiskTier, List<String>> byTier = new LinkedHashMap<>();
        byTier.put(RiskTier.values()[0], backends);
        final RoutingPolicy policy = new RoutingPolicy(Map.of(), byTier, Map.of(), "local");
        backends.add("b2");
        assertEquals(List.of("b1"), policy.riskTierBackends().get(RiskTier.values()[0]));
        byTier.put(RiskTier.values()[0], null);
        assertEquals("riskTierBackends value", assertThrows(NullPointerException.class,
                () -> new RoutingPolicy(Map.of(), byTier, Map.of(), "local")).getMessage());
    }

    private static ExperienceEvent.OutcomeRecorded outcome(Map<String, String> metadata) {
        return new ExperienceEvent.OutcomeRecorded(new ChainId("c-1"), DecisionStep.values()[0], true, null, null, null,
                null, null, metadata);
    }

    /** Port of {@code unit_interval_accepts_only_finite_closed_range_values}, for every unit-interval member. */
    @Test
    void unitIntervalMembersAcceptOnlyFiniteValuesInTheClosedRange() {
        assertUnitInterval("confidence", v -> hypothesis(v, 1, 2));
        assertUnitInterval("score", v -> new CandidateScore("cand-1", v));
        final RecallPolicy d = RecallPolicy.defaults();
        assertUnitInterval("minScoreThreshold", v -> new RecallPolicy(d.enabled(), d.maxKTotal(),
                d.maxTokensInjection(), v, d.budgets(), d.allowedUses(), d.priorWeight()));
        assertUnitInterval("priorWeight", v -> new RecallPolicy(d.enabled(), d.maxKTotal(), d.maxTokensInjection(),
                d.minScoreThreshold(), d.budgets(), d.allowedUses(), v));
    }

    @Test
    void negativeZeroConfidenceIsKeptAndWrittenAsNegativeZero() {
        final ExperienceEvent.HypothesisResolved event = hypothesis(-0.0, 1, 2);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(event.confidence()));
        assertTrue(ConvergeJson.write(event).contains("\"confidence\":-0.0,"), ConvergeJson.write(event));
    }

    @Test
    void u32MembersAcceptExactlyTheU32Range() {
        final long max = 4_294_967_295L;
        assertEquals(max, hypothesis(0.5, max, 0).formedCycle());
        assertEquals(max, new StopReason.CycleBudgetExhausted(0, max).limit());
        for (long bad : new long[] {max + 1, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            final IllegalArgumentException formed = assertThrows(IllegalArgumentException.class,
                    () -> hypothesis(0.5, bad, 0));
            assertEquals("formedCycle must be a u32 (0..4294967295), was " + bad, formed.getMessage());
            assertThrows(IllegalArgumentException.class, () -> hypothesis(0.5, 0, bad));
            assertThrows(IllegalArgumentException.class, () -> new StopReason.CycleBudgetExhausted(bad, 1));
            assertThrows(IllegalArgumentException.class, () -> new StopReason.FactBudgetExhausted(1, bad));
        }
    }

    /** Port of {@code content_hash_hex_roundtrip}, and the hash's length and digit checks (spec 2.2). */
    @Test
    void contentHashHoldsExactly64HexDigitsInLowercase() {
        final String mixed = "0123456789ABCDEFabcdef".repeat(3).substring(0, 64);
        assertEquals(mixed.toLowerCase(java.util.Locale.ROOT), new ContentHash(mixed).hex());
        assertEquals("0".repeat(64), ContentHash.ZERO.hex());

        assertEquals("content hash must be 64 hex digits, was 63 characters",
                assertThrows(IllegalArgumentException.class, () -> new ContentHash("a".repeat(63))).getMessage());
        assertEquals("content hash must be 64 hex digits, was 65 characters",
                assertThrows(IllegalArgumentException.class, () -> new ContentHash("a".repeat(65))).getMessage());
        assertEquals("Invalid character 'g' at position 5",
                assertThrows(IllegalArgumentException.class,
                        () -> new ContentHash("a".repeat(5) + "g" + "a".repeat(58))).getMessage());
        // A digit outside ASCII (Arabic-Indic three) is a digit to Character.digit, but not hex on the wire.
        assertThrows(IllegalArgumentException.class, () -> new ContentHash("\u0663" + "a".repeat(63)));
        // nor are fullwidth letters, nor the characters next to each range of hex digits
        for (char c : new char[] {'\uFF21', '\uFF41', '/', ':', '@', 'G', '`', 'g'}) {
            assertThrows(IllegalArgumentException.class, () -> new ContentHash("a".repeat(63) + c), "" + c);
        }
        assertThrows(NullPointerException.class, () -> new ContentHash(null));
    }

    @Test
    void contentHashAcceptsExactlyTheHexDigitsAtEveryPosition() {
        final String base = "0123456789abcdef".repeat(4);
        for (char c = 0; c < 0x300; c++) {
            checkCharacterEverywhere(base, c);
        }
        for (char c : new char[] {'\u0663', '\uFF10', '\uFF21', '\uFF41', '\uD83D', '\uFFFF'}) {
            checkCharacterEverywhere(base, c);
        }
    }

    private static void checkCharacterEverywhere(String base, char c) {
        final boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
        for (int position : new int[] {0, 1, 6, 7, 8, 15, 31, 32, 56, 62, 63}) {
            final String text = base.substring(0, position) + c + base.substring(position + 1);
            if (hex) {
                assertEquals(text.toLowerCase(java.util.Locale.ROOT), new ContentHash(text).hex(),
                        "char U+" + Integer.toHexString(c) + " at " + position);
            } else {
                assertEquals("Invalid character '" + c + "' at position " + position,
                        assertThrows(IllegalArgumentException.class, () -> new ContentHash(text),
                                "char U+" + Integer.toHexString(c) + " at " + position).getMessage());
            }
        }
    }

    /** Port of {@code timestamp_now_is_deterministic_logical_zero} and the constructors' placeholder. */
    @Test
    void timestampNowIsTheLogicalZeroAndNewEnvelopesCarryTheEpochPlaceholder() {
        assertEquals("lamport:0", Timestamps.now());
        assertEquals(Timestamps.now(), Timestamps.now());
        assertEquals("1970-01-01T00:00:00Z", Timestamps.EPOCH_PLACEHOLDER);
        final ExperienceEventEnvelope envelope = ExperienceEventEnvelope.of("e-1",
                new ExperienceEvent.BudgetExceeded(new ChainId("c-1"), BudgetResource.Named.Tokens, "1", "2"));
        assertEquals("1970-01-01T00:00:00Z", envelope.occurredAt());
        assertTrue(ConvergeJson.write(envelope.withTimestamp(Timestamps.now())).contains("\"occurred_at\":\"lamport:0\""));
    }
}
