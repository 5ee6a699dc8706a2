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
    static final Codec<EventId> EVENT_ID = Codec.wrapping(Scalars.STRING, EventId::new, EventId::value);
    static final Codec<TenantId> TENANT_ID = Codec.wrapping(Scalars.STRING, TenantId::new, TenantId::value);
    static final Codec<CorrelationId> CORRELATION_ID =
            Codec.wrapping(Scalars.STRING, CorrelationId::new, CorrelationId::value);
    static final Codec<ChainId> CHAIN_ID = Codec.wrapping(Scalars.STRING, ChainId::new, ChainId::value);
    static final Codec<TraceLinkId> TRACE_LINK_ID =
            Codec.wrapping(Scalars.STRING, TraceLinkId::new, TraceLinkId::value);
    static final Codec<ProposalId> PROPOSAL_ID = Codec.wrapping(Scalars.STRING, ProposalId::new, ProposalId::value);
    static final Codec<FactId> FACT_ID = Codec.wrapping(Scalars.STRING, FactId::new, FactId::value);
    static final Codec<ActorId> ACTOR_ID = Codec.wrapping(Scalars.STRING, ActorId::new, ActorId::value);
    static final Codec<ArtifactId> ARTIFACT_ID = Codec.wrapping(Scalars.STRING, ArtifactId::new, ArtifactId::value);
    static final Codec<BackendId> BACKEND_ID = Codec.wrapping(Scalars.STRING, BackendId::new, BackendId::value);
    static final Codec<PolicyId> POLICY_ID = Codec.wrapping(Scalars.STRING, PolicyId::new, PolicyId::value);
    static final Codec<DomainId> DOMAIN_ID = Codec.wrapping(Scalars.STRING, DomainId::new, DomainId::value);
    static final Codec<GateId> GATE_ID = Codec.wrapping(Scalars.STRING, GateId::new, GateId::value);
    static final Codec<PackId> PACK_ID = Codec.wrapping(Scalars.STRING, PackId::new, PackId::value);
    static final Codec<ConstraintName> CONSTRAINT_NAME =
            Codec.wrapping(Scalars.STRING, ConstraintName::new, ConstraintName::value);
    static final Codec<CriterionId> CRITERION_ID = Codec.wrapping(Scalars.STRING, CriterionId::new, CriterionId::value);
    static final Codec<ApprovalPointId> APPROVAL_POINT_ID =
            Codec.wrapping(Scalars.STRING, ApprovalPointId::new, ApprovalPointId::value);
    static final Codec<IntentId> INTENT_ID = Codec.wrapping(Scalars.STRING, IntentId::new, IntentId::value);
    static final Codec<TensionId> TENSION_ID = Codec.wrapping(Scalars.STRING, TensionId::new, TensionId::value);

    private Identifiers() {
    }
}
