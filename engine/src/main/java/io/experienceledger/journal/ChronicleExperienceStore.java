package io.experienceledger.journal;

import io.experienceledger.files.ExposureCheck;
import io.experienceledger.index.IndexOptions;
import io.experienceledger.index.internal.SideIndex;
import io.experienceledger.model.ArtifactId;
import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.LifecycleEvent;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.TraceLinkId;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.ExperienceStore;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.internal.ArtifactTransitions;
import io.experienceledger.store.internal.BatchValidator;
import io.experienceledger.store.internal.EnvelopeValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.openhft.chronicle.queue.RollCycle;

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
 *       What matches is decided by the matcher every store shares.</li>
 * </ul>
 * Thread-safe. Close it to release the writer lock and to write the index's tail, so reopening reads no journal.
 */
public final class ChronicleExperienceStore implements ExperienceStore, AutoCloseable {
    private final LedgerDirectory layout;
    private final StoreLifecycle lifecycle;
    private final WriterLock writerLock;
    private final Journal journal;
    private final SideIndex index;
    private final DamageLog damage = new DamageLog();
    private final ArtifactIds artifactIds;
    private final IndexCatchUp catchUp;
    private final BatchAppender appender;
    private final QueryExecutor queries;
    private final JournalScans scans;
    private final IntegrityCheck integrity;
    private final Mirroring mirroring;
    private final LedgerTree tree;
    private final LedgerPruner pruner;
    private final AutomaticRetention retention;
    private final ExposureCheck.Exposure exposure;

    private ChronicleExperienceStore(StoreSettings settings) {
        this.layout = LedgerDirectory.open(settings.dir(), !settings.readOnly(),
                settings.rollCycle() == null ? JournalRollCycle.DEFAULT : settings.rollCycle(),
                settings.groupReadable());
        final JournalRollCycle rollCycle = JournalRollCycle.resolve(layout, settings.rollCycle());
        WriterLock lock = null;
        Journal opened = null;
        RollCycle opensWith;
        SideIndex sideIndex = null;
        try {
            lock = settings.readOnly() ? null
                    : WriterLock.acquire(layout.root(), settings.writerLockTimeout().toMillis());
            // the index first: what it holds tells a roll cut short from a truncated newest file
            sideIndex = settings.readOnly()
                    ? SideIndex.openReadOnly(layout.indexDir(), layout.identityHi(), layout.identityLo(),
                            settings.indexOptions())
                    : SideIndex.open(layout.indexDir(), layout.identityHi(), layout.identityLo(),
                            settings.indexOptions());
            opened = Journal.open(layout.journalDir(), rollCycle.cycle(), settings.blockSize(), settings.readOnly(),
                    settings.durability(), sideIndex.checkpoint());
            opensWith = rollCycle.confirm(opened, layout);
        } catch (Exception | Error e) { // Chronicle throws checked I/O exceptions undeclared
            throw openFailure(layout.root(), e, sideIndex, opened, lock);
        }
        this.lifecycle = new StoreLifecycle(layout.root(), !settings.readOnly());
        this.writerLock = lock;
        this.journal = opened;
        this.index = sideIndex;
        this.artifactIds = new ArtifactIds(opened);
        try {
            this.appender = new BatchAppender(opened, settings, lifecycle);
        } catch (RuntimeException | Error e) {
            throw openFailure(layout.root(), e, sideIndex, opened, lock);
        }
        try {
            this.catchUp = new IndexCatchUp(opened, sideIndex, artifactIds, damage, lifecycle, appender::drainForRead);
            this.queries = new QueryExecutor(opened, sideIndex, opensWith.defaultIndexSpacing(), catchUp,
                    damage, lifecycle);
            this.scans = new JournalScans(opened, layout.journalDir(), sideIndex, catchUp, damage);
            this.tree = new LedgerTree(layout.indexDir(), Origin.ledgerId(layout.identityHi(), layout.identityLo()),
                    !settings.readOnly(), opened, scans, lifecycle, damage);
            this.integrity = new IntegrityCheck(opened, sideIndex, catchUp, damage, tree);
            this.mirroring = new Mirroring(lifecycle, appender, opened, queries, scans);
            if (opened.truncation() != null) {
                damage.note(opened.truncation().problem());
            }
            this.pruner = new LedgerPruner(layout, opened, tree, catchUp, ledgerId());
            if (!settings.readOnly()) {
                final long openBatch = catchUp.openBatchBegin();
                if (openBatch >= 0) {
                    appender.abortOpenBatch(openBatch);
                }
                pruner.finishInterrupted();
            }
            appender.startDrainer();
            this.exposure = ExposureCheck.check(layout.root(), layout.groupReadable());
            ExposureWarning.once(exposure);
            this.retention = settings.retainCycles() > 0
                    ? new AutomaticRetention(this, opened.queue().rollCycle(), settings.retainCycles()) : null;
        } catch (Exception | Error e) { // Chronicle throws checked I/O exceptions undeclared
            throw abandonOpen(e);
        }
    }

