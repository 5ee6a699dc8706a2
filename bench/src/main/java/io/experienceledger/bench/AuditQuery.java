package io.experienceledger.bench;

import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import io.experienceledger.store.ExperienceStore;
import io.experienceledger.store.internal.QueryMatcher;
import io.experienceledger.workload.SyntheticWorkload;
import java.util.List;

/**
 * The queries of {@link QueryBenchmark} and of the memory check, chosen from the workload itself: the tenant and
 * two kinds whose envelopes are nearest {@value #SELECTIVITY} of the ledger (counted on its first
 * {@value #SAMPLE} envelopes), and the decision run in the middle of the ledger.
 *
 * @param tenant        T
 * @param kinds         [K1, K2]
 * @param correlationId the run whose events the correlation query asks for
 */
record AuditQuery(String tenant, List<ExperienceEventKind> kinds, String correlationId) {
    static final long SEED = 42;
    static final int TENANTS = 16;
    static final double SELECTIVITY = 0.005;
    static final long LIMIT = 1000;
    private static final int SAMPLE = 100_000;

    /** The workload every backend is filled from: the same envelopes, in the same order, every time. */
    static SyntheticWorkload workload() {
        return new SyntheticWorkload(SEED, TENANTS);
    }

    /** Appends {@code record} to the side of {@code store} it belongs to. */
    static void append(ExperienceStore store, ExperienceRecord record) {
        if (record instanceof ExperienceRecord.Engine engine) {
            store.appendEvent(engine.value());
        } else {
            store.appendUserEvent(((ExperienceRecord.User) record).value());
        }
    }

    /** The queries for a ledger of {@code events} envelopes. */
    static AuditQuery choose(long events) {
        final SyntheticWorkload workload = workload();
        final int sample = (int) Math.min(events, SAMPLE);
        final ExperienceEventKind[] kinds = ExperienceEventKind.values();
        final long[][] counts = new long[TENANTS][kinds.length];
        for (int i = 0; i < sample; i++) {
            if (workload.next() instanceof ExperienceRecord.Engine e) {
                counts[workload.tenants().indexOf(e.value().tenantId().value())][e.value().kind().ordinal()]++;
            }
        }
        int bestTenant = 0;
        int bestFirst = 0;
        int bestSecond = 1;
        double bestDistance = Double.MAX_VALUE;
        for (int t = 0; t < TENANTS; t++) {
            for (int a = 0; a < kinds.length; a++) {
                for (int b = a + 1; b < kinds.length; b++) {
                    final double distance = Math.abs((counts[t][a] + counts[t][b]) / (double) sample - SELECTIVITY);
                    if (counts[t][a] > 0 && counts[t][b] > 0 && distance < bestDistance) {
                        bestDistance = distance;
                        bestTenant = t;
                        bestFirst = a;
                        bestSecond = b;
                    }
                }
            }
        }
        final long middleRun = workload.runsStarted() * events / sample / 2;
        return new AuditQuery(workload.tenants().get(bestTenant), List.of(kinds[bestFirst], kinds[bestSecond]),
                SyntheticWorkload.correlationId(middleRun));
    }

    /** "tenant T, kinds [K1, K2], limit 1000". */
    EventQuery audit() {
        return EventQuery.all().withTenant(TenantId.of(tenant)).withKinds(kinds).withLimit(LIMIT);
    }

    /** Every event of one decision run. */
    EventQuery correlation() {
        return EventQuery.all().withCorrelation(CorrelationId.of(correlationId));
    }

    /** How many of the first {@code events} envelopes match the audit query without its limit, and the correlation query. */
    long[] matches(long events) {
        final SyntheticWorkload workload = workload();
        final EventQuery unlimited = audit().withLimit(null);
        final EventQuery run = correlation();
        final long[] matches = new long[2];
        for (long i = 0; i < events; i++) {
            if (workload.next() instanceof ExperienceRecord.Engine e) {
                matches[0] += QueryMatcher.matches(unlimited, e.value()) ? 1 : 0;
                matches[1] += QueryMatcher.matches(run, e.value()) ? 1 : 0;
            }
        }
        return matches;
    }

    String describe() {
        return "tenant " + tenant + ", kinds [" + kinds.get(0) + ", " + kinds.get(1) + "], limit " + LIMIT;
    }
}
