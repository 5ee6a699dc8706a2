package io.experienceledger.store;

import io.experienceledger.model.ArtifactId;
import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.LifecycleEvent;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.TraceLinkId;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.internal.ArtifactTransitions;
import io.experienceledger.store.internal.EnvelopeValidator;
import io.experienceledger.store.internal.QueryMatcher;
import io.experienceledger.store.internal.RecordMerger;
import java.util.List;
import java.util.Optional;

/**
 * The canonical append-only audit-trail boundary (converge {@code ExperienceStore}): engine and user envelopes
 * are appended, never updated or deleted, and read back through {@link EventQuery} filters.
 *
 * <p>Every implementation is safe for concurrent use and follows the same rules, checked by the contract suite
 * {@code ExperienceStoreContractTest}:
 * <ul>
 *   <li>Writes are validated by {@link EnvelopeValidator}; a rejected envelope changes nothing.</li>
 *   <li>Queries match with {@link QueryMatcher} and return envelopes in insertion order; event ids need not be
 *       unique and duplicates are all kept.</li>
 *   <li>{@link #queryRecords} merges engine and user records with {@link RecordMerger}, applying the limit once,
 *       after the merge.</li>
 *   <li>{@link #appendEvents} is all-or-nothing and not interleaved with concurrent appends.</li>
 *   <li>Returned lists are immutable.</li>
 * </ul>
 * Failures are reported as {@link ExperienceStoreException}.
 */
public interface ExperienceStore {
    /**
     * Appends one engine envelope. A {@code ReplayTraceRecorded} event also registers its trace under its trace
     * link id (last write wins).
     *
     * @throws ExperienceStoreException {@code INVALID_QUERY} when the envelope fails validation
     */
    void appendEvent(ExperienceEventEnvelope envelope);

    /**
     * Appends engine envelopes in order, all or nothing. Every envelope is validated first; the first invalid one
     * (0-based index {@code i}) fails the whole call with {@code INVALID_QUERY} and the message
     * {@code events[i]: <validation message>}, and nothing is appended.
     *
     * @throws ExperienceStoreException {@code INVALID_QUERY} when an envelope fails validation
     */
    void appendEvents(List<ExperienceEventEnvelope> envelopes);

    /** The engine envelopes matching the query, in insertion order, at most {@code limit} of them. */
    List<ExperienceEventEnvelope> queryEvents(EventQuery query);

    /**
     * Appends an {@code ArtifactStateTransitioned} event for the given artifact (see {@link ArtifactTransitions}
     * for the envelope it builds and its id scheme).
     *
     * @throws ExperienceStoreException {@code INVALID_QUERY} when the lifecycle event's timestamp is not a valid
     *                                  {@code occurred_at}
     */
    void writeArtifactStateTransition(ArtifactId artifactId, ArtifactKind artifactKind, LifecycleEvent event);

    /** The trace last registered under this id by a {@code ReplayTraceRecorded} event, or empty. */
    Optional<ReplayTrace> getTraceLink(TraceLinkId traceLinkId);

    /**
     * Appends one user envelope to the user-side ledger.
     *
     * @throws ExperienceStoreException {@code INVALID_QUERY} when the envelope fails validation
     */
    void appendUserEvent(UserExperienceEventEnvelope envelope);

    /**
     * Engine and user records matching the query, ordered by time of occurrence (engine before user on ties, each
     * side in insertion order), at most {@code limit} of them. User records are filtered by tenant, correlation and
     * time range only.
     */
    List<ExperienceRecord> queryRecords(EventQuery query);
}
