package io.experienceledger.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats floating-point numbers exactly as serde_json (Ryu) writes them: the shortest decimal that reads back
 * to the same binary value of that width, laid out plainly between 1e-5 and 1e16 (f64) or 1e-6 and 1e13
 * (f32), in scientific notation ({@code 1e-7}, {@code 1.5e16}) outside, integral values always with {@code .0}.
 *
 * <p>The digits are found with {@link BigDecimal} rather than {@link Double#toString}, which is not always
 * shortest before JDK 19. Non-finite values are written {@code null}, as serde_json does.
 */
final class JsonNumbers {
    private static final int F64_MAX_PLAIN_EXP = 16;
    private static final int F64_MIN_PLAIN_EXP = -5;
    private static final int F32_MAX_PLAIN_EXP = 13;
    private static final int F32_MIN_PLAIN_EXP = -6;

    private JsonNumbers() {
    }

    /** Appends an f64 in serde_json's layout ({@code 1.0}, {@code 0.85}, {@code 1e-6}, {@code 1.5e16}). */
    static void appendF64(JsonOutput out, double value) {
        if (!Double.isFinite(value)) {
            out.nul();
            return;
        }
        if (value == 0.0) {
            out.ascii(Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0");
            return;
        }
        final double magnitude = Math.abs(value);
        final BigDecimal exact = new BigDecimal(magnitude);
        BigDecimal shortest = null;
        for (int precision = 1; shortest == null; precision++) {
            shortest = closestRoundTrip(exact, precision, magnitude, false);
        }
        layout(out, value < 0, shortest, F64_MAX_PLAIN_EXP, F64_MIN_PLAIN_EXP);
    }

    /** Appends an f32 in serde_json's layout ({@code 0.7}, {@code 0.000001}, {@code 1e13}). */
    static void appendF32(JsonOutput out, float value) {
        if (!Float.isFinite(value)) {
            out.nul();
            return;
        }
        if (value == 0.0f) {
            out.ascii(Float.floatToRawIntBits(value) < 0 ? "-0.0" : "0.0");
            return;
        }
        final float magnitude = Math.abs(value);
        final BigDecimal exact = new BigDecimal(magnitude);
        BigDecimal shortest = null;
        for (int precision = 1; shortest == null; precision++) {
            shortest = closestRoundTrip(exact, precision, magnitude, true);
        }
        layout(out, value < 0, shortest, F32_MAX_PLAIN_EXP, F32_MIN_PLAIN_EXP);
    }

    /**
     * Of the two decimals with {@code precision} significant digits that bracket {@code exact}, the one closer
     * to it that still reads back to {@code target}; null if neither does.
     */
    private static BigDecimal closestRoundTrip(BigDecimal exact, int precision, double target, boolean f32) {
        final BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
        final BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
        final boolean downOk = readsBack(down, target, f32);
        final boolean upOk = readsBack(up, target, f32);
        if (downOk && upOk) {
            final int cmp = exact.subtract(down).compareTo(up.subtract(exact));
            return cmp < 0 ? down : cmp > 0 ? up : evenLastDigit(down, up);
        }
        return downOk ? down : upOk ? up : null;
    }

    private static boolean readsBack(BigDecimal candidate, double target, boolean f32) {
        final String text = candidate.toString();
        return f32 ? Float.parseFloat(text) == (float) target : Double.parseDouble(text) == target;
    }

    private static BigDecimal evenLastDigit(BigDecimal down, BigDecimal up) {
        return down.unscaledValue().testBit(0) ? up : down;
    }

    /** Lays out {@code 0.d1...dn x 10^k} as Ryu's {@code format64}/{@code format32} do. */
    private static void layout(JsonOutput out, boolean negative, BigDecimal decimal, int maxPlainExp,
                               int minPlainExpExclusive) {
        final BigDecimal stripped = decimal.stripTrailingZeros();
        final String digits = stripped.unscaledValue().toString();
        final int n = digits.length();
        final int k = n - stripped.scale();
        if (negative) {
            out.ascii('-');
        }
        if (k >= n && k <= maxPlainExp) {
            out.ascii(digits);
            appendZeros(out, k - n);
            out.ascii(".0");
        } else if (k > 0 && k <= maxPlainExp) {
            out.ascii(digits, 0, k);
            out.ascii('.');
            out.ascii(digits, k, n);
        } else if (k > minPlainExpExclusive && k <= 0) {
            out.ascii("0.");
            appendZeros(out, -k);
            out.ascii(digits);
        } else {
            out.ascii(digits.charAt(0));
            if (n > 1) {
                out.ascii('.');
                out.ascii(digits, 1, n);
            }
            out.ascii('e');
            out.ascii(Integer.toString(k - 1));
        }
    }

    private static void appendZeros(JsonOutput out, int count) {
        for (int i = 0; i < count; i++) {
            out.ascii('0');
        }
    }
}
