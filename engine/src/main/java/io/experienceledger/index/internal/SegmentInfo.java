package io.experienceledger.index.internal;

/**
 * What the manifest records of one segment; enough to name its file and to check that the file found is the
 * one that was written.
 */
record SegmentInfo(long firstPosition, long lastPosition, long entryCount, long fileLength, int keyCount,
                   int checksum) {

    /** The segment's file name. */
    String fileName() {
        return SegmentDescriptor.fileName(firstPosition, lastPosition);
    }
}
