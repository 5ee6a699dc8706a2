package io.experienceledger.model;

import java.util.List;

/**
 * A query over the ledger. Every filter is optional (null, or an empty {@code kinds}); set filters are
 * ANDed. {@code limit} is a count, null for no limit; like every converge usize it is UNSIGNED (0 to
 * 18446744073709551615 on the wire), so a limit of 2^63 or more is held as a negative long and must be compared
 * with {@link Long#compareUnsigned} (any such limit exceeds every possible result size).
 */
public record EventQuery(TenantId tenantId, TimeRange timeRange, List<ExperienceEventKind> kinds,
                         CorrelationId correlationId, ChainId chainId, Long limit) {
    private static final EventQuery ALL = new EventQuery(null, null, List.of(), null, null, null);

    public EventQuery {
        kinds = Checks.list(kinds, "kinds");
    }

    /** The query that matches everything (the reference's {@code EventQuery::default()}). */
    public static EventQuery all() {
        return ALL;
    }

    /** This query with the tenant filter set. */
    public EventQuery withTenant(TenantId tenant) {
        return new EventQuery(tenant, timeRange, kinds, correlationId, chainId, limit);
    }

    /** This query with the time range set. */
    public EventQuery withTimeRange(TimeRange range) {
        return new EventQuery(tenantId, range, kinds, correlationId, chainId, limit);
    }

    /** This query with the kinds filter set. */
    public EventQuery withKinds(List<ExperienceEventKind> newKinds) {
        return new EventQuery(tenantId, timeRange, newKinds, correlationId, chainId, limit);
    }

    /** This query with the kinds filter set. */
    public EventQuery withKinds(ExperienceEventKind... newKinds) {
        return withKinds(List.of(newKinds));
    }

    /** This query with the correlation filter set. */
    public EventQuery withCorrelation(CorrelationId correlation) {
        return new EventQuery(tenantId, timeRange, kinds, correlation, chainId, limit);
    }

    /** This query with the chain filter set. */
    public EventQuery withChain(ChainId chain) {
        return new EventQuery(tenantId, timeRange, kinds, correlationId, chain, limit);
    }

    /** This query with the limit set (null for none). */
    public EventQuery withLimit(Long newLimit) {
        return new EventQuery(tenantId, timeRange, kinds, correlationId, chainId, newLimit);
    }
}
