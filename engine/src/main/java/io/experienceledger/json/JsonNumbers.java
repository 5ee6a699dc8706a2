package io.experienceledger.json;

/** Formats floating-point numbers exactly as serde_json (ryu) writes them. */
final class JsonNumbers {
    private JsonNumbers() {
    }

    /** Appends an f64 in serde_json's layout ({@code 1.0}, {@code 0.85}, {@code 1e-6}, {@code 1.5e16}). */
    static void appendF64(StringBuilder out, double value) {
        throw new UnsupportedOperationException("not written yet");
    }

    /** Appends an f32 in serde_json's layout ({@code 0.7}, {@code 0.000001}, {@code 1e13}). */
    static void appendF32(StringBuilder out, float value) {
        throw new UnsupportedOperationException("not written yet");
    }
}
