package io.experienceledger.journal;

import io.experienceledger.files.FileModes;
import io.experienceledger.store.ExperienceStoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The exclusive single-writer lock of a ledger directory: an OS file lock on {@code DIR/writer.lock}, held from
 * open to close by the one process that may append. The operating system releases it when that process dies,
 * so a killed writer never leaves a stale lock behind.
 *
 * <p>POSIX record locks belong to the process and vanish when any channel on the file is closed, so this class
 * keeps exactly one channel open on the lock file for as long as the lock is held, and nothing else in the
 * process may open that file. The holder's pid is written into the file (through the same channel) so that a
 * second writer can say who holds it.
 */
final class WriterLock implements AutoCloseable {
    static final String FILE_NAME = "writer.lock";
    private static final long POLL_MILLIS = 20;

    /** Lock files held by this JVM: a second channel on one of them, once closed, would drop the OS lock. */
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, waiting up to {@code timeoutMillis} for another process to release it.
     *
     * @throws ExperienceStoreException a storage error naming the holder when the wait times out
     */
    static WriterLock acquire(Path dir, long timeoutMillis) {
        final Path file = dir.toAbsolutePath().normalize().resolve(FILE_NAME);
        if (!HELD_IN_THIS_JVM.add(file)) {
            throw ExperienceStoreException.storageError(dir + " is already open for writing in this process;"
                    + " share that store instance instead of opening the directory twice");
        }
        try {
            return acquireHeld(dir, file, timeoutMillis);
        } catch (RuntimeException e) {
            HELD_IN_THIS_JVM.remove(file);
            throw e;
        }
    }

    private static WriterLock acquireHeld(Path dir, Path file, long timeoutMillis) {
        final FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileModes.matchDirectory(file);
        } catch (IOException e) {
            throw ExperienceStoreException.storageError("cannot open " + file + " to take the writer lock: " + e.getMessage(), e);
        }
        try {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (true) {
                final FileLock lock = tryLock(channel, dir);
                if (lock != null) {
                    writePid(channel);
                    return new WriterLock(file, channel, lock);
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw ExperienceStoreException.storageError(dir + " is being written by another process ("
                            + holderOf(channel) + "); only one process may append at a time. Wait for it to close"
                            + " the store, or open the store read-only to query it.");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            throw ExperienceStoreException.storageError("interrupted while waiting for the writer lock of " + dir, e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof ExperienceStoreException store) {
                throw store;
            }
            throw ExperienceStoreException.storageError("cannot take the writer lock of " + dir + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw ExperienceStoreException.storageError(dir + " is already open for writing in this process;"
                    + " share that store instance instead of opening the directory twice");
        }
    }

    private static void writePid(FileChannel channel) throws IOException {
        final byte[] pid = ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(pid), 0);
        channel.force(false);
    }

    private static String holderOf(FileChannel channel) {
        try {
            final ByteBuffer buffer = ByteBuffer.allocate(64);
            final int read = channel.read(buffer, 0);
            final String text = read > 0 ? new String(buffer.array(), 0, read, StandardCharsets.US_ASCII).trim() : "";
            return text.isEmpty() ? "pid unknown" : text;
        } catch (IOException e) {
            return "pid unknown";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing; the original error is the one to report
        }
    }

    /** True while this process holds the lock. */
    boolean isHeld() {
        return lock.isValid();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it anyway
        } finally {
            closeQuietly(channel);
            HELD_IN_THIS_JVM.remove(file);
        }
    }
}
