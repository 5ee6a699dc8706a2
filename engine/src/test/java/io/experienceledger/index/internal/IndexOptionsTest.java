package io.experienceledger.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.experienceledger.index.IndexOptions;
import org.junit.jupiter.api.Test;

/** The settings' ranges agree with what the index format can hold. */
class IndexOptionsTest {
    @Test
    void theSegmentSizeLimitIsTheFormatsLargestFile() {
        assertEquals(SegmentDescriptor.MAX_FILE_LENGTH, IndexOptions.SEGMENT_BYTES_LIMIT);
        final IndexOptions largest = IndexOptions.defaults().withMaxSegmentBytes(IndexOptions.SEGMENT_BYTES_LIMIT);
        assertEquals(SegmentDescriptor.MAX_FILE_LENGTH, largest.maxSegmentBytes());
        final IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
                () -> IndexOptions.defaults().withMaxSegmentBytes(IndexOptions.SEGMENT_BYTES_LIMIT + 1));
        assertEquals("maxSegmentBytes out of range: " + (IndexOptions.SEGMENT_BYTES_LIMIT + 1), tooLarge.getMessage());
    }
}
