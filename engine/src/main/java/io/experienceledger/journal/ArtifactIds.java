package io.experienceledger.journal;

import io.experienceledger.model.ArtifactId;
import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.EventId;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.LifecycleEvent;
import io.experienceledger.store.internal.ArtifactTransitions;
import java.util.HashSet;
import java.util.Set;

/**
 * The event ids with the artifact-transition prefix that the journal holds, so that a new artifact transition
 * takes the first number no entry uses. Collected by one pass over the journal the first time a transition is
 * written; after that the index catch-up reports every new header ({@link #note}). Thread-safe.
 */
final class ArtifactIds {
    private final Journal journal;
    private final Set<String> ids = new HashSet<>();
    /** Set once the journal was read: from then on the catch-up keeps {@link #ids} current. */
    private volatile boolean complete;

    ArtifactIds(Journal journal) {
        this.journal = journal;
    }

    /** Notes the event id of an entry the catch-up read, once the ids are collected (cheap otherwise). */
    void note(EntryHeader header) {
        if (complete) {
            final CharSequence id = header.eventId();
            if (isArtifactId(id)) {
                add(id.toString());
            }
        }
    }

    /**
     * The envelope of the next artifact transition, with the first unused artifact event id. Under the append
     * lock and the index write lock, after a catch-up, so that no entry the journal holds is missed.
     */
    synchronized ExperienceEventEnvelope next(ArtifactId artifactId, ArtifactKind artifactKind, LifecycleEvent event) {
        collectOnce();
        final long number = ArtifactTransitions.nextFreeNumber(0, ids::contains);
        return ArtifactTransitions.envelope(new EventId(ArtifactTransitions.eventId(number)), artifactId, artifactKind,
                event);
    }

    /** Records the id of a transition that was appended. */
    void written(ExperienceEventEnvelope envelope) {
        add(envelope.eventId().value());
    }

    private synchronized void add(String id) {
        ids.add(id);
    }

    private void collectOnce() {
        if (complete) {
            return;
        }
        try (EntryCursor cursor = new EntryCursor(journal)) {
            cursor.startAfter(-1);
            while (cursor.next()) {
                final CharSequence id = cursor.header().eventId();
                if (isArtifactId(id)) {
                    ids.add(id.toString());
                }
            }
        }
        complete = true;
    }

    private static boolean isArtifactId(CharSequence id) {
        return id.length() > ArtifactTransitions.EVENT_ID_PREFIX.length() && id.charAt(0) == 'e'
                && id.toString().startsWith(ArtifactTransitions.EVENT_ID_PREFIX);
    }
}
