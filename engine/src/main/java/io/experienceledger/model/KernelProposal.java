package io.experienceledger.model;

import java.util.List;
import java.util.Objects;

/**
 * A proposal made by the kernel. {@code structuredPayload} and {@code confidence} (a plain f32, no range
 * check) may be null.
 */
public record KernelProposal(String id, ProposalKind kind, String payload, JsonValue structuredPayload,
                             ReplayTrace traceLink, List<ContractResult> contractResults, boolean requiresHuman,
                             Float confidence) {
    public KernelProposal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(traceLink, "traceLink");
        contractResults = Checks.list(contractResults, "contractResults");
    }

    /** True when every contract passed (also for none). */
    public boolean allContractsPassed() {
        return contractResults.stream().allMatch(ContractResult::passed);
    }

    /** True when every contract passed and no human is required. */
    public boolean isAutoPromotable() {
        return allContractsPassed() && !requiresHuman;
    }
}
