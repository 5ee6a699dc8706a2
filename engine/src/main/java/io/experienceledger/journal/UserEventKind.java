package io.experienceledger.journal;

import io.experienceledger.model.UserExperienceEvent;

import java.util.Objects;

/**
 * The kind of a user-side event: one constant per {@link UserExperienceEvent} variant, each with a pinned
 * one-byte {@link #code()} that the journal header stores (declaration order is not the format; the codes are).
 */
enum UserEventKind {
    UserApprovalGranted(0),
    UserApprovalRejected(1),
    UserOverrideIssued(2),
    UserCorrection(3),
    UserBoundaryAdjusted(4);

    private static final UserEventKind[] BY_CODE = byCode();
    private final int code;

    UserEventKind(int code) {
        this.code = code;
    }

    /** The pinned code of this kind, 0 to 4. */
    int code() {
        return code;
    }

    /** The kind with {@code code}, or null when no kind has it. */
    static UserEventKind ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The kind of {@code event}. */
    static UserEventKind of(UserExperienceEvent event) {
        Objects.requireNonNull(event, "event");
        if (event instanceof UserExperienceEvent.UserApprovalGranted) {
            return UserApprovalGranted;
        }
        if (event instanceof UserExperienceEvent.UserApprovalRejected) {
            return UserApprovalRejected;
        }
        if (event instanceof UserExperienceEvent.UserOverrideIssued) {
            return UserOverrideIssued;
        }
        if (event instanceof UserExperienceEvent.UserCorrection) {
            return UserCorrection;
        }
        if (event instanceof UserExperienceEvent.UserBoundaryAdjusted) {
            return UserBoundaryAdjusted;
        }
        throw new IllegalArgumentException("unknown user event variant " + event.getClass().getName());
    }

    private static UserEventKind[] byCode() {
        final UserEventKind[] kinds = new UserEventKind[values().length];
        for (UserEventKind kind : values()) {
            if (kinds[kind.code] != null) {
                throw new ExceptionInInitializerError("duplicate user event kind code " + kind.code);
            }
            kinds[kind.code] = kind;
        }
        return kinds;
    }
}
