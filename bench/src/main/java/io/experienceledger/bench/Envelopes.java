package io.experienceledger.bench;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.BackendId;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.DecisionStep;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.StopReason;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Representative envelopes of three sizes, measured as canonical converge JSON (the size a user of another store
 * would write): {@code small} ~170 B (a BudgetExceeded), {@code typical} ~300 B (an OutcomeRecorded with two
 * metadata entries, the envelope of the durability benchmark), {@code large} ~2 KiB (an OutcomeRecorded with
 * twenty-four metadata entries). Each carries a tenant, a correlation id and a timestamp.
 */
public enum Envelopes {
    small {
        @Override
        public ExperienceEventEnvelope envelope() {
            return ExperienceEventEnvelope.of("evt-000000041", new ExperienceEvent.BudgetExceeded(
                    ChainId.of("chain-0000042"), BudgetResource.Named.Tokens, "1000", null)).withTenant("acme")
                    .withTimestamp("2026-11-28T12:00:00.123Z");
        }
    },
    typical {
        @Override
        public ExperienceEventEnvelope envelope() {
            return wrap("evt-000000042", outcome(1));
        }
    },
    large {
        @Override
        public ExperienceEventEnvelope envelope() {
            return wrap("evt-000000043", outcome(24));
        }
    };

    /** A new envelope of this size (equal every time). */
    public abstract ExperienceEventEnvelope envelope();

    /** The size of the envelope as canonical converge JSON, UTF-8. */
    public int jsonBytes() {
        return json(envelope()).length;
    }

    /** The canonical converge JSON of {@code envelope}, UTF-8. */
    static byte[] json(ExperienceEventEnvelope envelope) {
        return ConvergeJson.write(envelope).getBytes(StandardCharsets.UTF_8);
    }

    private static ExperienceEvent.OutcomeRecorded outcome(int metadataEntries) {
        final Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("model", "planner-v3");
        for (int i = 1; i < metadataEntries; i++) {
            metadata.put("annotation-" + i, "reviewed by the planning gate, score 0.8" + i + ", cached=false");
        }
        return new ExperienceEvent.OutcomeRecorded(ChainId.of("chain-0000042"), DecisionStep.Planning, true,
                new StopReason.Converged(), 142L, 1830L, 2750L, BackendId.of("local-llm"), metadata);
    }

    private static ExperienceEventEnvelope wrap(String id, ExperienceEvent event) {
        return ExperienceEventEnvelope.of(id, event).withTenant("acme").withCorrelation("run-0000042")
                .withTimestamp("2026-11-28T12:00:00.123Z");
    }
}