    /**
     * Releases what an open got before it failed with {@code failure} (threads, the tree, the index, the journal,
     * the writer lock), so that the store can be opened again in this process once the cause is gone; returns
     * the error to throw ({@link #openFailure}).
     */
    private RuntimeException abandonOpen(Throwable failure) {
        try {
            appender.abandon();
            if (tree != null) {
                tree.close();
            }
        } catch (RuntimeException again) {
            failure.addSuppressed(again);
        }
        return openFailure(layout.root(), failure, this::closeResources);
    }

    /**
     * Closes {@code resources}, then returns what an open that failed with {@code failure} throws: {@code failure}
     * itself if it is an {@link ExperienceStoreException} or an {@link Error} (thrown from here), else a storage
     * error naming it; a failure to close is added to it as suppressed.
     */
    private static RuntimeException openFailure(Path root, Throwable failure, AutoCloseable... resources) {
        try {
            StoreResources.closeAll(resources);
        } catch (RuntimeException again) {
            failure.addSuppressed(again);
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof ExperienceStoreException known ? known
                : ExperienceStoreException.storageError("cannot open the store in " + root + ": "
                        + failure.getMessage(), failure);
    }

    /** Opens, creating it if needed, the store in {@code dir} with default settings (page-cache durability). */
    public static ChronicleExperienceStore open(Path dir) {
        return builder(dir).open();
    }

    /** Settings for a store in {@code dir}. */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    @Override
    public void appendEvent(ExperienceEventEnvelope envelope) {
        appender.append(Objects.requireNonNull(envelope, "envelope")); // validated as it is encoded
    }

    @Override
    public void appendUserEvent(UserExperienceEventEnvelope envelope) {
        appender.append(Objects.requireNonNull(envelope, "envelope")); // validated as it is encoded
    }

    @Override
    public void appendEvents(List<ExperienceEventEnvelope> envelopes) {
        BatchValidator.validate(envelopes);
        appender.appendAll(envelopes);
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
        return appender.appendStream(Objects.requireNonNull(records, "records"));
    }

    /** Appending copies of other ledgers' entries with their origins, and queries by origin. */
    public Mirroring mirroring() {
        return mirroring;
    }

    /** The ledger's Merkle tree: its head, inclusion and consistency proofs. */
    public LedgerTree tree() {
        return tree;
    }

    @Override
    public void writeArtifactStateTransition(ArtifactId artifactId, ArtifactKind artifactKind, LifecycleEvent event) {
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(artifactKind, "artifactKind");
        Objects.requireNonNull(event, "event");
        ArtifactTransitions.validate(event);
        appender.exclusively(() -> {
            final ExperienceEventEnvelope envelope = catchUp.exclusive(
                    () -> artifactIds.next(artifactId, artifactKind, event));
            EnvelopeValidator.validate(envelope);
            appender.appendHeld(envelope);
            artifactIds.written(envelope);
        });
    }

    @Override
    public List<ExperienceEventEnvelope> queryEvents(EventQuery query) {
        return queries.events(Objects.requireNonNull(query, "query"));
    }

    /**
     * {@link #queryEvents} answered by a header-only scan of the whole journal, ignoring the side index: the same
     * answer, for comparisons (benchmarks, the demo, verification). Slower on large stores.
     */
    public List<ExperienceEventEnvelope> queryEventsByScan(EventQuery query) {
        return queries.eventsByScan(Objects.requireNonNull(query, "query"));
    }

    @Override
    public List<ExperienceRecord> queryRecords(EventQuery query) {
        return queries.records(Objects.requireNonNull(query, "query"));
    }

    @Override
    public Optional<ReplayTrace> getTraceLink(TraceLinkId traceLinkId) {
        return queries.trace(Objects.requireNonNull(traceLinkId, "traceLinkId").value());
    }

    /**
     * What the last query on this store cost: {entries whose header it read, payloads it decoded}. For tests of the
     * query plans (index postings read instead of the journal, payloads decoded only for matches).
     */
    long[] lastQueryWork() {
        return queries.lastWork();
    }

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
        return scanEntries(afterIndex, (index, batch, record) -> visitor.visit(index, record));
    }

    /**
     * {@link #scan}, also telling each entry's atomic batch, so that a consumer can keep batches whole (a batch is
     * visited only once committed, all of it in one call unless the visitor stops inside it).
     */
    public long scanEntries(long afterIndex, EntryVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        lifecycle.checkOpen();
        return scans.scan(afterIndex, visitor);
    }

