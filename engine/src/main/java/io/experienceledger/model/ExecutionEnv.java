package io.experienceledger.model;

import java.util.Objects;

/** Where a local inference ran. */
public record ExecutionEnv(String device, String backend, String precision) {
    public ExecutionEnv {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(precision, "precision");
    }

    /** The reference constructor default: cpu / ndarray / f32. */
    public static ExecutionEnv defaults() {
        return new ExecutionEnv("cpu", "ndarray", "f32");
    }
}
