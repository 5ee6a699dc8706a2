package io.experienceledger.journal;

import io.experienceledger.store.ExperienceStoreException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Finds the note of the latest committed batch that carries one ({@link Mirroring#lastNote()}): reads the journal
 * backwards from its end, so it costs as many entries as were appended after that batch.
 */
final class BatchNotes {
    private BatchNotes() {
    }

    /**
     * The latest note, or null when no committed batch carries one.
     *
     * @throws ExperienceStoreException a storage error when an entry on the way is damaged: a note behind it could
     *                                  be missed
     */
    static byte[] latest(Journal journal) {
        final long last = Math.min(journal.lastIndex(), journal.readLimit() - 1);
        if (last < 0 || journal.nothingReadable()) {
            return null;
        }
        final EntryHeader header = new EntryHeader();
        final EntryChecksum checksum = new EntryChecksum();
        try (ExcerptTailer tailer = journal.tailer()) {
            if (!tailer.moveToIndex(last)) {
                return null;
            }
            tailer.direction(TailerDirection.BACKWARD);
            while (true) {
                try (DocumentContext context = tailer.readingDocument()) {
                    if (!context.isPresent()) {
                        return null;
                    }
                    final Bytes<?> bytes = context.wire().bytes();
                    header.wrapDocument(bytes);
                    if (header.problem() != null) {
                        throw damaged(context.index(), header.problem());
                    }
                    if (header.type() != EntryLayout.TYPE_BATCH_COMMIT) {
                        continue;
                    }
                    if (!checksum.matches(bytes, header.start(), header.end())) {
                        throw damaged(context.index(), JournalDamage.CHECKSUM_MISMATCH);
                    }
                    final byte[] note = header.markerNote();
                    if (note != null) {
                        return note;
                    }
                }
            }
        }
    }

    private static ExperienceStoreException damaged(long index, String problem) {
        return ExperienceStoreException.storageError("the journal entry at index " + Long.toHexString(index)
                + " is damaged (" + problem + "), so the latest batch note cannot be found; run verify");
    }
}
