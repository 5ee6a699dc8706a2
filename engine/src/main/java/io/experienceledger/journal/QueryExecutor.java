package io.experienceledger.journal;

import io.experienceledger.index.internal.SideIndex;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.internal.QueryMatcher;
import io.experienceledger.store.internal.RecordMerger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Answers the store's queries: each runs as a {@link QueryRun} on an index the {@link IndexCatchUp} has caught up,
 * under its read lock, and records what it cost ({@link #lastWork()}).
 */
final class QueryExecutor {
    /** How stale a reader's view of another process's prune may be: a {@code stat} at most this often. */
    private static final long PRUNE_CHECK_NANOS = 100_000_000L;

    private final Journal journal;
    private final SideIndex index;
    private final long indexSpacing;
    private final IndexCatchUp catchUp;
    private final DamageLog damage;
    private final StoreLifecycle lifecycle;
    private volatile long[] lastWork = new long[2];

    QueryExecutor(Journal journal, SideIndex index, long indexSpacing, IndexCatchUp catchUp, DamageLog damage,
                  StoreLifecycle lifecycle) {
        this.journal = journal;
        this.index = index;
        this.indexSpacing = indexSpacing;
        this.catchUp = catchUp;
        this.damage = damage;
        this.lifecycle = lifecycle;
    }

    /** The engine envelopes matching {@code query}, in append order, up to its limit. */
    List<ExperienceEventEnvelope> events(EventQuery query) {
        return events(query, null);
    }

    /** {@link #events}, of entries copied from the ledger with the 16 identity bytes {@code origin} only (null: all). */
    List<ExperienceEventEnvelope> events(EventQuery query, byte[] origin) {
        if (QueryMatcher.limitReached(query.limit(), 0)) {
            return List.of();
        }
        final List<ExperienceEventEnvelope> result = new ArrayList<>();
        return catchUp.read(() -> run(catchUp.lagging(), origin, run -> {
            run.engine(query, result, query.limit());
            return Collections.unmodifiableList(result);
        }));
    }

    /** {@link #events} answered by a header scan of the whole journal, without the index. */
    List<ExperienceEventEnvelope> eventsByScan(EventQuery query) {
        if (QueryMatcher.limitReached(query.limit(), 0)) {
            return List.of();
        }
        lifecycle.checkOpen();
        final List<ExperienceEventEnvelope> result = new ArrayList<>();
        return run(false, null, run -> {
            run.scan(query, result, null, query.limit(), -1);
            return Collections.unmodifiableList(result);
        });
    }

    /** The engine and user envelopes matching {@code query}, merged as converge merges them. */
    List<ExperienceRecord> records(EventQuery query) {
        return records(query, null);
    }

    /** {@link #records}, of entries copied from the ledger with the identity bytes {@code origin} only (null: all). */
    List<ExperienceRecord> records(EventQuery query, byte[] origin) {
        if (QueryMatcher.limitReached(query.limit(), 0)) {
            return List.of();
        }
        final List<ExperienceEventEnvelope> engine = new ArrayList<>();
        final List<UserExperienceEventEnvelope> user = new ArrayList<>();
        catchUp.read(() -> run(catchUp.lagging(), origin, run -> {
            run.engine(query, engine, null);
            run.user(query, user);
            return null;
        }));
        return RecordMerger.merge(engine, user, query.limit());
    }

    /** The replay trace registered last under {@code traceLinkId}. */
    Optional<ReplayTrace> trace(String traceLinkId) {
        return Optional.ofNullable(catchUp.read(() -> run(catchUp.lagging(), null, run -> run.trace(traceLinkId))));
    }

    /** What the last query cost: {entries whose header it read, payloads it decoded}. */
    long[] lastWork() {
        return lastWork.clone();
    }

    /** Runs {@code work} on a new run and records what it cost, also when it fails. */
    private <T> T run(boolean indexLagging, byte[] origin, Function<QueryRun, T> work) {
        // another process may have pruned: its postings of removed entries are skipped from then on
        journal.refreshFirstRetainedAtMostEvery(PRUNE_CHECK_NANOS);
        final QueryRun run = new QueryRun(journal, index, indexSpacing, indexLagging, origin, damage);
        try {
            return work.apply(run);
        } finally {
            lastWork = new long[] {run.entriesRead(), run.payloadsDecoded()};
            run.close();
        }
    }
}
