package io.experienceledger.model;

import java.util.Objects;

/** The outcome of one contract check on a kernel proposal; {@code failureReason} may be null. */
public record ContractResult(String name, boolean passed, String failureReason) {
    public ContractResult {
        Objects.requireNonNull(name, "name");
    }
}
