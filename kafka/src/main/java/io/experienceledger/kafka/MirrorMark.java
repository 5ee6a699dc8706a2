package io.experienceledger.kafka;

import io.experienceledger.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local copy of how far the central ledger has mirrored, {@code DIR/mirrored.properties}, for
 * {@code ledger stats}. It is rewritten atomically (written, forced to the device, renamed) after a committed
 * batch, at most once every {@value #INTERVAL_MILLIS} ms, and always at the end of a pass: forcing a file costs
 * milliseconds on a disk, which after each batch of 10,000 entries took a fifth of the mirror's time. The position
 * in the ledger's own batch notes stays the truth the mirror resumes from; this file may lag it, never run ahead.
 * Not thread-safe: one per mirror session.
 */
final class MirrorMark {
    /** The file's name inside a ledger directory. */
    static final String FILE = "mirrored.properties";
    /** The shortest time between two writes, except the one that ends a pass. */
    static final long INTERVAL_MILLIS = 1_000;

    private final Path file;
    private final List<String> topics;
    private final long intervalNanos;
    /** The position committed last and not yet written; null when the file is up to date. */
    private MirrorPosition pending;
    /** When the file was last written ({@link System#nanoTime}); an interval before this mark was made at first. */
    private long lastWrite;

    /** The mark of a session mirroring {@code topics} into the ledger in {@code ledgerDir}. */
    MirrorMark(Path ledgerDir, List<String> topics) {
        this(ledgerDir, topics, INTERVAL_MILLIS);
    }

    /** A mark written at most every {@code intervalMillis} ms (0: after every batch), for tests. */
    MirrorMark(Path ledgerDir, List<String> topics, long intervalMillis) {
        this.file = ledgerDir.resolve(FILE);
        this.topics = List.copyOf(topics);
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.lastWrite = System.nanoTime() - intervalNanos;
    }

    /**
     * A batch ending at {@code position} committed: written now unless the file was written less than the interval
     * ago, else kept for the next write. A failure to write is reported; the batch itself is already committed.
     */
    void committed(MirrorPosition position) {
        pending = position;
        if (System.nanoTime() - lastWrite >= intervalNanos) {
            flush();
        }
    }

    /** Writes the position committed last, if the file does not hold it yet: at the end of a pass. */
    void flush() {
        if (pending == null) {
            return;
        }
        write(pending);
        pending = null;
        lastWrite = System.nanoTime();
    }

    private void write(MirrorPosition position) {
        final StringBuilder text = new StringBuilder("# how far this ledger has mirrored; its batch notes are the truth\n")
                .append("topics=").append(String.join(",", topics)).append('\n')
                .append("entries=").append(position.entries()).append('\n')
                .append("skipped=").append(position.skipped()).append('\n');
        position.offsets().forEach((partition, offset) -> text.append("offset.").append(partition.topic()).append('.')
                .append(partition.partition()).append('=').append(offset).append('\n'));
        try {
            AtomicFiles.replace(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record the mirrored position in " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
