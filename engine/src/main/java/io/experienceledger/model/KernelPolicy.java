package io.experienceledger.model;

import java.util.List;

/**
 * Kernel policy snapshot. {@code adapterId} and {@code seed} (unsigned) may be null;
 * {@code recallMaxCandidates} is an unsigned usize.
 */
public record KernelPolicy(String adapterId, boolean recallEnabled, long recallMaxCandidates, float recallMinScore,
                           Long seed, boolean requiresHuman, List<String> requiredTruths) {
    public KernelPolicy {
        requiredTruths = Checks.list(requiredTruths, "requiredTruths");
    }

    /** The reference constructor default: no adapter, recall off, 5 candidates, 0.7 min score, no seed. */
    public static KernelPolicy defaults() {
        return new KernelPolicy(null, false, 5, 0.7f, null, false, List.of());
    }
}
