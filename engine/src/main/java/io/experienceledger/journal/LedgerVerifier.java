package io.experienceledger.journal;

import io.experienceledger.index.internal.Postings;
import io.experienceledger.index.internal.PostingsCursor;
import io.experienceledger.index.internal.SideIndex;
import java.io.File;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Re-reads a whole ledger and checks it: every entry's CRC32C and header, the hash chain over every entry's bytes
 * (SHA-256 of the previous link and the entry), and the side index against the journal. Reports the first
 * problem with where it is. (The ledger's digest is the head of its Merkle tree, {@link LedgerTree}.)
 *
 * <p>The chain: {@code link(0) = 32 zero bytes}, {@code link(i) = SHA-256(link(i-1) || bytes of entry i)} over all
 * entries in journal order, batch markers included.
 */
final class LedgerVerifier {
    private static final int LINK_BYTES = 32;

    private final Journal journal;
    private final MessageDigest sha;
    private final EntryChecksum checksum = new EntryChecksum();
    private final EntryHeader header = new EntryHeader();
    private final byte[] link = new byte[LINK_BYTES];

    LedgerVerifier(Journal journal) {
        this.journal = journal;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * Checks the journal: every entry's checksum and header, and the hash chain over them.
     */
    VerifyReport verifyJournal() {
        long entries = 0;
        final JournalFiles.Truncation truncation = journal.truncation();
        if (journal.nothingReadable()) {
            return truncated(0, truncation);
        }
        try (ExcerptTailer tailer = journal.tailer()) {
            final long first = journal.refreshFirstRetained();
            if (first < 0) {
                tailer.toStart();
            } else if (journal.moveToFirstDocumentFrom(tailer, journal.queue().rollCycle().toCycle(first)) < 0) {
                tailer.toEnd();
            }
            while (true) {
                if (truncation != null && tailer.index() >= truncation.readLimit()) {
                    return truncated(entries, truncation);
                }
                try (DocumentContext context = tailer.readingDocument()) {
                    if (!context.isPresent()) {
                        break;
                    }
                    final Bytes<?> bytes = context.wire().bytes();
                    final long start = bytes.readPosition();
                    final long end = bytes.readLimit();
                    final String problem = check(bytes, start, end);
                    if (problem != null) {
                        final File file = tailer.currentFile();
                        return new VerifyReport(entries, hex(), problem, context.index(),
                                file == null ? null : file.getName(), start);
                    }
                    chain((int) (end - start));
                    entries++;
                }
            }
        } catch (InternalError e) {
            return new VerifyReport(entries, hex(), JournalDamage.readFaulted(entries + " entries", e), -1, null, -1);
        }
        if (truncation != null) {
            return truncated(entries, truncation);
        }
        return new VerifyReport(entries, hex(), null, -1, null, -1);
    }

    private VerifyReport truncated(long entries, JournalFiles.Truncation truncation) {
        return new VerifyReport(entries, hex(), truncation.problem(), truncation.readLimit(), truncation.file(),
                truncation.offset());
    }

    private String check(Bytes<?> bytes, long start, long end) {
        header.wrap(bytes, start, end);
        if (header.problem() != null) {
            checksum.load(bytes, start, end);
            return header.problem();
        }
        if (!checksum.matches(bytes, start, end)) {
            return JournalDamage.CHECKSUM_MISMATCH;
        }
        return null;
    }

    private void chain(int length) {
        sha.update(link, 0, LINK_BYTES);
        sha.update(checksum.scratch(), 0, length);
        try {
            sha.digest(link, 0, LINK_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hex() {
        return HexFormat.of().formatHex(link);
    }

    /**
     * Checks that the side index holds exactly the visible entries of every (tenant, kind) and kind, in order.
     * Returns the first disagreement, or null. The index must be caught up and not changing.
     */
    String verifyIndex(SideIndex index) {
        final Map<String, PostingsCursor> byTenantKind = new HashMap<>();
        final Map<Integer, PostingsCursor> byKind = new HashMap<>();
        try (EntryCursor cursor = new EntryCursor(journal)) {
            cursor.startAfter(-1);
            while (cursor.next()) {
                final EntryHeader entry = cursor.header();
                final long position = cursor.index();
                if (position > index.checkpoint()) {
                    break;
                }
                final CharSequence tenant = entry.tenant();
                final String tenantText = tenant == null ? null : tenant.toString();
                final int kind = entry.kindCode();
                final PostingsCursor tenantKind = byTenantKind.computeIfAbsent(tenantText + "\u0000" + kind,
                        k -> index.postingsForTenantKind(tenantText, kind, new PostingsCursor()));
                final PostingsCursor ofKind = byKind.computeIfAbsent(kind,
                        k -> index.postingsForKind(kind, new PostingsCursor()));
                final long a = tenantKind.next();
                final long b = ofKind.next();
                if (a != position || b != position) {
                    return "the side index disagrees with the journal at entry " + Long.toHexString(position)
                            + " (tenant " + tenantText + ", kind code " + kind + "); delete DIR/index to rebuild it";
                }
                final long location = index.location(position);
                if (location != -1 && location != entry.start()) {
                    return "the side index locates entry " + Long.toHexString(position) + " at offset " + location
                            + " of its journal file, the journal holds it at " + entry.start()
                            + "; delete DIR/index to rebuild it";
                }
            }
        }
        for (Map.Entry<String, PostingsCursor> left : byTenantKind.entrySet()) {
            final long extra = left.getValue().next();
            if (extra != Postings.NO_POSITION && extra <= index.checkpoint()) {
                return "the side index lists entry " + Long.toHexString(extra) + " that the journal does not show;"
                        + " delete DIR/index to rebuild it";
            }
        }
        return null;
    }
}
