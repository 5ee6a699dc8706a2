package io.experienceledger.model;

import java.util.Objects;

/** One entry of the ledger, engine-side or user-side, as returned by {@code queryRecords}. Adjacently tagged ({@code kind}/{@code value}). */
public sealed interface ExperienceRecord permits ExperienceRecord.Engine, ExperienceRecord.User {
    /** The wrapped envelope's id. */
    EventId eventId();

    /** The wrapped envelope's time of occurrence. */
    String occurredAt();

    /** The wrapped envelope's tenant, or null. */
    TenantId tenantId();

    /** The wrapped envelope's correlation id, or null. */
    CorrelationId correlationId();

    /** An engine envelope. */
    record Engine(ExperienceEventEnvelope value) implements ExperienceRecord {
        public Engine {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public EventId eventId() {
            return value.eventId();
        }

        @Override
        public String occurredAt() {
            return value.occurredAt();
        }

        @Override
        public TenantId tenantId() {
            return value.tenantId();
        }

        @Override
        public CorrelationId correlationId() {
            return value.correlationId();
        }
    }

    /** A user envelope. */
    record User(UserExperienceEventEnvelope value) implements ExperienceRecord {
        public User {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public EventId eventId() {
            return value.eventId();
        }

        @Override
        public String occurredAt() {
            return value.occurredAt();
        }

        @Override
        public TenantId tenantId() {
            return value.tenantId();
        }

        @Override
        public CorrelationId correlationId() {
            return value.correlationId();
        }
    }
}