    /** The ledger's identity: {@code journal.id} of {@code ledger.properties}, 32 lowercase hex digits. */
    public String ledgerId() {
        return Origin.ledgerId(layout.identityHi(), layout.identityLo());
    }

    /**
     * Counts visible entries by tenant and kind (a pass over the journal that reads headers and checks checksums,
     * without decoding payloads) and reports sizes; a damaged entry is not counted and is reported.
     */
    public LedgerStats stats() {
        lifecycle.checkOpen();
        return scans.stats();
    }

    /**
     * The first damage a read of this store has met, if any. Reads leave a damaged entry out and go on with the
     * entries after it (a journal file that ends early ends them); run {@link #verify} to locate and describe
     * every kind of damage. An answer given while this is present may be missing entries.
     */
    public Optional<String> damage() {
        return damage.first();
    }

    /**
     * Re-reads the whole ledger and checks every entry's checksum and header, the hash chain, the side index and
     * the Merkle tree against the journal, and, with {@code expectedDigest} (as printed by {@link #digest()}
     * earlier), that the ledger's tree extends that head: its first {@code tree_size} entries have that root.
     *
     * @param expectedDigestOrNull a tree head {@code <tree_size>:<64 hex>} kept from earlier, or null
     * @throws IllegalArgumentException when the digest is not of that form
     */
    public VerifyReport verify(String expectedDigestOrNull) {
        lifecycle.checkOpen();
        return integrity.verify(expectedDigestOrNull);
    }

    /**
     * {@link #verify(String)}, and also checks the journal files archived in {@code archive} by a prune against the
     * roots this ledger kept of them ({@link ArchiveCheck}); a digest of a tree that ends inside the archived entries
     * is checked with the root computed from the archive.
     */
    public VerifyReport verify(String expectedDigestOrNull, Path archive) {
        lifecycle.checkOpen();
        return integrity.verify(expectedDigestOrNull, Objects.requireNonNull(archive, "archive"));
    }

    /**
     * The head of the ledger's Merkle tree, {@code <tree_size>:<root_hash_hex>} ({@link #tree()}): keep it
     * elsewhere, and {@code verify(digest)} later proves the first {@code tree_size} entries were not rewritten;
     * anyone can check a proof against it ({@link io.experienceledger.merkle.MerkleProofs}).
     *
     * @throws ExperienceStoreException a storage error when the journal is damaged
     */
    public String digest() {
        lifecycle.checkOpen();
        return integrity.digest();
    }

    /**
     * Removes (or archives) the journal files whose roll cycle ended before {@code request.before()}: never the
     * newest file, never part of a batch, never entries a shipper has not shipped (unless forced). The Merkle
     * tree's head does not change, later entries keep their leaf indices and proofs, and the side index is rebuilt
     * from what is kept. Safe beside appends in this process and readers in others; a crash leaves the ledger as
     * it was before or after each file's removal. Runs one at a time.
     *
     * @throws ExperienceStoreException a storage error on a read-only store, a damaged journal, or when a file
     *                                  cannot be archived (nothing is removed then)
     */
    public PruneResult prune(PruneRequest request) {
        Objects.requireNonNull(request, "request");
        lifecycle.checkOpen();
        if (writerLock == null) {
            throw ExperienceStoreException.storageError("prune needs the writer: this store of " + layout.root()
                    + " is open read-only");
        }
        return pruner.prune(request);
    }

    /** What retention has removed from this ledger, if anything. */
    public Optional<PruneRecord> pruned() {
        lifecycle.checkOpen();
        journal.refreshFirstRetained();
        return Optional.ofNullable(PruneRecord.read(layout.root()));
    }

    /**
     * What of the ledger's directory is more open than its setting (owner-only, or group-readable when it was
     * created so), as found when the store was opened: readable or writable by other users. Opening warns about it
     * once on stderr; {@code ledger verify} reports it.
     */
    public ExposureCheck.Exposure exposure() {
        return exposure;
    }

    /** Looks again at the modes of the ledger's files (after a {@code chmod}, say). */
    public ExposureCheck.Exposure checkExposure() {
        lifecycle.checkOpen();
        return ExposureCheck.check(layout.root(), layout.groupReadable());
    }

    /** Why the last automatic retention pass failed, if it did (it tries again at its next pass). */
    public Optional<String> retentionFailure() {
        return retention == null ? Optional.empty() : retention.lastFailure();
    }

    /** The directory this store lives in. */
    public Path directory() {
        return layout.root();
    }

    /**
     * Waits until every entry appended before the call is in the journal, as durable as the store's
     * {@link Durability} promises; with {@link Builder#queuedAppends() queued appends}, the point from which
     * those appends survive a crash of the process. Returns at once without queued appends.
     *
     * @throws ExperienceStoreException a storage error when the store is closed, or when queued entries cannot
     *                                  be appended (a full disk: they stay queued, and a later flush appends them)
     */
    public void flush() {
        appender.flushQueued();
    }

