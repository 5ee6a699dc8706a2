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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs the contract with {@link ExperienceStoreContractTest#afterWrites} closing the store and "reopening" it: a
 * fresh in-memory store that replays every successful write. A closed store refuses every call, so a test that
 * kept using the store from before its read phase fails here; every store must be closed exactly once.
 */
class ReopenSimulationContractTest extends ExperienceStoreContractTest {
    private static final List<ReplayingStore> CREATED = Collections.synchronizedList(new ArrayList<>());

    @Override
    protected ExperienceStore newStore() {
        return created(new ReplayingStore(List.of()));
    }

    @Override
    protected ExperienceStore afterWrites(ExperienceStore store) {
        final ReplayingStore old = (ReplayingStore) store;
        old.close();
        return created(new ReplayingStore(old.writes()));
    }

    @AfterAll
    static void everyStoreWasClosedExactlyOnce() {
        synchronized (CREATED) {
            for (int i = 0; i < CREATED.size(); i++) {
                assertEquals(1, CREATED.get(i).closes(), "store " + i + " of " + CREATED.size());
            }
        }
    }

    private static ReplayingStore created(ReplayingStore store) {
        CREATED.add(store);
        return store;
    }

    /** An in-memory store that logs its successful writes, so that a new one can replay them. */
    private static final class ReplayingStore implements ExperienceStore, AutoCloseable {
        private final InMemoryExperienceStore delegate = new InMemoryExperienceStore();
        private final List<Consumer<ExperienceStore>> writes = new ArrayList<>();
        private volatile int closes;

        ReplayingStore(List<Consumer<ExperienceStore>> history) {
            for (Consumer<ExperienceStore> write : history) {
                write(write);
            }
        }

        synchronized List<Consumer<ExperienceStore>> writes() {
            return List.copyOf(writes);
        }

        int closes() {
            return closes;
        }

        @Override
        public synchronized void close() {
            closes++;
        }

        @Override
        public void appendEvent(ExperienceEventEnvelope envelope) {
            write(s -> s.appendEvent(envelope));
        }

        @Override
        public void appendEvents(List<ExperienceEventEnvelope> envelopes) {
            // a copy that keeps null members, so that the delegate judges them as it judges any batch
            final List<ExperienceEventEnvelope> copy = envelopes == null ? null
                    : Collections.unmodifiableList(new ArrayList<>(envelopes));
            write(s -> s.appendEvents(copy));
        }

        @Override
        public List<ExperienceEventEnvelope> queryEvents(EventQuery query) {
            checkOpen();
            return delegate.queryEvents(query);
        }

        @Override
        public void writeArtifactStateTransition(ArtifactId artifactId, ArtifactKind artifactKind, LifecycleEvent event) {
            write(s -> s.writeArtifactStateTransition(artifactId, artifactKind, event));
        }

        @Override
        public Optional<ReplayTrace> getTraceLink(TraceLinkId traceLinkId) {
            checkOpen();
            return delegate.getTraceLink(traceLinkId);
        }

        @Override
        public void appendUserEvent(UserExperienceEventEnvelope envelope) {
            write(s -> s.appendUserEvent(envelope));
        }

        @Override
        public List<ExperienceRecord> queryRecords(EventQuery query) {
            checkOpen();
            return delegate.queryRecords(query);
        }

        /** Applies a write and, when it succeeds, logs it; one at a time, so the log keeps the store's order. */
        private synchronized void write(Consumer<ExperienceStore> write) {
            checkOpen();
            write.accept(delegate);
            writes.add(write);
        }

        private void checkOpen() {
            if (closes > 0) {
                throw new IllegalStateException("store used after it was closed");
            }
        }
    }
}
