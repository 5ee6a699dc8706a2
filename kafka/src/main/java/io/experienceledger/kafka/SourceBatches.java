package io.experienceledger.kafka;

import java.util.HashMap;
import java.util.Map;

/**
 * The source batches a mirror has begun to read and not read whole yet. A batch's entries can reach the mirror
 * through several partitions (one per tenant), in any interleaving; its last entry says how many it has
 * ({@link ShipRecords#BATCH_SIZE}). While any batch is open, the mirror does not commit, so that each source batch
 * lands in the central ledger inside one atomic batch.
 */
final class SourceBatches {
    /** A batch: its ledger and its first position. */
    private record Key(String ledgerId, long start) {
    }

    /** Entries seen, and the size once its last entry was seen (-1 before). */
    private static final class Progress {
        long seen;
        long size = -1;
    }

    private final Map<Key, Progress> open = new HashMap<>();

    /** Counts an entry of the batch of {@code ledgerId} that starts at {@code start}; {@code size} when last, else -1. */
    void add(String ledgerId, long start, long size) {
        final Key key = new Key(ledgerId, start);
        final Progress progress = open.computeIfAbsent(key, k -> new Progress());
        progress.seen++;
        if (size > 0) {
            progress.size = size;
        }
        if (progress.size == progress.seen) {
            open.remove(key);
        }
    }

    /** True when the batch of {@code ledgerId} that starts at {@code start} is begun and not read whole yet. */
    boolean isOpen(String ledgerId, long start) {
        return open.containsKey(new Key(ledgerId, start));
    }

    /** True when every batch begun is read whole. */
    boolean allWhole() {
        return open.isEmpty();
    }

    /** Gives up on the open batches (their missing entries are not in the topic); how many there were. */
    int abandon() {
        final int count = open.size();
        open.clear();
        return count;
    }

    /** Forgets everything (after a failed batch, reading starts again from the committed position). */
    void clear() {
        open.clear();
    }
}
