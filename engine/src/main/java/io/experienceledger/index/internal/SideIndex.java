package io.experienceledger.index.internal;

import io.experienceledger.files.FileModes;
import io.experienceledger.index.IndexOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The side index of one journal: for a (tenant, kind), a kind, a correlation id or a trace link id, the
 * journal positions that carry it, found without scanning the journal. Derived data under {@code DIR/index/}:
 * deleting it changes no answer, because the journal catches the index up from {@link #checkpoint()}.
 *
 * <h2>Structure</h2>
 * A log-structured merge of immutable postings segments ({@link SegmentDescriptor}) listed by a manifest
 * ({@link ManifestDescriptor}), plus a bounded in-heap memtable of the entries after the last segment. The
 * memtable is written as a segment once it holds {@link IndexOptions#flushThreshold()} entries; segments are
 * merged by size tier at that moment ({@link CompactionPolicy}). Segments are read through read-only memory
 * maps, so a store of any size is queried in constant heap.
 *
 * <h2>Use by the journal</h2>
 * <pre>{@code
 * // under the journal's write lock: catch up
 * for (each journal entry after index.checkpoint()) {
 *     if (!index.add(position, location, kind, tenant, correlation, traceLinkId)) break; // full, see add()
 * }
 * // under the read lock: plan
 * index.postingsForTenantKind(tenant, kind, cursor);  // candidates up to index.checkpoint()
 * // ... plus a scan of the journal after index.checkpoint(), usually empty
 * }</pre>
 * Every position returned is a candidate to re-check with the query matcher (see {@link Postings}).
 *
 * <h2>Crashes, damage, other processes</h2>
 * Files are published by rename after a force, the manifest last, so a crash at any moment leaves the
 * previous consistent index; files not in the manifest are deleted on the next open. A missing, corrupt,
 * newer-format or foreign manifest, or a damaged segment, never throws: the index starts empty,
 * {@link #state()} and {@link #damageReport()} say why, and the journal's catch-up rebuilds it. Only the
 * process holding {@code index/index.lock} writes files ({@link #isWriter()}); another one keeps what it
 * adds in its memtable, bounded by the flush threshold, and takes the lock over when it is released.
 *
 * <h2>Threads</h2>
 * {@link #add}, {@link #flush()} and {@link #close()} run on one thread at a time, never concurrently with
 * lookups or with the iteration of a cursor: the journal holds a write lock around them. Lookups may run
 * concurrently with each other, each thread with its own {@link PostingsCursor}. A cursor is invalidated by
 * the next add, flush or close.
 */
public final class SideIndex implements AutoCloseable {
    private static final Segment[] NO_SEGMENTS = new Segment[0];
    private static final int LOAD_ATTEMPTS = 5;

    private final Path dir;
    private final long identityHi;
    private final long identityLo;
    private final IndexOptions options;
    private final CompactionPolicy policy;
    private final IndexLock lock;
    private final KeyHasher hasher = new KeyHasher();
    private final Memtable memtable = new Memtable();
    /** The buffers every segment this index writes is staged in (flushes and merges run one at a time). */
    private final SegmentStaging staging = new SegmentStaging();
    private IndexState state;
    private String damageReport = "";
    private String lastWriteFailure;
    private Manifest manifest;
    private Segment[] segments = NO_SEGMENTS;
    private boolean writer;
    private boolean closed;
    private long version;

    private SideIndex(Path dir, long identityHi, long identityLo, IndexOptions options, boolean mayWrite) {
        this.dir = dir;
        this.identityHi = identityHi;
        this.identityLo = identityLo;
        this.options = options;
        this.policy = new CompactionPolicy(options);
        this.manifest = Manifest.empty(identityHi, identityLo, 0);
        IndexLock opened = null;
        if (!mayWrite) {
            this.lock = null;
            return;
        }
        try {
            FileModes.createDirectories(dir);
            opened = IndexLock.open(dir);
        } catch (IOException e) {
            lastWriteFailure = "index directory not writable, keeping the index in memory: " + e;
        }
        this.lock = opened;
    }

    /**
     * Opens the index in {@code indexDir} (created if missing) for the journal with the given identity. Never
     * throws for a missing or damaged index: it then starts empty and {@link #state()} says why.
     *
     * @param indexDir          the index directory, {@code DIR/index}
     * @param journalIdentityHi high 64 bits of the journal's identity; an index of another identity is rebuilt
     * @param journalIdentityLo low 64 bits of the journal's identity
     * @param options           settings; {@link IndexOptions#defaults()} suits most stores
     * @return the open index; its {@link #checkpoint()} tells the journal where to catch up from
     */
    public static SideIndex open(Path indexDir, long journalIdentityHi, long journalIdentityLo,
                                 IndexOptions options) {
        Objects.requireNonNull(indexDir, "indexDir");
        Objects.requireNonNull(options, "options");
        final SideIndex index = new SideIndex(indexDir, journalIdentityHi, journalIdentityLo, options, true);
        index.load();
        return index;
    }

    /**
     * Opens the index for a reader that must not write: it reads the segments on disk (if any) and never takes
     * the write lock or writes a file, so the process that writes the journal keeps maintaining the index. What it
     * adds stays in its memtable (bounded; see {@link #add}).
     */
    public static SideIndex openReadOnly(Path indexDir, long journalIdentityHi, long journalIdentityLo,
                                         IndexOptions options) {
        Objects.requireNonNull(indexDir, "indexDir");
        Objects.requireNonNull(options, "options");
        final SideIndex index = new SideIndex(indexDir, journalIdentityHi, journalIdentityLo, options, false);
        index.load();
        return index;
    }

    /** What opening found; anything but {@link IndexState#OPENED} means the index started empty. */
    public IndexState state() {
        return state;
    }

    /** Why the index started empty when {@link #state()} is damage, for the journal to log; empty otherwise. */
    public String damageReport() {
        return damageReport;
    }

    /** The last failure to write or clean index files (disk full, permissions), or null; the index keeps working. */
    public String lastWriteFailure() {
        return lastWriteFailure;
    }

    /** True while this instance holds the directory's write lock and so writes segments and the manifest. */
    public boolean isWriter() {
        return writer;
    }

    /**
     * The last journal position the index has seen, in its segments or its memtable; -1 when none. Every
     * journal entry up to it is indexed; entries after it must be added (or scanned by the caller). It moves
     * backwards only when this instance finds the index on disk replaced by another process (a rebuild):
     * always read it afresh before catching up.
     */
    public long checkpoint() {
        return memtable.entryCount() > 0 ? memtable.lastPosition() : manifest.checkpoint();
    }

    /**
     * Indexes the journal entry at {@code position} from its header fields.
     *
     * <p>Positions must be given in journal order, every entry after {@link #checkpoint()} exactly once; a
     * position at or below the checkpoint is ignored, so replaying after a crash is harmless. When the
     * memtable is full and cannot be written (this process does not hold the write lock, or a write failed),
     * the entry is not taken and {@code false} is returned: the index then answers correctly up to
     * {@link #checkpoint()} only, and the caller scans the journal after it; the next call retries.
     *
     * @param position          the entry's journal position, not negative
     * @param location          where the journal holds it (see {@link #location}), or -1 when unknown
     * @param kindCode          the entry's kind code (engine kinds 0–13, user kinds 16–20)
     * @param tenantOrNull      the tenant id, or null for none
     * @param correlationOrNull the correlation id, or null for none
     * @param traceLinkOrNull   the trace link id of a ReplayTraceRecorded entry, or null
     * @return true if the entry is indexed (now or before); false if the index is full, see above
     * @throws IllegalArgumentException if {@code position} is negative
     * @throws IllegalStateException    if the index is closed
     */
    public boolean add(long position, long location, int kindCode, CharSequence tenantOrNull,
                       CharSequence correlationOrNull, CharSequence traceLinkOrNull) {
        checkOpen();
        if (position < 0) {
            throw new IllegalArgumentException("negative journal position " + position);
        }
        if (position <= checkpoint()) {
            return true;
        }
        if (memtable.entryCount() >= options.flushThreshold()) {
            final long before = checkpoint();
            if (!makeRoom()) {
                return false;
            }
            if (checkpoint() < before) {
                return false;
            }
            if (position <= checkpoint()) {
                return true;
            }
        }
        version++;
        memtable.addEntry(position, location);
        memtable.post(hasher.tenantKind(tenantOrNull, kindCode), position);
        memtable.post(hasher.kind(kindCode), position);
        if (correlationOrNull != null) {
            memtable.post(hasher.correlation(correlationOrNull), position);
        }
        if (traceLinkOrNull != null) {
            memtable.post(hasher.trace(traceLinkOrNull), position);
        }
        if (writer && memtable.entryCount() >= options.flushThreshold()) {
            writeMemtable();
        }
        return true;
    }

    /**
     * Writes the memtable as a segment (merging segments if a tier is full) and publishes a new manifest.
     * Without the write lock it first tries to take it; if another process holds it, nothing is written.
     *
     * @return true if everything this index holds is now in segments on disk
     */
    public boolean flush() {
        checkOpen();
        if (memtable.entryCount() == 0) {
            return true;
        }
        return becomeWriter() && writeMemtable();
    }

    /** Candidates for entries of {@code kindCode} with tenant {@code tenantOrNull} (null: no tenant). */
    public PostingsCursor postingsForTenantKind(CharSequence tenantOrNull, int kindCode, PostingsCursor cursor) {
        return cursor.reset(this, cursor.hasher().tenantKind(tenantOrNull, kindCode));
    }

    /** Candidates for entries of {@code kindCode}, any tenant. */
    public PostingsCursor postingsForKind(int kindCode, PostingsCursor cursor) {
        return cursor.reset(this, cursor.hasher().kind(kindCode));
    }

    /** Candidates for entries, of either side, with correlation id {@code correlationId}. */
    public PostingsCursor postingsForCorrelation(CharSequence correlationId, PostingsCursor cursor) {
        return cursor.reset(this, cursor.hasher().correlation(Objects.requireNonNull(correlationId)));
    }

    /**
     * Candidates for ReplayTraceRecorded entries with trace link id {@code traceLinkId}, all of them in
     * journal order: the caller checks them and keeps the last match (last write wins).
     */
    public PostingsCursor postingsForTrace(CharSequence traceLinkId, PostingsCursor cursor) {
        return cursor.reset(this, cursor.hasher().trace(Objects.requireNonNull(traceLinkId)));
    }

    /**
     * Where the journal holds the indexed entry at {@code position}, as given to {@link #add}: for the journal,
     * the byte offset of the entry's document in its roll-cycle file, so that a hit is read directly instead of
     * walked to. -1 when the index does not know it (not indexed, added without a location, or indexed by an
     * older version of the index): the caller then finds the entry by its position.
     */
    public long location(long position) {
        final Segment[] current = segments;
        final int segment = segmentOf(current, position);
        return segment < 0 ? memtable.location(position) : current[segment].location(position);
    }

    /**
     * A lookup of locations ({@link #location}) for positions asked for mostly in ascending order, as the hits of
     * a query are: each search starts from the segment and location block where the last one ended. One per query
     * and thread, used while the index is not changed (as a cursor is).
     */
    public Locator locator() {
        return new Locator();
    }

    /** See {@link #locator()}. */
    public final class Locator {
        /** The segments the hint below is for. */
        private Segment[] seen;
        private int segment = -1;
        private int block = -1;

        private Locator() {
        }

        /** The same answer as {@link SideIndex#location}, found from where the last lookup ended. */
        public long location(long position) {
            final Segment[] current = segments;
            if (current != seen) {
                seen = current;
                segment = -1;
            }
            if (segment < 0 || position < current[segment].firstPosition()
                    || position > current[segment].lastPosition()) {
                segment = segmentOf(current, position);
                block = -1;
                if (segment < 0) {
                    return memtable.location(position);
                }
            }
            final Segment holder = current[segment];
            try {
                block = holder.block(position, block);
                return holder.locationIn(block, position);
            } catch (IndexOutOfBoundsException damaged) {
                block = -1;
                return -1;
            }
        }
    }

    /** The index in {@code current} of the segment whose positions include {@code position}, or -1. */
    private static int segmentOf(Segment[] current, long position) {
        int low = 0;
        int high = current.length - 1;
        while (low <= high) {
            final int middle = (low + high) >>> 1;
            final Segment segment = current[middle];
            if (position < segment.firstPosition()) {
                high = middle - 1;
            } else if (position > segment.lastPosition()) {
                low = middle + 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    /** Bytes of the manifest and of the segments this index reads. */
    public long bytesOnDisk() {
        long bytes = ManifestDescriptor.fileLength(segments.length);
        for (Segment segment : segments) {
            bytes += segment.info().fileLength();
        }
        return bytes;
    }

    /** Journal entries indexed, in segments and memtable. */
    public long entries() {
        return manifest.entryCount() + memtable.entryCount();
    }

    /** How many segments the index reads. */
    public int segmentCount() {
        return segments.length;
    }

    /** Flushes what it can (see {@link #flush()}), unmaps the segments and releases the write lock. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (memtable.entryCount() > 0 && becomeWriter()) {
            writeMemtable();
        }
        closed = true;
        version++;
        for (Segment segment : segments) {
            segment.close();
        }
        segments = NO_SEGMENTS;
        if (lock != null) {
            lock.close();
        }
    }

    long version() {
        return version;
    }

    Segment[] segments() {
        return segments;
    }

    Memtable memtable() {
        return memtable;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("side index closed");
        }
    }

    private void load() {
        writer = lock != null && lock.tryAcquire();
        final IndexLoader.Loaded loaded = IndexLoader.load(dir, identityHi, identityLo, options.verifyChecksums(),
            writer ? 1 : LOAD_ATTEMPTS, NO_SEGMENTS);
        state = loaded.state();
        damageReport = loaded.report();
        manifest = loaded.manifest();
        segments = loaded.segments();
        if (writer) {
            if (state != IndexState.OPENED) {
                publish(manifest);
            }
            deleteStale();
        }
    }

    /**
     * Drops every posting and segment, publishing an empty index, so that the journal indexes again from its start
     * (after retention removed its oldest files: the space of their postings comes back). Only the index's writer
     * may; false (nothing changed) for a reader or when the empty manifest cannot be written.
     */
    public boolean reset() {
        checkOpen();
        if (!becomeWriter()) {
            return false;
        }
        final Manifest empty = manifest.next(List.of());
        try {
            empty.write(dir, options.syncWrites());
        } catch (IOException e) {
            lastWriteFailure = "could not write index manifest: " + e;
            return false;
        }
        install(empty, NO_SEGMENTS, false);
        deleteStale();
        return true;
    }

    /** When the memtable is full: write it, or take the lock and write it, or adopt a newer index from disk. */
    private boolean makeRoom() {
        if (becomeWriter()) {
            return writeMemtable();
        }
        return adoptNewerFromDisk();
    }

    /** Takes the write lock if free, then starts from what the previous writer left on disk. */
    private boolean becomeWriter() {
        if (writer) {
            return true;
        }
        if (lock == null || !lock.tryAcquire()) {
            return false;
        }
        writer = true;
        final IndexLoader.Loaded disk = IndexLoader.load(dir, identityHi, identityLo, options.verifyChecksums(), 1,
            segments);
        if (disk.state() == IndexState.OPENED) {
            install(disk.manifest(), disk.segments(), disk.manifest().checkpoint() == manifest.checkpoint());
        } else {
            install(disk.manifest(), NO_SEGMENTS, manifest.checkpoint() == -1);
            publish(manifest);
        }
        deleteStale();
        return true;
    }

    /** Without the lock and full: adopt the writer's newer index if it covers everything the memtable holds. */
    private boolean adoptNewerFromDisk() {
        final IndexLoader.Loaded disk = IndexLoader.load(dir, identityHi, identityLo, options.verifyChecksums(),
            LOAD_ATTEMPTS, segments);
        if (disk.state() != IndexState.OPENED || disk.manifest().equals(manifest)
            || disk.manifest().checkpoint() < checkpoint()) {
            closeUnused(disk.segments(), segments);
            return false;
        }
        install(disk.manifest(), disk.segments(), false);
        return true;
    }

    /** Writes the memtable as a segment, compacts, publishes the manifest; false (recorded) on an I/O error. */
    private boolean writeMemtable() {
        if (memtable.entryCount() == 0) {
            return true;
        }
        final List<Segment> opened = new ArrayList<>();
        try {
            final SegmentInfo info = memtable.writeSegment(staging, dir, options.syncWrites());
            final Segment fresh = Segment.open(dir, info, false);
            opened.add(fresh);
            final List<Segment> list = new ArrayList<>(Arrays.asList(segments));
            list.add(fresh);
            compact(list, opened);
            if (options.syncWrites()) {
                IndexFiles.syncDirectory(dir);
            }
            final Manifest next = manifest.next(infos(list));
            next.write(dir, options.syncWrites());
            install(next, list.toArray(NO_SEGMENTS), false);
            closeUnused(opened.toArray(NO_SEGMENTS), segments);
            deleteStale();
            return true;
        } catch (IOException | IndexDamageException e) {
            closeUnused(opened.toArray(NO_SEGMENTS), segments);
            lastWriteFailure = "could not write index segment: " + e;
            return false;
        }
    }

    /** Merges runs of segments while the policy finds one; an I/O error stops merging, not the flush. */
    private void compact(List<Segment> list, List<Segment> opened) {
        final int factor = policy.mergeFactor();
        for (int start = policy.pick(infos(list)); start >= 0; start = policy.pick(infos(list))) {
            final List<Segment> run = list.subList(start, start + factor);
            try {
                final SegmentInfo merged = SegmentMerger.merge(staging, dir, new ArrayList<>(run), options.syncWrites());
                final Segment segment = Segment.open(dir, merged, false);
                opened.add(segment);
                run.clear();
                list.add(start, segment);
            } catch (IOException | IndexDamageException e) {
                lastWriteFailure = "could not merge index segments: " + e;
                return;
            }
        }
    }

    /** Makes {@code newManifest} and {@code newSegments} current; unmaps the old segments not kept. */
    private void install(Manifest newManifest, Segment[] newSegments, boolean keepMemtable) {
        final Segment[] previous = segments;
        manifest = newManifest;
        segments = newSegments;
        if (!keepMemtable) {
            memtable.clear();
        }
        version++;
        closeUnused(previous, newSegments);
    }

    private void publish(Manifest newManifest) {
        try {
            newManifest.write(dir, options.syncWrites());
        } catch (IOException e) {
            lastWriteFailure = "could not write index manifest: " + e;
        }
    }

    private void deleteStale() {
        final Set<String> keep = new HashSet<>();
        for (SegmentInfo segment : manifest.segments()) {
            keep.add(segment.fileName());
        }
        try {
            IndexFiles.deleteStale(dir, keep);
        } catch (IOException e) {
            lastWriteFailure = "could not delete stale index files: " + e;
        }
    }

    private static List<SegmentInfo> infos(List<Segment> list) {
        final List<SegmentInfo> infos = new ArrayList<>(list.size());
        for (Segment segment : list) {
            infos.add(segment.info());
        }
        return infos;
    }

    /** Unmaps each segment of {@code candidates} that is not in {@code kept}. */
    private static void closeUnused(Segment[] candidates, Segment[] kept) {
        for (Segment candidate : candidates) {
            boolean used = false;
            for (Segment segment : kept) {
                used |= segment == candidate;
            }
            if (!used) {
                candidate.close();
            }
        }
    }
}
