package io.experienceledger.json;

import io.experienceledger.model.ActorId;
import io.experienceledger.model.ApprovalPointId;
import io.experienceledger.model.ArtifactId;
import io.experienceledger.model.BackendId;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ConstraintName;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.CriterionId;
import io.experienceledger.model.DomainId;
import io.experienceledger.model.EventId;
import io.experienceledger.model.FactId;
import io.experienceledger.model.GateId;
import io.experienceledger.model.IntentId;
import io.experienceledger.model.PackId;
import io.experienceledger.model.PolicyId;
import io.experienceledger.model.ProposalId;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TensionId;
import io.experienceledger.model.TraceLinkId;

/** Codecs for the identifier newtypes (spec section 2): each is written as the bare string it wraps. */
final class Identifiers {
    static final TextCodec<EventId> EVENT_ID = TextCodec.of(EventId::new, EventId::value);
    static final TextCodec<TenantId> TENANT_ID = TextCodec.of(TenantId::new, TenantId::value);
    static final TextCodec<CorrelationId> CORRELATION_ID =
            TextCodec.of(CorrelationId::new, CorrelationId::value);
    static final TextCodec<ChainId> CHAIN_ID = TextCodec.of(ChainId::new, ChainId::value);
    static final TextCodec<TraceLinkId> TRACE_LINK_ID =
            TextCodec.of(TraceLinkId::new, TraceLinkId::value);
    static final TextCodec<ProposalId> PROPOSAL_ID = TextCodec.of(ProposalId::new, ProposalId::value);
    static final TextCodec<FactId> FACT_ID = TextCodec.of(FactId::new, FactId::value);
    static final TextCodec<ActorId> ACTOR_ID = TextCodec.of(ActorId::new, ActorId::value);
    static final TextCodec<ArtifactId> ARTIFACT_ID = TextCodec.of(ArtifactId::new, ArtifactId::value);
    static final TextCodec<BackendId> BACKEND_ID = TextCodec.of(BackendId::new, BackendId::value);
    static final TextCodec<PolicyId> POLICY_ID = TextCodec.of(PolicyId::new, PolicyId::value);
    static final TextCodec<DomainId> DOMAIN_ID = TextCodec.of(DomainId::new, DomainId::value);
    static final TextCodec<GateId> GATE_ID = TextCodec.of(GateId::new, GateId::value);
    static final TextCodec<PackId> PACK_ID = TextCodec.of(PackId::new, PackId::value);
    static final TextCodec<ConstraintName> CONSTRAINT_NAME =
            TextCodec.of(ConstraintName::new, ConstraintName::value);
    static final TextCodec<CriterionId> CRITERION_ID = TextCodec.of(CriterionId::new, CriterionId::value);
    static final TextCodec<ApprovalPointId> APPROVAL_POINT_ID =
            TextCodec.of(ApprovalPointId::new, ApprovalPointId::value);
    static final TextCodec<IntentId> INTENT_ID = TextCodec.of(IntentId::new, IntentId::value);
    static final TextCodec<TensionId> TENSION_ID = TextCodec.of(TensionId::new, TensionId::value);

    private Identifiers() {
    }
}
