package io.experienceledger.journal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.chronicle.core.io.ReferenceOwner;
import net.openhft.posix.PosixAPI;

/**
 * Prepares the journal file ahead of the writer from a background thread, so that the appending thread meets
 * neither of the two slow kernel paths of a growing memory-mapped file:
 * <ul>
 *   <li>it allocates the disk blocks ({@code fallocate}, keeping the file size) up to {@link #AHEAD} bytes ahead of
 *       the write position; the writer checks {@link #allocatedTo} and allocates itself only when this thread has
 *       fallen behind or the disk is full, which is how a full disk is still refused before an entry is written
 *       (on ext4 an allocation can wait for a journal commit; on tmpfs it zeroes the memory it allocates);</li>
 *   <li>it brings the same range into the page cache, so that the writer's first touch of a page is a minor fault
 *       rather than a page-cache miss, which blocks the faulting thread while the kernel reads (or zero-fills) the
 *       page and its readahead window.</li>
 * </ul>
 * Then it maps the same range into the appender's own mapping of the file, writable
 * ({@code MADV_POPULATE_WRITE} on the chunk of Chronicle's mapping the writer goes through): the page tables the
 * appending thread writes through then already hold those pages, and its first write to each takes no page fault
 * at all (one a page, 4 KiB, about every eight typical entries; on this machine's virtual CPUs a fault costs
 * microseconds). Populating changes no byte: it faults each page in as a write would, without writing. It
 * does mark the page dirty, so it is done only for journals the kernel writes back on its own schedule
 * ({@link #JournalPrefetcher(String, boolean, boolean)}). It then reads one byte of each page so populated,
 * through the same mapping ({@link #touch}): under a hypervisor that shadows the guest's page tables, as on the
 * machine the benchmarks run on, that read is what spares the writer a trip through the hypervisor on its first
 * write to the page.
 *
 * <p>It does all of this in small pieces and yields its core between them: a core is often shared with application
 * threads, and a long call into the kernel holds the core for its whole length. Pages are brought in through a
 * mapping of its own, advised random ({@code MADV_RANDOM}, then {@code MADV_POPULATE_READ} piece by piece), so
 * that the kernel reads exactly the pages asked for; a plain read would start the file's readahead, which on a
 * device with an 8 MiB readahead window zero-fills the whole window in one call (about 20 ms measured here,
 * a core held for all of it). Kernels without {@code MADV_POPULATE_READ} (before Linux 5.14) get plain reads.
 * On tmpfs allocating already puts the pages in memory, and there is no readahead to keep off: when the writer's
 * pages are populated, that read is skipped (it cost this thread about 1.4 µs a page on the test machine, of 8.5).
 *
 * <p>The appender reports its position after every entry ({@link #written}: a compare, and a wake-up of this
 * thread once per {@link #AHEAD}/2 bytes). Allocating with {@code FALLOC_FL_KEEP_SIZE} and reading change no byte
 * of the file. The thread uses its own descriptors.
 */
final class JournalPrefetcher implements AutoCloseable {
    /** Bytes kept allocated and read ahead of the write position. */
    static final long AHEAD = 8L << 20;
    /** Bytes allocated by one call into the kernel. */
    static final long ALLOCATE_PIECE = 1L << 20;
    /** Bytes brought into the page cache by one call into the kernel. */
    static final int READ_PIECE = 256 << 10;
    private static final int O_RDWR = 2;
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int PROT_READ = 1;
    private static final int MAP_SHARED = 1;
    private static final int MADV_RANDOM = 1;
    private static final int MADV_POPULATE_READ = 22;
    private static final int MADV_POPULATE_WRITE = 23;
    /** The owner of the chunks of the writer's mapping this thread holds while it populates them. */
    private static final ReferenceOwner OWNER = ReferenceOwner.temporary("ledger-prefetch");
    private static final long PAGE = 4096;
    private static final int EINVAL = 22;

    /** How far the current file is allocated, tagged with the file it is for (a new one each cycle). */
    private record Allocated(File file, long to) {
    }

    /** Prepare {@code file} up to {@code target}: one object, so that the thread never pairs one file's target
     * with another file. */
    private record Request(File file, MappedFile mapping, long target) {
    }

    private final Thread thread;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(READ_PIECE);
    /** False once the kernel refused {@code MADV_POPULATE_READ}: plain reads from then on. */
    private boolean populateSupported;
    /**
     * False when not wanted, or once the kernel refused {@code MADV_POPULATE_WRITE}: the writer maps its pages
     * itself.
     */
    private boolean populateWriteSupported;
    /** What {@link #touch} read, kept only so that its reads are not optimised away. */
    private int touched;
    private volatile boolean closed;
    private volatile Request request;
    private volatile Allocated allocated = new Allocated(null, 0);
    /** Appender side: the file being written, its mapping, and the write position at which the thread is woken next. */
    private File file;
    private MappedFile mapping;
    private long wakeAt;

