package io.experienceledger.journal;

import io.experienceledger.index.IndexOptions;
import java.nio.file.Path;
import java.time.Duration;
import net.openhft.chronicle.queue.RollCycle;

/**
 * The settings of one open {@link ChronicleExperienceStore}, as its {@link ChronicleExperienceStore.Builder}
 * produces them: validated once, here, and immutable from then on.
 *
 * @param dir               the ledger directory
 * @param durability        what an append promises
 * @param syncInterval      the longest time between two msyncs under {@link Durability#SYNC_BATCH}
 * @param rollCycle         the roll cycle asked for a new ledger, or null for the recorded one (or the default)
 * @param blockSize         the size of each memory-mapped chunk of a journal file
 * @param maxEntryBytes     the largest encoded entry accepted; -1 for the default, resolved here
 * @param readOnly          whether the store opens without the writer lock, for queries only
 * @param writerLockTimeout how long to wait for another process to release the writer lock
 * @param indexOptions      settings of the side index
 * @param retainCycles      automatic retention: keep the journal files of this many newest roll cycles (0: off)
 * @param groupReadable     a new ledger's directories 0750 and files 0640 (else 0700 and 0600)
 * @param queuedAppends     single appends return once queued, a thread of the store appends them
 */
record StoreSettings(Path dir, Durability durability, Duration syncInterval, RollCycle rollCycle, long blockSize,
                     long maxEntryBytes, boolean readOnly, Duration writerLockTimeout, IndexOptions indexOptions,
                     int retainCycles, boolean groupReadable, boolean queuedAppends) {
    /** The smallest block size: 1 MiB. */
    static final long MIN_BLOCK_SIZE = 1L << 20;
    /** The default largest entry, unless a quarter of the block size is less: 1 MiB. */
    static final long DEFAULT_MAX_ENTRY_BYTES = 1L << 20;

    /**
     * Validates the settings and resolves the default maximum entry size.
     *
     * @throws IllegalArgumentException when a setting is out of its range, naming it
     */
    StoreSettings {
        if (blockSize < MIN_BLOCK_SIZE) {
            throw new IllegalArgumentException("blockSize must be at least 1 MiB, was " + blockSize);
        }
        if (maxEntryBytes == -1) {
            maxEntryBytes = Math.min(DEFAULT_MAX_ENTRY_BYTES, blockSize / 4);
        }
        if (maxEntryBytes < 1024 || maxEntryBytes > blockSize / 4) {
            throw new IllegalArgumentException("maxEntryBytes must be between 1 KiB and blockSize / 4 ("
                    + blockSize / 4 + "), was " + maxEntryBytes);
        }
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("syncInterval must be positive, was " + syncInterval);
        }
        if (retainCycles < 0) {
            throw new IllegalArgumentException("retainCycles must be at least 1 (or 0 for no automatic retention),"
                    + " was " + retainCycles);
        }
        if (queuedAppends && readOnly) {
            throw new IllegalArgumentException("queuedAppends needs a writable store: a read-only store appends"
                    + " nothing");
        }
        if (retainCycles > 0 && readOnly) {
            throw new IllegalArgumentException("retainCycles needs a writable store: a read-only store removes"
                    + " nothing");
        }
        if (rollCycle != null && !JournalRollCycle.isNamed(rollCycle)) {
            throw new IllegalArgumentException("rollCycle must be one of Chronicle's named roll cycles"
                    + " (RollCycles, LargeRollCycles, SparseRollCycles, TestRollCycles, LegacyRollCycles), so"
                    + " that the ledger can record it; was " + rollCycle);
        }
    }

    /** True when every append is forced to the device before it returns. */
    boolean syncEach() {
        return durability == Durability.SYNC_EACH;
    }
}
