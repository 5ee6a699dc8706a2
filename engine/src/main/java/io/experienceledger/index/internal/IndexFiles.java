package io.experienceledger.index.internal;

import io.experienceledger.files.FileModes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.zip.CRC32C;

/** File operations of the index directory: atomic publication, directory sync, removal of stale files. */
final class IndexFiles {
    private IndexFiles() {
    }

    /**
     * Publishes {@code bytes} as {@code dir/name}: written to a temp file, forced (when {@code sync}), renamed
     * over the old file, then the directory is synced (when {@code sync}). A reader sees the old file or the new
     * one, never a part.
     */
    static void writeAtomically(Path dir, String name, ByteBuffer bytes, boolean sync) throws IOException {
        final Path temp = dir.resolve(name + ManifestDescriptor.TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            FileModes.matchDirectory(temp);
            writeFully(channel, bytes, 0);
            if (sync) {
                channel.force(true);
            }
        }
        Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (sync) {
            syncDirectory(dir);
        }
    }

    /**
     * The CRC32C of a whole file held in {@code file} (position 0 to its limit) skipping the four bytes of its
     * checksum field at {@code checksumOffset}, which ends the header of {@code headerLength} bytes. Leaves
     * the buffer's position and limit as they were.
     */
    static int checksum(ByteBuffer file, int checksumOffset, int headerLength) {
        final CRC32C crc = new CRC32C();
        final ByteBuffer view = file.duplicate();
        view.position(0).limit(checksumOffset);
        crc.update(view);
        view.limit(file.limit()).position(headerLength);
        crc.update(view);
        return (int) crc.getValue();
    }

    /** Writes all of {@code bytes} (position to limit) at {@code position} of the channel. */
    static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    /** Reads {@code buffer.remaining()} bytes at {@code position}; false if the file ends first. */
    static boolean readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            final int read = channel.read(buffer, at);
            if (read < 0) {
                return false;
            }
            at += read;
        }
        return true;
    }

    /** Makes the directory's entries (renames, deletions) durable; a no-op where directories cannot be synced. */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Directories cannot be opened for sync on every platform; the rename is still atomic.
        }
    }

    /**
     * Deletes the segment files and temp files of {@code dir} that are not in {@code keep}. The lock file, the
     * manifest and files the index does not recognise are left alone.
     */
    static void deleteStale(Path dir, Set<String> keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                final String name = file.getFileName().toString();
                if (!keep.contains(name) && isIndexFile(name)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static boolean isIndexFile(String name) {
        return name.startsWith(SegmentDescriptor.FILE_PREFIX) || name.endsWith(ManifestDescriptor.TEMP_SUFFIX);
    }
}
