package io.experienceledger.model;

/** Sampler settings of a local inference; {@code topK} (unsigned) may be null. */
public record SamplerParams(float temperature, float topP, Long topK) {
    /** The reference constructor default: temperature 0.0, top_p 1.0, no top_k. */
    public static SamplerParams defaults() {
        return new SamplerParams(0.0f, 1.0f, null);
    }
}
