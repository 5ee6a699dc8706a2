package io.experienceledger.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.TenantId;
import io.experienceledger.store.ExperienceStore;
import io.experienceledger.store.InMemoryExperienceStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java example of the README, kept compiling and true. */
class ReadmeExampleTest {

    @Test
    void inMemoryExampleWorksAsDocumented() {
        ExperienceStore store = new InMemoryExperienceStore();
        store.appendEvent(ExperienceEventEnvelope.of("evt-1",
                new ExperienceEvent.BudgetExceeded(ChainId.of("c-1"), BudgetResource.Named.Tokens, "1000", "1200"))
            .withTenant("tenant-a").withCorrelation("run-42").withTimestamp("2026-04-28T12:00:00Z"));

        List<ExperienceEventEnvelope> hits = store.queryEvents(EventQuery.all()
            .withTenant(TenantId.of("tenant-a")).withKinds(ExperienceEventKind.BudgetExceeded).withLimit(10L));
        String json = ConvergeJson.write(hits.get(0));
        ExperienceEventEnvelope back = ConvergeJson.readEnvelope(json);

        assertEquals(hits.get(0), back);
        assertEquals("{\"event_id\":\"evt-1\",\"occurred_at\":\"2026-04-28T12:00:00Z\",\"tenant_id\":\"tenant-a\","
                + "\"correlation_id\":\"run-42\",\"event\":{\"type\":\"BudgetExceeded\",\"data\":{\"chain_id\":\"c-1\","
                + "\"resource\":\"Tokens\",\"limit\":\"1000\",\"observed\":\"1200\"}}}", json);
    }
}
