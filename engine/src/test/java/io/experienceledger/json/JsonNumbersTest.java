package io.experienceledger.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Float layout rules of spec 1.1, with expected texts taken from the spec and from Ryu's documented output. */
class JsonNumbersTest {

    @ParameterizedTest(name = "f64 {0} -> {1}")
    @CsvSource({
        "1.0, 1.0",
        "100.0, 100.0",
        "1e15, 1000000000000000.0",
        "1e16, 1e16",
        "1.5e16, 1.5e16",
        "12.5, 12.5",
        "0.85, 0.85",
        "0.00001, 0.00001",
        "0.000001, 1e-6",
        "0.0000015, 1.5e-6",
        "1e300, 1e300",
        "0.0, 0.0",
        "-0.0, -0.0",
        "-2.5, -2.5",
        "0.5, 0.5",
        "1e-7, 1e-7",
        "123456789012345.6, 123456789012345.6",
        "1234567890123456.7, 1234567890123456.8",
        "4.9e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e308",
        "9223372036854775808, 9.223372036854776e18",
    })
    void f64Layout(double value, String expected) {
        final JsonOutput out = new JsonOutput();
        JsonNumbers.appendF64(out, value);
        assertEquals(expected, out.toString());
    }

    @ParameterizedTest(name = "f32 {0} -> {1}")
    @CsvSource({
        "0.7, 0.7",
        "1.0, 1.0",
        "0.000001, 0.000001",
        "0.0000001, 1e-7",
        "1e13, 1e13",
        "1e12, 1000000000000.0",
        "0.1, 0.1",
        "3.4028235e38, 3.4028235e38",
        "-0.0, -0.0",
        "0.9, 0.9",
    })
    void f32Layout(float value, String expected) {
        final JsonOutput out = new JsonOutput();
        JsonNumbers.appendF32(out, value);
        assertEquals(expected, out.toString());
    }

    @Test
    void sumOfTenthsNeedsSeventeenDigits() {
        final JsonOutput out = new JsonOutput();
        JsonNumbers.appendF64(out, 0.1 + 0.2);
        assertEquals("0.30000000000000004", out.toString());
    }

    @Test
    void nonFiniteIsNull() {
        final JsonOutput out = new JsonOutput();
        JsonNumbers.appendF64(out, Double.NaN);
        JsonNumbers.appendF32(out, Float.POSITIVE_INFINITY);
        assertEquals("nullnull", out.toString());
    }

    /** Every written double reads back to the same bits, and no shorter decimal would (checked by brute force). */
    @Test
    void randomDoublesAreShortestAndRoundTrip() {
        final long seed = 0x5EEDL;
        final Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            final double value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value)) {
                continue;
            }
            final JsonOutput out = new JsonOutput();
            JsonNumbers.appendF64(out, value);
            final String text = out.toString();
            assertEquals(value, Double.parseDouble(text), () -> "seed " + seed + " value " + value + " wrote " + text);
            final int digits = significantDigits(text);
            if (digits > 1) {
                final BigDecimal exact = new BigDecimal(value);
                for (java.math.RoundingMode mode : new java.math.RoundingMode[] {java.math.RoundingMode.FLOOR, java.math.RoundingMode.CEILING}) {
                    final BigDecimal shorter = exact.round(new java.math.MathContext(digits - 1, mode));
                    assertEquals(false, Double.parseDouble(shorter.toString()) == value,
                            () -> "seed " + seed + ": " + shorter + " is shorter than " + text + " and reads back");
                }
            }
        }
    }

    private static int significantDigits(String text) {
        final String mantissa = text.replace("-", "").split("e")[0].replace(".", "");
        final String trimmed = mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "");
        return Math.max(1, trimmed.length());
    }
}
