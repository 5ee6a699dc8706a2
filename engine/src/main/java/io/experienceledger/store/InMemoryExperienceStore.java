package io.experienceledger.store;

import io.experienceledger.model.ArtifactId;
import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.EventId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.LifecycleEvent;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.TraceLinkId;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.internal.ArtifactTransitions;
import io.experienceledger.store.internal.BatchValidator;
import io.experienceledger.store.internal.EnvelopeValidator;
import io.experienceledger.store.internal.QueryMatcher;
import io.experienceledger.store.internal.RecordMerger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An {@link ExperienceStore} held in memory (the converge {@code InMemoryExperienceStore}), with the
 * documented differences of this port: the {@code queryRecords} limit is applied once after the merge, artifact
 * transitions get unique ids and the lifecycle event's time and tenant ({@link ArtifactTransitions}), and
 * {@code appendEvents} is all-or-nothing.
 *
 * <p>Safe for concurrent use: writes take a write lock, queries a read lock, so every query sees a consistent
 * state and a batch is seen entirely or not at all. Stored values are immutable records and are returned as is.
 */
public final class InMemoryExperienceStore implements ExperienceStore {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<ExperienceEventEnvelope> events = new ArrayList<>();
    private final List<UserExperienceEventEnvelope> userEvents = new ArrayList<>();
    private final Map<TraceLinkId, ReplayTrace> traceLinks = new HashMap<>();
    /** Event ids of both sides, for unique artifact-transition ids. */
    private final Set<String> eventIds = new HashSet<>();
    private long nextArtifactNumber;

    /** An empty store. */
    public InMemoryExperienceStore() {
        // Fields are initialised above; nothing else to set up.
    }

    @Override
    public void appendEvent(ExperienceEventEnvelope envelope) {
        EnvelopeValidator.validate(Objects.requireNonNull(envelope, "envelope"));
        lock.writeLock().lock();
        try {
            appendValidated(envelope);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void appendEvents(List<ExperienceEventEnvelope> envelopes) {
        final ExperienceEventEnvelope[] batch = Objects.requireNonNull(envelopes, "envelopes")
                .toArray(new ExperienceEventEnvelope[0]);
        BatchValidator.validate(Arrays.asList(batch));
        lock.writeLock().lock();
        try {
            for (ExperienceEventEnvelope envelope : batch) {
                appendValidated(envelope);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<ExperienceEventEnvelope> queryEvents(EventQuery query) {
        Objects.requireNonNull(query, "query");
        final Long limit = query.limit();
        if (limit != null && limit == 0L) {
            return List.of();
        }
        final List<ExperienceEventEnvelope> result = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (ExperienceEventEnvelope envelope : events) {
                if (QueryMatcher.matches(query, envelope)) {
                    result.add(envelope);
                    if (QueryMatcher.limitReached(limit, result.size())) {
                        break;
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return Collections.unmodifiableList(result);
    }

    @Override
    public void writeArtifactStateTransition(ArtifactId artifactId, ArtifactKind artifactKind, LifecycleEvent event) {
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(artifactKind, "artifactKind");
        ArtifactTransitions.validate(event);
        lock.writeLock().lock();
        try {
            final long number = ArtifactTransitions.nextFreeNumber(nextArtifactNumber, eventIds::contains);
            nextArtifactNumber = number + 1;
            final EventId eventId = new EventId(ArtifactTransitions.eventId(number));
            appendValidated(ArtifactTransitions.envelope(eventId, artifactId, artifactKind, event));
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<ReplayTrace> getTraceLink(TraceLinkId traceLinkId) {
        Objects.requireNonNull(traceLinkId, "traceLinkId");
        lock.readLock().lock();
        try {
            return Optional.ofNullable(traceLinks.get(traceLinkId));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void appendUserEvent(UserExperienceEventEnvelope envelope) {
        EnvelopeValidator.validate(Objects.requireNonNull(envelope, "envelope"));
        lock.writeLock().lock();
        try {
            userEvents.add(envelope);
            eventIds.add(envelope.eventId().value());
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<ExperienceRecord> queryRecords(EventQuery query) {
        Objects.requireNonNull(query, "query");
        final Long limit = query.limit();
        if (limit != null && limit == 0L) {
            return List.of();
        }
        final List<ExperienceEventEnvelope> engineMatches = new ArrayList<>();
        final List<UserExperienceEventEnvelope> userMatches = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (ExperienceEventEnvelope envelope : events) {
                if (QueryMatcher.matches(query, envelope)) {
                    engineMatches.add(envelope);
                }
            }
            for (UserExperienceEventEnvelope envelope : userEvents) {
                if (QueryMatcher.matchesUser(query, envelope)) {
                    userMatches.add(envelope);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return RecordMerger.merge(engineMatches, userMatches, limit);
    }

    /** Appends a validated engine envelope; the caller holds the write lock. */
    private void appendValidated(ExperienceEventEnvelope envelope) {
        if (envelope.event() instanceof ExperienceEvent.ReplayTraceRecorded) {
            final ExperienceEvent.ReplayTraceRecorded recorded = (ExperienceEvent.ReplayTraceRecorded) envelope.event();
            traceLinks.put(recorded.traceLinkId(), recorded.traceLink());
        }
        events.add(envelope);
        eventIds.add(envelope.eventId().value());
    }
}
