package io.experienceledger.journal;

import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A ledger as the central copy of other ledgers ({@link ChronicleExperienceStore#mirroring()}): appends envelopes
 * copied from them, each with its {@link Origin}, atomically with a note of how far the copier has read its
 * sources, so that it resumes exactly where its last committed batch ended; and answers queries limited to one
 * origin. The envelopes are stored as they are: {@code export} and queries return them unchanged, and
 * {@link LedgerStats#origins()} counts them by origin.
 */
public final class Mirroring {
    private final StoreLifecycle lifecycle;
    private final BatchAppender appender;
    private final Journal journal;
    private final QueryExecutor queries;
    private final JournalScans scans;

    Mirroring(StoreLifecycle lifecycle, BatchAppender appender, Journal journal, QueryExecutor queries,
              JournalScans scans) {
        this.lifecycle = lifecycle;
        this.appender = appender;
        this.journal = journal;
        this.queries = queries;
        this.scans = scans;
    }

    /**
     * Appends the entries, in the iterator's order, as one atomic batch without holding them in memory (as
     * {@link ChronicleExperienceStore#appendBatch} does), then commits it carrying {@code note}, which is asked
     * for once the iterator is exhausted. The entries and the note become visible together or, when anything
     * fails (a null entry, the iterator or {@code note} throwing, a crash), not at all; an invalid envelope never
     * gets this far, as a {@link MirroredEntry} refuses it. An empty iterator
     * commits an empty batch with the note.
     *
     * @param note the bytes to keep with the batch (at most the store's maximum entry size); see {@link #lastNote()}
     * @return the number of entries appended
     */
    public long append(Iterator<MirroredEntry> entries, Supplier<byte[]> note) {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(note, "note");
        return appender.appendMirrored(entries, note);
    }

    /**
     * The note of the latest committed batch that carries one, found by reading backwards from the end of the
     * journal; empty when there is none.
     *
     * @throws io.experienceledger.store.ExperienceStoreException a storage error when a damaged entry stands
     *                                                            between the end and that note
     */
    public Optional<byte[]> lastNote() {
        lifecycle.checkOpen();
        return Optional.ofNullable(BatchNotes.latest(journal));
    }

    /**
     * {@link ChronicleExperienceStore#scanEntries}, also telling where each entry came from (null for an entry
     * appended to this ledger directly).
     *
     * @return the journal index to pass as {@code afterIndex} to continue after what was visited
     */
    public long scan(long afterIndex, OriginVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        lifecycle.checkOpen();
        return scans.scanWithOrigins(afterIndex, visitor);
    }

    /** {@link ChronicleExperienceStore#queryEvents}, of the entries copied from the ledger {@code originLedgerId}. */
    public List<ExperienceEventEnvelope> queryEvents(EventQuery query, String originLedgerId) {
        return queries.events(Objects.requireNonNull(query, "query"), origin(originLedgerId));
    }

    /** {@link ChronicleExperienceStore#queryRecords}, of the entries copied from the ledger {@code originLedgerId}. */
    public List<ExperienceRecord> queryRecords(EventQuery query, String originLedgerId) {
        return queries.records(Objects.requireNonNull(query, "query"), origin(originLedgerId));
    }

    private static byte[] origin(String ledgerId) {
        return Origin.idBytes(Origin.requireLedgerId(ledgerId));
    }
}
