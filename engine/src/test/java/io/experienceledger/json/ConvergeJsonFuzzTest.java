package io.experienceledger.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.ModelSamples;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input never escapes as anything but a {@link ConvergeJsonException} with a message: random mutations of
 * valid envelopes (byte flips, deletions, insertions, truncations, spliced fragments), random garbage, huge strings,
 * deep nesting and out-of-range numbers. A mutation that still reads must write back to a document that reads to
 * the same value.
 */
class ConvergeJsonFuzzTest {
    private static final String[] FRAGMENTS = {
        "null", "true", "-1", "1e400", "18446744073709551616", "1.0", "\"\\ud800\"", "{", "}", "[", "]", ",", ":",
        "\"type\"", "\"data\"", "\"User\"", "{\"Other\":null}", "\"\\u0000\"", "[[[[[[[[", "0.5e-400", "\"" + "x".repeat(300) + "\"",
    };

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void mutatedEnvelopesFailCleanlyOrRoundTrip(long seed) {
        final Random random = new Random(seed);
        final List<ExperienceRecord> samples = ModelSamples.allRecords();
        for (int i = 0; i < 2_000; i++) {
            final ExperienceRecord record = samples.get(random.nextInt(samples.size()));
            final String valid = ConvergeJson.writeAnyEnvelope(record);
            final String mutated = mutate(valid, random);
            check(seed, mutated, ConvergeJson::readAnyEnvelope, ConvergeJson::writeAnyEnvelope);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void randomGarbageFailsCleanly(long seed) {
        final Random random = new Random(seed);
        for (int i = 0; i < 3_000; i++) {
            final StringBuilder text = new StringBuilder();
            final int parts = random.nextInt(12);
            for (int p = 0; p < parts; p++) {
                text.append(random.nextBoolean() ? FRAGMENTS[random.nextInt(FRAGMENTS.length)]
                        : String.valueOf((char) random.nextInt(0x3000)));
            }
            check(seed, text.toString(), ConvergeJson::readAnyEnvelope, ConvergeJson::writeAnyEnvelope);
            check(seed, text.toString(), ConvergeJson::readQuery, ConvergeJson::write);
            check(seed, text.toString(), ConvergeJson::readValue, ConvergeJson::write);
        }
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {127, 128, 10_000, 200_000})
    void deepNestingIsRefusedWithoutStackOverflow(int depth) {
        final String nested = "[".repeat(depth) + "]".repeat(depth);
        final String envelope = "{\"event_id\":\"e\",\"occurred_at\":\"t\",\"event\":{\"type\":\"UserBoundaryAdjusted\","
                + "\"data\":{\"boundary\":\"authority\",\"target\":{\"scope\":\"global\"},\"actor\":\"a\","
                + "\"previous_value\":" + nested + ",\"new_value\":null,\"reason\":\"r\"}}}";
        try {
            ConvergeJson.readUserEnvelope(envelope);
            assertEquals(true, depth < 127, "depth " + depth + " was accepted");
        } catch (ConvergeJsonException e) {
            assertFalse(e.getMessage().isBlank());
        }
    }

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {1 << 16, 1 << 22})
    void hugeStringsAreReadWhole(int length) {
        final String id = "a".repeat(length);
        final String json = "{\"event_id\":\"" + id + "\",\"occurred_at\":\"t\",\"event\":{\"type\":\"BudgetExceeded\","
                + "\"data\":{\"chain_id\":\"c\",\"resource\":\"Tokens\",\"limit\":\"1\",\"observed\":null}}}";
        assertEquals(length, ConvergeJson.readEnvelope(json).eventId().value().length());
    }

    private static <T> void check(long seed, String text, Function<String, T> reader, Function<T, String> writer) {
        final T value;
        try {
            value = reader.apply(text);
        } catch (ConvergeJsonException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "empty message for " + text);
            return;
        } catch (RuntimeException | StackOverflowError e) {
            fail("seed " + seed + ": " + e + " escaped for input " + text, e);
            return;
        }
        final String written = writer.apply(value);
        assertEquals(value, reader.apply(written), "seed " + seed + ": " + text + " -> " + written);
    }

    private static String mutate(String valid, Random random) {
        final StringBuilder text = new StringBuilder(valid);
        final int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            final int at = random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.setCharAt(at, (char) (text.charAt(at) ^ (1 << random.nextInt(7))));
                case 1 -> text.deleteCharAt(at);
                case 2 -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 3 -> text.setLength(at);
                default -> text.insert(at, text.substring(random.nextInt(text.length())));
            }
        }
        return text.toString();
    }
}
