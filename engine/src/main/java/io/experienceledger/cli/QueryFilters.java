package io.experienceledger.cli;

import io.experienceledger.model.ChainId;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TimeRange;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The filters of {@code query} and {@code tail}, turned into an {@link EventQuery}. Set filters are ANDed, as in
 * every store; user envelopes are matched on tenant, correlation and time only.
 */
final class QueryFilters {
    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only this tenant (exact match).")
    String tenant;

    @Option(names = "--kind", paramLabel = "KIND", split = ",", converter = EventKinds.class,
            completionCandidates = EventKinds.class,
            description = "Only these engine event kinds (repeatable, or comma separated): ${COMPLETION-CANDIDATES}.")
    List<ExperienceEventKind> kinds = new ArrayList<>();

    @Option(names = "--correlation", paramLabel = "ID", description = "Only this correlation id.")
    String correlation;

    @Option(names = "--chain", paramLabel = "ID",
            description = "Only this chain id (ProposalCreated, ProposalValidated, OutcomeRecorded, BudgetExceeded).")
    String chain;

    @Option(names = "--from", paramLabel = "TIMESTAMP",
            description = "Only events that occurred at or after TIMESTAMP (compared as text, e.g. 2026-04-28T12:00:00Z).")
    String from;

    @Option(names = "--to", paramLabel = "TIMESTAMP", description = "Only events that occurred at or before TIMESTAMP.")
    String to;

    /** The query these filters describe, with {@code limit} (null for none). */
    EventQuery query(Long limit) {
        return new EventQuery(tenant == null ? null : new TenantId(tenant),
                from == null && to == null ? null : new TimeRange(from, to),
                List.copyOf(kinds),
                correlation == null ? null : new CorrelationId(correlation),
                chain == null ? null : new ChainId(chain),
                limit);
    }
}
