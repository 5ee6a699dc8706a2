package io.experienceledger.kafka;

import java.util.List;

/**
 * Where a {@link LedgerMirror} stands: what the central ledger holds, and, per partition, how far it has read.
 *
 * @param entries    entries appended to the central ledger by mirroring, in all (every run)
 * @param skipped    invalid records gone past ({@code --skip-invalid}), in all
 * @param partitions each partition mirrored, by topic and partition
 * @param running    whether a background mirror ({@link LedgerMirror#start}) is running
 * @param failure    why the background mirror stopped, or null
 */
public record MirrorStatus(long entries, long skipped, List<Partition> partitions, boolean running, String failure) {
    public MirrorStatus {
        partitions = List.copyOf(partitions);
    }

    /** The records not mirrored yet, over every partition, as of the end offsets last read. */
    public long lag() {
        return partitions.stream().mapToLong(Partition::lag).sum();
    }

    /**
     * One partition.
     *
     * @param topic     the topic
     * @param partition the partition number
     * @param position  the offset of the next record to mirror (committed in the central ledger)
     * @param endOffset the partition's last stable offset when the mirror last looked, -1 before it looked
     */
    public record Partition(String topic, int partition, long position, long endOffset) {
        /** Offsets between the position and the end offset (records, transaction markers); 0 when unknown. */
        public long lag() {
            return endOffset < 0 ? 0 : Math.max(0, endOffset - position);
        }
    }
}
