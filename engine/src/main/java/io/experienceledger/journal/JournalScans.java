package io.experienceledger.journal;

import io.experienceledger.index.internal.SideIndex;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whole-journal passes that need no index: the visitor scan every export, tail and catch-up of a caller builds on,
 * and the counts of {@code stats}. Both read headers, check every checksum, and leave a damaged entry out.
 */
final class JournalScans {
    private final Journal journal;
    private final Path journalDir;
    private final SideIndex index;
    private final IndexCatchUp catchUp;
    private final DamageLog damage;

    JournalScans(Journal journal, Path journalDir, SideIndex index, IndexCatchUp catchUp, DamageLog damage) {
        this.journal = journal;
        this.journalDir = journalDir;
        this.index = index;
        this.catchUp = catchUp;
        this.damage = damage;
    }

    /** See {@link ChronicleExperienceStore#scanEntries}. */
    long scan(long afterIndex, EntryVisitor visitor) {
        return scan(afterIndex, (index, batch, record, origin) -> visitor.visit(index, batch, record), false);
    }

    /** See {@link Mirroring#scan}. */
    long scanWithOrigins(long afterIndex, OriginVisitor visitor) {
        return scan(afterIndex, visitor, true);
    }

    private long scan(long afterIndex, OriginVisitor visitor, boolean origins) {
        final EntryChecksum checksum = new EntryChecksum();
        try (EntryCursor cursor = new EntryCursor(journal)) {
            cursor.startAfter(afterIndex);
            long resume = afterIndex;
            while (cursor.next()) {
                final long position = cursor.index();
                resume = position;
                if (!checksum.matches(cursor.bytes(), cursor.header().start(), cursor.header().end())) {
                    damage.note(cursor.damageOfCurrent(JournalDamage.CHECKSUM_MISMATCH));
                    continue;
                }
                final EntryHeader header = cursor.header();
                final Origin origin = origins && header.hasOrigin() ? new Origin(Origin.ledgerId(
                        header.originIdHigh(), header.originIdLow()), header.originPosition()) : null;
                if (!visitor.visit(position, cursor.batchBegin(), EntryDecoder.record(header, checksum.payload(header)), origin)) {
                    return resume;
                }
            }
            damage.note(cursor.damage());
            return Math.max(resume, cursor.lastPassed());
        }
    }

    /** See {@link ChronicleExperienceStore#stats}. */
    LedgerStats stats() {
        final TreeMap<String, Map<String, Long>> counts = new TreeMap<>();
        final OriginTally origins = new OriginTally();
        long entries = 0;
        String firstDamage = null;
        final EntryChecksum checksum = new EntryChecksum();
        try (EntryCursor cursor = new EntryCursor(journal)) {
            cursor.startAfter(-1);
            while (cursor.next()) {
                final EntryHeader header = cursor.header();
                if (!checksum.matches(cursor.bytes(), header.start(), header.end())) {
                    if (firstDamage == null) {
                        firstDamage = cursor.damageOfCurrent(JournalDamage.CHECKSUM_MISMATCH);
                    }
                    continue;
                }
                final CharSequence tenant = header.tenant();
                final String kind = header.isEngine() ? header.engineKind().name() : header.userKind().name();
                counts.computeIfAbsent(tenant == null ? "" : tenant.toString(), t -> new TreeMap<>())
                        .merge(kind, 1L, Long::sum);
                origins.add(header);
                entries++;
            }
            if (firstDamage == null) {
                firstDamage = cursor.damage();
            }
        }
        final long[] indexSize = catchUp.current(() -> new long[] {index.bytesOnDisk(), index.entries()});
        damage.note(firstDamage);
        return new LedgerStats(entries, Collections.unmodifiableMap(counts), LedgerDirectory.sizeOf(journalDir),
                indexSize[0], indexSize[1], index.state().name(), firstDamage, origins.stats());
    }
}
