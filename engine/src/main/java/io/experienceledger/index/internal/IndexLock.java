package io.experienceledger.index.internal;

import io.experienceledger.files.FileModes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The write lock of an index directory: an OS lock on {@code index/index.lock}, released by the OS when the
 * process dies. Only the holder writes segment and manifest files.
 *
 * <p>OS file locks belong to the process, and on Linux closing any descriptor of the file drops them all. So
 * all {@code IndexLock}s of one JVM on the same file share one channel, closed when the last of them closes,
 * and the holder among them is tracked here: two indexes in one JVM exclude each other as two processes do.
 */
final class IndexLock implements AutoCloseable {
    private static final Map<Path, Shared> OPEN = new HashMap<>();

    private final Path file;
    private final Shared shared;
    private boolean closed;

    private IndexLock(Path file, Shared shared) {
        this.file = file;
        this.shared = shared;
    }

    /** Opens (creating if needed) the lock file of {@code dir} without taking the lock. */
    static IndexLock open(Path dir) throws IOException {
        final Path file = dir.toRealPath().resolve(ManifestDescriptor.LOCK_FILE_NAME);
        synchronized (OPEN) {
            Shared shared = OPEN.get(file);
            if (shared == null) {
                shared = new Shared(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
                FileModes.matchDirectory(file);
                OPEN.put(file, shared);
            }
            shared.users++;
            return new IndexLock(file, shared);
        }
    }

    /** Takes the lock if nobody holds it; true if this instance holds it now. Never blocks. */
    boolean tryAcquire() {
        synchronized (OPEN) {
            if (closed) {
                return false;
            }
            if (shared.holder == this) {
                return true;
            }
            if (shared.holder != null) {
                return false;
            }
            try {
                final FileLock lock = shared.channel.tryLock();
                if (lock == null) {
                    return false;
                }
                shared.lock = lock;
                shared.holder = this;
                return true;
            } catch (IOException | OverlappingFileLockException e) {
                return false;
            }
        }
    }

    /** Releases the lock if held, and the shared channel when no other instance uses it. */
    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            closed = true;
            if (shared.holder == this) {
                release();
            }
            if (--shared.users == 0) {
                OPEN.remove(file);
                try {
                    shared.channel.close();
                } catch (IOException ignored) {
                    // Closing drops the OS lock either way.
                }
            }
        }
    }

    private void release() {
        try {
            shared.lock.release();
        } catch (IOException ignored) {
            // A lock that cannot be released is dropped when the channel closes.
        }
        shared.lock = null;
        shared.holder = null;
    }

    /** The channel and the holder of one lock file, shared by the instances of one JVM. */
    private static final class Shared {
        private final FileChannel channel;
        private FileLock lock;
        private IndexLock holder;
        private int users;

        private Shared(FileChannel channel) {
            this.channel = channel;
        }
    }
}
