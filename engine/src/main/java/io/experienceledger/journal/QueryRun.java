package io.experienceledger.journal;

import io.experienceledger.index.internal.Postings;
import io.experienceledger.index.internal.PostingsUnion;
import io.experienceledger.index.internal.SideIndex;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.internal.QueryMatcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;

/**
 * One query, run on a caught-up index under its read lock: the plan's postings ({@link QueryPlanner}), a located
 * read of each position ({@link PositionedReader}), the match of its header ({@link QueryMatcher}), and the decode
 * of the payloads that match, checksum first; or, without a plan, a header scan. Entries after the index's
 * checkpoint are scanned when the index lags. Not thread-safe; close it when done.
 */
final class QueryRun implements AutoCloseable {
    private final Journal journal;
    private final SideIndex index;
    private final boolean indexLagging;
    /** The 16 identity bytes of the only origin wanted, or null for entries of any origin or none. */
    private final byte[] origin;
    private final DamageLog damage;
    private final PositionedReader reader;
    private final PostingsUnion union = new PostingsUnion();
    private final EntryChecksum checksum = new EntryChecksum();
    private long entriesScanned;
    private long payloadsDecoded;

    QueryRun(Journal journal, SideIndex index, long indexSpacing, boolean indexLagging,
             byte[] origin, DamageLog damage) {
        this.journal = journal;
        this.index = index;
        this.indexLagging = indexLagging;
        this.origin = origin;
        this.damage = damage;
        this.reader = new PositionedReader(journal, index, indexSpacing, damage);
    }

    /** Adds the engine envelopes matching {@code query} to {@code out}, in append order, up to {@code limit}. */
    void engine(EventQuery query, List<ExperienceEventEnvelope> out, Long limit) {
        final Postings plan = QueryPlanner.engine(query, index, union);
        if (plan == null) {
            scan(query, out, null, limit, -1);
            return;
        }
        for (long position = plan.next(); position != Postings.NO_POSITION; position = plan.next()) {
            if (read(position, query, out, null) && QueryMatcher.limitReached(limit, out.size())) {
                return;
            }
        }
        scanUnindexedTail(query, out, null, limit);
    }

    /** Adds the user envelopes matching {@code query} to {@code out}, in append order. */
    void user(EventQuery query, List<UserExperienceEventEnvelope> out) {
        final Postings plan = QueryPlanner.user(query, index, union);
        if (plan == null) {
            scan(query, null, out, null, -1);
            return;
        }
        for (long position = plan.next(); position != Postings.NO_POSITION; position = plan.next()) {
            read(position, query, null, out);
        }
        scanUnindexedTail(query, null, out, null);
    }

    /**
     * Adds the entries after journal index {@code after} that match {@code query} to the side's list (null: that
     * side is not wanted), reading every header; stops when {@code limit} engine envelopes were found.
     */
    void scan(EventQuery query, List<ExperienceEventEnvelope> engineOut, List<UserExperienceEventEnvelope> userOut,
              Long limit, long after) {
        final byte[] tenant = asciiBytes(query.tenantId());
        try (EntryCursor cursor = new EntryCursor(journal)) {
            cursor.onlyTenant(tenant).startAfter(after);
            try {
                while (cursor.next()) {
                    entriesScanned++;
                    if (collect(cursor.index(), cursor.header(), cursor.bytes(), cursor, query, engineOut, userOut)
                            && engineOut != null && QueryMatcher.limitReached(limit, engineOut.size())) {
                        return;
                    }
                }
                damage.note(cursor.damage());
            } finally {
                entriesScanned += cursor.otherTenantsPassed();
            }
        }
    }

    /** The trace registered last under {@code traceLinkId}, or null. */
    ReplayTrace trace(String traceLinkId) {
        final Postings plan = QueryPlanner.trace(traceLinkId, index, union);
        long last = Postings.NO_POSITION;
        for (long position = plan.next(); position != Postings.NO_POSITION; position = plan.next()) {
            try {
                final EntryHeader header = reader.header();
                if (reader.open(position) != null && header.traceLinkId() != null
                        && traceLinkId.contentEquals(header.traceLinkId())) {
                    last = position;
                }
            } finally {
                reader.release();
            }
        }
        if (indexLagging) {
            last = Math.max(last, lastTraceInTail(traceLinkId));
        }
        if (last == Postings.NO_POSITION) {
            return null;
        }
        try {
            final Bytes<?> bytes = reader.open(last);
            if (bytes == null || !intact(last, reader.header(), bytes, null)) {
                return null;
            }
            payloadsDecoded++;
            final ExperienceEvent event = EntryDecoder.engine(reader.header(), checksum.payload(reader.header())).event();
            return ((ExperienceEvent.ReplayTraceRecorded) event).traceLink();
        } finally {
            reader.release();
        }
    }

