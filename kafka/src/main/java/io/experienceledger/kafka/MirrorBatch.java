package io.experienceledger.kafka;

import io.experienceledger.journal.MirroredEntry;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The entries of one batch of the central ledger, as {@link io.experienceledger.journal.Mirroring#append} takes
 * them: from the polled records, polling more while a source batch is half read, until about
 * {@code batchEntries} entries with no source batch open; and the position the batch reaches, its note.
 */
final class MirrorBatch implements Iterator<MirroredEntry> {
    /**
     * How long a source batch that is still incomplete, with every partition read to its end, is waited for
     * before it is given up as a gap: the commit markers of one transaction reach its partitions one by one.
     */
    private static final Duration INCOMPLETE_GRACE = Duration.ofSeconds(2);

    /** The stop request came while a source batch was half read: the central batch is abandoned. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private final MirrorConsumer consumer;
    private final PolledRecords polled;
    private final SourceBatches sourceBatches;
    private final SkippedRecords skipped;
    private final Set<String> ledgers;
    private final int batchEntries;
    private final BooleanSupplier stop;
    private final Consumer<String> warnings;
    private final MirrorPosition position;
    private MirroredEntry next;
    private long count;
    private String invalid;

    /**
     * @param committed the position committed last; the batch's own starts from a copy of it
     * @param skipped   where invalid records go, or null to stop at the first
     * @param ledgers   collects the source ledger ids of the entries taken
     */
    MirrorBatch(MirrorConsumer consumer, SourceBatches sourceBatches, SkippedRecords skipped, Set<String> ledgers,
                MirrorPosition committed, int batchEntries, BooleanSupplier stop, Consumer<String> warnings) {
        this.consumer = consumer;
        this.polled = consumer.polled();
        this.sourceBatches = sourceBatches;
        this.skipped = skipped;
        this.ledgers = ledgers;
        this.position = committed.copy();
        this.batchEntries = batchEntries;
        this.stop = stop;
        this.warnings = warnings;
    }

    /** The position this batch reaches. */
    MirrorPosition position() {
        return position;
    }

    /** What stopped the batch before an invalid record (no file to skip it to), or null. */
    String invalid() {
        return invalid;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        long waitingSince = -1;
        while (true) {
            final boolean whole = sourceBatches.allWhole();
            if (whole && (count >= batchEntries || stop.getAsBoolean() || polled.isEmpty())) {
                return false;
            }
            PolledRecords.Polled head = polled.peek(sourceBatches, !whole);
            if (head == null) {
                // nothing queued continues the open source batches: fetch more before beginning others
                if (stop.getAsBoolean()) {
                    throw new Stopped();
                }
                if (consumer.mayFetchMore() && consumer.poll() > 0) {
                    waitingSince = -1;
                    continue;
                }
                head = polled.peek(sourceBatches, false);
                if (head == null) {
                    waitingSince = waitingSince < 0 ? System.nanoTime() : waitingSince;
                    if (System.nanoTime() - waitingSince > INCOMPLETE_GRACE.toNanos()
                            && consumer.reached(consumer.endOffsets()) && !consumer.assignAdded(position)) {
                        warnings.accept(sourceBatches.abandon() + " source batch(es) end without all their entries"
                                + " in the topics (records deleted before they were mirrored?); their entries that"
                                + " are there are appended, and stats shows the gap");
                        return false;
                    }
                    continue;
                }
            }
            if (take(head)) {
                return true;
            }
            if (invalid != null) {
                return false;
            }
        }
    }

    /**
     * Takes {@code head}: an entry becomes {@link #next} (true); an invalid record is skipped (false) or, without a
     * file to skip it to, stops the batch before it ({@link #invalid} set, false).
     */
    private boolean take(PolledRecords.Polled head) {
        final ConsumerRecord<byte[], byte[]> record = head.record();
        final MirrorRecords.Decoded decoded = head.decoded();
        if (decoded.invalid() != null) {
            if (skipped == null) {
                invalid = "invalid record in topic " + record.topic() + ", partition " + record.partition()
                        + ", offset " + record.offset() + ": " + decoded.invalid()
                        + "; everything before it is mirrored (--skip-invalid FILE goes past such records)";
                return false;
            }
            skipped.write(record, decoded.invalid());
            polled.take(head);
            position.advance(head.partition(), record.offset() + 1);
            position.countSkipped();
            return false;
        }
        polled.take(head);
        position.advance(head.partition(), record.offset() + 1);
        position.countEntry();
        final String ledgerId = decoded.entry().origin().ledgerId();
        if (decoded.batchStart() >= 0) {
            sourceBatches.add(ledgerId, decoded.batchStart(), decoded.batchSize());
        }
        ledgers.add(ledgerId);
        next = decoded.entry();
        count++;
        return true;
    }

    @Override
    public MirroredEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        final MirroredEntry entry = next;
        next = null;
        return entry;
    }

    /**
     * The note: the position this batch reaches, past every record it took and, for a partition with nothing
     * queued, past what the consumer skipped there too (transaction markers, aborted records).
     */
    byte[] note() {
        final Set<TopicPartition> queued = polled.partitions();
        if (invalid == null) {
            for (TopicPartition partition : consumer.partitions()) {
                if (!queued.contains(partition)) {
                    position.advance(partition, consumer.position(partition));
                }
            }
        }
        return position.encode();
    }
}
