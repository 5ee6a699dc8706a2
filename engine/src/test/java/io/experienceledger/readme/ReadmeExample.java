package io.experienceledger.readme;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.TenantId;
import java.nio.file.Path;
import java.util.List;

/**
 * The Java example of README.md ("Use it from Java") as a program: the lines between the markers are the README's
 * code block, which {@link ReadmeExampleTest} checks, and which it runs in a directory of its own.
 */
public final class ReadmeExample {
    private ReadmeExample() {
    }

    public static void main(String[] args) {
        // README.md example: begin
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(Path.of("ledger-data"))) {
            store.appendEvent(ExperienceEventEnvelope.of("evt-1",
                    new ExperienceEvent.BudgetExceeded(ChainId.of("c-1"), BudgetResource.Named.Tokens, "1000", "1200"))
                .withTenant("tenant-a").withCorrelation("run-42").withTimestamp("2026-04-28T12:00:00Z"));

            List<ExperienceEventEnvelope> hits = store.queryEvents(EventQuery.all()
                .withTenant(TenantId.of("tenant-a")).withKinds(ExperienceEventKind.BudgetExceeded).withLimit(10L));
            String json = ConvergeJson.write(hits.get(0));          // converge JSON, byte for byte
            System.out.println(json);
        }
        // README.md example: end
    }
}