    /** Entries whose header this run read. */
    long entriesRead() {
        return entriesScanned + reader.entriesRead();
    }

    /** Payloads this run decoded. */
    long payloadsDecoded() {
        return payloadsDecoded;
    }

    @Override
    public void close() {
        reader.close();
    }

    /** When the index could not take every entry, the entries after its checkpoint are scanned. */
    private void scanUnindexedTail(EventQuery query, List<ExperienceEventEnvelope> engineOut,
                                   List<UserExperienceEventEnvelope> userOut, Long limit) {
        if (indexLagging) {
            scan(query, engineOut, userOut, limit, index.checkpoint());
        }
    }

    /** Reads the entry at {@code position}; adds it to the side's list when it matches. */
    private boolean read(long position, EventQuery query, List<ExperienceEventEnvelope> engineOut,
                         List<UserExperienceEventEnvelope> userOut) {
        try {
            final Bytes<?> bytes = reader.open(position);
            return bytes != null && collect(position, reader.header(), bytes, null, query, engineOut, userOut);
        } finally {
            reader.release();
        }
    }

    /**
     * Matches the entry's header against the query and decodes it into the side's list when it matches and is
     * intact. {@code cursor} is the scan that read it, or null for a positioned read.
     */
    private boolean collect(long position, EntryHeader entry, Bytes<?> bytes, EntryCursor cursor, EventQuery query,
                            List<ExperienceEventEnvelope> engineOut, List<UserExperienceEventEnvelope> userOut) {
        if (origin != null && !entry.hasOrigin(origin)) {
            return false;
        }
        if (engineOut != null && entry.isEngine() && QueryMatcher.matchesEngine(query, entry.tenant(),
                entry.engineKind(), entry.correlation(), entry.chain(), entry.occurredAt())) {
            if (intact(position, entry, bytes, cursor)) {
                payloadsDecoded++;
                engineOut.add(EntryDecoder.engine(entry, checksum.payload(entry)));
                return true;
            }
            return false;
        }
        if (userOut != null && entry.isUser()
                && QueryMatcher.matchesUserHeader(query, entry.tenant(), entry.correlation(), entry.occurredAt())) {
            if (intact(position, entry, bytes, cursor)) {
                payloadsDecoded++;
                userOut.add(EntryDecoder.user(entry, checksum.payload(entry)));
                return true;
            }
        }
        return false;
    }

    /** Every entry a query returns is checked against its checksum; a changed one is reported, not returned. */
    private boolean intact(long position, EntryHeader entry, Bytes<?> bytes, EntryCursor cursor) {
        if (checksum.matches(bytes, entry.start(), entry.end())) {
            return true;
        }
        damage.note(cursor == null ? reader.damageOfOpened(position, JournalDamage.CHECKSUM_MISMATCH)
                : cursor.damageOfCurrent(JournalDamage.CHECKSUM_MISMATCH));
        return false;
    }

    private long lastTraceInTail(String traceLinkId) {
        long last = Postings.NO_POSITION;
        try (EntryCursor cursor = new EntryCursor(journal)) {
            cursor.startAfter(index.checkpoint());
            while (cursor.next()) {
                entriesScanned++;
                final CharSequence id = cursor.header().traceLinkId();
                if (id != null && traceLinkId.contentEquals(id)) {
                    last = cursor.index();
                }
            }
        }
        return last;
    }

    /**
     * The tenant filter's bytes when it is ASCII, as every stored tenant id is (converge's identifier rule), so that
     * a scan drops other tenants' entries by comparing bytes; null when there is no such filter.
     */
    private static byte[] asciiBytes(TenantId tenant) {
        if (tenant == null) {
            return null;
        }
        final String value = tenant.value();
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return null;
            }
        }
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
