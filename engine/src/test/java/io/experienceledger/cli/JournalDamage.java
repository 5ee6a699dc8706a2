package io.experienceledger.cli;

import io.experienceledger.testing.TestFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Damages one entry of a ledger's journal on disk, found by its event id, as a failing disk or a stray edit would
 * (the approach of the journal's TamperEvidenceTest). An entry is a Chronicle document: a 4-byte little-endian
 * length header, then the entry (format major 1, minor 0, type, kind, CRC32C, flags, the event id as a
 * length-prefixed string, ...), so the id's position gives the entry's start and end.
 */
final class JournalDamage {
    private static final int TYPE_OFFSET = 2;
    private static final int ID_OFFSET = 10;

    private JournalDamage() {
    }

    /** Flips a bit of the last payload byte of the entry with {@code eventId}: its checksum no longer matches. */
    static void flipPayloadByte(Path store, String eventId) throws IOException {
        final Located entry = locate(store, eventId);
        flip(entry.file, entry.end - 1, 0x01);
    }

    /** Gives the entry with {@code eventId} an entry type no reader knows: its header is damaged. */
    static void breakHeader(Path store, String eventId) throws IOException {
        final Located entry = locate(store, eventId);
        flip(entry.file, entry.start + TYPE_OFFSET, 0x70);
    }

    private record Located(Path file, long start, long end) {
    }

    private static Located locate(Path store, String eventId) throws IOException {
        final byte[] id = eventId.getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.list(store.resolve("journal"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".cq4")).sorted().toList()) {
                final byte[] bytes = Files.readAllBytes(file);
                for (int at = TestFiles.indexOf(bytes, id, ID_OFFSET + 4); at >= 0;
                     at = TestFiles.indexOf(bytes, id, at + 1)) {
                    final int start = at - ID_OFFSET;
                    if (bytes[start] == 1 && bytes[start + 1] == 0 && (bytes[start + 2] == 1 || bytes[start + 2] == 2)
                            && bytes[at - 1] == id.length) {
                        final int header = (bytes[start - 4] & 0xFF) | (bytes[start - 3] & 0xFF) << 8
                                | (bytes[start - 2] & 0xFF) << 16 | (bytes[start - 1] & 0xFF) << 24;
                        return new Located(file, start, start + (header & 0x3FFFFFFF));
                    }
                }
            }
        }
        throw new AssertionError("no entry with event id " + eventId + " in the journal of " + store);
    }

    private static void flip(Path file, long offset, int bits) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            final int old = raf.read();
            raf.seek(offset);
            raf.write(old ^ bits);
        }
    }
}
