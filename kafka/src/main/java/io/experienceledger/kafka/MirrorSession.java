package io.experienceledger.kafka;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.store.ExperienceStoreException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * One mirror's connection to the cluster and its passes over the topics. Connecting assigns every partition of
 * the topics to a {@code read_committed} consumer (no consumer group: the position is the mirror's own) and seeks
 * each to where the central ledger's latest {@link MirrorPosition} says. A pass reads up to the end offsets the
 * topics had when it began, appending the entries in atomic batches of the central ledger, each committing the
 * position it reached; a batch never ends while a source batch is half read. After any failure the connection is
 * dropped and the next attempt starts again from the position in the ledger, the one truth about what was
 * appended. Not thread-safe: {@link LedgerMirror} runs one pass at a time.
 */
final class MirrorSession implements AutoCloseable {
    static final int DEFAULT_BATCH_ENTRIES = 10_000;
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(500);

    private final ChronicleExperienceStore store;
    private final List<String> topics;
    private final Properties clientConfig;
    private final Duration timeout;
    private final int batchEntries;
    private final SkippedRecords skipped;
    private final MirrorMark mark;
    private final Consumer<String> warnings;
    private final SourceBatches sourceBatches = new SourceBatches();
    private final Set<String> ledgers = new HashSet<>();
    private MirrorConsumer consumer;
    private volatile MirrorPosition committed;
    private volatile Map<TopicPartition, Long> endOffsets = Map.of();

    MirrorSession(ChronicleExperienceStore store, List<String> topics, Properties clientConfig, Duration timeout,
                  int batchEntries, SkippedRecords skipped, Consumer<String> warnings) {
        this.store = store;
        this.topics = List.copyOf(topics);
        this.clientConfig = clientConfig;
        this.timeout = timeout;
        this.batchEntries = batchEntries;
        this.skipped = skipped;
        this.mark = new MirrorMark(store.directory(), this.topics);
        this.warnings = warnings;
        this.committed = lastPosition();
    }

    /** The position the central ledger's latest batch note holds; the start when there is none. */
    private MirrorPosition lastPosition() {
        return store.mirroring().lastNote().map(MirrorPosition::decode).orElseGet(MirrorPosition::new);
    }

    /** A record that is not a shipped entry stopped the mirror (no {@code --skip-invalid}). */
    static final class InvalidRecord extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidRecord(String message) {
            super(message);
        }
    }

    /** The position committed last (read from the ledger at connect, then advanced by each commit). */
    MirrorPosition committed() {
        return committed;
    }

    /** The end offsets the last pass read up to (read_committed: the last stable offsets). */
    Map<TopicPartition, Long> endOffsets() {
        return endOffsets;
    }

    /** The distinct ledgers whose entries this session appended. */
    int ledgers() {
        return ledgers.size();
    }

    /**
     * Mirrors every record up to the end offsets the topics have now; retries what can be retried for the
     * session's timeout.
     *
     * @return the entries appended by this call
     * @throws ClusterUnreachable       when the cluster stayed unreachable for the whole timeout
     * @throws InvalidRecord            at a record that is not a shipped entry, everything before it appended
     * @throws ExperienceStoreException for a failure no retry helps (refused, a topic that does not exist)
     */
    long mirrorAvailable(BooleanSupplier stop) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                connect();
                return pass(stop);
            } catch (ExperienceStoreException | InvalidRecord e) {
                disconnect();
                throw e;
            } catch (KafkaException e) {
                disconnect();
                mark.flush();
                final ShipFailure failure = MirrorFailures.classify(e, topics,
                        clientConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG), timeout.toMillis());
                if (!failure.retriable()) {
                    throw ExperienceStoreException.storageError(failure.message(), e);
                }
                if (stop.getAsBoolean() || System.nanoTime() - deadline > 0) {
                    throw new ClusterUnreachable(failure.message(), e);
                }
            } catch (MirrorBatch.Stopped e) {
                disconnect();
                mark.flush();
                return 0;
            }
            sleep();
        }
    }

    private void connect() {
        if (consumer != null) {
            return;
        }
        final MirrorPosition position = lastPosition();
        consumer = new MirrorConsumer(topics, clientConfig, timeout);
        consumer.assignAdded(position);
        committed = position;
    }

    private long pass(BooleanSupplier stop) {
        consumer.assignAdded(committed);
        final Map<TopicPartition, Long> targets = consumer.endOffsets();
        endOffsets = Map.copyOf(targets);
        long appended = 0;
        long quietSince = System.nanoTime();
        while (!stop.getAsBoolean()) {
            if (consumer.polled().isEmpty() && (consumer.reached(targets) || consumer.poll() == 0)) {
                if (consumer.reached(targets)) {
                    break;
                }
                if (System.nanoTime() - quietSince > timeout.toNanos()) {
                    // asks the cluster: fails when it cannot be reached, so that a pass never waits forever
                    consumer.endOffsets();
                    quietSince = System.nanoTime();
                }
                continue;
            }
            quietSince = System.nanoTime();
            final MirrorBatch batch = new MirrorBatch(consumer, sourceBatches, skipped, ledgers, committed,
                    batchEntries, stop, warnings);
            appended += store.mirroring().append(batch, batch::note);
            committed = batch.position();
            mark.committed(batch.position());
            if (batch.invalid() != null) {
                mark.flush();
                throw new InvalidRecord(batch.invalid());
            }
        }
        mark.flush();
        return appended;
    }

    @Override
    public void close() {
        disconnect();
    }

    private void disconnect() {
        sourceBatches.clear();
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
