package io.experienceledger.json;

import static io.experienceledger.json.Member.any;
import static io.experienceledger.json.Member.opt;
import static io.experienceledger.json.Member.req;

import io.experienceledger.model.BoundaryKind;
import io.experienceledger.model.BoundaryTarget;
import io.experienceledger.model.CorrectionTarget;
import io.experienceledger.model.FactContent;
import io.experienceledger.model.FactContentKind;
import io.experienceledger.model.GateId;
import io.experienceledger.model.OverrideTarget;
import io.experienceledger.model.UserExperienceEvent;
import io.experienceledger.model.UserExperienceEvent.UserApprovalGranted;
import io.experienceledger.model.UserExperienceEvent.UserApprovalRejected;
import io.experienceledger.model.UserExperienceEvent.UserBoundaryAdjusted;
import io.experienceledger.model.UserExperienceEvent.UserCorrection;
import io.experienceledger.model.UserExperienceEvent.UserOverrideIssued;
import java.util.function.Function;

/**
 * Codecs for the user-side event (spec 3.16, adjacently tagged {@code type}/{@code data}) and its parts: override
 * targets (adjacent {@code kind}/{@code id}, PascalCase), correction targets (internal {@code kind}, snake_case),
 * boundary kinds (snake_case), boundary targets (internal {@code scope}, snake_case) and fact content (section 9).
 */
final class UserEventCodecs {
    static final ExternallyTagged<BoundaryKind> BOUNDARY_KIND =
            ExternallyTagged.units("BoundaryKind", BoundaryKind.values(), BoundaryKind::wireName);
    static final ExternallyTagged<FactContentKind> FACT_CONTENT_KIND =
            ExternallyTagged.units("FactContentKind", FactContentKind.values(), Enum::name);

    static final StructCodec<FactContent> FACT_CONTENT = StructCodec.of("struct FactContent",
            v -> new FactContent(v.get(0), v.get(1), v.get(2)),
            req("kind", FACT_CONTENT_KIND, FactContent::kind),
            req("content", Scalars.STRING, FactContent::content),
            opt("structured", Scalars.VALUE, FactContent::structured));

    static final AdjacentlyTagged<OverrideTarget> OVERRIDE_TARGET = new AdjacentlyTagged<>("kind", "id",
            new TaggedVariants<OverrideTarget>("OverrideTarget")
                    .add("Fact", OverrideTarget.Fact.class,
                            Codec.wrapping(Identifiers.FACT_ID, OverrideTarget.Fact::new, OverrideTarget.Fact::id))
                    .add("Proposal", OverrideTarget.Proposal.class, Codec.wrapping(Identifiers.PROPOSAL_ID,
                            OverrideTarget.Proposal::new, OverrideTarget.Proposal::id))
                    .add("Constraint", OverrideTarget.Constraint.class, Codec.wrapping(Identifiers.CONSTRAINT_NAME,
                            OverrideTarget.Constraint::new, OverrideTarget.Constraint::id)));

    static final InternallyTagged<CorrectionTarget> CORRECTION_TARGET = new InternallyTagged<>("kind",
            new TaggedVariants<CorrectionTarget>("CorrectionTarget")
                    .struct("fact", CorrectionTarget.Fact.class,
                            v -> new CorrectionTarget.Fact(v.get(0)),
                            req("fact_id", Identifiers.FACT_ID, CorrectionTarget.Fact::factId))
                    .struct("proposal", CorrectionTarget.Proposal.class,
                            v -> new CorrectionTarget.Proposal(v.get(0)),
                            req("proposal_id", Identifiers.PROPOSAL_ID, CorrectionTarget.Proposal::proposalId)));

