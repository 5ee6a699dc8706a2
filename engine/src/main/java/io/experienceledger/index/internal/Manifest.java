package io.experienceledger.index.internal;

import static io.experienceledger.index.internal.ManifestDescriptor.CHECKPOINT_OFFSET;
import static io.experienceledger.index.internal.ManifestDescriptor.CHECKSUM_OFFSET;
import static io.experienceledger.index.internal.ManifestDescriptor.ENTRY_COUNT_OFFSET;
import static io.experienceledger.index.internal.ManifestDescriptor.GENERATION_OFFSET;
import static io.experienceledger.index.internal.ManifestDescriptor.HEADER_LENGTH;
import static io.experienceledger.index.internal.ManifestDescriptor.IDENTITY_HI_OFFSET;
import static io.experienceledger.index.internal.ManifestDescriptor.IDENTITY_LO_OFFSET;
import static io.experienceledger.index.internal.ManifestDescriptor.MAGIC_OFFSET;
import static io.experienceledger.index.internal.ManifestDescriptor.MAJOR_VERSION_OFFSET;
import static io.experienceledger.index.internal.ManifestDescriptor.MINOR_VERSION_OFFSET;
import static io.experienceledger.index.internal.ManifestDescriptor.RECORD_CHECKSUM;
import static io.experienceledger.index.internal.ManifestDescriptor.RECORD_ENTRY_COUNT;
import static io.experienceledger.index.internal.ManifestDescriptor.RECORD_FILE_LENGTH;
import static io.experienceledger.index.internal.ManifestDescriptor.RECORD_FIRST_POSITION;
import static io.experienceledger.index.internal.ManifestDescriptor.RECORD_KEY_COUNT;
import static io.experienceledger.index.internal.ManifestDescriptor.RECORD_LAST_POSITION;
import static io.experienceledger.index.internal.ManifestDescriptor.SEGMENT_COUNT_OFFSET;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoded manifest: journal identity, generation and segment list (see {@link ManifestDescriptor}).
 *
 * @param identityHi high 64 bits of the journal identity
 * @param identityLo low 64 bits of the journal identity
 * @param generation increases with every manifest written
 * @param segments   ascending, disjoint segments
 */
record Manifest(long identityHi, long identityLo, long generation, List<SegmentInfo> segments) {

    Manifest {
        segments = List.copyOf(segments);
    }

    /** A manifest with no segments. */
    static Manifest empty(long identityHi, long identityLo, long generation) {
        return new Manifest(identityHi, identityLo, generation, List.of());
    }

    /** The last journal position in a segment, or -1 when there is none. */
    long checkpoint() {
        return segments.isEmpty() ? -1 : segments.get(segments.size() - 1).lastPosition();
    }

    /** Journal entries covered by the segments. */
    long entryCount() {
        long entries = 0;
        for (SegmentInfo segment : segments) {
            entries += segment.entryCount();
        }
        return entries;
    }

    /** True when the manifest belongs to the journal with this identity. */
    boolean belongsTo(long hi, long lo) {
        return identityHi == hi && identityLo == lo;
    }

    /** This manifest with another segment list and the next generation. */
    Manifest next(List<SegmentInfo> newSegments) {
        return new Manifest(identityHi, identityLo, generation + 1, newSegments);
    }

    /** Writes this manifest to {@code dir} atomically; forced and the directory synced when {@code sync}. */
    void write(Path dir, boolean sync) throws IOException {
        IndexFiles.writeAtomically(dir, ManifestDescriptor.FILE_NAME, encode(), sync);
    }

    /** The file bytes of this manifest, ready to write (position 0, limit at the end). */
    ByteBuffer encode() {
        final int count = segments.size();
        final ByteBuffer bytes = ByteBuffer.allocate(ManifestDescriptor.fileLength(count))
            .order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(MAGIC_OFFSET, ManifestDescriptor.MAGIC)
            .putShort(MAJOR_VERSION_OFFSET, ManifestDescriptor.MAJOR_VERSION)
            .putShort(MINOR_VERSION_OFFSET, ManifestDescriptor.MINOR_VERSION)
            .putInt(SEGMENT_COUNT_OFFSET, count)
            .putLong(IDENTITY_HI_OFFSET, identityHi)
            .putLong(IDENTITY_LO_OFFSET, identityLo)
            .putLong(CHECKPOINT_OFFSET, checkpoint())
            .putLong(GENERATION_OFFSET, generation)
            .putLong(ENTRY_COUNT_OFFSET, entryCount());
        for (int i = 0; i < count; i++) {
            final SegmentInfo segment = segments.get(i);
            final int at = ManifestDescriptor.recordOffset(i);
            bytes.putLong(at + RECORD_FIRST_POSITION, segment.firstPosition())
                .putLong(at + RECORD_LAST_POSITION, segment.lastPosition())
                .putLong(at + RECORD_ENTRY_COUNT, segment.entryCount())
                .putLong(at + RECORD_FILE_LENGTH, segment.fileLength())
                .putInt(at + RECORD_KEY_COUNT, segment.keyCount())
                .putInt(at + RECORD_CHECKSUM, segment.checksum());
        }
        bytes.putInt(CHECKSUM_OFFSET, checksum(bytes));
        return bytes;
    }

