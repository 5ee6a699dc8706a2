package io.experienceledger.index.internal;

import io.experienceledger.files.FileModes;
import static io.experienceledger.index.internal.SegmentDescriptor.BLOB_LENGTH_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.CHECKSUM_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.ENTRY_COUNT_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.FIRST_POSITION_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.HEADER_LENGTH;
import static io.experienceledger.index.internal.SegmentDescriptor.KEY_COUNT_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.LAST_POSITION_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.MAGIC_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.MAJOR_VERSION_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.MINOR_VERSION_OFFSET;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Streams one segment file (see {@link SegmentDescriptor}) from keys given in directory order: declare a key
 * with {@link #beginKey}, give exactly its postings ascending with {@link #posting}, then the located entries
 * ascending with {@link #location}, and {@link #finish()} publishes the file. The directory and the blob are written through two small staging buffers at their own
 * file offsets, so a segment of any size needs constant heap. Until {@link #finish()} the data sits in a temp
 * file that {@link #close()} removes. The rename is not followed by a directory sync: the manifest that lists
 * the segment is published after one sync of the directory covering all new segments.
 */
final class SegmentWriter implements AutoCloseable {
    private final Path dir;
    private final Path temp;
    private final boolean sync;
    private final FileChannel channel;
    private final long firstPosition;
    private final long lastPosition;
    private final long entryCount;
    private final int keyCount;
    private final long blobStart;
    private final long locatedCount;
    private final ByteBuffer directory;
    private final ByteBuffer blob;
    private long directoryWritten;
    private long blobWritten;
    private int keysBegun;
    private long previousHash;
    private int postingsLeft;
    private long previousPosition;
    private boolean firstOfKey;
    private boolean finished;
    private long locationsStart = -1;
    private long locationDataStart;
    private long locationDataWritten;
    private long locationBlocksWritten;
    private long located;
    private long previousLocatedPosition;
    private long previousLocation;

    /**
     * Starts the temp file of the segment covering {@code firstPosition..lastPosition} with {@code keyCount}
     * keys and {@code locatedCount} entries whose location follows, staged in {@code staging}'s buffers;
     * {@code sync} forces the file before it is renamed into place.
     */
    SegmentWriter(SegmentStaging staging, Path dir, long firstPosition, long lastPosition, long entryCount,
                  int keyCount, long locatedCount, boolean sync) throws IOException {
        if (firstPosition < 0 || lastPosition < firstPosition || entryCount < 1 || keyCount < 1
            || locatedCount < 0 || locatedCount > entryCount || locatedCount > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("invalid segment " + firstPosition + ".." + lastPosition
                + " entries " + entryCount + " keys " + keyCount + " located " + locatedCount);
        }
        this.directory = staging.directory();
        this.blob = staging.blob();
        this.locatedCount = locatedCount;
        this.dir = dir;
        this.sync = sync;
        this.temp = dir.resolve(SegmentDescriptor.fileName(firstPosition, lastPosition)
            + ManifestDescriptor.TEMP_SUFFIX);
        this.firstPosition = firstPosition;
        this.lastPosition = lastPosition;
        this.entryCount = entryCount;
        this.keyCount = keyCount;
        this.blobStart = SegmentDescriptor.blobOffset(keyCount);
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
        FileModes.matchDirectory(temp);
    }

    /** Begins the next key; hashes must ascend as unsigned numbers and every key needs at least one posting. */
    void beginKey(long hash, int postingsCount) throws IOException {
        if (postingsLeft != 0 || keysBegun == keyCount || postingsCount < 1 || locationsStart >= 0
            || (keysBegun > 0 && Long.compareUnsigned(hash, previousHash) <= 0)) {
            throw new IllegalStateException("key " + Long.toHexString(hash) + " out of order or miscounted");
        }
        final long blobOffset = blobWritten + blob.position();
        if (blobStart + blobOffset > SegmentDescriptor.MAX_FILE_LENGTH) {
            throw new IOException("segment " + temp.getFileName() + " would exceed "
                + SegmentDescriptor.MAX_FILE_LENGTH + " bytes");
        }
        if (!directory.hasRemaining()) {
            drainDirectory();
        }
        directory.putLong(hash).putInt((int) blobOffset).putInt(postingsCount);
        keysBegun++;
        previousHash = hash;
        postingsLeft = postingsCount;
        previousPosition = firstPosition;
        firstOfKey = true;
    }

    /** Adds the next posting of the current key: ascending, and within the segment's range. */
    void posting(long position) throws IOException {
        final long floor = firstOfKey ? firstPosition : previousPosition + 1;
        if (postingsLeft == 0 || position < floor || position > lastPosition) {
            throw new IllegalStateException("posting " + position + " out of order or out of range");
        }
        if (blob.remaining() < Varint.MAX_LENGTH) {
            drainBlob();
        }
        Varint.put(blob, position - previousPosition);
        previousPosition = position;
        firstOfKey = false;
        postingsLeft--;
    }

    /**
     * Adds where the journal holds the entry at {@code position} ({@code location}: -1 when unknown), after every
     * key's postings: positions ascending, within the segment's range, {@code locatedCount} of them in all.
     */
    void location(long position, long location) throws IOException {
        if (locationsStart < 0) {
            if (keysBegun != keyCount || postingsLeft != 0) {
                throw new IllegalStateException("locations before every key's postings");
            }
            drainDirectory();
            drainBlob();
            locationsStart = blobStart + blobWritten;
            locationDataStart = locationsStart + SegmentDescriptor.locationBlocks(locatedCount)
                * SegmentDescriptor.LOCATION_BLOCK_LENGTH;
        }
        if (located == locatedCount || position < firstPosition || position > lastPosition
            || (located > 0 && position <= previousLocatedPosition)) {
            throw new IllegalStateException("location of " + position + " out of order, range or count");
        }
        if (located % SegmentDescriptor.LOCATION_BLOCK_ENTRIES == 0) {
            if (directory.remaining() < SegmentDescriptor.LOCATION_BLOCK_LENGTH) {
                drainLocationBlocks();
            }
            directory.putLong(position).putLong(location).putInt((int) (locationDataWritten + blob.position()))
                .putInt((int) Math.min(SegmentDescriptor.LOCATION_BLOCK_ENTRIES, locatedCount - located));
        } else {
            if (blob.remaining() < 2 * Varint.MAX_LENGTH) {
                drainLocationData();
            }
            Varint.put(blob, position - previousLocatedPosition);
            Varint.put(blob, Varint.zigzag(location - previousLocation));
        }
        previousLocatedPosition = position;
        previousLocation = location;
        located++;
    }

    /**
     * Writes the header and checksum, forces the file and renames it into place.
     *
     * @return what the manifest records of the new segment
     */
    SegmentInfo finish() throws IOException {
        if (keysBegun != keyCount || postingsLeft != 0 || located != locatedCount) {
            throw new IllegalStateException("segment finished with " + keysBegun + " of " + keyCount + " keys, "
                + located + " of " + locatedCount + " locations");
        }
        if (locationsStart < 0) {
            drainDirectory();
            drainBlob();
            locationsStart = blobStart + blobWritten;
            locationDataStart = locationsStart;
        } else {
            drainLocationBlocks();
            drainLocationData();
        }
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
            .putLong(MAGIC_OFFSET, SegmentDescriptor.MAGIC)
            .putShort(MAJOR_VERSION_OFFSET, SegmentDescriptor.MAJOR_VERSION)
            .putShort(MINOR_VERSION_OFFSET, SegmentDescriptor.MINOR_VERSION)
            .putLong(FIRST_POSITION_OFFSET, firstPosition)
            .putLong(LAST_POSITION_OFFSET, lastPosition)
            .putLong(ENTRY_COUNT_OFFSET, entryCount)
            .putInt(KEY_COUNT_OFFSET, keyCount)
            .putLong(BLOB_LENGTH_OFFSET, blobWritten)
            .putInt(SegmentDescriptor.LOCATED_COUNT_OFFSET, (int) locatedCount)
            .putInt(SegmentDescriptor.LOCATION_DATA_LENGTH_OFFSET, (int) locationDataWritten);
        final long fileLength = locationDataStart + locationDataWritten;
        if (fileLength > SegmentDescriptor.MAX_FILE_LENGTH) {
            throw new IOException("segment " + temp.getFileName() + " would exceed "
                + SegmentDescriptor.MAX_FILE_LENGTH + " bytes");
        }
        final int checksum = checksum(header, fileLength);
        header.putInt(CHECKSUM_OFFSET, checksum);
        IndexFiles.writeFully(channel, header, 0);
        if (sync) {
            channel.force(true);
        }
        channel.close();
        final SegmentInfo info = new SegmentInfo(firstPosition, lastPosition, entryCount, fileLength, keyCount,
            checksum);
        Files.move(temp, dir.resolve(info.fileName()), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        finished = true;
        return info;
    }

    /** Closes the file; removes the temp file unless {@link #finish()} published it. */
    @Override
    public void close() throws IOException {
        channel.close();
        if (!finished) {
            Files.deleteIfExists(temp);
        }
    }

    /** CRC32C of the header (checksum field excluded) and of the body as written, read back from the file. */
    private int checksum(ByteBuffer header, long fileLength) throws IOException {
        final CRC32C crc = new CRC32C();
        crc.update(header.duplicate().position(0).limit(CHECKSUM_OFFSET));
        final ByteBuffer chunk = blob.clear();
        for (long at = HEADER_LENGTH; at < fileLength; ) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), fileLength - at));
            if (!IndexFiles.readFully(channel, chunk, at)) {
                throw new IOException("segment " + temp.getFileName() + " shorter than written");
            }
            at += chunk.flip().remaining();
            crc.update(chunk);
        }
        return (int) crc.getValue();
    }

    private void drainDirectory() throws IOException {
        directoryWritten += drain(directory, HEADER_LENGTH + directoryWritten);
    }

    /** The directory's staging buffer, once the key directory is written, stages the location blocks. */
    private void drainLocationBlocks() throws IOException {
        locationBlocksWritten += drain(directory, locationsStart + locationBlocksWritten);
    }

    /** The blob's staging buffer, once the postings are written, stages the location data. */
    private void drainLocationData() throws IOException {
        if (locationDataStart + locationDataWritten + blob.position() > SegmentDescriptor.MAX_FILE_LENGTH) {
            throw new IOException("segment " + temp.getFileName() + " would exceed "
                + SegmentDescriptor.MAX_FILE_LENGTH + " bytes");
        }
        locationDataWritten += drain(blob, locationDataStart + locationDataWritten);
    }

    private void drainBlob() throws IOException {
        blobWritten += drain(blob, blobStart + blobWritten);
    }

    /** Writes what {@code staging} holds at file offset {@code at} and empties it; returns the bytes written. */
    private long drain(ByteBuffer staging, long at) throws IOException {
        staging.flip();
        final int length = staging.remaining();
        IndexFiles.writeFully(channel, staging, at);
        staging.clear();
        return length;
    }
}
