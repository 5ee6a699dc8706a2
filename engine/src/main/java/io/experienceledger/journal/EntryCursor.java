package io.experienceledger.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Walks the journal in order and stops on every visible envelope entry: single entries, and the entries of
 * batches that were committed. Entries of an aborted batch are skipped; a batch still being written (no commit or
 * abort yet) ends the walk, so a reader never sees part of a batch. An entry whose header is damaged is passed
 * over, never shown, and the first one is reported by {@link #damage()}: the entries after it stay readable. (A
 * damaged batch marker hides its batch: a damaged begin marker leaves the batch to be resolved by the marker that
 * ends it, a damaged commit marker makes it look aborted.)
 *
 * <p>Chronicle's tailer finds where a walk starts and crosses from one roll-cycle file to the next; within a file
 * the documents are read straight from its mapping ({@link DocumentWalk}), for the walk and for the lookahead that
 * finds how a batch ended.
 *
 * <p>While positioned on an entry, its document stays open: read {@link #header()} and decode the payload before
 * the next call. Not thread-safe; close it when done.
 */
final class EntryCursor implements AutoCloseable {
    /**
     * Whether the entries of the batch being walked are shown. UNKNOWN after a start in the middle of the journal:
     * the walk may resume inside a batch (an index checkpoint can fall anywhere), whose begin marker it has not seen.
     */
    private enum BatchState { NONE, INCLUDE, SKIP, UNKNOWN }

    /** How a batch ended, as far as the journal shows: committed, aborted (or damaged), or not yet. */
    private enum BatchEnd { COMMITTED, ABORTED, OPEN }

    /** What the walk does with the document just read: stop on it, pass over it, or stop before it for now. */
    private enum Step { SHOW, PASS, PENDING }

    private final Journal journal;
    private final long readLimit;
    private final ExcerptTailer tailer;
    private final ExcerptTailer lookahead;
    private final EntryHeader header = new EntryHeader();
    private final EntryHeader lookaheadHeader = new EntryHeader();
    private final EntryChecksum markerChecksum = new EntryChecksum();
    /**
     * Reads the documents after the one the tailer read last, within its file, straight from the mapping; the
     * tailer takes over again where the file ends and wherever the cursor is moved.
     */
    private final DocumentWalk walk;
    /** The same for the lookahead that finds how a batch ended. */
    private final DocumentWalk lookaheadWalk;
    private DocumentContext current;
    /** True while the current entry is one {@link #walk} read (then {@link #current} is null). */
    private boolean currentWalked;
    private BatchState batch = BatchState.NONE;
    private long index = -1;
    private long lastPassed = -1;
    private String damage;
    private boolean pending;
    private boolean exhausted;
    private boolean atEnd;
    private long pendingBegin = -1;
    /** The journal index of the begin marker of the batch being walked, -1 when unknown or none. */
    private long batchBegin = -1;
    /** The begin index the commit marker named, as the last {@link #resolveBatchAfter} read it. */
    private long resolvedBegin = -1;
    /** The UTF-8 bytes of the only tenant whose entries the walk stops on, or null for every entry. */
    private byte[] tenant;
    /** Visible entries passed over because they are another tenant's. */
    private long otherTenants;

    EntryCursor(Journal journal) {
        this.journal = journal;
        this.readLimit = journal.readLimit();
        // a tailer maps the first file as it is created: none when its header is gone
        this.tailer = journal.nothingReadable() ? null : journal.tailer();
        this.lookahead = journal.nothingReadable() ? null : journal.tailer();
        this.walk = new DocumentWalk(journal.cycleStores());
        this.lookaheadWalk = new DocumentWalk(journal.cycleStores());
    }

    /**
     * From now on, stops only on entries of the tenant whose UTF-8 bytes are {@code tenant} (null: every entry).
     * The others are passed over once the header has been read up to the tenant: the strings after it are not
     * parsed, so damage to them in another tenant's entry goes unreported, as it does for a query the index
     * answers (which never reads those entries) and for every payload a query does not return.
     */
    EntryCursor onlyTenant(byte[] tenant) {
        this.tenant = tenant;
        return this;
    }

    /** Visible entries passed over since the cursor was made because they are another tenant's. */
    long otherTenantsPassed() {
        return otherTenants;
    }

    /**
     * Positions the cursor so that the next entry is the first one after {@code position} (-1: the start). A
     * cursor whose last walk ended at the end of the journal right after {@code position} just continues from
     * there, without seeking: a long-lived cursor then costs nothing when nothing was appended.
     */
    EntryCursor startAfter(long position) {
        closeCurrent();
        if (atEnd && position >= 0 && position == lastPassed) {
            return this;
        }
        atEnd = false;
        walk.deactivate();
        batch = position < 0 ? BatchState.NONE : BatchState.UNKNOWN;
        pending = false;
        damage = null;
        lastPassed = position;
        exhausted = journal.nothingReadable() || position + 1 >= readLimit;
        if (exhausted) {
            damage = journal.truncation().problem();
            return this;
        }
        final long first = position < 0 ? journal.refreshFirstRetained() : journal.firstRetained();
        if (position < first) {
            return startAtRetained(first);
        }
        if (position < 0) {
            tailer.toStart();
            return this;
        }
        if (!tailer.moveToIndex(position)) {
            // the file of position may have been pruned meanwhile by another process
            final long retained = journal.refreshFirstRetained();
            if (position < retained) {
                return startAtRetained(retained);
            }
            tailer.toEnd();
            return this;
        }
        try (DocumentContext skipped = tailer.readingDocument()) {
            if (!skipped.isPresent()) {
                tailer.toEnd();
            }
        }
        return this;
    }

    /** Positions at the first entry retention kept: the first document of a file, never inside a batch. */
    private EntryCursor startAtRetained(long first) {
        batch = BatchState.NONE;
        final int cycle = journal.queue().rollCycle().toCycle(first);
        if (journal.moveToFirstDocumentFrom(tailer, cycle) < 0) {
            final long refreshed = journal.refreshFirstRetained();
            if (refreshed == first || journal.moveToFirstDocumentFrom(tailer,
                    journal.queue().rollCycle().toCycle(refreshed)) < 0) {
                tailer.toEnd();
            }
        }
        return this;
    }

    /**
     * Moves to the next visible envelope entry.
     *
     * @return false at the end of what is visible: the journal's end, a batch still in progress, or a journal file
     *         that ends early
     */
    boolean next() {
        closeCurrent();
        if (exhausted) {
            return false;
        }
        try {
            return advance();
        } catch (InternalError e) {
            // Chronicle's memory map faulted: the file is shorter than Chronicle expects
            closeCurrent();
            exhausted = true;
            damage = JournalDamage.leftOut(JournalDamage.readFaulted("entry " + Long.toHexString(lastPassed), e));
            return false;
        }
    }

    private boolean advance() {
        while (true) {
            if (readLimit != Long.MAX_VALUE && (walk.active() ? walk.nextIndex() : tailer.index()) >= readLimit) {
                exhausted = true;
                damage = journal.truncation().problem();
                return false;
            }
            if (walk.active()) {
                final int found = walk.next();
                if (found != DocumentWalk.DATA) {
                    if (journalEnds(found, walk)) {
                        atEnd = true;
                        return false;
                    }
                    // the file ends here (or a later one exists): the tailer knows how the journal goes on
                    handBackToTailer();
                    continue;
                }
                atEnd = false;
                final long position = walk.index();
                header.wrapWalked(walk, tenant != null);
                final Step step = step(position);
                if (step == Step.SHOW) {
                    currentWalked = true;
                    return true;
                }
                if (step == Step.PENDING) {
                    walk.rollback();
                    return false;
                }
                continue;
            }
            final DocumentContext context = tailer.readingDocument();
            if (!context.isPresent()) {
                context.close();
                atEnd = true;
                return false;
            }
            atEnd = false;
            final long position = context.index();
            final Bytes<?> bytes = context.wire().bytes();
            final long documentEnd = bytes.readLimit();
            if (tenant == null) {
                header.wrapDocument(bytes);
            } else {
                header.wrapDocumentThroughTenant(bytes);
            }
            final Step step = step(position);
            if (step == Step.PENDING) {
                context.rollbackOnClose();
                context.close();
                return false;
            }
            walk.resumeAfter(journal.queue().rollCycle().toCycle(position), documentEnd, position,
                    context.wire().usePadding());
            if (step == Step.SHOW) {
                current = context;
                return true;
            }
            context.close();
        }
    }

    /**
     * Whether the journal ends, for now, where {@code reader}'s {@link DocumentWalk#next()} found {@code found}: the
     * end of what is written in the newest file; not the end of a file the journal goes on from.
     */
    private boolean journalEnds(int found, DocumentWalk reader) {
        return found == DocumentWalk.END && journal.queue().lastCycle() <= reader.cycle();
    }

    /**
     * Decides what the walk does with the document at {@code position} whose header {@link #header} holds: keeps the
     * batch state, the damage and the counts, and the current entry's position.
     */
    private Step step(long position) {
        if (header.problem() != null) {
            passDamaged(position);
            return Step.PASS;
        }
        if (header.isData() && header.inBatch() && batch == BatchState.UNKNOWN) {
            final BatchEnd end = resolveBatchFrom(position);
            if (end == BatchEnd.OPEN) {
                pending = true;
                pendingBegin = batchBeginBefore(position);
                return Step.PENDING;
            }
            batch = end == BatchEnd.COMMITTED ? BatchState.INCLUDE : BatchState.SKIP;
            batchBegin = resolvedBegin;
        }
        if (header.isData() && (!header.inBatch() || batch == BatchState.INCLUDE)) {
            if (tenant != null) {
                if (!header.hasTenant(tenant)) {
                    otherTenants++;
                    lastPassed = position;
                    return Step.PASS;
                }
                if (header.completeParse().problem() != null) {
                    passDamaged(position);
                    return Step.PASS;
                }
            }
            index = position;
            lastPassed = position;
            return Step.SHOW;
        }
        if (header.type() == EntryLayout.TYPE_BATCH_BEGIN) {
            final BatchEnd end = resolveBatch(position);
            if (end == BatchEnd.OPEN) {
                pending = true;
                pendingBegin = position;
                return Step.PENDING;
            }
            batch = end == BatchEnd.COMMITTED ? BatchState.INCLUDE : BatchState.SKIP;
            batchBegin = position;
        } else if (!header.inBatch()) {
            batch = BatchState.NONE;
        }
        lastPassed = position;
        return Step.PASS;
    }

    /**
     * Puts the tailer right after the last document the walk read, and leaves the reading to it: at the end of the
     * walk's file, which only the tailer crosses.
     */
    private void handBackToTailer() {
        final long last = walk.index();
        walk.deactivate();
        if (!tailer.moveToIndex(last)) {
            tailer.toEnd();
            return;
        }
        try (DocumentContext skipped = tailer.readingDocument()) {
            if (!skipped.isPresent()) {
                tailer.toEnd();
            }
        }
    }

    /** How the batch begun at {@code begin} ended. */
    private BatchEnd resolveBatch(long begin) {
        return resolveBatchAfter(begin, begin);
    }

    /**
     * Like {@link #resolveBatch} for a batch whose begin marker is unknown, from one of its entries at
     * {@code position}: the marker that ends the batch decides.
     */
    private BatchEnd resolveBatchFrom(long position) {
        return resolveBatchAfter(position, -1);
    }

    /**
     * Reads on from the batch entry or begin marker at {@code from} to the marker that ends the batch: true for a
     * commit (of {@code begin}, when known), aborted for anything else, open when the journal ends first.
     */
    private BatchEnd resolveBatchAfter(long from, long begin) {
        if (walk.active() && walk.index() == from && lookaheadWalk.resumeAfter(walk)) {
            final BatchEnd end = resolveBatchByWalk(from, begin);
            lookaheadWalk.deactivate();
            if (end != null) {
                return end;
            }
        }
        if (!lookahead.moveToIndex(from)) {
            return BatchEnd.OPEN;
        }
        try (DocumentContext skipped = lookahead.readingDocument()) {
            if (!skipped.isPresent()) {
                return BatchEnd.OPEN;
            }
        }
        while (true) {
            if (lookahead.index() >= readLimit) {
                return BatchEnd.ABORTED;
            }
            try (DocumentContext context = lookahead.readingDocument()) {
                if (!context.isPresent()) {
                    return BatchEnd.OPEN;
                }
                final Bytes<?> bytes = context.wire().bytes();
                lookaheadHeader.wrapDocument(bytes);
                final BatchEnd end = batchEndAt(bytes, from, begin);
                if (end != null) {
                    return end;
                }
            }
        }
    }

    /**
     * {@link #resolveBatchAfter} within the file the walk is in, straight from its mapping, after the walk's current
     * document {@code from}; null when the file ends before the batch does (the tailer then reads on).
     */
    private BatchEnd resolveBatchByWalk(long from, long begin) {
        while (true) {
            if (lookaheadWalk.nextIndex() >= readLimit) {
                return BatchEnd.ABORTED;
            }
            final int found = lookaheadWalk.next();
            if (found != DocumentWalk.DATA) {
                return journalEnds(found, lookaheadWalk) ? BatchEnd.OPEN : null;
            }
            lookaheadHeader.wrapWalked(lookaheadWalk, false);
            final BatchEnd end = batchEndAt(lookaheadWalk.documentStore(), from, begin);
            if (end != null) {
                return end;
            }
        }
    }

    /**
     * What the document {@link #lookaheadHeader} holds, in {@code bytes}, says of the batch that holds {@code from}
     * (begun at {@code begin}, when known): null when it is another entry of the batch (or damaged), so that the
     * lookahead reads on.
     */
    private BatchEnd batchEndAt(BytesStore<?, ?> bytes, long from, long begin) {
        // a damaged entry decides nothing (the main walk reports it): read on to the marker or entry that ends the
        // batch, so that the batch is shown whole or not at all; a marker must pass its checksum
        if (lookaheadHeader.problem() != null || !lookaheadHeader.isData()
                && !markerChecksum.matches(bytes, lookaheadHeader.start(), lookaheadHeader.end())) {
            return null;
        }
        if (lookaheadHeader.isData() && lookaheadHeader.inBatch()) {
            return null;
        }
        final boolean committed = lookaheadHeader.type() == EntryLayout.TYPE_BATCH_COMMIT
                && (begin < 0 ? lookaheadHeader.markerValue() < from : lookaheadHeader.markerValue() == begin);
        resolvedBegin = committed ? lookaheadHeader.markerValue() : -1;
        return committed ? BatchEnd.COMMITTED : BatchEnd.ABORTED;
    }

    /**
     * The begin marker of the batch that holds the entry at {@code position}, found by reading backwards (only
     * needed when a walk that resumed inside a batch stops at it because it is still open); -1 if not found.
     */
    private long batchBeginBefore(long position) {
        if (!lookahead.moveToIndex(position)) {
            return -1;
        }
        lookahead.direction(TailerDirection.BACKWARD);
        try {
            while (true) {
                try (DocumentContext context = lookahead.readingDocument()) {
                    if (!context.isPresent()) {
                        return -1;
                    }
                    final Bytes<?> bytes = context.wire().bytes();
                    lookaheadHeader.wrapDocument(bytes);
                    if (lookaheadHeader.problem() != null) {
                        return -1;
                    }
                    if (lookaheadHeader.type() == EntryLayout.TYPE_BATCH_BEGIN) {
                        return context.index();
                    }
                    if (!(lookaheadHeader.isData() && lookaheadHeader.inBatch())) {
                        return -1;
                    }
                }
            }
        } finally {
            lookahead.direction(TailerDirection.FORWARD);
        }
    }

    /** The header of the current entry. */
    EntryHeader header() {
        return header;
    }

    /**
     * The journal index of the begin marker of the atomic batch the current entry belongs to, the same for every
     * entry of one batch; -1 for an entry appended alone.
     */
    long batchBegin() {
        return header.inBatch() ? batchBegin : -1;
    }

    /** The journal index of the current entry. */
    long index() {
        return index;
    }

    /** The last journal index this cursor has read past (visible or not); where to resume. */
    long lastPassed() {
        return lastPassed;
    }

    /** True when the walk stopped at a batch that is still being written. */
    boolean stoppedAtPendingBatch() {
        return pending;
    }

    /** The journal index of the begin marker of the batch the walk stopped at, or -1. */
    long pendingBatchBegin() {
        return pending ? pendingBegin : -1;
    }

    /** What was wrong with the first damaged entry this walk passed over, or with the file that ended it; or null. */
    String damage() {
        return damage;
    }

    /** Damage of the current entry, worded with its journal index, file and offset. */
    String damageOfCurrent(String problem) {
        return JournalDamage.leftOut(JournalDamage.entry(index, currentWalked ? walk.file() : tailer.currentFile(),
                header.start(), problem));
    }

    /**
     * The bytes of the current entry's journal file, for decoding its payload: it occupies
     * [{@code header().start()}, {@code header().end()}).
     */
    Bytes<?> bytes() {
        return currentWalked ? walk.documentBytes() : current.wire().bytes();
    }

    /** Closes the document of the current entry, if any; the cursor stays where it is. */
    void release() {
        closeCurrent();
    }

    private void closeCurrent() {
        currentWalked = false;
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() {
        closeCurrent();
        walk.close();
        lookaheadWalk.close();
        if (tailer != null) {
            tailer.close();
            lookahead.close();
        }
    }

    /**
     * Passes over the entry at {@code position} (read by the walk while it is active, else by the tailer), whose
     * header is damaged; the first such entry is reported.
     */
    private void passDamaged(long position) {
        if (damage == null) {
            damage = JournalDamage.leftOut(JournalDamage.entry(position,
                    walk.active() ? walk.file() : tailer.currentFile(), header.start(), header.problem()));
        }
        // whether it began or ended a batch is unknown: the next batch entry resolves its batch anew
        batch = BatchState.UNKNOWN;
        lastPassed = position;
    }
}
