package io.experienceledger.journal;

import io.experienceledger.index.internal.SideIndex;
import java.io.File;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads the entry at a journal position a query's plan named: at the location the side index recorded for it
 * ({@link LocatedReads}), or, without one or when the location does not hold the entry, through a tailer moved
 * there. Wraps {@link #header()} over it. One per query; not thread-safe; close it when done.
 */
final class PositionedReader implements AutoCloseable {
    private final Journal journal;
    private final SideIndex.Locator locations;
    private final DamageLog damage;
    private final LocatedReads located;
    /** Entries between two of Chronicle's index entries in this journal's roll cycle (a power of two). */
    private final long indexSpacing;
    private final EntryHeader header = new EntryHeader();
    private ExcerptTailer tailer;
    private DocumentContext context;
    private boolean readAtLocation;
    private long entriesRead;

    PositionedReader(Journal journal, SideIndex index, long indexSpacing, DamageLog damage) {
        this.journal = journal;
        this.locations = index.locator();
        this.damage = damage;
        this.indexSpacing = indexSpacing;
        this.located = new LocatedReads(journal);
    }

    /**
     * The bytes of the entry at {@code position}, with {@link #header()} wrapped over it; null when it cannot be read
     * (damage is noted). {@link #release()} after use.
     */
    Bytes<?> open(long position) {
        if (position < journal.firstRetained()) {
            // an index older than the last prune may still name it: it is gone, not damaged
            return null;
        }
        if (position >= journal.readLimit()) {
            // at or after a truncation of the journal (the index may predate it): never read
            damage.note(journal.truncation().problem());
            return null;
        }
        entriesRead++;
        final long location = locations.location(position);
        readAtLocation = location >= 0 && located.read(position, location, header);
        if (readAtLocation) {
            return located.bytes();
        }
        if (tailer == null) {
            tailer = journal.tailer();
        }
        if (!seek(position)) {
            return null;
        }
        context = tailer.readingDocument();
        if (!context.isPresent()) {
            return null;
        }
        final Bytes<?> bytes = context.wire().bytes();
        header.wrapDocument(bytes);
        if (header.problem() != null) {
            damage.note(damageOfOpened(position, header.problem()));
            return null;
        }
        return bytes;
    }

    /** Entries whose header this reader has read. */
    long entriesRead() {
        return entriesRead;
    }

    /** The header of the entry last opened. */
    EntryHeader header() {
        return header;
    }

    /** Damage of the entry last opened, at {@code position}, worded with its file and offset. */
    String damageOfOpened(long position, String problem) {
        final File file = readAtLocation ? located.file() : tailer == null ? null : tailer.currentFile();
        return JournalDamage.leftOut(JournalDamage.entry(position, file, header.start(), problem));
    }

    /** Closes the document {@link #open} opened, if it opened one. */
    void release() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    @Override
    public void close() {
        release();
        located.close();
        if (tailer != null) {
            tailer.close();
        }
    }

    /**
     * Positions the tailer on {@code position}. Candidates come in ascending order and are often close together: a
     * short hop forward in the same roll cycle reads past the entries in between (tens of ns each) instead of
     * seeking through Chronicle's index. A seek walks forward too, from the index entry at or before the position
     * (one every {@code indexSpacing} entries), so the hop is taken only when it is the shorter walk; with a densely
     * indexed journal, seeking is.
     */
    private boolean seek(long position) {
        final long gap = position - tailer.index();
        if (gap >= 0 && gap <= (position & (indexSpacing - 1))) {
            for (long i = 0; i < gap; i++) {
                try (DocumentContext skipped = tailer.readingDocument()) {
                    if (!skipped.isPresent()) {
                        return tailer.moveToIndex(position);
                    }
                }
            }
            if (tailer.index() == position) {
                return true;
            }
        }
        return tailer.moveToIndex(position);
    }
}
