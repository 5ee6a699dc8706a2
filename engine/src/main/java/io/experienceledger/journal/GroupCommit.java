package io.experienceledger.journal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link Durability#SYNC_BATCH}: a daemon thread that forces the journal to the device at most once per interval,
 * and only when something was appended since the last time. Appenders mark the journal dirty and go on.
 */
final class GroupCommit implements AutoCloseable {
    private final Runnable sync;
    private final long intervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private boolean dirty;
    private boolean stopped;

    private GroupCommit(Runnable sync, Duration interval) {
        this.sync = sync;
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this::run, "experience-ledger-group-commit");
        this.thread.setDaemon(true);
    }

    static GroupCommit start(Runnable sync, Duration interval) {
        final GroupCommit commit = new GroupCommit(sync, interval);
        commit.thread.start();
        return commit;
    }

    /** Called after an append: the next round syncs. */
    void dirty() {
        lock.lock();
        try {
            if (!dirty) {
                dirty = true;
                wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (awaitDirty()) {
            sync.run();
            pause();
        }
    }

    private boolean awaitDirty() {
        lock.lock();
        try {
            while (!dirty && !stopped) {
                wake.awaitUninterruptibly();
            }
            dirty = false;
            return !stopped;
        } finally {
            lock.unlock();
        }
    }

    private void pause() {
        lock.lock();
        try {
            long remaining = intervalNanos;
            while (remaining > 0 && !stopped) {
                remaining = wake.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            stopped = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
