package io.experienceledger.model;

import java.util.Objects;

/** A captured policy: kernel, routing or recall. Adjacently tagged on the wire ({@code type}/{@code policy}). */
public sealed interface PolicySnapshot permits PolicySnapshot.Kernel, PolicySnapshot.Routing, PolicySnapshot.Recall {
    /** A kernel policy snapshot. */
    record Kernel(KernelPolicy policy) implements PolicySnapshot {
        public Kernel {
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** A routing policy snapshot. */
    record Routing(RoutingPolicy policy) implements PolicySnapshot {
        public Routing {
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** A recall policy snapshot. */
    record Recall(RecallPolicy policy) implements PolicySnapshot {
        public Recall {
            Objects.requireNonNull(policy, "policy");
        }
    }
}
