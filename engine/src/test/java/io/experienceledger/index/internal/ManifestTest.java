package io.experienceledger.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifest encoding round trip and the consistency checks behind a valid checksum. */
class ManifestTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsThroughTheFile() throws Exception {
        assertNull(Manifest.read(dir));
        final Manifest manifest = new Manifest(-3, 4, 9, List.of(
            new SegmentInfo(0, 99, 100, 2_000, 10, 0xCAFE),
            new SegmentInfo(1L << 32, (1L << 32) + 5, 6, 500, 3, -1)));
        manifest.write(dir, true);
        final Manifest read = Manifest.read(dir);
        assertEquals(manifest, read);
        assertEquals((1L << 32) + 5, read.checkpoint());
        assertEquals(106, read.entryCount());
        assertEquals(-1, Manifest.empty(1, 2, 1).checkpoint());
    }

    @Test
    void overlappingSegmentsAreDamageEvenWithAValidChecksum() {
        final Manifest overlapping = new Manifest(1, 2, 3, List.of(
            new SegmentInfo(0, 99, 100, 2_000, 10, 0),
            new SegmentInfo(99, 120, 6, 500, 3, 0)));
        final ByteBuffer bytes = overlapping.encode();
        final IndexDamageException damage = assertThrows(IndexDamageException.class, () -> Manifest.decode(bytes));
        assertEquals(IndexState.DAMAGED, damage.state());
    }
}
