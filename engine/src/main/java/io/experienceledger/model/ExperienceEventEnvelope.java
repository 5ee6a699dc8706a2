package io.experienceledger.model;

import java.util.Objects;

/**
 * One engine event in the ledger with its envelope: id, time of occurrence (a free-form timestamp string,
 * compared as text), optional tenant and correlation (null when absent).
 */
public record ExperienceEventEnvelope(EventId eventId, String occurredAt, TenantId tenantId,
                                      CorrelationId correlationId, ExperienceEvent event) {
    /** The timestamp new envelopes carry until one is set. */
    public static final String EPOCH_PLACEHOLDER = Timestamps.EPOCH_PLACEHOLDER;

    public ExperienceEventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(event, "event");
    }

    /** A new envelope: the epoch placeholder timestamp, no tenant, no correlation. */
    public static ExperienceEventEnvelope of(EventId eventId, ExperienceEvent event) {
        return new ExperienceEventEnvelope(eventId, EPOCH_PLACEHOLDER, null, null, event);
    }

    /** A new envelope: the epoch placeholder timestamp, no tenant, no correlation. */
    public static ExperienceEventEnvelope of(String eventId, ExperienceEvent event) {
        return of(new EventId(eventId), event);
    }

    /** This envelope with the tenant set. */
    public ExperienceEventEnvelope withTenant(TenantId tenant) {
        return new ExperienceEventEnvelope(eventId, occurredAt, tenant, correlationId, event);
    }

    /** This envelope with the tenant set. */
    public ExperienceEventEnvelope withTenant(String tenant) {
        return withTenant(new TenantId(tenant));
    }

    /** This envelope with the correlation id set. */
    public ExperienceEventEnvelope withCorrelation(CorrelationId correlation) {
        return new ExperienceEventEnvelope(eventId, occurredAt, tenantId, correlation, event);
    }

    /** This envelope with the correlation id set. */
    public ExperienceEventEnvelope withCorrelation(String correlation) {
        return withCorrelation(new CorrelationId(correlation));
    }

    /** This envelope with the time of occurrence set. */
    public ExperienceEventEnvelope withTimestamp(String timestamp) {
        return new ExperienceEventEnvelope(eventId, timestamp, tenantId, correlationId, event);
    }

    /** The kind of the wrapped event. */
    public ExperienceEventKind kind() {
        return event.kind();
    }
}
