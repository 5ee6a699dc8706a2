package io.experienceledger.journal;

import io.experienceledger.store.ExperienceStoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.RollCycle;

/**
 * Checks, with plain reads and before Chronicle maps anything, that every journal file still holds all the bytes
 * Chronicle wrote to it. Chronicle memory-maps its files: reading past the end of a truncated one faults
 * ({@code SIGBUS}, surfacing as an {@link InternalError}), and opening one for writing extends it with zeros, which
 * hides the loss. So a truncation has to be found first, from the file sizes.
 *
 * <p>A Chronicle file is a sequence of documents, each a 4-byte little-endian header (length in the low 30 bits,
 * bit 30 set on metadata, bit 31 while being written) and its bytes, every header 4-byte aligned. The first
 * document is the file's header; it records {@code writePosition}, the offset of the last document written. A file
 * is intact when it reaches the end of that document. This costs a few reads per file; only a truncated file is
 * walked, document by document, to name the first incomplete one.
 */
final class JournalFiles {
    private static final String SUFFIX = ".cq4";
    private static final int LENGTH_MASK = 0x3FFF_FFFF;
    private static final int META_BIT = 0x4000_0000;
    private static final int NOT_COMPLETE_BIT = 0x8000_0000;
    private static final int HEADER_SCAN_BYTES = 512;
    private static final int ZERO_CHECK_BLOCK = 64 << 10;
    /** Chronicle's header of a file (about 200 bytes) lies within this many bytes at the file's start. */
    private static final int HEADER_PAGE = 4096;
    private static final byte[] WRITE_POSITION = "writePosition".getBytes(StandardCharsets.US_ASCII);
    private static final byte I64_ARRAY = (byte) 0x8D;

    /**
     * A truncated journal file.
     *
     * @param file        the file's name, in the journal directory
     * @param offset      where the first incomplete document (entry or Chronicle header) starts, or the file's end
     * @param readLimit   the journal index of the first entry that is not intact: readers stop before it
     * @param nothingReadable true when not even the first file's header is intact: no entry can be read
     * @param problem     what is wrong, for a person
     */
    record Truncation(String file, long offset, long readLimit, boolean nothingReadable, String problem) {
    }

    private JournalFiles() {
    }

    /**
     * The newest journal file when Chronicle never finished writing its header, so that no entry can be in it: it
     * has no bytes or only zeros (created, or extended, and then nothing), or its first document, Chronicle's header
     * of the file, is still marked as being written and nothing is written after the first page (entries follow
     * Chronicle's index tables, 64 KiB in). It may also have been cut to nothing. Null otherwise (or when there is no
     * file).
     */
    static Path unwrittenNewest(Path dir) {
        final List<Path> files = files(dir);
        if (files.isEmpty()) {
            return null;
        }
        final Path newest = files.get(files.size() - 1);
        try (FileChannel channel = FileChannel.open(newest, StandardOpenOption.READ)) {
            final long size = channel.size();
            final int header = size < 4 ? 0 : readInt(channel, 0);
            if (header == 0) {
                return onlyZerosFrom(channel, 0) ? newest : null;
            }
            return (header & NOT_COMPLETE_BIT) != 0 && onlyZerosFrom(channel, HEADER_PAGE) ? newest : null;
        } catch (IOException e) {
            throw ExperienceStoreException.storageError("cannot read the journal file " + newest + ": " + e, e);
        }
    }

    /**
     * True when {@code unwritten} (from {@link #unwrittenNewest}) is a roll cut short rather than a file cut to
     * nothing: the side index holds no entry of its cycle or later ({@code indexedThrough}, the journal index of
     * the last entry the index holds, or -1). A process stopped between creating the next cycle's file and writing
     * Chronicle's header into it leaves such a file, and Chronicle ends the previous file before it creates the
     * next: the file never held an entry, so nothing is lost.
     */
    static boolean rollCutShort(Path unwritten, RollCycle rollCycle, long indexedThrough) {
        return rollCycle.toIndex(cycleOf(unwritten, rollCycle), 0) > indexedThrough;
    }

