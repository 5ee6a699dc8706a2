package io.experienceledger.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.JsonValue;
import io.experienceledger.model.UserExperienceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Arbitrary JSON values ({@code serde_json::Value} with {@code preserve_order}): compact text, member order kept,
 * a repeated key keeps its first position and last value, integers that fit u64/i64 stay integers, every other
 * number becomes an f64 in serde's shortest layout, strings are re-escaped canonically (spec 1.1 and 1.3).
 */
class JsonValueCanonicalTest {

    private static String canonical(String json) {
        return ConvergeJson.readValue(json).json();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "0 | 0",
        "42 | 42",
        "18446744073709551615 | 18446744073709551615",
        "9007199254740993 | 9007199254740993",
        "-1 | -1",
        "-9223372036854775808 | -9223372036854775808",
        "-0 | -0.0",
        "-0.0 | -0.0",
        "0.0 | 0.0",
        "1.50 | 1.5",
        "1e2 | 100.0",
        "1E+2 | 100.0",
        "1e-2 | 0.01",
        "2.0 | 2.0",
        "0.85 | 0.85",
        "0.00001 | 0.00001",
        "0.000001 | 1e-6",
        "1e16 | 1e16",
        "1e15 | 1000000000000000.0",
        "12.5e0 | 12.5",
        "1.5e300 | 1.5e300",
        "1e-400 | 0.0",
        "-2.5E-3 | -0.0025",
        "18446744073709551616 | 1.8446744073709552e19",
        "-9223372036854775809 | -9.223372036854776e18",
    })
    void numbersAsSerdeJsonHoldsThem(String input, String expected) {
        assertEquals(expected, canonical(input));
        assertEquals("[" + expected + "]", canonical("[" + input + "]"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'\"A\"' | '\"A\"'",
        "'\"\\u0041\"' | '\"A\"'",
        "'\"\\/\"' | '\"/\"'",
        "'\"\\u001B\"' | '\"\\u001b\"'",
        "'\"\\u0000\"' | '\"\\u0000\"'",
        "'\"\\b\\f\\n\\r\\t\"' | '\"\\b\\f\\n\\r\\t\"'",
        "'\"\\u0008\\u000c\"' | '\"\\b\\f\"'",
        "'\"\\\"\\\\\"' | '\"\\\"\\\\\"'",
        "'\"\\u00e9\"' | '\"é\"'",
        "'\"\\u007f\"' | '\"\u007f\"'",
        "'\"\\u2028\"' | '\"\u2028\"'",
        "'\"\\ud83d\\ude80\"' | '\"\uD83D\uDE80\"'",
        "'\"\\uD83D\\uDE80\"' | '\"\uD83D\uDE80\"'",
        "'\"é\"' | '\"é\"'",
    })
    void stringsAreEscapedCanonically(String input, String expected) {
        assertEquals(expected, canonical(input));
    }

    @Test
    void compactWithMemberOrderKept() {
        assertEquals("{\"b\":1,\"a\":[true,false,null,{}],\"c\":{\"z\":[],\"y\":\"x\"}}",
                canonical(" { \"b\" : 1 ,\n \"a\" : [ true , false , null , { } ] ,\t\"c\" : { \"z\" : [ ] , \"y\" : \"x\" } } "));
    }

    @Test
    void repeatedKeyKeepsFirstPositionAndLastValue() {
        assertEquals("{\"a\":3,\"b\":2}", canonical("{\"a\":1,\"b\":2,\"a\":3}"));
        assertEquals("{\"x\":{\"a\":[2],\"b\":null}}", canonical("{\"x\":{\"a\":1,\"b\":null,\"a\":[2]}}"));
        assertEquals("{\"k\":{\"n\":2}}", canonical("{\"k\":{\"n\":1},\"k\":{\"n\":2}}"));
    }

    @Test
    void repeatedKeysInLargeObjects() {
        final StringBuilder input = new StringBuilder("{");
        final StringBuilder expected = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            input.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
            expected.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i == 7 ? 99 : i);
        }
        input.append(",\"k7\":99}");
        expected.append('}');
        assertEquals(expected.toString(), canonical(input.toString()));
    }

    @Test
    void nullIsTheNullConstant() {
        assertSame(JsonValue.NULL, ConvergeJson.readValue("null"));
        assertEquals("true", canonical("true"));
        assertEquals("[]", canonical("[ ]"));
        assertEquals("{}", canonical("{ }"));
    }

    @Test
    void structuredPayloadNullIsNoneAndValuesAreCanonical() {
        final String proposal = "{\"event_id\":\"e\",\"occurred_at\":\"t\",\"event\":{\"type\":\"ProposalCreated\",\"data\":"
                + "{\"proposal\":{\"id\":\"p\",\"kind\":\"Plan\",\"payload\":\"\",\"structured_payload\":%s,"
                + "\"trace_link\":{\"type\":\"Remote\",\"provider_name\":\"p\",\"provider_model_id\":\"m\","
                + "\"request_fingerprint\":\"a\",\"response_fingerprint\":\"b\",\"temperature\":0,\"top_p\":1,"
                + "\"max_tokens\":1,\"provider_metadata\":{},\"retried\":false,\"retry_reasons\":[],"
                + "\"replayability\":\"None\"},\"contract_results\":[],\"requires_human\":false},"
                + "\"chain_id\":\"c\",\"step\":\"Planning\"}}}";
        final ExperienceEvent.ProposalCreated none = (ExperienceEvent.ProposalCreated) ConvergeJson
                .readEnvelope(proposal.formatted("null")).event();
        assertNull(none.proposal().structuredPayload());
        final ExperienceEvent.ProposalCreated some = (ExperienceEvent.ProposalCreated) ConvergeJson
                .readEnvelope(proposal.formatted("{ \"w\" : 1.50 , \"w\" : 1e2 , \"v\" : \"\\u00e9\" }")).event();
        assertEquals(new JsonValue("{\"w\":100.0,\"v\":\"é\"}"), some.proposal().structuredPayload());
    }

    @Test
    void boundaryValuesMayBeAnyJsonIncludingNull() {
        final String json = "{\"event_id\":\"u\",\"occurred_at\":\"t\",\"event\":{\"type\":\"UserBoundaryAdjusted\","
                + "\"data\":{\"boundary\":\"forbidden\",\"target\":{\"scope\":\"global\"},\"actor\":\"a\","
                + "\"previous_value\":null,\"new_value\":-0,\"reason\":\"r\"}}}";
        final UserExperienceEvent.UserBoundaryAdjusted read =
                (UserExperienceEvent.UserBoundaryAdjusted) ConvergeJson.readUserEnvelope(json).event();
        assertSame(JsonValue.NULL, read.previousValue());
        assertEquals(new JsonValue("-0.0"), read.newValue());
    }

    @Test
    void canonicalTextReadsBackToItself() {
        final String[] samples = {"{\"a\":[1,-2,3.25,1e-7,\"\\u001f\\\"\"],\"b\":{\"c\":null}}", "[[[]]]", "\"\"",
            "{\"\":{\"\":\"\"}}", "[18446744073709551615,-9223372036854775808,1.7976931348623157e308,5e-324]"};
        for (String sample : samples) {
            final String once = canonical(sample);
            assertEquals(once, canonical(once), sample);
        }
    }

    @Test
    void numberBeyondF64IsOutOfRange() {
        final ConvergeJsonException error = assertThrows(ConvergeJsonException.class,
                () -> ConvergeJson.readValue("{\"a\":{\"b\":1e309}}"));
        assertEquals("a.b: number out of range", error.getMessage());
    }

    /**
     * Random documents written in a random non-canonical way (random whitespace, escapes, number spellings from a
     * table of spec equivalences, repeated keys) read back as the canonical text built alongside them.
     */
    @Test
    void randomDocumentsCanonicalise() {
        final long seed = 0x5EED_0006L;
        final Random random = new Random(seed);
        for (int i = 0; i < 1_000; i++) {
            final StringBuilder input = new StringBuilder();
            final StringBuilder expected = new StringBuilder();
            generate(random, 0, input, expected);
            assertEquals(expected.toString(), canonical(input.toString()), "seed " + seed + ", input " + input);
            assertEquals(expected.toString(), canonical(expected.toString()), "seed " + seed + ", canonical input");
        }
    }

    /** Number spellings and their canonical forms (spec 1.1 and 1.3). */
    private static final String[][] NUMBERS = {
        {"0", "0"}, {"7", "7"}, {"-7", "-7"}, {"1.50", "1.5"}, {"1e2", "100.0"}, {"1E2", "100.0"},
        {"0.5", "0.5"}, {"-0", "-0.0"}, {"25e-1", "2.5"}, {"1.0", "1.0"}, {"1e-7", "1e-7"}, {"123456789", "123456789"},
        {"18446744073709551615", "18446744073709551615"}, {"-9223372036854775808", "-9223372036854775808"},
        {"3.0e16", "3e16"}, {"0.000010", "0.00001"},
    };

    private static void generate(Random random, int depth, StringBuilder input, StringBuilder expected) {
        space(random, input);
        final int kind = depth >= 4 ? 2 + random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0 -> generateObject(random, depth, input, expected);
            case 1 -> {
                input.append('[');
                expected.append('[');
                final int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    if (i > 0) {
                        input.append(',');
                        expected.append(',');
                    }
                    generate(random, depth + 1, input, expected);
                }
                space(random, input);
                input.append(']');
                expected.append(']');
            }
            case 2 -> {
                final String[] number = NUMBERS[random.nextInt(NUMBERS.length)];
                input.append(number[0]);
                expected.append(number[1]);
            }
            case 3 -> {
                final String text = randomText(random);
                writeString(random, text, input, expected);
            }
            case 4 -> {
                final String literal = new String[] {"true", "false", "null"}[random.nextInt(3)];
                input.append(literal);
                expected.append(literal);
            }
            default -> {
                input.append("\"\"");
                expected.append("\"\"");
            }
        }
        space(random, input);
    }

    private static void generateObject(Random random, int depth, StringBuilder input, StringBuilder expected) {
        final Map<String, String> members = new LinkedHashMap<>();
        final List<String> written = new ArrayList<>();
        final int size = random.nextInt(5);
        input.append('{');
        for (int i = 0; i < size; i++) {
            final String key = random.nextInt(3) == 0 && !members.isEmpty()
                    ? new ArrayList<>(members.keySet()).get(random.nextInt(members.size()))
                    : "k" + random.nextInt(6);
            final StringBuilder keyInput = new StringBuilder();
            final StringBuilder keyCanonical = new StringBuilder();
            writeString(random, key, keyInput, keyCanonical);
            final StringBuilder valueInput = new StringBuilder();
            final StringBuilder valueCanonical = new StringBuilder();
            generate(random, depth + 1, valueInput, valueCanonical);
            if (!written.isEmpty()) {
                input.append(',');
            }
            space(random, input);
            input.append(keyInput).append(':').append(valueInput);
            written.add(key);
            members.put(keyCanonical.toString(), valueCanonical.toString());
        }
        space(random, input);
        input.append('}');
        expected.append('{');
        boolean first = true;
        for (Map.Entry<String, String> member : members.entrySet()) {
            if (!first) {
                expected.append(',');
            }
            first = false;
            expected.append(member.getKey()).append(':').append(member.getValue());
        }
        expected.append('}');
    }

    private static String randomText(Random random) {
        final StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(6); n > 0; n--) {
            switch (random.nextInt(5)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append("\"\\/\u007f\u2028".charAt(random.nextInt(5)));
                case 2 -> text.append((char) ('a' + random.nextInt(26)));
                case 3 -> text.appendCodePoint(0x1F600 + random.nextInt(80));
                default -> text.append((char) (0xA0 + random.nextInt(0x2000)));
            }
        }
        return text.toString();
    }

    /** Writes {@code text} to {@code input} with random legal escapes and to {@code expected} as spec 1.1 escapes. */
    private static void writeString(Random random, String text, StringBuilder input, StringBuilder expected) {
        input.append('"');
        expected.append('"');
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            final boolean pair = Character.isHighSurrogate(c);
            if (c < 0x20 || c == '"' || c == '\\' || random.nextInt(3) == 0) {
                input.append(random.nextBoolean() ? String.format("\\u%04x", (int) c) : String.format("\\u%04X", (int) c));
                if (pair) {
                    input.append(String.format("\\u%04x", (int) text.charAt(i + 1)));
                }
            } else {
                input.append(c);
                if (pair) {
                    input.append(text.charAt(i + 1));
                }
            }
            switch (c) {
                case '"' -> expected.append("\\\"");
                case '\\' -> expected.append("\\\\");
                case '\b' -> expected.append("\\b");
                case '\t' -> expected.append("\\t");
                case '\n' -> expected.append("\\n");
                case '\f' -> expected.append("\\f");
                case '\r' -> expected.append("\\r");
                default -> {
                    if (c < 0x20) {
                        expected.append(String.format("\\u%04x", (int) c));
                    } else {
                        expected.append(c);
                        if (pair) {
                            expected.append(text.charAt(i + 1));
                        }
                    }
                }
            }
            if (pair) {
                i++;
            }
        }
        input.append('"');
        expected.append('"');
    }

    private static void space(Random random, StringBuilder out) {
        for (int n = random.nextInt(3); n > 0; n--) {
            out.append(" \t\n\r".charAt(random.nextInt(4)));
        }
    }
}