    // prefetch-thread side
    private File openFile;
    private FileChannel channel;
    private int fd = -1;
    private long readTo;
    private long allocatedTo;
    /** Whether the open file is on tmpfs, whose allocation puts its pages in memory: nothing to read in. */
    private boolean inMemory;
    private volatile long mappedTo;

    JournalPrefetcher(String name) {
        this(name, true);
    }

    /** A prefetcher that brings pages in through its own mapping when {@code populate}, else by plain reads. */
    JournalPrefetcher(String name, boolean populate) {
        this(name, populate, true);
    }

    /**
     * As {@link #JournalPrefetcher(String, boolean)}; maps the pages into the writer's mapping, writable, only when
     * {@code mapWriterPages}. Populating a page writable marks it dirty: on a disk the kernel writes it back, zeros
     * and all, if the writer has not reached it by then, which is harmless for a journal the kernel writes back on
     * its own schedule (at most one extra write of a page, and only when appends are slow) but would add pages
     * to every sync of a journal forced to the device.
     */
    JournalPrefetcher(String name, boolean populate, boolean mapWriterPages) {
        this.populateSupported = populate;
        this.populateWriteSupported = mapWriterPages;
        thread = new Thread(this::run, "ledger-prefetch " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The appender moved to {@code cycleFile}, which it writes through {@code cycleMapping} (Chronicle's mapping of
     * the file, null when it has none), its next entry at {@code writeEnd}.
     */
    void cycleFile(File cycleFile, MappedFile cycleMapping, long writeEnd) {
        file = cycleFile;
        mapping = cycleMapping;
        wakeAt = Long.MIN_VALUE;
        written(writeEnd);
    }

    /** The appender's write position in the current file is now {@code writeEnd}. Appending thread only. */
    void written(long writeEnd) {
        if (writeEnd >= wakeAt && file != null) {
            wakeAt = writeEnd + AHEAD / 2;
            request = new Request(file, mapping, writeEnd + AHEAD);
            LockSupport.unpark(thread);
        }
    }

    /** How far this thread has allocated {@code cycleFile}: 0 when it has not (yet), or for another file. */
    long allocatedTo(File cycleFile) {
        final Allocated current = allocated;
        return cycleFile.equals(current.file()) ? current.to() : 0;
    }

    private void run() {
        while (!closed) {
            LockSupport.park(this);
            final Request next = request;
            if (closed || next == null) {
                continue;
            }
            try {
                prepare(next.file(), next.mapping(), next.target());
            } catch (IOException | RuntimeException | LinkageError e) {
                // an optimisation only: the appender allocates and faults in its pages itself
                closeFile();
            }
        }
        closeFile();
    }

    /**
     * How far the current file is mapped into the writer's mapping by this thread (0 before it has mapped any of
     * it).
     */
    long mappedTo() {
        return mappedTo;
    }

    private void prepare(File current, MappedFile writerMapping, long to) throws IOException {
        if (!current.equals(openFile)) {
            closeFile();
            channel = FileChannel.open(current.toPath(), StandardOpenOption.READ);
            openFile = current;
            readTo = 0;
            allocatedTo = 0;
            mappedTo = 0;
            fd = PosixAPI.posix().open(current.getAbsolutePath(), O_RDWR, 0);
            inMemory = onTmpfs(current);
        }
        if (fd >= 0) {
            allocate(current, Math.max(allocatedTo, to - AHEAD), to);
        }
        final long end = Math.min(to, channel.size());
        final long from = Math.max(readTo, to - AHEAD);
        final boolean mapsWriterPages = writerMapping != null && populateWriteSupported;
        if (from < end && inMemory && mapsWriterPages) {
            // allocating put the pages in memory, and populating the writer's mapping zero-fills them: a read
            // through a mapping of this thread's own would only pay the hypervisor for a mapping nobody uses
            readTo = end;
        } else if (from < end) {
            final long reached = populateSupported && fd >= 0 ? populate(current, from, end) : read(current, from, end);
            readTo = Math.max(readTo, reached);
        }
        // only pages with their blocks allocated: a hole populated writable would take its blocks at writeback,
        // which on a full disk fails after the fact instead of refusing an append before it is written
        final long mapEnd = Math.min(readTo, allocatedTo);
        final long mapFrom = Math.max(mappedTo, to - AHEAD);
        if (mapsWriterPages && mapEnd > mapFrom) {
            mappedTo = Math.max(mappedTo, mapWritable(current, writerMapping, mapFrom, mapEnd));
        }
    }

    /** Whether {@code file} is on tmpfs (false when its file system cannot be told). */
    private static boolean onTmpfs(File file) {
        try {
            return "tmpfs".equals(Files.getFileStore(file.toPath()).type());
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Faults {@code [from, end)} of {@code current}, already in the page cache (so that no readahead starts), into
     * the writer's mapping of it, writable, piece by piece. Each chunk of the mapping is held while it is populated,
     * so it cannot be unmapped meanwhile; the writer's bytes use the same chunk (Chronicle keeps one mapping per
     * chunk of a file).
     *
     * @return how far the mapping is populated
     */
    private long mapWritable(File current, MappedFile writerMapping, long from, long end) throws IOException {
        final PosixAPI posix = PosixAPI.posix();
        long at = from & -PAGE;
        while (at < end && stillWanted(current)) {
            final MappedBytesStore chunk = writerMapping.acquireByteStore(OWNER, at);
            try {
                final long pieceEnd = Math.min(Math.min(end, chunk.safeLimit()), at + READ_PIECE);
                if (at < chunk.start() || pieceEnd <= at) {
                    return at;
                }
                if (posix.madvise(chunk.addressForWrite(at), pieceEnd - at, MADV_POPULATE_WRITE) != 0) {
                    if (posix.lastError() == EINVAL) { // a kernel without MADV_POPULATE_WRITE
                        populateWriteSupported = false;
                    }
                    return at; // e.g. a full file system: the writer meets it itself
                }
                touch(chunk.addressForWrite(at), pieceEnd - at);
                at = pieceEnd;
            } finally {
                chunk.release(OWNER);
            }
            Thread.yield();
        }
        return at;
    }

    /**
     * Reads one byte of each page of {@code length} bytes at {@code address} of the writer's mapping, changing
     * nothing. Under a hypervisor that shadows the guest's page tables, populating fills only the guest's own
     * tables: the first access to each page from user mode still goes through the hypervisor (about 5 µs a page on
     * this project's test machine, where it is invisible to the guest as a fault), and the thread that makes it
     * pays. Made here, it is paid on this thread, and the writer's first write to the page is an ordinary store.
     * Elsewhere each read is a load of a page already mapped.
     */
    private void touch(long address, long length) {
        int sum = 0;
        for (long offset = 0; offset < length; offset += PAGE) {
            sum += UnsafeMemory.MEMORY.readByte(address + offset);
        }
        touched = sum; // kept, so that the compiler keeps the reads
    }

    /**
     * Allocates {@code [from, to)} of {@code current} piece by piece. {@code from} is at most the write position
     * the target was set at: everything the writer has not written yet, up to where this got, is allocated (on
     * ENOSPC the writer finds out itself).
     */
    private void allocate(File current, long from, long to) {
        for (long at = from; at < to && stillWanted(current); at += ALLOCATE_PIECE) {
            final long piece = Math.min(ALLOCATE_PIECE, to - at);
            if (PosixAPI.posix().fallocate(fd, FALLOC_FL_KEEP_SIZE, at, piece) != 0) {
                return;
            }
            allocatedTo = at + piece;
            allocated = new Allocated(current, allocatedTo);
            Thread.yield();
        }
    }

    /**
     * Brings {@code [from, end)} of {@code current} into the page cache through a mapping advised random, piece
     * by piece; falls back to {@link #read} when the kernel does not know {@code MADV_POPULATE_READ}.
     *
     * @return how far the file is in the page cache
     */
    private long populate(File current, long from, long end) throws IOException {
        final long start = from & -PAGE;
        final long length = end - start;
        final PosixAPI posix = PosixAPI.posix();
        final long address = posix.mmap(0, length, PROT_READ, MAP_SHARED, fd, start);
        if (address == -1 || address == 0) {
            populateSupported = false;
            return read(current, from, end);
        }
        try {
            posix.madvise(address, length, MADV_RANDOM);
            long at = start;
            while (at < end && stillWanted(current)) {
                final long piece = Math.min(READ_PIECE, end - at);
                if (posix.madvise(address + (at - start), piece, MADV_POPULATE_READ) != 0) {
                    if (posix.lastError() == EINVAL) { // a kernel without MADV_POPULATE_READ
                        populateSupported = false;
                        return Math.max(at, read(current, at, end));
                    }
                    break; // e.g. a full tmpfs: the writer meets it itself
                }
                at += piece;
                Thread.yield();
            }
            return at;
        } finally {
            posix.munmap(address, length);
        }
    }

    /** Reads {@code [from, end)} of {@code current} piece by piece; returns how far it got. */
    private long read(File current, long from, long end) throws IOException {
        long at = from;
        while (at < end && stillWanted(current)) {
            scratch.clear().limit((int) Math.min(READ_PIECE, end - at));
            final int read = channel.read(scratch, at);
            if (read <= 0) {
                break;
            }
            at += read;
            Thread.yield();
        }
        return at;
    }

    /** Whether the writer is still in {@code current} and this prefetcher open. */
    private boolean stillWanted(File current) {
        return !closed && request.file() == current;
    }

    private void closeFile() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only descriptor: nothing to lose
            }
            channel = null;
        }
        if (fd >= 0) {
            PosixAPI.posix().close(fd);
            fd = -1;
        }
        openFile = null;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
