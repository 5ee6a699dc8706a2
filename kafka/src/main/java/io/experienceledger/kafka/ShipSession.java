package io.experienceledger.kafka;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.store.ExperienceStoreException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One shipper's connection to the cluster and its passes over the ledger. Connecting creates the topics when
 * missing, starts a transactional producer ({@code initTransactions} fences an older shipper with the same id and
 * ends its open transaction) and reads the last committed {@link ShipCheckpoint}. A pass ships every entry after
 * it: transactions end only between atomic batches of the ledger, each carrying the checkpoint of what it covers.
 * After any failure the connection is dropped and the next attempt starts from the checkpoint Kafka holds, the one
 * truth about what was committed. Past the first {@value #INLINE_ENTRIES} entries of a pass, entries are read and
 * encoded on a thread of their own ({@link ReadAhead}); the producer is used on the caller's. Not thread-safe:
 * {@link LedgerShipper} runs one pass at a time.
 */
final class ShipSession implements AutoCloseable {
    static final String DEFAULT_CHECKPOINT_TOPIC = "experience-ledger.checkpoints";
    /**
     * Entries a transaction holds before it ends at the next batch boundary: at full speed about a tenth of a
     * second, as Kafka Streams commits exactly-once work. A commit waits for every record of its transaction to be
     * acknowledged and then for the transaction markers: 10,000 made those waits a fifth of shipping time.
     */
    static final int DEFAULT_TRANSACTION_ENTRIES = 50_000;
    /** Longer than any batch takes to ship, shorter than the broker's default maximum (15 min). */
    private static final String TRANSACTION_TIMEOUT_MS = "300000";
    /**
     * Batches are compressed unless the client configuration says otherwise: converge JSON shrinks several times,
     * and a broker validates a compressed batch without parsing each record's headers (docs/scale-out.md).
     */
    static final String DEFAULT_COMPRESSION = "lz4";
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(500);
    /** Entries a pass reads and encodes on its own thread before it hands the rest to the reading thread. */
    static final int INLINE_ENTRIES = 2 * ReadAhead.CHUNK_ENTRIES;

    private final ChronicleExperienceStore store;
    private final String topic;
    private final String transactionalId;
    private final Properties clientConfig;
    private final Optional<Integer> partitions;
    private final Optional<Short> replicationFactor;
    private final int transactionEntries;
    private final Duration timeout;
    private final ShipRecords records;
    private final ReadAhead readAhead;
    private final EntryEncoder inlineEncoder = new EntryEncoder();
    private final CheckpointTopic checkpoints;
    private final ShipMark mark;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean topicsReady;
    private volatile ShipCheckpoint committed = ShipCheckpoint.START;

    ShipSession(ChronicleExperienceStore store, String topic, String checkpointTopic, String transactionalId,
                Properties clientConfig, Optional<Integer> partitions, Optional<Short> replicationFactor,
                int transactionEntries, Duration timeout) {
        this.store = store;
        this.topic = topic;
        this.transactionalId = transactionalId;
        this.clientConfig = clientConfig;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.transactionEntries = transactionEntries;
        this.timeout = timeout;
        this.records = new ShipRecords(topic, store.ledgerId());
        this.readAhead = new ReadAhead(store, "experience-ledger-ship-read-" + topic);
        this.checkpoints = new CheckpointTopic(checkpointTopic, store.ledgerId(), topic);
        this.mark = new ShipMark(store.directory(), topic);
    }

    String topic() {
        return topic;
    }

    /** The last checkpoint known to be committed (read from Kafka at connect, then advanced by each commit). */
    ShipCheckpoint committed() {
        return committed;
    }

    /**
     * Ships everything committed in the ledger and not yet shipped; retries what can be retried for the
     * session's timeout.
     *
     * @return the entries committed to Kafka by this call
     * @throws ClusterUnreachable       when the cluster stayed unreachable for the whole timeout
     * @throws ExperienceStoreException a storage error for a failure no retry helps (fenced, not authorised, a
     *                                  record too large, a bad setting)
     */
    long shipAvailable(BooleanSupplier stop) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                connect();
                return pass(stop);
            } catch (ExperienceStoreException e) {
                disconnect();
                throw e;
            } catch (KafkaException | ExecutionException | java.util.concurrent.TimeoutException e) {
                disconnect();
                final ShipFailure failure = ShipFailure.classify(e, transactionalId, topic, checkpoints.name(),
                        clientConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG), timeout.toMillis());
                if (!failure.retriable()) {
                    throw ExperienceStoreException.storageError(failure.message(), e);
                }
                if (stop.getAsBoolean() || System.nanoTime() - deadline > 0) {
                    throw new ClusterUnreachable(failure.message(), e);
                }
            } catch (InterruptedException e) {
                disconnect();
                Thread.currentThread().interrupt();
                return 0;
            }
            sleep();
        }
    }

    private void connect() throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        if (producer != null) {
            return;
        }
        if (!topicsReady) {
            ShipTopics.ensure(clientConfig, topic, checkpoints.name(), partitions, replicationFactor, timeout);
            topicsReady = true;
        }
        producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        committed = checkpoints.lastCommitted(clientConfig, timeout);
    }

    private Properties producerConfig() {
        final Properties config = new Properties();
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 << 10));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, DEFAULT_COMPRESSION);
        config.putAll(clientConfig);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    /**
     * Ships what is visible: the first {@value #INLINE_ENTRIES} entries read and encoded on this thread, any more on
     * the reading thread, ahead of the sends. Handing entries to another thread pays for itself over a backlog; a
     * follower's usual pass, a few hundred new entries, would only wake two threads instead of one.
     */
    private long pass(BooleanSupplier stop) throws InterruptedException {
        final Pass pass = new Pass(committed, stop);
        final long[] inline = {0};
        store.scanEntries(committed.journalIndex(), (index, batch, record) ->
                ++inline[0] <= INLINE_ENTRIES && pass.visit(inlineEncoder.encode(index, batch, record)));
        if (inline[0] > INLINE_ENTRIES && !pass.stopped) {
            try (ReadAhead.Reading reading = readAhead.from(pass.lastIndex)) {
                ReadAhead.Chunk chunk;
                do {
                    chunk = reading.next();
                } while (pass.visit(chunk) && !chunk.last());
            }
        }
        pass.end();
        return pass.shipped;
    }

    /**
     * One walk over the unshipped entries, sending them in transactions that end between batches. Each entry is
     * sent when the next one (or the end of the walk) shows whether it ends its batch, so that the last entry of a
     * batch can say how many entries the batch has.
     */
    private final class Pass {
        private final BooleanSupplier stop;
        private final SendFailures failures = new SendFailures();
        private long position;
        private long lastIndex;
        private long lastBatch = -1;
        private long batchStart = -1;
        /** The entry read but not yet sent, or null. */
        private EncodedEntry pending;
        private boolean open;
        private long inTransaction;
        private boolean stopped;
        private long shipped;

        Pass(ShipCheckpoint from, BooleanSupplier stop) {
            this.stop = stop;
            this.position = from.position();
            this.lastIndex = from.journalIndex();
        }

        /** Goes through the entries of {@code chunk}; false when the pass stops early. */
        boolean visit(ReadAhead.Chunk chunk) {
            for (int i = 0; i < chunk.size(); i++) {
                if (!visit(chunk.get(i))) {
                    return false;
                }
            }
            return true;
        }

        boolean visit(EncodedEntry entry) {
            if (stop.getAsBoolean()) {
                stopped = true;
                return false;
            }
            failures.rethrow();
            final long batch = entry.batch();
            final boolean newUnit = batch < 0 || batch != lastBatch;
            if (pending != null) {
                sendPending(newUnit);
            }
            if (open && newUnit && inTransaction >= transactionEntries) {
                commit();
            }
            if (!open) {
                producer.beginTransaction();
                open = true;
            }
            if (batch >= 0 && batch != lastBatch) {
                batchStart = position;
            }
            pending = entry;
            position++;
            lastIndex = entry.journalIndex();
            lastBatch = batch;
            inTransaction++;
            return true;
        }

        /** Sends the entry held back; {@code unitEnds}: the next entry is not of its batch (or there is none). */
        private void sendPending(boolean unitEnds) {
            final long at = position - 1;
            final long start = lastBatch >= 0 ? batchStart : -1;
            final long batchSize = start >= 0 && unitEnds ? at - start + 1 : -1;
            producer.send(records.record(pending, at, start, batchSize), failures.callback(at, pending.eventId()));
            pending = null;
        }

        /** Commits what is open (everything visible was read: no batch is cut), or aborts it when stopped. */
        void end() {
            if (!open) {
                return;
            }
            if (stopped) {
                producer.abortTransaction();
                open = false;
                return;
            }
            if (pending != null) {
                sendPending(true);
            }
            commit();
        }

        private void commit() {
            final ShipCheckpoint checkpoint = new ShipCheckpoint(lastIndex, position);
            producer.send(checkpoints.record(checkpoint), failures.callback(-1, null));
            try {
                producer.commitTransaction();
            } catch (KafkaException e) {
                failures.rethrow();
                throw e;
            }
            failures.rethrow();
            committed = checkpoint;
            shipped += inTransaction;
            inTransaction = 0;
            open = false;
            try {
                mark.write(checkpoint);
            } catch (java.io.UncheckedIOException e) {
                throw ExperienceStoreException.storageError(e.getMessage() + " (the entries up to position "
                        + (position - 1) + " are committed to " + topic + ")", e);
            }
        }
    }

    @Override
    public void close() {
        disconnect();
        readAhead.close();
    }

    private void disconnect() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException ignored) {
                // closing a producer in an error state: nothing more to do
            }
            producer = null;
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
