package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TraceLinkId;
import io.experienceledger.workload.SyntheticWorkload;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The query part of {@code ledger demo}: each query answered through the side index and by a full scan of the
 * journal that ignores the index ({@link ChronicleExperienceStore#queryEventsByScan}), timed (median of
 * {@link #RUNS} runs after one warm-up run each) and checked for equal answers.
 */
final class QueryComparison {
    static final int RUNS = 5;
    private static final String ROW = "%-60s %8s %11s %11s %9s  %s%n";

    private final ChronicleExperienceStore store;
    private final PrintWriter out;

    QueryComparison(ChronicleExperienceStore store, PrintWriter out) {
        this.store = store;
        this.out = out;
    }

    /**
     * Compares tenant+kinds, correlation and trace link queries for {@code tenant} and workload run {@code run};
     * true when every pair of answers is equal.
     */
    boolean compare(String tenant, long run) {
        out.printf(ROW, "query", "results", "indexed", "full scan", "speed-up", "same answer");
        final EventQuery byTenant = EventQuery.all().withTenant(new TenantId(tenant))
                .withKinds(ExperienceEventKind.GateDecisionRecorded, ExperienceEventKind.BudgetExceeded);
        final EventQuery byCorrelation = EventQuery.all()
                .withCorrelation(new CorrelationId(SyntheticWorkload.correlationId(run)));
        final TraceLinkId trace = new TraceLinkId(SyntheticWorkload.traceLinkId(run));
        boolean same = row("tenant " + tenant + ", kinds GateDecisionRecorded,BudgetExceeded",
                () -> store.queryEvents(byTenant), () -> store.queryEventsByScan(byTenant));
        same &= row("correlation " + byCorrelation.correlationId().value(),
                () -> store.queryEvents(byCorrelation), () -> store.queryEventsByScan(byCorrelation));
        same &= row("trace link " + trace.value(),
                () -> store.getTraceLink(trace), () -> traceByScan(trace));
        out.println("(median of " + RUNS + " runs; the full scan reads every entry header of the journal and"
                + " decodes the matches)");
        return same;
    }

    /** The trace a full scan finds: the last ReplayTraceRecorded under the id, as the store's contract says. */
    private Optional<ReplayTrace> traceByScan(TraceLinkId id) {
        final List<ExperienceEventEnvelope> recorded = store.queryEventsByScan(
                EventQuery.all().withKinds(ExperienceEventKind.ReplayTraceRecorded));
        ReplayTrace last = null;
        for (ExperienceEventEnvelope envelope : recorded) {
            final ExperienceEvent.ReplayTraceRecorded event = (ExperienceEvent.ReplayTraceRecorded) envelope.event();
            if (event.traceLinkId().equals(id)) {
                last = event.traceLink();
            }
        }
        return Optional.ofNullable(last);
    }

    private boolean row(String label, Supplier<?> indexed, Supplier<?> scanned) {
        final Object indexedAnswer = indexed.get();
        final Object scannedAnswer = scanned.get();
        final long indexedNanos = median(indexed);
        final long scannedNanos = median(scanned);
        final boolean same = Objects.equals(indexedAnswer, scannedAnswer);
        out.printf(ROW, label, Numbers.count(size(indexedAnswer)), Numbers.duration(indexedNanos),
                Numbers.duration(scannedNanos), Numbers.ratio((double) scannedNanos / Math.max(1, indexedNanos)) + "x",
                same ? "yes" : "NO");
        return same;
    }

    private static long size(Object answer) {
        if (answer instanceof List<?> list) {
            return list.size();
        }
        return ((Optional<?>) answer).isPresent() ? 1 : 0;
    }

    private static long median(Supplier<?> query) {
        final long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            final long start = System.nanoTime();
            query.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[RUNS / 2];
    }
}