    /**
     * The first truncated file of the journal in {@code dir}, other than {@code unwritten} (a roll cut short,
     * {@link #rollCutShort}), or null when every file is whole (or none exists).
     */
    static Truncation check(Path dir, RollCycle rollCycle, Path unwritten) {
        final List<Path> files = files(dir);
        for (int i = 0; i < files.size(); i++) {
            final Path file = files.get(i);
            if (file.equals(unwritten)) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                final Truncation truncation = check(channel, file, cycleOf(file, rollCycle), rollCycle, i == 0);
                if (truncation != null) {
                    return truncation;
                }
            } catch (IOException e) {
                throw ExperienceStoreException.storageError("cannot read the journal file " + file + ": " + e, e);
            }
        }
        return null;
    }

    /** The journal files in {@code dir}, oldest first; none when there is no such directory. */
    private static List<Path> files(Path dir) {
        final List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> listed = Files.list(dir)) {
            listed.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().forEach(files::add);
        } catch (IOException e) {
            throw ExperienceStoreException.storageError("cannot list the journal files in " + dir + ": " + e, e);
        }
        return files;
    }

    /**
     * True when every byte of the file from {@code position} on is zero. Only a file that looks unwritten is read
     * to its end, and such a file is sparse and quick to read.
     */
    private static boolean onlyZerosFrom(FileChannel channel, long from) throws IOException {
        final ByteBuffer block = ByteBuffer.allocate(ZERO_CHECK_BLOCK);
        long position = from;
        while (true) {
            block.clear();
            final int read = channel.read(block, position);
            if (read < 0) {
                return true;
            }
            int i = 0;
            for (; i + Long.BYTES <= read; i += Long.BYTES) {
                if (block.getLong(i) != 0) {
                    return false;
                }
            }
            for (; i < read; i++) {
                if (block.get(i) != 0) {
                    return false;
                }
            }
            position += read;
        }
    }

    private static Truncation check(FileChannel channel, Path file, int cycle, RollCycle rollCycle, boolean first)
            throws IOException {
        final long size = channel.size();
        final long writePosition = writePosition(channel, size);
        if (writePosition >= 0 && writePosition + 4 <= size) {
            final int header = readInt(channel, writePosition);
            final long end = writePosition + 4 + (header & LENGTH_MASK);
            if (header != 0 && end <= size && headerDocumentsFit(channel, size)) {
                return null;
            }
        }
        return locate(channel, file, cycle, rollCycle, first, size, writePosition);
    }

    /** True when the metadata documents at the start of the file (header and index tables) fit in it. */
    private static boolean headerDocumentsFit(FileChannel channel, long size) throws IOException {
        long position = 0;
        while (position + 4 <= size) {
            final int header = readInt(channel, position);
            if (header == 0 || (header & META_BIT) == 0 || (header & NOT_COMPLETE_BIT) != 0) {
                return true;
            }
            final long end = position + 4 + (header & LENGTH_MASK);
            if (end > size) {
                return false;
            }
            position = align(end);
        }
        return position <= size;
    }

    /**
     * Walks the documents of a file that looks short, to name the first one that is not whole; null when the walk
     * ends cleanly past the last document written (or where that is unknown).
     */
    private static Truncation locate(FileChannel channel, Path file, int cycle, RollCycle rollCycle, boolean first,
                                     long size, long writePosition) throws IOException {
        final String name = file.getFileName().toString();
        long position = 0;
        long entries = 0;
        final String problem;
        while (true) {
            if (position + 4 > size) {
                problem = position == 0 ? "the file has " + (size == 0 ? "no bytes" : "only " + size + " bytes")
                        + ": Chronicle's header of the file is missing"
                        : "the file ends at offset " + size + ", before the end of the last document written (at offset "
                        + writePosition + "): entries were cut off";
                break;
            }
            final int header = readInt(channel, position);
            if (position == 0 && (header & NOT_COMPLETE_BIT) != 0) {
                // an unwritten newest file is not checked here (unwrittenNewest): this one has bytes further on
                problem = "Chronicle's header of the file was never completed, yet the file holds bytes after it";
                break;
            }
            if (header == 0 || (header & NOT_COMPLETE_BIT) != 0) {
                if (writePosition < position) {
                    return null;
                }
                problem = "the file ends at offset " + size + " but its last entry was written at offset "
                        + writePosition + ": entries were cut off";
                break;
            }
            final long end = position + 4 + (header & LENGTH_MASK);
            if (end > size) {
                final boolean meta = (header & META_BIT) != 0;
                problem = "the file ends at offset " + size + ", inside " + (meta
                        ? (entries == 0 ? "Chronicle's header of the file" : "one of Chronicle's index tables")
                        : "the entry") + " that starts at offset " + position + " (" + (end - position) + " bytes)";
                break;
            }
            if ((header & META_BIT) == 0) {
                entries++;
            }
            position = align(end);
        }
        final boolean nothingReadable = first && entries == 0 && !dataFollows(channel, position, size);
        return new Truncation(name, position, rollCycle.toIndex(cycle, entries), nothingReadable,
                "journal file " + name + " is truncated: " + problem + "; " + (entries == 0 ? "no entry of this file"
                        + " can be read" : "the " + entries + " entries before offset " + position + " of this file are"
                        + " intact"));
    }

    /** True when the document at {@code position} is an entry (not part of Chronicle's header). */
    private static boolean dataFollows(FileChannel channel, long position, long size) throws IOException {
        return position + 4 <= size && (readInt(channel, position) & META_BIT) == 0;
    }

    /** The offset of the last document written, from the file's header; -1 when it cannot be read. */
    private static long writePosition(FileChannel channel, long size) throws IOException {
        final ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HEADER_SCAN_BYTES));
        channel.read(head, 0);
        final byte[] bytes = head.array();
        final int field = indexOf(bytes, head.position(), WRITE_POSITION);
        if (field < 0) {
            return -1;
        }
        for (int i = field + WRITE_POSITION.length; i < head.position(); i++) {
            // after the field name: padding, then an array of longs: capacity, used, values
            if (bytes[i] == I64_ARRAY && i + 1 + 24 <= head.position()) {
                final ByteBuffer values = ByteBuffer.wrap(bytes, i + 1, 24).order(ByteOrder.LITTLE_ENDIAN);
                values.getLong();
                final long used = values.getLong();
                return used >= 1 ? values.getLong() : -1;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] bytes, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int readInt(FileChannel channel, long position) throws IOException {
        final ByteBuffer buffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return 0;
            }
        }
        return buffer.getInt(0);
    }

    private static long align(long position) {
        return (position + 3) & ~3L;
    }

    /** The roll cycle a file holds, from its name (Chronicle names files by the cycle's start, in UTC). */
    static int cycleOf(Path file, RollCycle rollCycle) {
        final String name = file.getFileName().toString();
        final SimpleDateFormat format = new SimpleDateFormat(rollCycle.format());
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        try {
            final long millis = format.parse(name.substring(0, name.length() - SUFFIX.length())).getTime();
            return (int) Math.floorDiv(millis - rollCycle.defaultEpoch(), rollCycle.lengthInMillis());
        } catch (ParseException e) {
            throw ExperienceStoreException.storageError("the journal file " + file + " is not named like a file of"
                    + " the journal's roll cycle, " + rollCycle + " (" + rollCycle.format() + "); a journal has one"
                    + " roll cycle: move files that do not belong to this ledger out of " + file.getParent(), e);
        }
    }
}
