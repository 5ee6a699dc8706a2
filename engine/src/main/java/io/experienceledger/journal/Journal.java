package io.experienceledger.journal;

import io.experienceledger.files.FileModes;
import io.experienceledger.store.ExperienceStoreException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.ExcerptContext;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.TableStoreWriteLock;
import net.openhft.chronicle.queue.impl.table.Metadata;
import net.openhft.chronicle.queue.impl.table.SingleTableBuilder;
import net.openhft.chronicle.queue.impl.TableStore;
import net.openhft.chronicle.threads.BusyTimedPauser;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.posix.PosixAPI;

/**
 * The Chronicle Queue that holds the entries, and the one appender that writes them.
 *
 * <p>Chronicle reports a full disk as an {@link InternalError} from a page fault on its memory map, late and
 * possibly after dropping writes. To turn that into a clean error before anything is written, the appender keeps
 * the disk blocks ahead of its write position allocated ({@code fallocate}, keeping the file size), and refuses
 * an append when that fails with ENOSPC. The allocation is normally made ahead of time by the
 * {@link JournalPrefetcher}'s thread; the appender allocates itself only what that thread has not. Should an {@code InternalError} still reach it, the appender is replaced
 * and Chronicle's write lock, which the error leaves held, is released (safe because {@link WriterLock} makes this
 * process the only writer).
 *
 * <p>Not thread-safe for appending: the store serialises appends under its own lock.
 */
final class Journal implements AutoCloseable {
    /** Disk kept allocated ahead of the write position. */
    static final long PREALLOCATE_AHEAD = 1L << 20;
    private static final long PREALLOCATE_STEP = 4L << 20;
    private static final int O_RDWR = 2;
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int ENOSPC = 28;
    /** How long Chronicle waits for the header of a file another process is creating. */
    private static final int HEADER_TIMEOUT_MS = 2_000;
    /** The same for a read-only open that found the newest file empty: nothing is writing it. */
    private static final int UNWRITTEN_TIMEOUT_MS = 100;

    private final SingleChronicleQueue queue;
    private final Path dir;
    private final JournalFiles.Truncation truncation;
    private ExcerptAppender appender;
    private JournalPrefetcher prefetcher;
    private final DirectStaging staging = new DirectStaging();
    /** The roll-cycle files readers map, kept open (and their chunks mapped) between reads. */
    private final CycleStores cycleStores;
    private int preallocatedCycle = Integer.MIN_VALUE;
    private int preallocatedFd = -1;
    private File preallocatedFile;
    private long preallocatedTo;
    private long writeEnd;
    private boolean preallocationUnsupported;
    /**
     * The journal index of the last entry, for the per-cycle limit; Long.MIN_VALUE until first needed. Written by
     * the appending thread with release semantics, read by others through {@link #appendStamp()}.
     */
    private long lastAppended = Long.MIN_VALUE;
    private static final java.lang.invoke.VarHandle LAST_APPENDED;

