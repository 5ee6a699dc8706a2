package io.experienceledger.kafka;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The background thread of a shipper or a mirror that follows: runs a pass, waits the poll interval, again, until
 * stopped. It rides out an unreachable cluster ({@link ClusterUnreachable}: warned once per outage, retried at ten
 * times the interval) and ends on any other failure, which it keeps.
 */
final class FollowLoop {
    private final String threadName;
    private final Object wake = new Object();
    private volatile boolean stopRequested;
    private volatile Thread follower;
    private volatile RuntimeException failure;

    FollowLoop(String threadName) {
        this.threadName = threadName;
    }

    /** True once {@link #stop()} was called (or the thread interrupted): passes check it to end early. */
    boolean stopRequested() {
        return stopRequested;
    }

    boolean running() {
        return follower != null;
    }

    /** The failure the loop ended on, if it ended on one. */
    Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Starts the thread, which runs {@code pass} every {@code pollInterval}. */
    synchronized void start(Duration pollInterval, Consumer<String> warnings, Runnable pass) {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(warnings, "warnings");
        if (follower != null) {
            throw new IllegalStateException("already started");
        }
        stopRequested = false;
        failure = null;
        final Thread thread = new Thread(() -> follow(pollInterval, warnings, pass), threadName);
        thread.setDaemon(true);
        follower = thread;
        thread.start();
    }

    /** Asks the thread to stop and waits for it. Also the way to stop a pass run outside the thread. */
    void stop() {
        stopRequested = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        final Thread thread = follower;
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            follower = null;
        }
    }

    /** Waits up to {@code timeout} for the thread to end; true when it is not running. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        final Thread thread = follower;
        if (thread == null) {
            return true;
        }
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    private void follow(Duration pollInterval, Consumer<String> warnings, Runnable pass) {
        boolean warned = false;
        while (!stopRequested) {
            try {
                pass.run();
                warned = false;
                sleep(pollInterval);
            } catch (ClusterUnreachable e) {
                if (!warned && !stopRequested) {
                    warnings.accept(e.getMessage() + "; retrying until it is back");
                    warned = true;
                }
                sleep(pollInterval.multipliedBy(10));
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
        }
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Waits {@code duration}, or less when {@link #stop()} is called meanwhile. */
    private void sleep(Duration duration) {
        synchronized (wake) {
            if (stopRequested) {
                return;
            }
            try {
                wake.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopRequested = true;
            }
        }
    }

    /** A failure's message, or its class name when it has none. */
    static String describe(RuntimeException failure) {
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }
}
