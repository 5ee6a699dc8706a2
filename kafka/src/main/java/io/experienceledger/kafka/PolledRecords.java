package io.experienceledger.kafka;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records a mirror has polled and not yet taken, one queue per partition in offset order, each decoded once.
 * Which partition goes next is free (only each partition's order is fixed), so {@link #next} chooses the one that
 * lets the central ledger commit soonest: a record that continues a half-read source batch first, otherwise the
 * record earliest in its source, which for one source replays its append order, so a source batch spread over
 * several partitions (one per tenant) is completed before others are begun.
 */
final class PolledRecords {
    /** A polled record and what it holds. */
    record Polled(ConsumerRecord<byte[], byte[]> record, TopicPartition partition, MirrorRecords.Decoded decoded) {
    }

    private final Map<TopicPartition, ArrayDeque<Polled>> queues = new HashMap<>();
    private final MirrorRecords records = new MirrorRecords();
    private int size;

    void add(ConsumerRecord<byte[], byte[]> record) {
        final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        queues.computeIfAbsent(partition, p -> new ArrayDeque<>()).add(new Polled(record, partition,
                records.decode(record)));
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** True when {@code partition} has records queued. */
    boolean has(TopicPartition partition) {
        final ArrayDeque<Polled> queue = queues.get(partition);
        return queue != null && !queue.isEmpty();
    }

    /** The partitions with records queued. */
    Set<TopicPartition> partitions() {
        final Set<TopicPartition> partitions = new java.util.HashSet<>();
        queues.forEach((partition, queue) -> {
            if (!queue.isEmpty()) {
                partitions.add(partition);
            }
        });
        return partitions;
    }

    /**
     * The head record to take next, without taking it, or null when nothing is queued: an invalid record first
     * (it stops or is skipped before anything after it), then one that continues an open source batch, then the
     * one earliest in its source.
     *
     * @param continuing whether an open batch is continued by only such records (see {@link #continuesOpen})
     */
    Polled peek(SourceBatches open, boolean continuing) {
        Polled best = null;
        for (ArrayDeque<Polled> queue : queues.values()) {
            final Polled head = queue.peek();
            if (head == null) {
                continue;
            }
            if (head.decoded().invalid() != null) {
                return head;
            }
            if (continuing && continuesOpen(head, open)) {
                return head;
            }
            if (best == null || head.decoded().entry().origin().position()
                    < best.decoded().entry().origin().position()) {
                best = head;
            }
        }
        return continuing ? null : best;
    }

    /** True when {@code polled} belongs to a source batch that is begun and not read whole. */
    static boolean continuesOpen(Polled polled, SourceBatches open) {
        final MirrorRecords.Decoded decoded = polled.decoded();
        return decoded.batchStart() >= 0 && open.isOpen(decoded.entry().origin().ledgerId(), decoded.batchStart());
    }

    /** Takes the head of {@code polled}'s partition, which must be {@code polled}. */
    void take(Polled polled) {
        queues.get(polled.partition()).poll();
        size--;
    }

    void clear() {
        queues.clear();
        size = 0;
    }
}
