package io.experienceledger.model;

import java.util.List;

/**
 * A query over the ledger. Every filter is optional (null, or an empty {@code kinds}); set filters are
 * ANDed. {@code limit} is a non-negative count, null for no limit.
 */
public record EventQuery(TenantId tenantId, TimeRange timeRange, List<ExperienceEventKind> kinds,
                         CorrelationId correlationId, ChainId chainId, Long limit) {
    private static final EventQuery ALL = new EventQuery(null, null, List.of(), null, null, null);

    public EventQuery {
        kinds = Checks.list(kinds, "kinds");
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
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
