package io.experienceledger.json;

/**
 * Reads JSON numbers the way serde_json does. A number is held as a u64 if it is a non-negative integer literal
 * that fits, as an i64 if it is a negative integer literal that fits (except {@code -0}, which serde_json reads as
 * the float {@code -0.0}), and as an f64 otherwise; an f64 that overflows to infinity is an error
 * ({@code number out of range}). Integers are parsed exactly, never through a double.
 */
final class Numbers {
    /** u64::MAX, also the bound of usize on the 64-bit reference. */
    static final long U64_MAX = -1L;
    /** u32::MAX. */
    static final long U32_MAX = 0xFFFF_FFFFL;

    private static final String U64_MAX_TEXT = "18446744073709551615";
    private static final String I64_MIN_TEXT = "-9223372036854775808";
    private static final int MAX_SAFE_LONG_DIGITS = 18;

    private Numbers() {
    }

    /** True if serde_json holds {@code n} as an integer (u64 or i64) rather than an f64. */
    static boolean isInteger(JsonNode.Num n) {
        if (!n.integral()) {
            return false;
        }
        final String text = n.text();
        return text.charAt(0) == '-' ? negativeFitsI64(text) : fitsU64(text);
    }

    /**
     * Reads an unsigned integer of at most {@code max} (compared unsigned); {@code type} names the Rust type in
     * error messages ({@code u64}, {@code usize}, {@code u32}).
     */
    static long unsigned(JsonNode node, JsonPath path, String type, long max) {
        if (!(node instanceof JsonNode.Num n) || !isInteger(n)) {
            throw ReadErrors.invalidType(path, node, type);
        }
        final String text = n.text();
        if (text.charAt(0) == '-') {
            throw ReadErrors.invalidValue(path, "integer `" + text + "`", type);
        }
        final long value = text.length() <= MAX_SAFE_LONG_DIGITS ? Long.parseLong(text) : Long.parseUnsignedLong(text);
        if (Long.compareUnsigned(value, max) > 0) {
            throw ReadErrors.invalidValue(path, "integer `" + text + "`", type);
        }
        return value;
    }

    /** Reads any number as an f64 (integers accepted, rounded to nearest); infinity is out of range. */
    static double f64(JsonNode node, JsonPath path) {
        if (!(node instanceof JsonNode.Num n)) {
            throw ReadErrors.invalidType(path, node, "f64");
        }
        return f64(n, path);
    }

    /** The f64 value of {@code n}; infinity is out of range. */
    static double f64(JsonNode.Num n, JsonPath path) {
        final double value = Double.parseDouble(n.text());
        if (Double.isInfinite(value)) {
            throw ReadErrors.custom(path, "number out of range");
        }
        return value;
    }

    /**
     * Reads any number as an f32 the way serde does: an integer is rounded to the nearest f32 directly, a float is
     * first read as an f64 and then narrowed (so an f64 beyond the f32 range becomes infinity, as in Rust).
     */
    static float f32(JsonNode node, JsonPath path) {
        if (!(node instanceof JsonNode.Num n)) {
            throw ReadErrors.invalidType(path, node, "f32");
        }
        if (isInteger(n)) {
            return Float.parseFloat(n.text());
        }
        return (float) f64(n, path);
    }

    private static boolean fitsU64(String text) {
        return text.length() < U64_MAX_TEXT.length()
                || text.length() == U64_MAX_TEXT.length() && text.compareTo(U64_MAX_TEXT) <= 0;
    }

    private static boolean negativeFitsI64(String text) {
        if (text.equals("-0")) {
            return false;
        }
        return text.length() < I64_MIN_TEXT.length()
                || text.length() == I64_MIN_TEXT.length() && text.compareTo(I64_MIN_TEXT) <= 0;
    }
}
