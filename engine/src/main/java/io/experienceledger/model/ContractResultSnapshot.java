package io.experienceledger.model;

import java.util.Objects;

/** The outcome of one contract check, as recorded in a ProposalValidated event. */
public record ContractResultSnapshot(String name, boolean passed, String failureReason) {
    public ContractResultSnapshot {
        Objects.requireNonNull(name, "name");
    }

    /** Copies a kernel {@link ContractResult} field by field. */
    public static ContractResultSnapshot from(ContractResult result) {
        return new ContractResultSnapshot(result.name(), result.passed(), result.failureReason());
    }
}
