package io.experienceledger.journal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;
import net.openhft.posix.PosixAPI;

/**
 * Prepares the journal file ahead of the writer from a background thread, so that the appending thread meets
 * neither of the two slow kernel paths of a growing memory-mapped file:
 * <ul>
 *   <li>it allocates the disk blocks ({@code fallocate}, keeping the file size) up to {@link #AHEAD} bytes ahead of
 *       the write position; the writer checks {@link #allocatedTo} and allocates itself only when this thread has
 *       fallen behind or the disk is full, which is how a full disk is still refused before an entry is written
 *       (on ext4 an allocation can wait for a journal commit; on tmpfs it zeroes the memory it allocates);</li>
 *   <li>it reads the same range into the page cache, so that the writer's first touch of a page is a minor fault
 *       rather than a page-cache miss, which blocks the faulting thread while the kernel reads (or zero-fills) the
 *       page and its readahead window.</li>
 * </ul>
 * The appender reports its position after every entry ({@link #written}: a compare, and a wake-up of this thread
 * once per {@link #AHEAD}/2 bytes). Reading and allocating with {@code FALLOC_FL_KEEP_SIZE} change no byte of the
 * file. The thread uses its own descriptors.
 */
final class JournalPrefetcher implements AutoCloseable {
    /** Bytes kept allocated and read ahead of the write position. */
    static final long AHEAD = 8L << 20;
    private static final int READ_SIZE = 64 << 10;
    private static final int O_RDWR = 2;
    private static final int FALLOC_FL_KEEP_SIZE = 1;

    /** How far the current file is allocated, tagged with the file it is for (a new one each cycle). */
    private record Allocated(File file, long to) {
    }

    /** Prepare {@code file} up to {@code target}: one object, so that the thread never pairs one file's target
     * with another file. */
    private record Request(File file, long target) {
    }

    private final Thread thread;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(READ_SIZE);
    private volatile boolean closed;
    private volatile Request request;
    private volatile Allocated allocated = new Allocated(null, 0);
    /** Appender side: the file being written and the write position at which the thread is woken next. */
    private File file;
    private long wakeAt;

    // prefetch-thread side
    private File openFile;
    private FileChannel channel;
    private int fd = -1;
    private long readTo;
    private long allocatedTo;

    JournalPrefetcher(String name) {
        thread = new Thread(this::run, "ledger-prefetch " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The appender moved to {@code cycleFile}, its next entry at {@code writeEnd}. */
    void cycleFile(File cycleFile, long writeEnd) {
        file = cycleFile;
        wakeAt = Long.MIN_VALUE;
        written(writeEnd);
    }

    /** The appender's write position in the current file is now {@code writeEnd}. Appending thread only. */
    void written(long writeEnd) {
        if (writeEnd >= wakeAt && file != null) {
            wakeAt = writeEnd + AHEAD / 2;
            request = new Request(file, writeEnd + AHEAD);
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
                prepare(next.file(), next.target());
            } catch (IOException | RuntimeException | LinkageError e) {
                // an optimisation only: the appender allocates and faults in its pages itself
                closeFile();
            }
        }
        closeFile();
    }

    private void prepare(File current, long to) throws IOException {
        if (!current.equals(openFile)) {
            closeFile();
            channel = FileChannel.open(current.toPath(), StandardOpenOption.READ);
            openFile = current;
            readTo = 0;
            allocatedTo = 0;
            fd = PosixAPI.posix().open(current.getAbsolutePath(), O_RDWR, 0);
        }
        if (fd >= 0 && to > allocatedTo) {
            final long from = Math.max(allocatedTo, to - AHEAD);
            // from is at most the write position the target was set at: everything the writer has not written
            // yet, up to the target, is allocated once this succeeds (on ENOSPC the writer finds out itself)
            if (PosixAPI.posix().fallocate(fd, FALLOC_FL_KEEP_SIZE, from, to - from) == 0) {
                allocatedTo = to;
                allocated = new Allocated(current, to);
            }
        }
        final long end = Math.min(to, channel.size());
        long at = Math.max(readTo, to - AHEAD);
        while (at < end && !closed && request.file() == current) {
            scratch.clear().limit((int) Math.min(READ_SIZE, end - at));
            final int read = channel.read(scratch, at);
            if (read <= 0) {
                break;
            }
            at += read;
        }
        readTo = Math.max(readTo, at);
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
