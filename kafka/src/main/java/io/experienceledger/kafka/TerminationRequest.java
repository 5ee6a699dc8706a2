package io.experienceledger.kafka;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop, instead of the JVM's shutdown: {@code ship --follow} then ends
 * its transaction, prints what it shipped and exits 0. The JVM's own handlers are restored on close.
 */
final class TerminationRequest implements AutoCloseable {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Signal interrupt = new Signal("INT");
    private final Signal terminate = new Signal("TERM");
    private final SignalHandler interruptBefore;
    private final SignalHandler terminateBefore;

    TerminationRequest() {
        final SignalHandler request = signal -> stop.countDown();
        this.interruptBefore = Signal.handle(interrupt, request);
        this.terminateBefore = Signal.handle(terminate, request);
    }

    /** Waits up to {@code millis}; true once a stop was requested (or the thread was interrupted). */
    boolean await(long millis) {
        try {
            return stop.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        Signal.handle(interrupt, interruptBefore);
        Signal.handle(terminate, terminateBefore);
    }
}
