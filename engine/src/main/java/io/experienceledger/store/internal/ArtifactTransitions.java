package io.experienceledger.store.internal;

import io.experienceledger.model.ArtifactId;
import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.EventId;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.LifecycleEvent;
import io.experienceledger.store.ExperienceStoreException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How every backend builds the envelope of {@link ExperienceStore#writeArtifactStateTransition}. This deliberately
 * differs from the converge reference (which uses {@code evt-<n>}, the epoch placeholder and no tenant):
 * <ul>
 *   <li>event id {@code evt-artifact-<n>}, where {@code n} is the smallest number {@code >= 0} for which that id
 *       is not yet the id of any envelope in the store, engine or user side (a per-store counter that skips ids
 *       already present; since nothing is ever removed the two descriptions agree, also after a reopen);</li>
 *   <li>{@code occurred_at} is the lifecycle event's {@code timestamp}, which must pass the {@code occurred_at}
 *       rule of {@link EnvelopeValidator} or the call is rejected;</li>
 *   <li>tenant is the lifecycle event's {@code tenant_id} when it passes the identifier rule, otherwise none;</li>
 *   <li>no correlation id; the artifact id, kind and lifecycle event are stored unchanged.</li>
 * </ul>
 */
public final class ArtifactTransitions {
    /** The prefix of the event ids of artifact transitions. */
    public static final String EVENT_ID_PREFIX = "evt-artifact-";

    private ArtifactTransitions() {
    }

    /**
     * Checks that the lifecycle event's timestamp can be an {@code occurred_at}.
     *
     * @throws ExperienceStoreException {@code INVALID_QUERY} with the {@code occurred_at} violation
     */
    public static void validate(LifecycleEvent event) {
        final String violation = EnvelopeValidator.occurredAtViolation(event.timestamp());
        if (violation != null) {
            throw ExperienceStoreException.invalidQuery(violation);
        }
    }

    /** The event id with number {@code n}: {@code evt-artifact-<n>}. */
    public static String eventId(long n) {
        return EVENT_ID_PREFIX + n;
    }

    /** The smallest {@code n >= from} whose {@link #eventId} is not taken. */
    public static long nextFreeNumber(long from, Predicate<String> idTaken) {
        long n = from;
        while (idTaken.test(eventId(n))) {
            n++;
        }
        return n;
    }

    /** The transition envelope with the given event id, built from the arguments of the store call. */
    public static ExperienceEventEnvelope envelope(EventId eventId, ArtifactId artifactId, ArtifactKind artifactKind,
                                                   LifecycleEvent event) {
        Objects.requireNonNull(event, "event");
        final String tenant = event.tenantId();
        final ExperienceEventEnvelope envelope = new ExperienceEventEnvelope(eventId, event.timestamp(), null, null,
                new ExperienceEvent.ArtifactStateTransitioned(artifactId, artifactKind, event));
        return tenant != null && EnvelopeValidator.isValidIdentifier(tenant) ? envelope.withTenant(tenant) : envelope;
    }
}
