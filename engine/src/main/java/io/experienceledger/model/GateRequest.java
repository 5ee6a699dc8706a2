package io.experienceledger.model;

import java.util.List;
import java.util.Objects;

/** A request for a human decision at a gate; {@code rationale} may be null, {@code cycle} is a u32. */
public record GateRequest(GateId gateId, ProposalId proposalId, String summary, String agentId, String rationale,
                          List<ContextItem> contextData, long cycle, String requestedAt, TimeoutPolicy timeout) {
    public GateRequest {
        Objects.requireNonNull(gateId, "gateId");
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(agentId, "agentId");
        contextData = Checks.list(contextData, "contextData");
        Checks.u32(cycle, "cycle");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(timeout, "timeout");
    }
}
