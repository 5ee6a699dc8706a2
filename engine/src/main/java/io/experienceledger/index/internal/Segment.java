package io.experienceledger.index.internal;

import static io.experienceledger.index.internal.SegmentDescriptor.BLOB_LENGTH_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.CHECKSUM_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.DIRECTORY_ENTRY_LENGTH;
import static io.experienceledger.index.internal.SegmentDescriptor.ENTRY_COUNT_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.FIRST_POSITION_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.HEADER_LENGTH;
import static io.experienceledger.index.internal.SegmentDescriptor.KEY_COUNT_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.LAST_POSITION_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.MAGIC_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.MAJOR_VERSION_OFFSET;
import static io.experienceledger.index.internal.SegmentDescriptor.POSTINGS_COUNT_FIELD;
import static io.experienceledger.index.internal.SegmentDescriptor.POSTINGS_OFFSET_FIELD;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One immutable segment file, mapped read-only (see {@link SegmentDescriptor}). Finding a key is a binary
 * search of the directory; its postings are then decoded in place by a {@link PostingsDecoder}. Reads of the
 * mapping are thread-safe; {@link #close()} must not race them.
 */
final class Segment {
    private final SegmentInfo info;
    private final MappedByteBuffer mapping;
    private final ByteBuffer buffer;
    private final int keyCount;
    private final int blobOffset;
    private final long locatedCount;
    private final int locationBlocksOffset;
    private final int locationDataOffset;
    private final int locationBlockCount;

    private Segment(SegmentInfo info, MappedByteBuffer mapping) {
        this.info = info;
        this.mapping = mapping;
        this.buffer = mapping.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.keyCount = info.keyCount();
        this.blobOffset = (int) SegmentDescriptor.blobOffset(keyCount);
        this.locatedCount = Integer.toUnsignedLong(buffer.getInt(SegmentDescriptor.LOCATED_COUNT_OFFSET));
        this.locationBlockCount = (int) SegmentDescriptor.locationBlocks(locatedCount);
        this.locationBlocksOffset = (int) Math.min(Integer.MAX_VALUE,
            blobOffset + buffer.getLong(SegmentDescriptor.BLOB_LENGTH_OFFSET));
        this.locationDataOffset = locationBlocksOffset + locationBlockCount * SegmentDescriptor.LOCATION_BLOCK_LENGTH;
    }

    /**
     * Maps the segment {@code expected} names in {@code dir} and checks it is that segment: length, header
     * fields and, when {@code verifyChecksum}, the CRC32C of the whole file.
     *
     * @throws IndexDamageException when the file is missing, unreadable or not the expected segment
     */
    static Segment open(Path dir, SegmentInfo expected, boolean verifyChecksum) throws IndexDamageException {
        final Path file = dir.resolve(expected.fileName());
        MappedByteBuffer mapping = null;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            final long size = channel.size();
            if (size != expected.fileLength() || size > SegmentDescriptor.MAX_FILE_LENGTH) {
                throw damaged(file, "has " + size + " bytes, the manifest says " + expected.fileLength());
            }
            mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            final Segment segment = new Segment(expected, mapping);
            segment.check(file, verifyChecksum);
            return segment;
        } catch (NoSuchFileException e) {
            throw damaged(file, "is missing");
        } catch (IOException e) {
            throw damaged(file, "is unreadable: " + e);
        } catch (IndexDamageException e) {
            MappedBuffers.unmap(mapping);
            throw e;
        }
    }

    private void check(Path file, boolean verifyChecksum) throws IndexDamageException {
        if (buffer.getLong(MAGIC_OFFSET) != SegmentDescriptor.MAGIC) {
            throw damaged(file, "has a wrong magic number");
        }
        final int major = Short.toUnsignedInt(buffer.getShort(MAJOR_VERSION_OFFSET));
        if (major != SegmentDescriptor.MAJOR_VERSION) {
            throw damaged(file, "has format " + major + ", expected " + SegmentDescriptor.MAJOR_VERSION);
        }
        if (buffer.getLong(FIRST_POSITION_OFFSET) != info.firstPosition()
            || buffer.getLong(LAST_POSITION_OFFSET) != info.lastPosition()
            || buffer.getLong(ENTRY_COUNT_OFFSET) != info.entryCount()
            || buffer.getInt(KEY_COUNT_OFFSET) != info.keyCount()
            || buffer.getInt(CHECKSUM_OFFSET) != info.checksum()
            || SegmentDescriptor.fileLength(keyCount, buffer.getLong(BLOB_LENGTH_OFFSET), locatedCount,
                Integer.toUnsignedLong(buffer.getInt(SegmentDescriptor.LOCATION_DATA_LENGTH_OFFSET)))
                != info.fileLength()) {
            throw damaged(file, "header disagrees with the manifest");
        }
        if (verifyChecksum && IndexFiles.checksum(buffer, CHECKSUM_OFFSET, HEADER_LENGTH) != info.checksum()) {
            throw damaged(file, "checksum mismatch");
        }
    }

    /**
     * Where the journal holds the entry at {@code position}: the location recorded with it, or -1 when this
     * segment recorded none (a 1.0 segment, or an entry added without one). A binary search of the location
     * blocks, then at most 15 varint pairs decoded in place. A damaged block that points outside the file
     * answers -1 too: the journal is then read the slow way.
     */
    long location(long position) {
        try {
            return locationIn(block(position, -1), position);
        } catch (IndexOutOfBoundsException damaged) {
            return -1;
        }
    }

    /**
     * The location block that would hold {@code position}, or -1 when it is before the first; searched forward
     * from block {@code from} (galloping, then a binary search of the last step) when {@code from} is a block at
     * or before it, else by a binary search of all blocks. Positions asked for in ascending order, as a query's
     * hits are, thus touch a few neighbouring blocks each instead of a path through all of them.
     *
     * @throws IndexOutOfBoundsException when the segment is damaged
     */
    int block(long position, int from) {
        if (from >= 0 && from < locationBlockCount && firstPositionOf(from) <= position) {
            int low = from;
            int step = 1;
            int high = low + step;
            while (high < locationBlockCount && firstPositionOf(high) <= position) {
                low = high;
                step <<= 1;
                high = low + step;
            }
            return lastAtOrBefore(position, low, Math.min(high, locationBlockCount) - 1);
        }
        if (locationBlockCount == 0 || firstPositionOf(0) > position) {
            return -1;
        }
        return lastAtOrBefore(position, 0, locationBlockCount - 1);
    }

    /** The last block in {@code [low, high]} whose first position is at most {@code position}; {@code low}'s is. */
    private int lastAtOrBefore(long position, int low, int high) {
        while (low < high) {
            final int middle = (low + high + 1) >>> 1;
            if (firstPositionOf(middle) <= position) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    /**
     * The location of {@code position} in location block {@code block} ({@link #block}), or -1 when the block
     * does not record it (or {@code block} is -1).
     *
     * @throws IndexOutOfBoundsException when the segment is damaged
     */
    long locationIn(int block, long position) {
        if (block < 0) {
            return -1;
        }
        final int at0 = locationBlocksOffset + block * SegmentDescriptor.LOCATION_BLOCK_LENGTH;
        long current = buffer.getLong(at0 + SegmentDescriptor.BLOCK_FIRST_POSITION_FIELD);
        long location = buffer.getLong(at0 + SegmentDescriptor.BLOCK_FIRST_LOCATION_FIELD);
        int at = locationDataOffset + buffer.getInt(at0 + SegmentDescriptor.BLOCK_DATA_OFFSET_FIELD);
        final int count = buffer.getInt(at0 + SegmentDescriptor.BLOCK_COUNT_FIELD);
        for (int i = 1; i < count && current < position; i++) {
            // two varints decoded in one pass each: a gap (almost always one byte), a zigzag location difference
            byte b = buffer.get(at++);
            long gap = b & 0x7F;
            for (int shift = 7; b < 0 && shift < 64; shift += 7) {
                b = buffer.get(at++);
                gap |= (long) (b & 0x7F) << shift;
            }
            b = buffer.get(at++);
            long delta = b & 0x7F;
            for (int shift = 7; b < 0 && shift < 64; shift += 7) {
                b = buffer.get(at++);
                delta |= (long) (b & 0x7F) << shift;
            }
            current += gap;
            location += Varint.unzigzag(delta);
        }
        return current == position ? location : -1;
    }

    private long firstPositionOf(int block) {
        return blockField(block, SegmentDescriptor.BLOCK_FIRST_POSITION_FIELD);
    }

    private long blockField(int block, int field) {
        return buffer.getLong(locationBlocksOffset + block * SegmentDescriptor.LOCATION_BLOCK_LENGTH + field);
    }

    /** Gives every recorded location, in position order, to {@code writer} (a merge). */
    void copyLocations(SegmentWriter writer) throws IOException {
        for (int block = 0; block < locationBlockCount; block++) {
            final int at0 = locationBlocksOffset + block * SegmentDescriptor.LOCATION_BLOCK_LENGTH;
            long position = buffer.getLong(at0 + SegmentDescriptor.BLOCK_FIRST_POSITION_FIELD);
            long location = buffer.getLong(at0 + SegmentDescriptor.BLOCK_FIRST_LOCATION_FIELD);
            int at = locationDataOffset + buffer.getInt(at0 + SegmentDescriptor.BLOCK_DATA_OFFSET_FIELD);
            final int count = buffer.getInt(at0 + SegmentDescriptor.BLOCK_COUNT_FIELD);
            writer.location(position, location);
            for (int i = 1; i < count; i++) {
                position += Varint.get(buffer, at);
                at = Varint.skip(buffer, at);
                location += Varint.unzigzag(Varint.get(buffer, at));
                at = Varint.skip(buffer, at);
                writer.location(position, location);
            }
        }
    }

    /** How many entries of this segment have a recorded location (0 for a 1.0 segment). */
    long locatedCount() {
        return locatedCount;
    }

    /** What the manifest records of this segment. */
    SegmentInfo info() {
        return info;
    }

    /** The first journal position covered; the base of every key's first gap. */
    long firstPosition() {
        return info.firstPosition();
    }

    /** The last journal position covered. */
    long lastPosition() {
        return info.lastPosition();
    }

    /** How many keys the directory holds. */
    int keyCount() {
        return keyCount;
    }

    /** The mapped file, little-endian; shared, so use absolute reads only. */
    ByteBuffer buffer() {
        return buffer;
    }

    /**
     * The directory index of {@code hash}, or -1 when the segment has no postings for it.
     *
     * <p>Key hashes are uniform, so the search interpolates: it probes where the hash should sit between the
     * bounds' hashes, which finds a key of a directory of a million in two or three probes instead of twenty.
     * A probe that fails to halve the range is followed by a bisection, so the worst case stays logarithmic.
     */
    int find(long hash) {
        final long target = hash ^ Long.MIN_VALUE;
        int low = 0;
        int high = keyCount - 1;
        boolean bisect = false;
        while (low <= high) {
            final int middle = bisect ? (low + high) >>> 1 : interpolate(target, low, high);
            final long probed = keyHash(middle) ^ Long.MIN_VALUE;
            final int before = high - low;
            if (probed < target) {
                low = middle + 1;
            } else if (probed > target) {
                high = middle - 1;
            } else {
                return middle;
            }
            bisect = !bisect && high - low > before / 2;
        }
        return -1;
    }

    /** Where {@code target} (sign-flipped, so signed order is unsigned order) should sit in {@code [low, high]}. */
    private int interpolate(long target, int low, int high) {
        final long lowKey = keyHash(low) ^ Long.MIN_VALUE;
        final long highKey = keyHash(high) ^ Long.MIN_VALUE;
        if (target <= lowKey || highKey <= lowKey) {
            return low;
        }
        if (target >= highKey) {
            return high;
        }
        final double fraction = ((double) target - (double) lowKey) / ((double) highKey - (double) lowKey);
        return low + (int) Math.min(high - low, Math.max(0, (long) (fraction * (high - low))));
    }

    /** The key hash of directory entry {@code i}. */
    long keyHash(int i) {
        return buffer.getLong(HEADER_LENGTH + i * DIRECTORY_ENTRY_LENGTH);
    }

    /** The absolute file offset of the postings of directory entry {@code i}. */
    int postingsOffset(int i) {
        return blobOffset + buffer.getInt(HEADER_LENGTH + i * DIRECTORY_ENTRY_LENGTH + POSTINGS_OFFSET_FIELD);
    }

    /** The number of postings of directory entry {@code i}. */
    int postingsCount(int i) {
        return buffer.getInt(HEADER_LENGTH + i * DIRECTORY_ENTRY_LENGTH + POSTINGS_COUNT_FIELD);
    }

    /** Unmaps the file; no read of this segment may follow or run concurrently. */
    void close() {
        MappedBuffers.unmap(mapping);
    }

    private static IndexDamageException damaged(Path file, String problem) {
        return new IndexDamageException(IndexState.DAMAGED, "segment " + file.getFileName() + ' ' + problem);
    }
}
