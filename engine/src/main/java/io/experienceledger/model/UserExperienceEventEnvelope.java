package io.experienceledger.model;

import java.util.Objects;

/** One user-side event (approval, override, correction, boundary change) with its envelope; see {@link ExperienceEventEnvelope}. */
public record UserExperienceEventEnvelope(EventId eventId, String occurredAt, TenantId tenantId,
                                          CorrelationId correlationId, UserExperienceEvent event) {
    public UserExperienceEventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(event, "event");
    }

    /** A new envelope: the epoch placeholder timestamp, no tenant, no correlation. */
    public static UserExperienceEventEnvelope of(EventId eventId, UserExperienceEvent event) {
        return new UserExperienceEventEnvelope(eventId, ExperienceEventEnvelope.EPOCH_PLACEHOLDER, null, null, event);
    }

    /** A new envelope: the epoch placeholder timestamp, no tenant, no correlation. */
    public static UserExperienceEventEnvelope of(String eventId, UserExperienceEvent event) {
        return of(new EventId(eventId), event);
    }

    /** This envelope with the tenant set. */
    public UserExperienceEventEnvelope withTenant(TenantId tenant) {
        return new UserExperienceEventEnvelope(eventId, occurredAt, tenant, correlationId, event);
    }

    /** This envelope with the tenant set. */
    public UserExperienceEventEnvelope withTenant(String tenant) {
        return withTenant(new TenantId(tenant));
    }

    /** This envelope with the correlation id set. */
    public UserExperienceEventEnvelope withCorrelation(CorrelationId correlation) {
        return new UserExperienceEventEnvelope(eventId, occurredAt, tenantId, correlation, event);
    }

    /** This envelope with the correlation id set. */
    public UserExperienceEventEnvelope withCorrelation(String correlation) {
        return withCorrelation(new CorrelationId(correlation));
    }

    /** This envelope with the time of occurrence set. */
    public UserExperienceEventEnvelope withTimestamp(String timestamp) {
        return new UserExperienceEventEnvelope(eventId, timestamp, tenantId, correlationId, event);
    }
}
