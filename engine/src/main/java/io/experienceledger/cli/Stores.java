package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.Durability;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How commands open stores. Reading commands open read-only, alongside any writer, and fail with Not found (exit
 * 1) when the directory is not a ledger; writing commands open writable, creating the ledger in a new or empty
 * directory, and wait for another process's writer lock.
 */
final class Stores {
    /** The largest envelope {@code append} accepts: one line of input, and the largest entry of a 64 MiB block. */
    static final int MAX_ENVELOPE_BYTES = 16 << 20;
    /** How long writing commands wait for another process to release the writer lock, unless told otherwise. */
    static final int DEFAULT_LOCK_WAIT_SECONDS = 30;

    private Stores() {
    }

    static ChronicleExperienceStore openForReading(Path dir) {
        return ChronicleExperienceStore.builder(dir).readOnly().open();
    }

    static ChronicleExperienceStore openForWriting(Path dir, int lockWaitSeconds) {
        return openForWriting(dir, lockWaitSeconds, Durability.PAGE_CACHE);
    }

    static ChronicleExperienceStore openForWriting(Path dir, int lockWaitSeconds, Durability durability) {
        if (lockWaitSeconds < 0) {
            throw LedgerException.badInput("--lock-wait must not be negative, was " + lockWaitSeconds);
        }
        return ChronicleExperienceStore.builder(dir)
                .writerLockTimeout(Duration.ofSeconds(lockWaitSeconds))
                .maxEntryBytes(MAX_ENVELOPE_BYTES)
                .durability(durability)
                .open();
    }
}