    /** Writes the index's tail to disk, so that the next open reads no journal. */
    public void flushIndex() {
        lifecycle.checkOpen();
        catchUp.exclusive(() -> {
            index.flush();
            return null;
        });
    }

    /** How many journal entries the index catch-up has read since this store was opened. For tests. */
    long entriesReadByCatchUp() {
        return catchUp.entriesRead();
    }

    /** How many times an appending thread backed off under sustained contention since the store opened. For tests. */
    long contendedBackOffs() {
        return appender.backOffs();
    }

    /**
     * With queued appends: how many times a thread waited for room in a full ring since the store opened, and how
     * many of those waits a drain ended by waking it ({@code [waits, woken]}). For tests.
     */
    long[] roomWaits() {
        return appender.roomWaits();
    }

    /** The journal, for verification and tests in this package. */
    Journal journal() {
        return journal;
    }

    /** The side index, for verification and tests in this package; read it under no concurrent append. */
    SideIndex sideIndex() {
        return index;
    }

    /**
     * Closes the store: waits for a running append, catches the index up and writes its tail, forces the journal
     * to the device unless the durability is the page cache's, and releases the writer lock. Closing twice is a
     * no-op.
     */
    @Override
    public void close() {
        if (retention != null) {
            retention.close();
        }
        appender.shutDown(() -> {
            lifecycle.markClosed();
            try {
                tree.close();
                catchUp.finish();
                appender.syncOnClose();
            } finally {
                closeResources();
            }
        });
    }

    private void closeResources() {
        StoreResources.closeAll(index, catchUp, journal, writerLock);
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
        private int retainCycles;
        private boolean groupReadable;
        private boolean queuedAppends;

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

        /**
         * {@link #rollCycle(RollCycle)} by the name of one of Chronicle's named roll cycles, such as
         * {@code FAST_DAILY}, {@code FAST_HOURLY}, {@code MINUTELY} or {@code TEST_SECONDLY}.
         *
         * @throws IllegalArgumentException when no named roll cycle has that name
         */
        public Builder rollCycle(String name) {
            final RollCycle named = JournalRollCycle.named(Objects.requireNonNull(name, "name"));
            if (named == null) {
                throw new IllegalArgumentException("no roll cycle is named '" + name + "'; use one of Chronicle's"
                        + " named roll cycles, such as FAST_DAILY (the default), FAST_HOURLY, FIVE_MINUTELY, MINUTELY"
                        + " or TEST_SECONDLY");
            }
            return rollCycle(named);
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

        /**
         * Automatic retention: a background thread of the store (never the appending threads) prunes, once per
         * roll cycle and at open, the journal files older than the newest {@code cycles} roll cycles, as
         * {@link ChronicleExperienceStore#prune} with the default request (deleting, shipped entries only).
         * Default 0: off.
         */
        public Builder retainCycles(int cycles) {
            this.retainCycles = cycles;
            return this;
        }

        /**
         * A new ledger is group-readable: its directories {@code 0750} and files {@code 0640}, for a reader running
         * as another user of the same group. By default a new ledger is owner-only ({@code 0700}, {@code 0600}),
         * whatever the umask. The ledger records it; an existing ledger keeps what it was created with.
         */
        public Builder groupReadable() {
            this.groupReadable = true;
            return this;
        }

        /**
         * Queued appends: {@code appendEvent} and {@code appendUserEvent} validate and encode the envelope on the
         * calling thread, queue it and return; a thread of the store appends the queued entries to the journal,
         * in the order they were queued (each thread's in its own order). Many threads then append at once
         * without waiting for the journal or for each other. The price: an entry still queued is lost if the
         * process dies, so an append is as durable as {@link #durability} promises only once {@link
         * ChronicleExperienceStore#flush()} returns after it (closing the store flushes too). Queries, batches
         * and every other write first append what is queued, so a thread reads what it appended. While the
         * journal refuses queued entries (a full disk), they stay queued and new appends are refused with the
         * reason. Default off: an append returns once its entry is in the journal. See docs/operations.md.
         */
        public Builder queuedAppends() {
            this.queuedAppends = true;
            return this;
        }

        /**
         * Opens the store, creating the directory when it is missing or empty (unless read-only).
         *
         * @throws IllegalArgumentException when a setting is out of its range
         */
        public ChronicleExperienceStore open() {
            return new ChronicleExperienceStore(new StoreSettings(dir, durability, syncInterval, rollCycle, blockSize,
                    maxEntryBytes, readOnly, writerLockTimeout, indexOptions, retainCycles, groupReadable,
                    queuedAppends));
        }
    }
}
