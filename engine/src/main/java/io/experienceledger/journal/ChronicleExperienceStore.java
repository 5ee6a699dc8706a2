package io.experienceledger.journal;

import io.experienceledger.index.IndexOptions;
import io.experienceledger.index.internal.Postings;
import io.experienceledger.index.internal.PostingsUnion;
import io.experienceledger.index.internal.SideIndex;
import io.experienceledger.model.ArtifactId;
import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.EventId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.LifecycleEvent;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TraceLinkId;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.internal.ArtifactTransitions;
import io.experienceledger.store.internal.EnvelopeValidator;
import io.experienceledger.store.ExperienceStore;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.internal.QueryMatcher;
import io.experienceledger.store.internal.RecordMerger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The durable {@link ExperienceStore}: engine and user envelopes appended, in one total order, to a Chronicle Queue
 * journal on disk, and found again through a side index from (tenant, kind), kind, correlation id and trace link id
 * to journal positions.
 *
 * <pre>{@code
 * try (ChronicleExperienceStore store = ChronicleExperienceStore.open(Path.of("ledger"))) {
 *     store.appendEvent(envelope);
 *     List<ExperienceEventEnvelope> hits = store.queryEvents(EventQuery.all().withTenant(TenantId.of("t")));
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Appends validate, encode the entry off the journal, then copy it into one journal document; the index is
 *       not touched on the append path. Several threads may append; one process at a time may write a directory
 *       (others open it {@linkplain Builder#readOnly() read-only}, or wait for the writer lock).</li>
 *   <li>{@link #appendEvents} is atomic, also across a crash: its entries are framed by begin and commit markers,
 *       and readers see none of a batch until its commit is in the journal.</li>
 *   <li>Queries first catch the index up with the journal (reading entry headers only), plan from its postings
 *       (tenant and kinds, kinds, or correlation; otherwise a header scan), and decode payloads of matches only.
 *       What matches is decided by the shared {@link QueryMatcher}.</li>
 * </ul>
 * Thread-safe. Close it to release the writer lock and to write the index's tail, so reopening reads no journal.
 */
public final class ChronicleExperienceStore implements ExperienceStore, AutoCloseable {
    private static final int USER_KIND_COUNT = 5;

    private final LedgerDirectory layout;
    private final Builder settings;
    private final WriterLock writerLock;
    private final Journal journal;
    private final EntryWriter writer;
    private final SideIndex index;
    private final CycleStores cycleStores;
    /** Kept between catch-ups (under the index write lock), so that a query after no append does not seek. */
    private EntryCursor catchUpCursor;
    private volatile long[] lastQueryWork = new long[2];
    private final GroupCommit groupCommit;
    /** Entries between two of Chronicle's index entries in this journal's roll cycle (a power of two). */
    private final long indexSpacing;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ReentrantReadWriteLock indexLock = new ReentrantReadWriteLock();
    private final Set<String> artifactIds = new HashSet<>();
    private long caughtUpTo = -1;
    /** Entries the index catch-up has read from the journal since open (under the index write lock). */
    private long catchUpEntriesRead;
    private boolean indexLagging;
    private boolean artifactIdsComplete;
    private volatile boolean closed;
    private volatile String damage;

    private ChronicleExperienceStore(Builder settings) {
        this.settings = settings;
        this.layout = LedgerDirectory.open(settings.dir, !settings.readOnly,
                settings.rollCycle == null ? JournalRollCycle.DEFAULT : settings.rollCycle);
        final JournalRollCycle rollCycle = JournalRollCycle.resolve(layout, settings.rollCycle);
        WriterLock lock = null;
        Journal opened = null;
        RollCycle opensWith;
        EntryWriter entryWriter = null;
        SideIndex sideIndex = null;
        try {
            lock = settings.readOnly ? null : WriterLock.acquire(layout.root(), settings.writerLockTimeout.toMillis());
            opened = Journal.open(layout.journalDir(), rollCycle.cycle(), settings.blockSize, settings.readOnly,
                    settings.durability == Durability.SYNC_EACH);
            opensWith = rollCycle.confirm(opened, layout);
            entryWriter = settings.readOnly ? null : new EntryWriter(settings.maxEntryBytes);
            sideIndex = settings.readOnly
                    ? SideIndex.openReadOnly(layout.indexDir(), layout.identityHi(), layout.identityLo(), settings.indexOptions)
                    : SideIndex.open(layout.indexDir(), layout.identityHi(), layout.identityLo(), settings.indexOptions);
        } catch (RuntimeException | Error e) {
            closeAll(sideIndex, entryWriter, opened, lock);
            throw e;
        }
        this.indexSpacing = opensWith.defaultIndexSpacing();
        this.writerLock = lock;
        this.journal = opened;
        this.cycleStores = new CycleStores(opened);
        this.writer = entryWriter;
        this.index = sideIndex;
        this.groupCommit = settings.durability == Durability.SYNC_BATCH && !settings.readOnly
                ? GroupCommit.start(this::syncUnderLock, settings.syncInterval) : null;
        if (opened.truncation() != null) {
            noteDamage(opened.truncation().problem());
        }
        if (!settings.readOnly) {
            abortDanglingBatch();
        }
    }

    /** Opens, creating it if needed, the store in {@code dir} with default settings (page-cache durability). */
    public static ChronicleExperienceStore open(Path dir) {
        return builder(dir).open();
    }

    /** Settings for a store in {@code dir}. */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    // ------------------------------------------------------------------------------------------------ appends

    @Override
    public void appendEvent(ExperienceEventEnvelope envelope) {
        Objects.requireNonNull(envelope, "envelope");
        EnvelopeValidator.validate(envelope);
        lockForAppend();
        try {
            journal.append(writer.engine(envelope, false));
            afterAppend();
        } finally {
            appendLock.unlock();
        }
    }

    @Override
    public void appendUserEvent(UserExperienceEventEnvelope envelope) {
        Objects.requireNonNull(envelope, "envelope");
        EnvelopeValidator.validate(envelope);
        lockForAppend();
        try {
            journal.append(writer.user(envelope, false));
            afterAppend();
        } finally {
            appendLock.unlock();
        }
    }

    @Override
    public void appendEvents(List<ExperienceEventEnvelope> envelopes) {
        Objects.requireNonNull(envelopes, "envelopes");
        for (int i = 0; i < envelopes.size(); i++) {
            final ExperienceEventEnvelope envelope = envelopes.get(i);
            if (envelope == null) {
                throw ExperienceStoreException.invalidQuery("events[" + i + "]: envelope must not be null");
            }
            final String violation = EnvelopeValidator.violationOf(envelope);
            if (violation != null) {
                throw ExperienceStoreException.invalidQuery("events[" + i + "]: " + violation);
            }
        }
        if (envelopes.isEmpty()) {
            return;
        }
        if (envelopes.size() == 1) {
            appendLocked(() -> journal.append(writer.engine(envelopes.get(0), false)));
            return;
        }
        appendLocked(() -> appendBatch(envelopes));
    }

    private long appendBatch(List<ExperienceEventEnvelope> envelopes) {
        final long begin = journal.append(writer.marker(EntryLayout.TYPE_BATCH_BEGIN, envelopes.size()));
        try {
            for (int i = 0; i < envelopes.size(); i++) {
                journal.append(writer.engine(envelopes.get(i), true));
            }
        } catch (RuntimeException e) {
            abortBatch(begin, e);
            throw e;
        }
        return journal.append(writer.marker(EntryLayout.TYPE_BATCH_COMMIT, begin));
    }

    /**
     * Appends engine and user envelopes, in the iterator's order, as one atomic batch without holding them in
     * memory: each is validated and written as it comes, and readers see none of them until the last one is
     * written. If an envelope is invalid (the error names its position, {@code events[i]}, counted from 0), the
     * iterator throws, or writing fails, the batch is aborted: nothing of it ever becomes visible, also after a
     * crash. Appends from other threads wait until the batch ends.
     *
     * @return the number of envelopes appended
     */
    public long appendBatch(Iterator<? extends ExperienceRecord> records) {
        Objects.requireNonNull(records, "records");
        lockForAppend();
        try {
            final long begin = journal.append(writer.marker(EntryLayout.TYPE_BATCH_BEGIN, 0));
            long count = 0;
            try {
                while (records.hasNext()) {
                    final ExperienceRecord record = records.next();
                    final String violation = record == null ? "envelope must not be null"
                            : record instanceof ExperienceRecord.Engine engine
                                    ? EnvelopeValidator.violationOf(engine.value())
                                    : EnvelopeValidator.violationOf(((ExperienceRecord.User) record).value());
                    if (violation != null) {
                        throw ExperienceStoreException.invalidQuery("events[" + count + "]: " + violation);
                    }
                    journal.append(record instanceof ExperienceRecord.Engine engine ? writer.engine(engine.value(), true)
                            : writer.user(((ExperienceRecord.User) record).value(), true));
                    count++;
                }
            } catch (RuntimeException e) {
                abortBatch(begin, e);
                throw e;
            }
            journal.append(writer.marker(EntryLayout.TYPE_BATCH_COMMIT, begin));
            afterAppend();
            return count;
        } finally {
            appendLock.unlock();
        }
    }

    private void abortBatch(long begin, RuntimeException cause) {
        try {
            journal.append(writer.marker(EntryLayout.TYPE_BATCH_ABORT, begin));
        } catch (RuntimeException again) {
            cause.addSuppressed(again);
        }
    }

    /**
     * After a crash in the middle of a batch, marks it aborted, so that readers stop waiting for its commit. Only a
     * writer calls this, at open: with the writer lock held, nobody else can be writing that batch.
     */
    private void abortDanglingBatch() {
        final long begin;
        indexLock.writeLock().lock();
        try {
            begin = catchUp();
        } finally {
            indexLock.writeLock().unlock();
        }
        if (begin >= 0) {
            appendLocked(() -> journal.append(writer.marker(EntryLayout.TYPE_BATCH_ABORT, begin)));
        }
    }

    private interface Append {
        long run();
    }

    private void appendLocked(Append append) {
        lockForAppend();
        try {
            append.run();
            afterAppend();
        } finally {
            appendLock.unlock();
        }
    }

    /** Takes the append lock of a writable, open store (the caller unlocks). */
    private void lockForAppend() {
        checkWritable();
        appendLock.lock();
        if (closed) {
            appendLock.unlock();
            checkOpen();
        }
    }

    /** Makes the append as durable as the store's {@link Durability} promises. Under the append lock. */
    private void afterAppend() {
        if (settings.durability == Durability.SYNC_EACH) {
            journal.sync();
        } else if (groupCommit != null) {
            groupCommit.dirty();
        }
    }

    private void syncUnderLock() {
        appendLock.lock();
        try {
            if (!closed) {
                journal.sync();
            }
        } finally {
            appendLock.unlock();
        }
    }

    @Override
    public void writeArtifactStateTransition(ArtifactId artifactId, ArtifactKind artifactKind, LifecycleEvent event) {
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(artifactKind, "artifactKind");
        Objects.requireNonNull(event, "event");
        ArtifactTransitions.validate(event);
        lockForAppend();
        try {
            final ExperienceEventEnvelope envelope;
            indexLock.writeLock().lock();
            try {
                catchUp();
                collectArtifactIds();
                final long n = ArtifactTransitions.nextFreeNumber(0, artifactIds::contains);
                envelope = ArtifactTransitions.envelope(new EventId(ArtifactTransitions.eventId(n)), artifactId,
                        artifactKind, event);
            } finally {
                indexLock.writeLock().unlock();
            }
            EnvelopeValidator.validate(envelope);
            journal.append(writer.engine(envelope, false));
            artifactIds.add(envelope.eventId().value());
            afterAppend();
        } finally {
            appendLock.unlock();
        }
    }

    /** Once per process: the ids with the artifact prefix already in the journal (later ones arrive via catch-up). */
    private void collectArtifactIds() {
        if (artifactIdsComplete) {
            return;
        }
        try (EntryCursor cursor = new EntryCursor(journal)) {
            cursor.startAfter(-1);
            while (cursor.next()) {
                noteArtifactId(cursor.header());
            }
        }
        artifactIdsComplete = true;
    }

    private void noteArtifactId(EntryHeader header) {
        final CharSequence id = header.eventId();
        if (id.length() > ArtifactTransitions.EVENT_ID_PREFIX.length()
                && id.charAt(0) == 'e' && id.toString().startsWith(ArtifactTransitions.EVENT_ID_PREFIX)) {
            artifactIds.add(id.toString());
        }
    }

    // ------------------------------------------------------------------------------------------------ index

    /**
     * Indexes every visible entry after the index's checkpoint, reading headers only. Caller holds the index
     * write lock. Returns the begin index of a batch still open at the end of the journal, or -1.
     */
    private long catchUp() {
        final long from = Math.max(index.checkpoint(), caughtUpTo);
        if (catchUpCursor == null) {
            catchUpCursor = new EntryCursor(journal);
        }
        final EntryCursor cursor = catchUpCursor;
        cursor.startAfter(from);
        boolean indexed = true;
        while (indexed && cursor.next()) {
            catchUpEntriesRead++;
            final EntryHeader header = cursor.header();
            if (artifactIdsComplete) {
                noteArtifactId(header);
            }
            indexed = index.add(cursor.index(), header.start(), header.kindCode(), header.tenant(),
                    header.correlation(), header.traceLinkId());
        }
        cursor.release();
        indexLagging = !indexed;
        if (indexed) {
            caughtUpTo = Math.max(caughtUpTo, cursor.lastPassed());
        }
        noteDamage(cursor.damage());
        return cursor.pendingBatchBegin();
    }

    private void caughtUp() {
        checkOpen();
        indexLock.writeLock().lock();
        try {
            catchUp();
            indexLock.readLock().lock();
        } finally {
            indexLock.writeLock().unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ queries

    @Override
    public List<ExperienceEventEnvelope> queryEvents(EventQuery query) {
        Objects.requireNonNull(query, "query");
        if (QueryMatcher.limitReached(query.limit(), 0)) {
            return List.of();
        }
        final List<ExperienceEventEnvelope> result = new ArrayList<>();
        caughtUp();
        try (QueryRun run = new QueryRun()) {
            run.engine(query, result, query.limit());
        } finally {
            indexLock.readLock().unlock();
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * {@link #queryEvents} answered by a header-only scan of the whole journal, ignoring the side index: the same
     * answer, for comparisons (benchmarks, the demo, verification). Slower on large stores.
     */
    public List<ExperienceEventEnvelope> queryEventsByScan(EventQuery query) {
        Objects.requireNonNull(query, "query");
        if (QueryMatcher.limitReached(query.limit(), 0)) {
            return List.of();
        }
        checkOpen();
        final List<ExperienceEventEnvelope> result = new ArrayList<>();
        try (QueryRun run = new QueryRun()) {
            run.scan(query, result, null, query.limit(), -1);
        }
        return Collections.unmodifiableList(result);
    }

    @Override
    public List<ExperienceRecord> queryRecords(EventQuery query) {
        Objects.requireNonNull(query, "query");
        if (QueryMatcher.limitReached(query.limit(), 0)) {
            return List.of();
        }
        final List<ExperienceEventEnvelope> engine = new ArrayList<>();
        final List<UserExperienceEventEnvelope> user = new ArrayList<>();
        caughtUp();
        try (QueryRun run = new QueryRun()) {
            run.engine(query, engine, null);
            run.user(query, user);
        } finally {
            indexLock.readLock().unlock();
        }
        return RecordMerger.merge(engine, user, query.limit());
    }

    @Override
    public Optional<ReplayTrace> getTraceLink(TraceLinkId traceLinkId) {
        Objects.requireNonNull(traceLinkId, "traceLinkId");
        caughtUp();
        try (QueryRun run = new QueryRun()) {
            return Optional.ofNullable(run.trace(traceLinkId.value()));
        } finally {
            indexLock.readLock().unlock();
        }
    }

    /** One query's tailer, cursors and header views. Runs under the index read lock. */
    private final class QueryRun implements AutoCloseable {
        private final LocatedReads located = new LocatedReads(journal, cycleStores);
        private ExcerptTailer tailer;
        private final EntryHeader header = new EntryHeader();
        private DocumentContext context;
        private final PostingsUnion union = new PostingsUnion();
        private final EntryChecksum checksum = new EntryChecksum();
        /** Entries whose header this run read, and payloads it decoded: what the plan cost (see lastQueryWork). */
        private long entriesRead;
        private long payloadsDecoded;

        void engine(EventQuery query, List<ExperienceEventEnvelope> out, Long limit) {
            final Postings plan = planEngine(query);
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

        /** When the index could not take every entry, the entries after its checkpoint are scanned. */
        private void scanUnindexedTail(EventQuery query, List<ExperienceEventEnvelope> engineOut,
                                       List<UserExperienceEventEnvelope> userOut, Long limit) {
            if (indexLagging) {
                scan(query, engineOut, userOut, limit, index.checkpoint());
            }
        }

        void user(EventQuery query, List<UserExperienceEventEnvelope> out) {
            union.clear();
            if (query.tenantId() != null) {
                for (int k = 0; k < USER_KIND_COUNT; k++) {
                    index.postingsForTenantKind(query.tenantId().value(), EntryLayout.USER_KIND_BASE + k, union.input());
                }
            } else if (query.correlationId() != null) {
                index.postingsForCorrelation(query.correlationId().value(), union.input());
            } else {
                scan(query, null, out, null, -1);
                return;
            }
            for (long position = union.next(); position != Postings.NO_POSITION; position = union.next()) {
                read(position, query, null, out);
            }
            scanUnindexedTail(query, null, out, null);
        }

        private Postings planEngine(EventQuery query) {
            union.clear();
            final List<ExperienceEventKind> kinds = query.kinds();
            if (query.tenantId() != null) {
                final String tenant = query.tenantId().value();
                if (kinds.isEmpty()) {
                    for (int code = 0; code < EntryLayout.engineKindCount(); code++) {
                        index.postingsForTenantKind(tenant, code, union.input());
                    }
                } else {
                    for (ExperienceEventKind kind : kinds) {
                        index.postingsForTenantKind(tenant, EntryLayout.engineKindCode(kind), union.input());
                    }
                }
                return union;
            }
            if (!kinds.isEmpty()) {
                for (ExperienceEventKind kind : kinds) {
                    index.postingsForKind(EntryLayout.engineKindCode(kind), union.input());
                }
                return union;
            }
            if (query.correlationId() != null) {
                index.postingsForCorrelation(query.correlationId().value(), union.input());
                return union;
            }
            return null;
        }

        /** Reads the entry at {@code position}; adds it to the side's list when it matches. */
        private boolean read(long position, EventQuery query, List<ExperienceEventEnvelope> engineOut,
                             List<UserExperienceEventEnvelope> userOut) {
            final Bytes<?> bytes = open(position);
            try {
                return bytes != null && collect(header, bytes, query, engineOut, userOut);
            } finally {
                release();
            }
        }

        /**
         * Wraps {@link #header} over the indexed entry at {@code position} and returns its bytes, or null when it
         * cannot be read (damage is noted). Reads at the location the index recorded for the entry; without one,
         * or when the location does not hold the entry, moves the tailer there. {@link #release()} after use.
         */
        private Bytes<?> open(long position) {
            if (!readable(position)) {
                return null;
            }
            entriesRead++;
            final long location = index.location(position);
            if (location >= 0 && located.read(position, location, header)) {
                return located.bytes();
            }
            if (tailer == null) {
                tailer = journal.tailer();
            }
            if (!seek(position)) {
                return null;
            }
            context = tailer.readingDocument();
            if (!context.isPresent()) {
                return null;
            }
            final Bytes<?> bytes = context.wire().bytes();
            header.wrap(bytes, bytes.readPosition(), bytes.readLimit());
            if (header.problem() != null) {
                noteDamage("entry " + Long.toHexString(position) + ": " + header.problem());
                return null;
            }
            return bytes;
        }

        /** Closes the document {@link #open} opened, if it opened one. */
        private void release() {
            if (context != null) {
                context.close();
                context = null;
            }
        }

        /**
         * Positions the tailer on {@code position}. Candidates come in ascending order and are often close
         * together: a short hop forward in the same roll cycle reads past the entries in between (tens of ns
         * each) instead of seeking through Chronicle's index. A seek walks forward too, from the index entry at
         * or before the position (one every {@code indexSpacing} entries), so the hop is taken only when it is
         * the shorter walk; with a densely indexed journal, seeking is.
         */
        private boolean seek(long position) {
            final long gap = position - tailer.index();
            if (gap >= 0 && gap <= (position & (indexSpacing - 1))) {
                for (long i = 0; i < gap; i++) {
                    try (DocumentContext skipped = tailer.readingDocument()) {
                        if (!skipped.isPresent()) {
                            return tailer.moveToIndex(position);
                        }
                    }
                }
                if (tailer.index() == position) {
                    return true;
                }
            }
            return tailer.moveToIndex(position);
        }

        private void scan(EventQuery query, List<ExperienceEventEnvelope> engineOut,
                          List<UserExperienceEventEnvelope> userOut, Long limit, long after) {
            final byte[] tenant = asciiBytes(query.tenantId());
            try (EntryCursor cursor = new EntryCursor(journal)) {
                cursor.startAfter(after);
                while (cursor.next()) {
                    entriesRead++;
                    if (tenant != null && !cursor.header().hasTenant(tenant)) {
                        continue;
                    }
                    if (collect(cursor.header(), cursor.bytes(), query, engineOut, userOut) && engineOut != null
                            && QueryMatcher.limitReached(limit, engineOut.size())) {
                        return;
                    }
                }
                noteDamage(cursor.damage());
            }
        }

        /**
         * The tenant filter's bytes when it is ASCII, as every stored tenant id is (converge's identifier rule), so
         * that a scan drops other tenants' entries by comparing bytes; null when there is no such filter.
         */
        private byte[] asciiBytes(TenantId tenant) {
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

        private boolean collect(EntryHeader entry, Bytes<?> bytes, EventQuery query,
                                List<ExperienceEventEnvelope> engineOut, List<UserExperienceEventEnvelope> userOut) {
            if (engineOut != null && entry.isEngine() && QueryMatcher.matchesEngine(query, entry.tenant(),
                    entry.engineKind(), entry.correlation(), entry.chain(), entry.occurredAt())) {
                if (intact(entry, bytes)) {
                    payloadsDecoded++;
                    engineOut.add(EntryDecoder.engine(entry, bytes));
                    return true;
                }
                return false;
            }
            if (userOut != null && entry.isUser()
                    && QueryMatcher.matchesUserHeader(query, entry.tenant(), entry.correlation(), entry.occurredAt())) {
                if (intact(entry, bytes)) {
                    payloadsDecoded++;
                    userOut.add(EntryDecoder.user(entry, bytes));
                    return true;
                }
            }
            return false;
        }

        /** False for an entry at or after a truncation of the journal (the index may predate it): never read. */
        private boolean readable(long position) {
            if (position < journal.readLimit()) {
                return true;
            }
            noteDamage(journal.truncation().problem());
            return false;
        }

        /** Every entry a query returns is checked against its checksum; a changed one is reported, not returned. */
        private boolean intact(EntryHeader entry, Bytes<?> bytes) {
            final long start = entry.start();
            if (checksum.matches(bytes, start, entry.end())) {
                return true;
            }
            noteDamage("an entry at offset " + start + " of the journal failed its checksum; run verify");
            return false;
        }

        ReplayTrace trace(String traceLinkId) {
            index.postingsForTrace(traceLinkId, union.clear().input());
            long last = Postings.NO_POSITION;
            for (long position = union.next(); position != Postings.NO_POSITION; position = union.next()) {
                try {
                    if (open(position) != null && header.traceLinkId() != null
                            && traceLinkId.contentEquals(header.traceLinkId())) {
                        last = position;
                    }
                } finally {
                    release();
                }
            }
            if (indexLagging) {
                last = Math.max(last, lastTraceInTail(traceLinkId));
            }
            if (last == Postings.NO_POSITION) {
                return null;
            }
            try {
                final Bytes<?> bytes = open(last);
                if (bytes == null || !intact(header, bytes)) {
                    return null;
                }
                payloadsDecoded++;
                final ExperienceEvent event = EntryDecoder.engine(header, bytes).event();
                return ((ExperienceEvent.ReplayTraceRecorded) event).traceLink();
            } finally {
                release();
            }
        }

        private long lastTraceInTail(String traceLinkId) {
            long last = Postings.NO_POSITION;
            try (EntryCursor cursor = new EntryCursor(journal)) {
                cursor.startAfter(index.checkpoint());
                while (cursor.next()) {
                    entriesRead++;
                    final CharSequence id = cursor.header().traceLinkId();
                    if (id != null && traceLinkId.contentEquals(id)) {
                        last = cursor.index();
                    }
                }
            }
            return last;
        }

        @Override
        public void close() {
            lastQueryWork = new long[] {entriesRead, payloadsDecoded};
            release();
            located.close();
            if (tailer != null) {
                tailer.close();
            }
        }
    }

    /**
     * What the last query on this store cost: {entries whose header it read, payloads it decoded}. For tests of the
     * query plans (index postings read instead of the journal, payloads decoded only for matches).
     */
    long[] lastQueryWork() {
        return lastQueryWork.clone();
    }

    // ------------------------------------------------------------------------------------------------ scans

    /**
     * Visits every visible entry after journal index {@code afterIndex} (-1: from the start), both sides, in append
     * order, until the end of the journal or until the visitor returns false. Entries of a batch still being
     * written are not visited; the next call after its commit visits them. A damaged entry (its checksum or header
     * fails) is not visited; the scan goes on after it and {@link #damage()} names it.
     *
     * @return the journal index to pass as {@code afterIndex} to continue after what was visited
     */
    public long scan(long afterIndex, RecordVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        checkOpen();
        final EntryChecksum checksum = new EntryChecksum();
        try (EntryCursor cursor = new EntryCursor(journal)) {
            cursor.startAfter(afterIndex);
            long resume = afterIndex;
            while (cursor.next()) {
                final long position = cursor.index();
                if (!checksum.matches(cursor.bytes(), cursor.header().start(), cursor.header().end())) {
                    noteDamage(checksumFailed(position));
                    resume = position;
                    continue;
                }
                final boolean more = visitor.visit(position, EntryDecoder.record(cursor.header(), cursor.bytes()));
                resume = position;
                if (!more) {
                    return resume;
                }
            }
            noteDamage(cursor.damage());
            return Math.max(resume, cursor.lastPassed());
        }
    }

    /**
     * Counts visible entries by tenant and kind (a pass over the journal that reads headers and checks checksums,
     * without decoding payloads) and reports sizes; a damaged entry is not counted and is reported.
     */
    public LedgerStats stats() {
        checkOpen();
        final java.util.TreeMap<String, Map<String, Long>> counts = new java.util.TreeMap<>();
        long entries = 0;
        String damage = null;
        final EntryChecksum checksum = new EntryChecksum();
        try (EntryCursor cursor = new EntryCursor(journal)) {
            cursor.startAfter(-1);
            while (cursor.next()) {
                final EntryHeader header = cursor.header();
                if (!checksum.matches(cursor.bytes(), header.start(), header.end())) {
                    if (damage == null) {
                        damage = checksumFailed(cursor.index());
                    }
                    continue;
                }
                final CharSequence tenant = header.tenant();
                final String kind = header.isEngine() ? header.engineKind().name() : header.userKind().name();
                counts.computeIfAbsent(tenant == null ? "" : tenant.toString(), t -> new java.util.TreeMap<>())
                        .merge(kind, 1L, Long::sum);
                entries++;
            }
            if (damage == null) {
                damage = cursor.damage();
            }
        }
        final long indexBytes;
        final long indexed;
        indexLock.readLock().lock();
        try {
            indexBytes = index.bytesOnDisk();
            indexed = index.entries();
        } finally {
            indexLock.readLock().unlock();
        }
        noteDamage(damage);
        return new LedgerStats(entries, Collections.unmodifiableMap(counts), LedgerDirectory.sizeOf(layout.journalDir()),
                indexBytes, indexed, index.state().name(), damage);
    }

    // ------------------------------------------------------------------------------------------------ integrity

    /** The damage of the entry at journal index {@code position} whose checksum does not match. */
    private static String checksumFailed(long position) {
        return "entry " + Long.toHexString(position) + " failed its checksum; run verify";
    }

    private void noteDamage(String problem) {
        if (problem != null && damage == null) {
            damage = problem;
        }
    }

    /**
     * The first damage a read of this store has met, if any. Reads leave a damaged entry out and go on with the
     * entries after it (a journal file that ends early ends them); run {@link #verify} to locate and describe
     * every kind of damage. An answer given while this is present may be missing entries.
     */
    public Optional<String> damage() {
        return Optional.ofNullable(damage);
    }

    /**
     * Re-reads the whole ledger and checks every entry's checksum and header, the hash chain, optionally that the
     * chain still has the head {@code expectedDigest} (as printed by {@link #digest()} earlier) after that many
     * entries, and the side index against the journal.
     *
     * @param expectedDigestOrNull a digest {@code <entries>:<64 hex>} kept from earlier, or null
     * @throws IllegalArgumentException when the digest is not of that form
     */
    public VerifyReport verify(String expectedDigestOrNull) {
        checkOpen();
        indexLock.writeLock().lock();
        try {
            catchUp();
            final LedgerVerifier verifier = new LedgerVerifier(journal);
            final VerifyReport journalReport = verifier.verifyJournal(expectedDigestOrNull);
            if (!journalReport.intact()) {
                noteDamage(journalReport.problem());
                return journalReport;
            }
            final String indexProblem = verifier.verifyIndex(index);
            return indexProblem == null ? journalReport : new VerifyReport(journalReport.entries(),
                    journalReport.chainHead(), indexProblem, -1, null, -1);
        } finally {
            indexLock.writeLock().unlock();
        }
    }

    /**
     * The head of the hash chain over every entry so far, as {@code <entries>:<64 hex>}: keep it elsewhere, and
     * {@code verify(digest)} later proves the history up to that point was not rewritten.
     *
     * @throws ExperienceStoreException a storage error when the journal is damaged
     */
    public String digest() {
        checkOpen();
        final VerifyReport report = new LedgerVerifier(journal).verifyJournal(null);
        if (!report.intact()) {
            throw ExperienceStoreException.storageError("the journal is damaged at entry "
                    + Long.toHexString(report.journalIndex()) + " (" + report.file() + ", offset " + report.fileOffset()
                    + "): " + report.problem());
        }
        return report.digest();
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    private void checkOpen() {
        if (closed) {
            throw ExperienceStoreException.storageError("the store at " + layout.root() + " is closed");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (writer == null) {
            throw ExperienceStoreException.storageError("the store at " + layout.root()
                    + " is open read-only; open it writable to append");
        }
    }

    /** The journal index up to which appends are known to be forced to the device (msync), -1 if none. */
    long lastIndexSynced() {
        return journal.queue().lastIndexMSynced();
    }

    /** The journal index of the last entry, -1 when empty. */
    long lastIndex() {
        return journal.lastIndex();
    }

    /** The directory this store lives in. */
    public Path directory() {
        return layout.root();
    }

    /** Writes the index's tail to disk, so that the next open reads no journal. */
    public void flushIndex() {
        checkOpen();
        indexLock.writeLock().lock();
        try {
            catchUp();
            index.flush();
        } finally {
            indexLock.writeLock().unlock();
        }
    }

    /**
     * How many journal entries the index catch-up has read since this store was opened: those after the index's
     * checkpoint, not the whole journal. For tests in this package.
     */
    long entriesReadByCatchUp() {
        indexLock.readLock().lock();
        try {
            return catchUpEntriesRead;
        } finally {
            indexLock.readLock().unlock();
        }
    }

    /** The journal, for verification and tests in this package. */
    Journal journal() {
        return journal;
    }

    /** The side index, for verification and tests in this package; read it under no concurrent append. */
    SideIndex sideIndex() {
        return index;
    }

    @Override
    public void close() {
        if (groupCommit != null) {
            groupCommit.close();
        }
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            indexLock.writeLock().lock();
            try {
                closed = true;
                try {
                    catchUp();
                } catch (RuntimeException ignored) {
                    // the index is derived; the next open catches up from its last checkpoint
                }
                if (settings.durability != Durability.PAGE_CACHE && writer != null) {
                    journal.sync();
                }
            } finally {
                indexLock.writeLock().unlock();
                closeAll(index, writer, catchUpCursor, cycleStores, journal, writerLock);
            }
        } finally {
            appendLock.unlock();
        }
    }

    private static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = ExperienceStoreException.storageError("closing the store failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Settings of a {@link ChronicleExperienceStore}, validated when the store is opened. Every setting is listed,
     * with its default and meaning, in docs/configuration.md.
     */
    public static final class Builder {
        private final Path dir;
        private Durability durability = Durability.PAGE_CACHE;
        private Duration syncInterval = Duration.ofMillis(10);
        private RollCycle rollCycle;
        private long blockSize = 64L << 20;
        private long maxEntryBytes = -1;
        private boolean readOnly;
        private Duration writerLockTimeout = Duration.ofSeconds(10);
        private IndexOptions indexOptions = IndexOptions.defaults();

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /** What an append promises; default {@link Durability#PAGE_CACHE}. */
        public Builder durability(Durability value) {
            this.durability = Objects.requireNonNull(value, "durability");
            return this;
        }

        /** The longest time between two msyncs under {@link Durability#SYNC_BATCH}; default 10 ms. */
        public Builder syncInterval(Duration value) {
            this.syncInterval = Objects.requireNonNull(value, "syncInterval");
            return this;
        }

        /**
         * How often the journal of a new ledger starts a new file, one of Chronicle's named roll cycles; default
         * daily ({@code RollCycles.FAST_DAILY}). The ledger records it: later opens use the recorded cycle, and
         * refuse a different one set here.
         */
        public Builder rollCycle(RollCycle value) {
            this.rollCycle = Objects.requireNonNull(value, "rollCycle");
            return this;
        }

        /** The size of each memory-mapped chunk of a journal file; default 64 MiB. Files are sparse. */
        public Builder blockSize(long bytes) {
            this.blockSize = bytes;
            return this;
        }

        /** The largest encoded entry accepted; default 1 MiB or a quarter of the block size, whichever is less. */
        public Builder maxEntryBytes(long bytes) {
            this.maxEntryBytes = bytes;
            return this;
        }

        /** Opens without the writer lock: queries only, alongside a writer in another process. */
        public Builder readOnly() {
            this.readOnly = true;
            return this;
        }

        /** How long to wait for another process to release the writer lock; default 10 s. */
        public Builder writerLockTimeout(Duration value) {
            this.writerLockTimeout = Objects.requireNonNull(value, "writerLockTimeout");
            return this;
        }

        /** Settings of the side index; default {@link IndexOptions#defaults()}. */
        public Builder indexOptions(IndexOptions value) {
            this.indexOptions = Objects.requireNonNull(value, "indexOptions");
            return this;
        }

        /** Opens the store, creating the directory when it is missing or empty (unless read-only). */
        public ChronicleExperienceStore open() {
            if (blockSize < (1L << 20)) {
                throw new IllegalArgumentException("blockSize must be at least 1 MiB, was " + blockSize);
            }
            if (maxEntryBytes == -1) {
                maxEntryBytes = Math.min(1L << 20, blockSize / 4);
            }
            if (maxEntryBytes < 1024 || maxEntryBytes > blockSize / 4) {
                throw new IllegalArgumentException("maxEntryBytes must be between 1 KiB and blockSize / 4 ("
                        + blockSize / 4 + "), was " + maxEntryBytes);
            }
            if (syncInterval.isNegative() || syncInterval.isZero()) {
                throw new IllegalArgumentException("syncInterval must be positive, was " + syncInterval);
            }
            if (rollCycle != null && !JournalRollCycle.isNamed(rollCycle)) {
                throw new IllegalArgumentException("rollCycle must be one of Chronicle's named roll cycles"
                        + " (RollCycles, LargeRollCycles, SparseRollCycles, TestRollCycles, LegacyRollCycles), so"
                        + " that the ledger can record it; was " + rollCycle);
            }
            return new ChronicleExperienceStore(this);
        }
    }
}
