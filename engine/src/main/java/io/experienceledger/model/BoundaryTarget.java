package io.experienceledger.model;

import java.util.Objects;

/** The scope of a boundary adjustment. Internally tagged ({@code scope}), snake_case names. */
public sealed interface BoundaryTarget {
    /** One pack: {@code {"scope":"pack","pack_id":...}}. */
    record Pack(PackId packId) implements BoundaryTarget {
        public Pack {
            Objects.requireNonNull(packId, "packId");
        }
    }

    /** One intent: {@code {"scope":"intent","intent_id":...}}. */
    record Intent(IntentId intentId) implements BoundaryTarget {
        public Intent {
            Objects.requireNonNull(intentId, "intentId");
        }
    }

    /** Everything: {@code {"scope":"global"}}. */
    record Global() implements BoundaryTarget {
    }
}
