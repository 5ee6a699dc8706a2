package io.experienceledger.kafka;

import io.experienceledger.journal.ChronicleExperienceStore;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads the unshipped entries and encodes them ({@link EntryEncoder}) on a thread of its own, ahead of the thread
 * that sends them, so that reading, decoding and writing JSON, about half of a shipper's work an entry, overlap
 * with the producer's sends. Entries are handed over in chunks of at most {@value #CHUNK_ENTRIES} entries or
 * {@value #CHUNK_BYTES} bytes of values, at most {@value #CHUNKS_AHEAD} chunks ahead of the sender: memory stays
 * bounded however much is unshipped. One reading at a time; the thread is made for the first and ends on
 * {@link #close}.
 */
final class ReadAhead implements AutoCloseable {
    static final int CHUNK_ENTRIES = 512;
    static final int CHUNK_BYTES = 1 << 20;
    static final int CHUNKS_AHEAD = 4;

    private final ChronicleExperienceStore store;
    private final String threadName;
    private final EntryEncoder encoder = new EntryEncoder();
    private ExecutorService thread;

    ReadAhead(ChronicleExperienceStore store, String threadName) {
        this.store = store;
        this.threadName = threadName;
    }

    /**
     * Starts reading the entries visible now after journal index {@code afterIndex}. The caller takes the chunks
     * with {@link Reading#next} and closes the reading before it starts another.
     */
    Reading from(long afterIndex) {
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(task -> {
                final Thread reader = new Thread(task, threadName);
                reader.setDaemon(true);
                return reader;
            });
        }
        final Reading reading = new Reading();
        thread.execute(() -> reading.run(afterIndex));
        return reading;
    }

    /** Ends the reading thread (no reading may be open). */
    @Override
    public void close() {
        if (thread != null) {
            thread.shutdown();
            thread = null;
        }
    }

    /** Encoded entries in append order; the last chunk of a reading says so, and carries its failure if it had one. */
    static final class Chunk {
        private final EncodedEntry[] entries = new EncodedEntry[CHUNK_ENTRIES];
        private int size;
        private long bytes;
        private boolean last;
        private Throwable failure;

        /** How many entries it holds. */
        int size() {
            return size;
        }

        /** Entry {@code i}, in append order. */
        EncodedEntry get(int i) {
            return entries[i];
        }

        /** Whether the reading ends with this chunk: nothing more was visible. */
        boolean last() {
            return last;
        }

        private boolean full() {
            return size == CHUNK_ENTRIES || bytes >= CHUNK_BYTES;
        }

        private void add(EncodedEntry entry) {
            entries[size++] = entry;
            bytes += entry.value().length;
        }
    }

    /** One pass over the ledger, read on the reading thread and taken chunk by chunk by the sending thread. */
    final class Reading implements AutoCloseable {
        private final BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
        private volatile boolean stopping;
        /** Reading thread only: the chunk being filled. */
        private Chunk filling = new Chunk();
        /** Sending thread only: whether the last chunk was taken. */
        private boolean ended;

        /** On the reading thread: reads, encodes and hands over, then hands over the last chunk, also on failure. */
        private void run(long afterIndex) {
            try {
                store.scanEntries(afterIndex, (index, batch, record) -> {
                    if (stopping) {
                        return false;
                    }
                    filling.add(encoder.encode(index, batch, record));
                    if (filling.full()) {
                        // the next chunk first: a chunk is handed over once, even if making the next one fails
                        final Chunk full = filling;
                        filling = new Chunk();
                        handOver(full);
                    }
                    return true;
                });
            } catch (RuntimeException | Error e) {
                filling.failure = e;
            }
            filling.last = true;
            handOver(filling);
        }

        private void handOver(Chunk chunk) {
            boolean interrupted = false;
            while (true) {
                try {
                    ready.put(chunk);
                    break;
                } catch (InterruptedException e) {
                    // the sender waits for every chunk up to the last: it is handed over all the same
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * The next chunk, when it is ready; after the last one, nothing more may be taken.
         *
         * @throws RuntimeException the failure of the read (a storage error, a damaged entry), as it was thrown
         */
        Chunk next() throws InterruptedException {
            final Chunk chunk = ready.take();
            if (chunk.last) {
                ended = true;
                if (chunk.failure instanceof RuntimeException e) {
                    throw e;
                }
                if (chunk.failure instanceof Error e) {
                    throw e;
                }
            }
            return chunk;
        }

        /** Stops the reading if it has not ended and waits until its thread has let go of the ledger. */
        @Override
        public void close() {
            if (ended) {
                return;
            }
            stopping = true;
            boolean interrupted = false;
            while (!ended) {
                try {
                    ended = ready.take().last;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