    /**
     * Reads {@code dir/manifest}; null when there is no such file.
     *
     * @throws IndexDamageException when the file is unreadable, not a manifest, of a newer major version,
     *                              corrupt or inconsistent
     */
    static Manifest read(Path dir) throws IndexDamageException {
        final Path file = dir.resolve(ManifestDescriptor.FILE_NAME);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            final long size = channel.size();
            if (size < HEADER_LENGTH || size > ManifestDescriptor.fileLength(ManifestDescriptor.MAX_SEGMENTS)) {
                throw damaged("manifest has " + size + " bytes, not a manifest");
            }
            final ByteBuffer bytes = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            if (!IndexFiles.readFully(channel, bytes, 0)) {
                throw damaged("manifest ended while being read");
            }
            return decode(bytes);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw damaged("manifest unreadable: " + e);
        }
    }

    /** Decodes and checks a whole manifest file. */
    static Manifest decode(ByteBuffer bytes) throws IndexDamageException {
        if (bytes.getLong(MAGIC_OFFSET) != ManifestDescriptor.MAGIC) {
            throw damaged("manifest has a wrong magic number");
        }
        final int major = Short.toUnsignedInt(bytes.getShort(MAJOR_VERSION_OFFSET));
        if (major > ManifestDescriptor.MAJOR_VERSION) {
            throw new IndexDamageException(IndexState.NEWER_FORMAT, "manifest format " + major + '.'
                + Short.toUnsignedInt(bytes.getShort(MINOR_VERSION_OFFSET)) + " is newer than the supported "
                + ManifestDescriptor.MAJOR_VERSION + ".x");
        }
        if (major != ManifestDescriptor.MAJOR_VERSION) {
            throw damaged("manifest format " + major + " is unknown");
        }
        if (bytes.getInt(CHECKSUM_OFFSET) != checksum(bytes)) {
            throw damaged("manifest checksum mismatch");
        }
        final int count = bytes.getInt(SEGMENT_COUNT_OFFSET);
        if (count < 0 || ManifestDescriptor.fileLength(count) != bytes.limit()) {
            throw damaged("manifest lists " + count + " segments in " + bytes.limit() + " bytes");
        }
        final List<SegmentInfo> segments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            segments.add(record(bytes, ManifestDescriptor.recordOffset(i)));
        }
        final Manifest manifest = new Manifest(bytes.getLong(IDENTITY_HI_OFFSET), bytes.getLong(IDENTITY_LO_OFFSET),
            bytes.getLong(GENERATION_OFFSET), segments);
        manifest.checkConsistent(bytes.getLong(CHECKPOINT_OFFSET), bytes.getLong(ENTRY_COUNT_OFFSET));
        return manifest;
    }

    private void checkConsistent(long checkpoint, long entries) throws IndexDamageException {
        long previousLast = -1;
        for (SegmentInfo segment : segments) {
            if (segment.firstPosition() <= previousLast || segment.lastPosition() < segment.firstPosition()
                || segment.entryCount() < 1 || segment.keyCount() < 1
                || segment.fileLength() > SegmentDescriptor.MAX_FILE_LENGTH
                || segment.fileLength() < SegmentDescriptor.fileLength(segment.keyCount(), segment.entryCount(), 0, 0)) {
                throw damaged("manifest lists an inconsistent segment " + segment);
            }
            previousLast = segment.lastPosition();
        }
        if (checkpoint != checkpoint() || entries != entryCount()) {
            throw damaged("manifest checkpoint " + checkpoint + " or entry count " + entries
                + " disagrees with its segments");
        }
    }

    private static SegmentInfo record(ByteBuffer bytes, int at) {
        return new SegmentInfo(bytes.getLong(at + RECORD_FIRST_POSITION), bytes.getLong(at + RECORD_LAST_POSITION),
            bytes.getLong(at + RECORD_ENTRY_COUNT), bytes.getLong(at + RECORD_FILE_LENGTH),
            bytes.getInt(at + RECORD_KEY_COUNT), bytes.getInt(at + RECORD_CHECKSUM));
    }

    private static int checksum(ByteBuffer bytes) {
        return IndexFiles.checksum(bytes, CHECKSUM_OFFSET, HEADER_LENGTH);
    }

    private static IndexDamageException damaged(String message) {
        return new IndexDamageException(IndexState.DAMAGED, message);
    }
}
