package io.experienceledger.json;

import static io.experienceledger.json.StructReader.any;
import static io.experienceledger.json.StructReader.opt;
import static io.experienceledger.json.StructReader.req;

import io.experienceledger.model.ActorId;
import io.experienceledger.model.BoundaryKind;
import io.experienceledger.model.BoundaryTarget;
import io.experienceledger.model.ConstraintName;
import io.experienceledger.model.CorrectionTarget;
import io.experienceledger.model.FactContent;
import io.experienceledger.model.FactContentKind;
import io.experienceledger.model.FactId;
import io.experienceledger.model.GateId;
import io.experienceledger.model.IntentId;
import io.experienceledger.model.OverrideTarget;
import io.experienceledger.model.PackId;
import io.experienceledger.model.ProposalId;
import io.experienceledger.model.UserExperienceEvent;

/**
 * Readers for the user-side event (spec 3.16, adjacently tagged {@code type}/{@code data}) and its parts: override
 * targets (adjacent {@code kind}/{@code id}, PascalCase), correction targets (internal {@code kind}, snake_case),
 * boundary kinds (snake_case), boundary targets (internal {@code scope}, snake_case) and fact content (section 9).
 */
final class UserEventReaders {
    static final ExternallyTagged<BoundaryKind> BOUNDARY_KIND =
            ExternallyTagged.units("BoundaryKind", BoundaryKind.values(), BoundaryKind::wireName);
    static final ExternallyTagged<FactContentKind> FACT_CONTENT_KIND =
            ExternallyTagged.units("FactContentKind", FactContentKind.values(), Enum::name);

    static final StructReader<FactContent> FACT_CONTENT = StructReader.of("struct FactContent",
            v -> new FactContent(v.get(0), v.get(1), v.get(2)),
            req("kind", FACT_CONTENT_KIND),
            req("content", Scalars::string),
            opt("structured", Scalars::value));

    static final AdjacentlyTagged<OverrideTarget> OVERRIDE_TARGET = new AdjacentlyTagged<>("OverrideTarget", "kind",
            "id", new TaggedVariants<OverrideTarget>()
                    .add("Fact", (node, path) -> new OverrideTarget.Fact(new FactId(Scalars.string(node, path))))
                    .add("Proposal", (node, path) ->
                            new OverrideTarget.Proposal(new ProposalId(Scalars.string(node, path))))
                    .add("Constraint", (node, path) ->
                            new OverrideTarget.Constraint(new ConstraintName(Scalars.string(node, path)))));

    static final InternallyTagged<CorrectionTarget> CORRECTION_TARGET = new InternallyTagged<>("CorrectionTarget",
            "kind", new TaggedVariants<CorrectionTarget>()
                    .add("fact", StructReader.of("struct variant CorrectionTarget::Fact",
                            v -> new CorrectionTarget.Fact(v.get(0)),
                            req("fact_id", (node, path) -> new FactId(Scalars.string(node, path)))))
                    .add("proposal", StructReader.of("struct variant CorrectionTarget::Proposal",
                            v -> new CorrectionTarget.Proposal(v.get(0)),
                            req("proposal_id", (node, path) -> new ProposalId(Scalars.string(node, path))))));

    static final InternallyTagged<BoundaryTarget> BOUNDARY_TARGET = new InternallyTagged<>("BoundaryTarget", "scope",
            new TaggedVariants<BoundaryTarget>()
                    .add("pack", StructReader.of("struct variant BoundaryTarget::Pack",
                            v -> new BoundaryTarget.Pack(v.get(0)),
                            req("pack_id", (node, path) -> new PackId(Scalars.string(node, path)))))
                    .add("intent", StructReader.of("struct variant BoundaryTarget::Intent",
                            v -> new BoundaryTarget.Intent(v.get(0)),
                            req("intent_id", (node, path) -> new IntentId(Scalars.string(node, path)))))
                    .add("global", (node, path) -> new BoundaryTarget.Global()));

    private static final Decoder<ActorId> ACTOR_ID = (node, path) -> new ActorId(Scalars.string(node, path));
    private static final Decoder<GateId> GATE_ID = (node, path) -> new GateId(Scalars.string(node, path));

    static final AdjacentlyTagged<UserExperienceEvent> EVENT = new AdjacentlyTagged<>("UserExperienceEvent", "type",
            "data", new TaggedVariants<UserExperienceEvent>()
                    .add("UserApprovalGranted", variant("UserApprovalGranted",
                            v -> new UserExperienceEvent.UserApprovalGranted(v.get(0), v.get(1), v.get(2), v.get(3)),
                            req("gate_request_id", GATE_ID),
                            req("actor", ACTOR_ID),
                            opt("policy_snapshot_hash", Scalars::contentHash),
                            opt("reason", Scalars::string)))
                    .add("UserApprovalRejected", variant("UserApprovalRejected",
                            v -> new UserExperienceEvent.UserApprovalRejected(v.get(0), v.get(1), v.get(2), v.get(3)),
                            req("gate_request_id", GATE_ID),
                            req("actor", ACTOR_ID),
                            opt("policy_snapshot_hash", Scalars::contentHash),
                            opt("reason", Scalars::string)))
                    .add("UserOverrideIssued", variant("UserOverrideIssued",
                            v -> new UserExperienceEvent.UserOverrideIssued(v.get(0), v.get(1), v.get(2), v.get(3)),
                            req("target", OVERRIDE_TARGET),
                            req("actor", ACTOR_ID),
                            opt("policy_snapshot_hash", Scalars::contentHash),
                            req("reason", Scalars::string)))
                    .add("UserCorrection", variant("UserCorrection",
                            v -> new UserExperienceEvent.UserCorrection(v.get(0), v.get(1), v.get(2), v.get(3),
                                    v.get(4), v.get(5)),
                            req("target", CORRECTION_TARGET),
                            req("actor", ACTOR_ID),
                            opt("policy_snapshot_hash", Scalars::contentHash),
                            req("original_content", Scalars::contentHash),
                            req("corrected_content", FACT_CONTENT),
                            req("reason", Scalars::string)))
                    .add("UserBoundaryAdjusted", variant("UserBoundaryAdjusted",
                            v -> new UserExperienceEvent.UserBoundaryAdjusted(v.get(0), v.get(1), v.get(2), v.get(3),
                                    v.get(4), v.get(5), v.get(6)),
                            req("boundary", BOUNDARY_KIND),
                            req("target", BOUNDARY_TARGET),
                            req("actor", ACTOR_ID),
                            opt("policy_snapshot_hash", Scalars::contentHash),
                            any("previous_value", Scalars::value),
                            any("new_value", Scalars::value),
                            req("reason", Scalars::string))));

    private UserEventReaders() {
    }

    private static StructReader<UserExperienceEvent> variant(String name,
                                                             StructReader.Builder<UserExperienceEvent> builder,
                                                             StructReader.Field... fields) {
        return StructReader.of("struct variant UserExperienceEvent::" + name, builder, fields);
    }
}
