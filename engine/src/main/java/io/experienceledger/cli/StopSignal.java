package io.experienceledger.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long-running command end cleanly on Ctrl-C (SIGINT) or SIGTERM: a shutdown hook raises the signal and
 * waits, at most a few seconds, until the command has closed its store and {@linkplain #close() released} it.
 * The command polls {@link #requested()} or sleeps in {@link #await}; an interrupt of its thread counts as a stop
 * request too.
 */
final class StopSignal implements AutoCloseable {
    private static final long SHUTDOWN_WAIT_SECONDS = 3;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "ledger-stop");

    StopSignal() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True once a stop was requested. */
    boolean requested() {
        return stop.getCount() == 0;
    }

    /** Sleeps up to {@code millis}; true when a stop was requested (or the thread interrupted) meanwhile. */
    boolean await(long millis) {
        try {
            return stop.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stop.countDown();
            return true;
        }
    }

    private void onShutdown() {
        stop.countDown();
        try {
            finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command is done with its resources: the JVM may go on shutting down. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or has run, and returns now
        }
    }
}
