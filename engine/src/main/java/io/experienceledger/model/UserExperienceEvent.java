package io.experienceledger.model;

import java.util.Objects;

/**
 * A user-side event: an approval, rejection, override, correction or boundary adjustment made by a person.
 * Adjacently tagged on the wire ({@code type}/{@code data}). Every variant has an actor and an optional
 * (nullable) policy snapshot hash.
 */
public sealed interface UserExperienceEvent {
    /** The person who acted. */
    ActorId actor();

    /** The policy snapshot in force, or null. */
    ContentHash policySnapshotHash();

    /** A gate request was approved. {@code reason} may be null. */
    record UserApprovalGranted(GateId gateRequestId, ActorId actor, ContentHash policySnapshotHash, String reason)
            implements UserExperienceEvent {
        public UserApprovalGranted {
            Objects.requireNonNull(gateRequestId, "gateRequestId");
            Objects.requireNonNull(actor, "actor");
        }
    }

    /** A gate request was rejected. {@code reason} may be null. */
    record UserApprovalRejected(GateId gateRequestId, ActorId actor, ContentHash policySnapshotHash, String reason)
            implements UserExperienceEvent {
        public UserApprovalRejected {
            Objects.requireNonNull(gateRequestId, "gateRequestId");
            Objects.requireNonNull(actor, "actor");
        }
    }

    /** An operator overrode a fact, proposal or constraint. */
    record UserOverrideIssued(OverrideTarget target, ActorId actor, ContentHash policySnapshotHash, String reason)
            implements UserExperienceEvent {
        public UserOverrideIssued {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** An operator corrected the content of a fact or proposal. */
    record UserCorrection(CorrectionTarget target, ActorId actor, ContentHash policySnapshotHash,
                          ContentHash originalContent, FactContent correctedContent, String reason)
            implements UserExperienceEvent {
        public UserCorrection {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(originalContent, "originalContent");
            Objects.requireNonNull(correctedContent, "correctedContent");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** An operator adjusted a boundary; the values are arbitrary JSON ({@link JsonValue#NULL} for JSON null). */
    record UserBoundaryAdjusted(BoundaryKind boundary, BoundaryTarget target, ActorId actor,
                                ContentHash policySnapshotHash, JsonValue previousValue, JsonValue newValue,
                                String reason) implements UserExperienceEvent {
        public UserBoundaryAdjusted {
            Objects.requireNonNull(boundary, "boundary");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(previousValue, "previousValue");
            Objects.requireNonNull(newValue, "newValue");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