    static final InternallyTagged<BoundaryTarget> BOUNDARY_TARGET = new InternallyTagged<>("scope",
            new TaggedVariants<BoundaryTarget>("BoundaryTarget")
                    .struct("pack", BoundaryTarget.Pack.class,
                            v -> new BoundaryTarget.Pack(v.get(0)),
                            req("pack_id", Identifiers.PACK_ID, BoundaryTarget.Pack::packId))
                    .struct("intent", BoundaryTarget.Intent.class,
                            v -> new BoundaryTarget.Intent(v.get(0)),
                            req("intent_id", Identifiers.INTENT_ID, BoundaryTarget.Intent::intentId))
                    .struct("global", BoundaryTarget.Global.class, v -> new BoundaryTarget.Global()));

    static final AdjacentlyTagged<UserExperienceEvent> EVENT = new AdjacentlyTagged<>("type", "data",
            new TaggedVariants<UserExperienceEvent>("UserExperienceEvent")
                    .add("UserApprovalGranted", UserApprovalGranted.class, approval(UserApprovalGranted.class,
                            v -> new UserApprovalGranted(v.get(0), v.get(1), v.get(2), v.get(3)),
                            UserApprovalGranted::gateRequestId, UserApprovalGranted::reason))
                    .add("UserApprovalRejected", UserApprovalRejected.class, approval(UserApprovalRejected.class,
                            v -> new UserApprovalRejected(v.get(0), v.get(1), v.get(2), v.get(3)),
                            UserApprovalRejected::gateRequestId, UserApprovalRejected::reason))
                    .struct("UserOverrideIssued", UserOverrideIssued.class,
                            v -> new UserOverrideIssued(v.get(0), v.get(1), v.get(2), v.get(3)),
                            req("target", OVERRIDE_TARGET, UserOverrideIssued::target),
                            req("actor", Identifiers.ACTOR_ID, UserOverrideIssued::actor),
                            opt("policy_snapshot_hash", Scalars.CONTENT_HASH, UserOverrideIssued::policySnapshotHash),
                            req("reason", Scalars.STRING, UserOverrideIssued::reason))
                    .struct("UserCorrection", UserCorrection.class,
                            v -> new UserCorrection(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5)),
                            req("target", CORRECTION_TARGET, UserCorrection::target),
                            req("actor", Identifiers.ACTOR_ID, UserCorrection::actor),
                            opt("policy_snapshot_hash", Scalars.CONTENT_HASH, UserCorrection::policySnapshotHash),
                            req("original_content", Scalars.CONTENT_HASH, UserCorrection::originalContent),
                            req("corrected_content", FACT_CONTENT, UserCorrection::correctedContent),
                            req("reason", Scalars.STRING, UserCorrection::reason))
                    .struct("UserBoundaryAdjusted", UserBoundaryAdjusted.class,
                            v -> new UserBoundaryAdjusted(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5),
                                    v.get(6)),
                            req("boundary", BOUNDARY_KIND, UserBoundaryAdjusted::boundary),
                            req("target", BOUNDARY_TARGET, UserBoundaryAdjusted::target),
                            req("actor", Identifiers.ACTOR_ID, UserBoundaryAdjusted::actor),
                            opt("policy_snapshot_hash", Scalars.CONTENT_HASH, UserBoundaryAdjusted::policySnapshotHash),
                            any("previous_value", Scalars.VALUE, UserBoundaryAdjusted::previousValue),
                            any("new_value", Scalars.VALUE, UserBoundaryAdjusted::newValue),
                            req("reason", Scalars.STRING, UserBoundaryAdjusted::reason)));

    private UserEventCodecs() {
    }

    /** The members of an approval variant, which the granted and the rejected approval share. */
    private static <V extends UserExperienceEvent> StructCodec<V> approval(Class<V> type,
                                                                         StructCodec.Builder<V> builder,
                                                                         Function<V, GateId> gateRequestId,
                                                                         Function<V, String> reason) {
        return StructCodec.variant("UserExperienceEvent", type, builder,
                req("gate_request_id", Identifiers.GATE_ID, gateRequestId),
                req("actor", Identifiers.ACTOR_ID, UserExperienceEvent::actor),
                opt("policy_snapshot_hash", Scalars.CONTENT_HASH, UserExperienceEvent::policySnapshotHash),
                opt("reason", Scalars.STRING, reason));
    }
}
