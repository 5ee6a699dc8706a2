package io.experienceledger.journal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the part of the journal file just ahead of the writer in the page cache, from a background thread, so that
 * the appending thread's first touch of a page is a minor fault rather than a page-cache miss. A miss on a
 * memory-mapped file blocks the faulting thread while the kernel reads (or zero-fills) the page and its readahead
 * window, which is what made one append in a few thousand take milliseconds.
 *
 * <p>The appender reports its write position after every entry ({@link #written}: a compare, and a wake-up of this
 * thread once per {@link #AHEAD}/2 bytes); the thread reads the file from there to {@link #AHEAD} bytes ahead,
 * within the file's current size, through its own descriptor: reading changes nothing in the file.
 */
final class JournalPrefetcher implements AutoCloseable {
    /** Bytes kept read ahead of the write position. */
    static final long AHEAD = 8L << 20;
    private static final int READ_SIZE = 64 << 10;

    private final Thread thread;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(READ_SIZE);
    private volatile boolean closed;
    private volatile File file;
    private volatile long target;
    /** Appender side: the write position at which the thread is woken next. */
    private long wakeAt;

    // prefetch-thread side
    private File openFile;
    private FileChannel channel;
    private long readTo;

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
        if (writeEnd >= wakeAt) {
            wakeAt = writeEnd + AHEAD / 2;
            target = writeEnd + AHEAD;
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (!closed) {
            LockSupport.park(this);
            final File current = file;
            final long to = target;
            if (closed || current == null) {
                continue;
            }
            try {
                readAhead(current, to);
            } catch (IOException | RuntimeException e) {
                // prefetching is an optimisation only: the appender reads its pages itself
                closeChannel();
            }
        }
        closeChannel();
    }

    private void readAhead(File current, long to) throws IOException {
        if (!current.equals(openFile)) {
            closeChannel();
            channel = FileChannel.open(current.toPath(), StandardOpenOption.READ);
            openFile = current;
            readTo = 0;
        }
        final long end = Math.min(to, channel.size());
        long at = Math.max(readTo, to - AHEAD);
        while (at < end && !closed && file == current) {
            scratch.clear().limit((int) Math.min(READ_SIZE, end - at));
            final int read = channel.read(scratch, at);
            if (read <= 0) {
                break;
            }
            at += read;
        }
        readTo = Math.max(readTo, at);
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only descriptor: nothing to lose
            }
            channel = null;
            openFile = null;
        }
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
