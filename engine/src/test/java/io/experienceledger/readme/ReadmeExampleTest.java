package io.experienceledger.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.TenantId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example of the README, kept compiling and true. */
class ReadmeExampleTest {
    @TempDir
    Path workingDirectory;

    @Test
    void journalExampleWorksAsDocumented() {
        final String json;
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(workingDirectory.resolve("ledger-data"))) {
            store.appendEvent(ExperienceEventEnvelope.of("evt-1",
                    new ExperienceEvent.BudgetExceeded(ChainId.of("c-1"), BudgetResource.Named.Tokens, "1000", "1200"))
                .withTenant("tenant-a").withCorrelation("run-42").withTimestamp("2026-04-28T12:00:00Z"));

            List<ExperienceEventEnvelope> hits = store.queryEvents(EventQuery.all()
                .withTenant(TenantId.of("tenant-a")).withKinds(ExperienceEventKind.BudgetExceeded).withLimit(10L));
            json = ConvergeJson.write(hits.get(0));
        }
        assertEquals("{\"event_id\":\"evt-1\",\"occurred_at\":\"2026-04-28T12:00:00Z\",\"tenant_id\":\"tenant-a\","
                + "\"correlation_id\":\"run-42\",\"event\":{\"type\":\"BudgetExceeded\",\"data\":{\"chain_id\":\"c-1\","
                + "\"resource\":\"Tokens\",\"limit\":\"1000\",\"observed\":\"1200\"}}}", json);
    }
}