    static {
        try {
            LAST_APPENDED = java.lang.invoke.MethodHandles.lookup().findVarHandle(Journal.class, "lastAppended",
                    long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** When {@link #refreshFirstRetainedAtMostEvery} last looked at the prune record. */
    private volatile long lastRetainedCheck = System.nanoTime();
    /** The journal index of the first entry retention kept (-1: nothing pruned), from {@link PruneRecord}. */
    private volatile long firstRetained = -1;
    /** The prune record's modification time when it was last read, to read it again only when it changed. */
    private volatile long recordStamp = Long.MIN_VALUE;

    private Journal(SingleChronicleQueue queue, Path dir, JournalFiles.Truncation truncation) {
        this.queue = queue;
        this.dir = dir;
        this.truncation = truncation;
        this.cycleStores = new CycleStores(queue);
    }

    /**
     * Opens the queue in {@code dir}; a writable journal also takes its appender. A truncated journal file is
     * refused for writing (Chronicle would extend it with zeros and append after the damage, where no reader gets)
     * and opened read-only with reads stopping before the damage ({@link #readLimit()}).
     *
     * <p>A newest file Chronicle created but never wrote to ({@link JournalFiles#rollCutShort}: a roll cut short
     * by a crash) is removed by a writable open before Chronicle sees it; left as it is, Chronicle would wait for its
     * header, time out and set it aside, taking tens of seconds. A read-only open changes nothing; as Chronicle's
     * readers wait for the header of an empty newest file at the end of the journal, they wait
     * {@value #UNWRITTEN_TIMEOUT_MS} ms instead of the usual {@value #HEADER_TIMEOUT_MS}.
     *
     * @param durability     {@code SYNC_EACH} has Chronicle msync every entry; only with {@code PAGE_CACHE} does the
     *                       prefetcher map the pages ahead of the writer into its mapping, writable
     *                       ({@link JournalPrefetcher}), which marks them dirty before anything is written to them,
     *                       harmless when the kernel writes back on its own schedule but added to every force of a
     *                       journal forced to the device
     * @param indexedThrough the journal index of the last entry the side index holds, or -1: an empty newest file of
     *                       a cycle the index has entries of is a truncation, not a roll cut short
     */
    static Journal open(Path dir, RollCycle rollCycle, long blockSize, boolean readOnly, Durability durability,
                        long indexedThrough) {
        final Path unwritten = JournalFiles.unwrittenNewest(dir);
        final Path cutShort = unwritten != null && JournalFiles.rollCutShort(unwritten, rollCycle, indexedThrough)
                ? unwritten : null;
        final JournalFiles.Truncation truncation = JournalFiles.check(dir, rollCycle, cutShort);
        if (truncation != null && !readOnly) {
            throw ExperienceStoreException.storageError(truncation.problem() + " (in " + dir + "). Nothing was changed. The entries"
                    + " before the damage can still be read: open the store read-only (ledger query, export and verify"
                    + " do). To go on appending, restore the file from a backup, or copy the intact entries into a new"
                    + " ledger (ledger export --store " + dir.getParent() + " | ledger append --store NEW) and keep"
                    + " this directory as evidence");
        }
        if (cutShort != null && !readOnly) {
            try {
                Files.delete(cutShort);
            } catch (IOException e) {
                throw ExperienceStoreException.storageError("cannot remove " + cutShort + ", a journal file a crash"
                        + " left empty while it was being created (it holds no entry): " + e + "; remove it, or make"
                        + " the directory writable, and open the store again", e);
            }
        }
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(rollCycle)
                .blockSize(blockSize)
                .readOnly(readOnly)
                .timeoutMS(readOnly && unwritten != null ? UNWRITTEN_TIMEOUT_MS : HEADER_TIMEOUT_MS);
        if (durability == Durability.SYNC_EACH) {
            builder.syncMode(SyncMode.SYNC);
        }
        final SingleChronicleQueue queue;
        try {
            queue = builder.build();
        } catch (RuntimeException e) {
            throw ExperienceStoreException.storageError("cannot open the journal in " + dir + ": " + e, e);
        }
        if (!readOnly && builder.readOnly()) {
            queue.close();
            throw ExperienceStoreException.storageError(dir + " is on a read-only file system or not writable;"
                    + " open the store read-only to query it");
        }
        final Journal journal = new Journal(queue, dir, truncation);
        try {
            if (!readOnly) {
                // Chronicle creates its directory and files with the process's umask: the ledger's modes instead
                secure(dir);
                secure(dir.resolve("metadata.cq4t"));
            }
            journal.refreshFirstRetained();
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
        if (!readOnly) {
            journal.appender = journal.newAppender();
            journal.prefetcher = new JournalPrefetcher(dir.toString(), true,
                    durability == Durability.PAGE_CACHE);
        }
        return journal;
    }

    /** The thread preparing the journal ahead of the writer; null for a read-only journal. */
    JournalPrefetcher prefetcher() {
        return prefetcher;
    }

    /** Where the next entry goes in the current cycle's file. */
    long writeEnd() {
        return writeEnd;
    }

    /** Gives the current cycle's file, which Chronicle created with the umask, the ledger's mode. */
    private void secureCurrentFile() {
        final File file = appender.currentFile();
        if (file != null) {
            secure(file.toPath());
        }
    }

    /** Gives a file or directory Chronicle created the mode of the ledger directory it is in. */
    private static void secure(Path path) {
        try {
            if (Files.exists(path)) {
                FileModes.matchDirectory(path);
            }
        } catch (IOException e) {
            throw ExperienceStoreException.storageError("cannot set the mode of " + path + ": " + e.getMessage(), e);
        }
    }

    private ExcerptAppender newAppender() {
        final ExcerptAppender created = queue.createAppender();
        created.singleThreadedCheckDisabled(true);
        return created;
    }

    /**
     * Appends one finished entry and returns its journal index.
     *
     * @throws ExperienceStoreException a storage error when the disk is full or the journal fails
     */
    long append(EntryBuffer entry) {
        return append(staging.copyOf(entry));
    }

    /**
     * Appends the finished entry that is {@code source}'s readable bytes, off-heap memory (such as the ring of queued
     * appends), with one native copy; returns its journal index. {@code source}'s positions are left as they are.
     *
     * <p>An entry for the cycle whose file has disk allocated ahead ({@link #reserve}) is written as a whole
     * ({@link ExcerptAppender#writeBytes(BytesStore)}): Chronicle places it after the last entry it wrote,
     * whereas opening a document first finds the end of the journal again from the store (a third of an append,
     * and two-thirds of a drain of queued appends). That is safe because this process is the journal's only writer
     * ({@link WriterLock}). The first entry after the journal opens (or replaced its appender after a failure), and
     * every entry when the cycle's file could not be opened for allocation, goes through a document
     * ({@link #openDocument}), which also starts the cycle's file.
     *
     * @throws ExperienceStoreException a storage error when the disk is full or the journal fails
     */
    long append(Bytes<?> source) {
        checkCycleHasRoom();
        final long length = source.readRemaining();
        try {
            if (appender.cycle() == preallocatedCycle && preallocatedFd >= 0) {
                appendWhole(source, length);
            } else {
                appendDocument(source, length);
            }
            prefetcher.written(writeEnd);
            final long appended = appender.lastIndexAppended();
            LAST_APPENDED.setRelease(this, appended);
            return appended;
        } catch (InternalError e) {
            recoverAppender();
            throw ExperienceStoreException.storageError("disk full (or the journal's file could not be extended) in "
                    + dir + ": the entry was not appended. Free space and append again; what was written before is"
                    + " intact", e);
        }
    }

    /**
     * Writes the entry in one call, within disk allocated ahead. Chronicle reads the clock itself and, when a new
     * cycle has just begun, writes the entry to the new cycle's file: then that file gets the ledger's mode and its
     * allocation at once, before the next entry. A write that fails leaves at most an incomplete header, which
     * readers treat as the end of the journal and the next write replaces; the appender, left inside that header,
     * is replaced.
     */
    private void appendWhole(Bytes<?> source, long length) {
        reserve(length);
        try {
            appender.writeBytes(source);
        } catch (RuntimeException e) {
            recoverAppender();
            throw e;
        }
        writeEnd = ((ExcerptContext) appender).wire().bytes().writePosition();
        if (appender.cycle() != preallocatedCycle) {
            startCycleFile(); // gives the file the ledger's mode first
        }
    }

    /** Writes the entry through a document, opened where disk is allocated ahead of it; rolled back if it fails. */
    private void appendDocument(Bytes<?> source, long length) {
        try (DocumentContext context = openDocument(length)) {
            try {
                final Bytes<?> bytes = context.wire().bytes();
                bytes.write(source, source.readPosition(), length);
                writeEnd = bytes.writePosition();
            } catch (RuntimeException | Error e) {
                context.rollbackOnClose();
                throw e;
            }
        }
    }

    /**
     * Refuses an append when the current roll cycle already holds as many entries as its cycle allows: Chronicle
     * itself would fail only after committing the entry (and leave it unindexed).
     */
    private void checkCycleHasRoom() {
        if (lastAppended == Long.MIN_VALUE) {
            lastAppended = queue.lastIndex();
        }
        final RollCycle rollCycle = queue.rollCycle();
        // the sequence first: reading the clock (queue.cycle()) costs a tenth of an append
        if (lastAppended >= 0 && rollCycle.toSequenceNumber(lastAppended) + 1 >= rollCycle.maxMessagesPerCycle()
                && rollCycle.toCycle(lastAppended) == queue.cycle()) {
            throw ExperienceStoreException.storageError("the journal's current roll cycle is full: "
                    + rollCycle + " holds at most " + rollCycle.maxMessagesPerCycle() + " entries per cycle;"
                    + " nothing was appended. Appends work again when the next cycle starts; for more entries per"
                    + " cycle, start a new ledger with a roll cycle that holds more");
        }
    }

    /**
     * Opens the document for an entry of {@code length} bytes with disk allocated ahead of it in the file it goes
     * to. Chronicle picks the file when the document opens, from the clock; rather than read the clock again
     * before (a tenth of an append's cost), the cycle is checked after: when Chronicle has started a new cycle's
     * file, the document is rolled back, unwritten, and opened again once that file has its allocation.
     */
    private DocumentContext openDocument(long length) {
        while (true) {
            reserve(length);
            final DocumentContext context = appender.writingDocument();
            if (appender.cycle() == preallocatedCycle) {
                return context;
            }
            if (preallocationUnsupported) {
                // a new cycle's file, not allocated ahead: only its mode, before the first entry is written to it
                secureCurrentFile();
                preallocatedCycle = appender.cycle();
                return context;
            }
            context.rollbackOnClose();
            context.close();
            startCycleFile();
        }
    }

    /** Keeps {@link #PREALLOCATE_AHEAD} bytes of disk allocated beyond the next entry in the current cycle's file. */
    private void reserve(long length) {
        if (preallocationUnsupported) {
            return;
        }
        final long needed = writeEnd + length + PREALLOCATE_AHEAD;
        if (needed <= preallocatedTo || preallocatedFd < 0) {
            return;
        }
        final long allocatedAhead = prefetcher.allocatedTo(preallocatedFile);
        if (needed <= allocatedAhead) {
            preallocatedTo = allocatedAhead;
            return;
        }
        final long grow = Math.max(PREALLOCATE_STEP, needed - preallocatedTo);
        if (PosixAPI.posix().fallocate(preallocatedFd, FALLOC_FL_KEEP_SIZE, preallocatedTo, grow) != 0) {
            final int errno = PosixAPI.posix().lastError();
            if (errno == ENOSPC) {
                throw ExperienceStoreException.storageError("disk full: no space left on the device of " + dir
                        + " for the next entry; nothing was appended. Free space and append again; the store stays"
                        + " readable and appendable");
            }
            preallocationUnsupported = true;
            return;
        }
        preallocatedTo += grow;
    }

    /** Creates the current cycle's file if needed (an empty, rolled-back document) and opens it for allocation. */
    private void startCycleFile() {
        closePreallocation();
        MappedFile mapping = null;
        try (DocumentContext context = appender.writingDocument()) {
            final Bytes<?> bytes = context.wire().bytes();
            writeEnd = bytes.writePosition();
            if (bytes instanceof MappedBytes mapped) {
                mapping = mapped.mappedFile();
            }
            context.rollbackOnClose();
        }
        secureCurrentFile();
        final File file = appender.currentFile();
        preallocatedFile = file;
        preallocatedCycle = appender.cycle();
        preallocatedTo = writeEnd;
        if (file == null) {
            return;
        }
        prefetcher.cycleFile(file, mapping, writeEnd);
        try {
            preallocatedFd = PosixAPI.posix().open(file.getAbsolutePath(), O_RDWR, 0);
        } catch (RuntimeException | LinkageError e) {
            preallocatedFd = -1;
        }
        if (preallocatedFd < 0) {
            preallocationUnsupported = true;
        }
    }

    private void closePreallocation() {
        if (preallocatedFd >= 0) {
            PosixAPI.posix().close(preallocatedFd);
            preallocatedFd = -1;
        }
    }

    /** After a fault the appender is broken and Chronicle's write lock stays held by this process: replace both. */
    private void recoverAppender() {
        try {
            appender.close();
        } catch (RuntimeException | Error ignored) {
            // the appender is being discarded
        }
        final File metadata = new File(queue.file(), "metadata.cq4t");
        try (TableStore<Metadata.NoMeta> table = SingleTableBuilder
                .binary(metadata, Metadata.NoMeta.INSTANCE).readOnly(false).build();
             TableStoreWriteLock lock = new TableStoreWriteLock(table, BusyTimedPauser::new, 0L)) {
            lock.forceUnlock();
        } catch (RuntimeException | Error ignored) {
            // if this fails too, the next append reports the problem again
        }
        preallocatedCycle = Integer.MIN_VALUE;
        appender = newAppender();
    }

    /** Forces everything appended so far to the storage device (msync). */
    void sync() {
        appender.sync();
    }

    /** A new tailer over the whole journal; the caller closes it. */
    ExcerptTailer tailer() {
        final ExcerptTailer tailer = queue.createTailer();
        tailer.singleThreadedCheckDisabled(true);
        return tailer;
    }

    /** The journal index of the first entry readers must not touch: Long.MAX_VALUE unless a file is truncated. */
    long readLimit() {
        return truncation == null ? Long.MAX_VALUE : truncation.readLimit();
    }

    /** True when a file is truncated so early that no entry can be read. */
    boolean nothingReadable() {
        return truncation != null && truncation.nothingReadable();
    }

    /** The truncated file, where and what, or null when every file is whole. */
    JournalFiles.Truncation truncation() {
        return truncation;
    }

    /**
     * The journal index of the first entry retention kept, or -1 when nothing was pruned: scans start there, never
     * at Chronicle's first file (which, for a moment while files are removed, may name one that is gone).
     */
    long firstRetained() {
        return firstRetained;
    }

    /**
     * Reads the prune record again if it changed since it was last read (another process pruned): one {@code stat}
     * when it did not. Returns {@link #firstRetained()}.
     */
    synchronized long refreshFirstRetained() {
        final Path root = dir.getParent();
        final Path file = root.resolve(PruneRecord.FILE);
        long stamp;
        try {
            stamp = Files.getLastModifiedTime(file).to(java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.nio.file.NoSuchFileException e) {
            stamp = -1;
        } catch (IOException e) {
            throw ExperienceStoreException.storageError("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (stamp != recordStamp) {
            final PruneRecord record = stamp < 0 ? null : PruneRecord.read(root);
            firstRetained = record == null ? -1 : record.firstRetained();
            recordStamp = stamp;
        }
        return firstRetained;
    }

    /** {@link #refreshFirstRetained()} unless it ran less than {@code nanos} ago (a query's cheap check). */
    long refreshFirstRetainedAtMostEvery(long nanos) {
        final long now = System.nanoTime();
        if (now - lastRetainedCheck < nanos) {
            return firstRetained;
        }
        lastRetainedCheck = now;
        return refreshFirstRetained();
    }

    /**
     * Moves {@code tailer} to the first document of the journal at or after the start of roll cycle {@code cycle}:
     * a cycle's file can hold no document (its first write went to the next cycle), and then the next file's first
     * document is it. Returns that document's journal index, or -1 (the tailer unmoved) when no file from that
     * cycle on holds one.
     */
    long moveToFirstDocumentFrom(ExcerptTailer tailer, int cycle) {
        final RollCycle rollCycle = queue.rollCycle();
        int at = cycle;
        while (true) {
            final long index = rollCycle.toIndex(at, 0);
            if (tailer.moveToIndex(index)) {
                return index;
            }
            final int next;
            try {
                next = queue.nextCycle(at, TailerDirection.FORWARD);
            } catch (ParseException | RuntimeException e) {
                return -1;
            }
            if (next <= at) {
                return -1;
            }
            at = next;
        }
    }

    /** After this process pruned: scans start at {@code index}. */
    synchronized void retainFrom(long index) {
        firstRetained = index;
        recordStamp = Long.MIN_VALUE;
    }

    /**
     * A value that changes whenever this process appends an entry to the journal (and may change otherwise): a
     * reader that saw the journal's end after reading it finds nothing new while it is unchanged. Only a writer's
     * journal is appended to here; a reader's must be read to know.
     */
    long appendStamp() {
        return (long) LAST_APPENDED.getAcquire(this);
    }

    /** The index of the last entry, or -1 when the journal is empty. */
    long lastIndex() {
        final long last = queue.lastIndex();
        return last < 0 ? -1 : last;
    }

    SingleChronicleQueue queue() {
        return queue;
    }

    /** The roll-cycle files readers map, kept open between reads (scans, located reads). */
    CycleStores cycleStores() {
        return cycleStores;
    }

    @Override
    public void close() {
        if (prefetcher != null) {
            prefetcher.close();
        }
        closePreallocation();
        if (appender != null) {
            appender.close();
        }
        staging.close();
        cycleStores.close();
        queue.close();
        // Chronicle unmaps closed files on a background thread; finish that now, so that once close() returns
        // no file of the journal is still mapped (the directory can be deleted, its file system unmounted)
        BackgroundResourceReleaser.releasePendingResources();
        if (appender != null) {
            secureAll();
        }
    }

    /**
     * Gives every file of the journal the ledger's mode once this writer is done with them. Each cycle's file is
     * secured when an append first reaches it; this sweep covers a file Chronicle created some other way (a file
     * with the umask's mode was once found after a command whose run straddled a one-second cycle), so that no
     * file a writer leaves behind is readable by others.
     */
    private void secureAll() {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                try {
                    FileModes.matchDirectory(file);
                } catch (NoSuchFileException deleted) {
                    // removed meanwhile (retention): nothing to secure
                }
            }
        } catch (IOException e) {
            throw ExperienceStoreException.storageError("cannot set the modes of the files in " + dir + ": "
                    + e.getMessage(), e);
        }
    }
}
