package io.experienceledger.cli;

import io.experienceledger.model.ChainId;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TimeRange;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The filters of {@code query} and {@code tail}, turned into an {@link EventQuery}. Set filters are ANDed, as in
 * every store; user envelopes are matched on tenant, correlation and time only.
 */
final class QueryFilters {
    private static final List<DateTimeFormatter> TIMESTAMPS = List.of(DateTimeFormatter.ISO_DATE_TIME,
            DateTimeFormatter.ISO_DATE, DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("uuuu").withResolverStyle(ResolverStyle.STRICT));

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

    /**
     * The query these filters describe, with {@code limit} (null for none). A {@code --from} or {@code --to} that
     * is not an ISO 8601 timestamp is kept (timestamps compare as text, and any text is a valid bound), with a
     * warning on {@code err}: {@code yesterday} or {@code 2026-13-45} is more likely a slip than meant.
     */
    EventQuery query(Long limit, PrintWriter err) {
        warnUnlessTimestamp("--from", from, err);
        warnUnlessTimestamp("--to", to, err);
        return new EventQuery(tenant == null ? null : new TenantId(tenant),
                from == null && to == null ? null : new TimeRange(from, to),
                List.copyOf(kinds),
                correlation == null ? null : new CorrelationId(correlation),
                chain == null ? null : new ChainId(chain),
                limit);
    }

    private static void warnUnlessTimestamp(String option, String value, PrintWriter err) {
        if (value != null && !isTimestamp(value)) {
            err.println("warning: " + option + " '" + value + "' is not an ISO 8601 timestamp such as"
                    + " 2026-04-28T12:00:00Z; timestamps compare as text, so the range may not be what you meant");
        }
    }

    /** True for an ISO 8601 date-time, date, year-month or year that exists (2026-04-28T12:00:00Z, 2026-04-29). */
    static boolean isTimestamp(String value) {
        for (DateTimeFormatter format : TIMESTAMPS) {
            try {
                format.parse(value);
                return true;
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return false;
    }
}
