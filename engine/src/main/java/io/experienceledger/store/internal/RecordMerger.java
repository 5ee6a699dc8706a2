package io.experienceledger.store.internal;

import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.UserExperienceEventEnvelope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code queryRecords} merge shared by every backend. All matching engine records and all matching user
 * records are stable-sorted by {@code occurred_at} ({@link QueryMatcher#compareTimestamps}; on ties engine records
 * come before user records, each side in insertion order), and then the limit is applied once.
 *
 * <p>This deliberately differs from the converge reference, which cuts the engine side to the limit before
 * merging and can therefore drop an engine record that sorts into the first {@code limit} records.
 */
public final class RecordMerger {
    private static final Comparator<ExperienceRecord> BY_OCCURRED_AT =
            (a, b) -> QueryMatcher.compareTimestamps(a.occurredAt(), b.occurredAt());

    private RecordMerger() {
    }

    /**
     * Filters both ledgers with {@link QueryMatcher} and merges the matches.
     *
     * @param engineLedger every engine envelope, in insertion order
     * @param userLedger   every user envelope, in insertion order
     */
    public static List<ExperienceRecord> queryRecords(EventQuery query,
                                                      Iterable<ExperienceEventEnvelope> engineLedger,
                                                      Iterable<UserExperienceEventEnvelope> userLedger) {
        if (isZero(query.limit())) {
            return List.of();
        }
        final List<ExperienceEventEnvelope> engine = new ArrayList<>();
        for (ExperienceEventEnvelope envelope : engineLedger) {
            if (QueryMatcher.matches(query, envelope)) {
                engine.add(envelope);
            }
        }
        final List<UserExperienceEventEnvelope> user = new ArrayList<>();
        for (UserExperienceEventEnvelope envelope : userLedger) {
            if (QueryMatcher.matchesUser(query, envelope)) {
                user.add(envelope);
            }
        }
        return merge(engine, user, query.limit());
    }

    /**
     * Merges already-matched envelopes into an immutable list of records.
     *
     * @param engineMatches every matching engine envelope (not cut to the limit), in insertion order
     * @param userMatches   every matching user envelope, in insertion order
     * @param limit         the most records to return, null for no limit
     */
    public static List<ExperienceRecord> merge(List<ExperienceEventEnvelope> engineMatches,
                                               List<UserExperienceEventEnvelope> userMatches, Long limit) {
        final int total = engineMatches.size() + userMatches.size();
        if (total == 0 || isZero(limit)) {
            return List.of();
        }
        final ExperienceRecord[] records = new ExperienceRecord[total];
        int i = 0;
        for (ExperienceEventEnvelope envelope : engineMatches) {
            records[i++] = new ExperienceRecord.Engine(envelope);
        }
        for (UserExperienceEventEnvelope envelope : userMatches) {
            records[i++] = new ExperienceRecord.User(envelope);
        }
        Arrays.sort(records, BY_OCCURRED_AT); // stable for objects
        final int keep = QueryMatcher.limitReached(limit, total) ? (int) (long) limit : total;
        return Collections.unmodifiableList(Arrays.asList(keep == total ? records : Arrays.copyOf(records, keep)));
    }

    private static boolean isZero(Long limit) {
        return limit != null && limit == 0L;
    }
}
