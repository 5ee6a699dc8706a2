package io.experienceledger.journal;

import io.experienceledger.store.ExperienceStoreException;
import java.nio.file.Path;

/**
 * Whether one store is open and writable, checked by every part before it touches the journal, with the error a
 * caller gets when it is not.
 */
final class StoreLifecycle {
    private final Path root;
    private final boolean writable;
    private volatile boolean closed;

    StoreLifecycle(Path root, boolean writable) {
        this.root = root;
        this.writable = writable;
    }

    /** @throws ExperienceStoreException a storage error when the store is closed */
    void checkOpen() {
        if (closed) {
            throw closedError();
        }
    }

    /** The error an operation on the closed store gets. */
    ExperienceStoreException closedError() {
        return ExperienceStoreException.storageError("the store at " + root + " is closed");
    }

    /** @throws ExperienceStoreException a storage error when the store is closed or open read-only */
    void checkWritable() {
        checkOpen();
        if (!writable) {
            throw ExperienceStoreException.storageError("the store at " + root
                    + " is open read-only; open it writable to append");
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Marks the store closed: from now on every operation is refused. */
    void markClosed() {
        closed = true;
    }

    boolean writable() {
        return writable;
    }

    Path root() {
        return root;
    }
}
