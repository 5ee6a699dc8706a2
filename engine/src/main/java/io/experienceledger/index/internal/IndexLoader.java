package io.experienceledger.index.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads the manifest of an index directory and maps its segments, turning every kind of damage into a state
 * and a message instead of an exception.
 */
final class IndexLoader {
    private IndexLoader() {
    }

    /**
     * What was found on disk. For any state but {@link IndexState#OPENED} the manifest is an empty one of the
     * expected journal, with a generation above the one found where it could be read, and there are no segments.
     */
    record Loaded(IndexState state, String report, Manifest manifest, Segment[] segments) {
    }

    /**
     * Loads the index of journal {@code hi:lo} from {@code dir}. A segment that cannot be opened while another
     * process replaces the manifest is retried with the new manifest, up to {@code attempts} reads in all.
     * Segments of {@code current} that the manifest still lists, with the same record, are reused rather than
     * mapped and checked again; they are never closed here.
     */
    static Loaded load(Path dir, long hi, long lo, boolean verify, int attempts, Segment[] current) {
        IndexDamageException problem = null;
        long generation = 0;
        for (int attempt = 0; attempt < attempts; attempt++) {
            final Manifest manifest;
            try {
                manifest = Manifest.read(dir);
            } catch (IndexDamageException e) {
                return empty(e.state(), e.getMessage(), hi, lo, generation);
            }
            if (manifest == null) {
                return empty(IndexState.CREATED, "", hi, lo, generation);
            }
            generation = manifest.generation();
            if (!manifest.belongsTo(hi, lo)) {
                return empty(IndexState.FOREIGN_JOURNAL, "index belongs to journal "
                    + identity(manifest.identityHi(), manifest.identityLo()) + ", not " + identity(hi, lo),
                    hi, lo, generation);
            }
            try {
                return new Loaded(IndexState.OPENED, "", manifest, openAll(dir, manifest, verify, current));
            } catch (IndexDamageException e) {
                problem = e;
                if (!manifestReplaced(dir, manifest)) {
                    break;
                }
            }
        }
        return empty(IndexState.DAMAGED, problem.getMessage(), hi, lo, generation);
    }

    private static Segment[] openAll(Path dir, Manifest manifest, boolean verify, Segment[] current)
        throws IndexDamageException {
        final List<SegmentInfo> infos = manifest.segments();
        final Segment[] opened = new Segment[infos.size()];
        try {
            for (int i = 0; i < opened.length; i++) {
                final Segment reused = find(current, infos.get(i));
                opened[i] = reused != null ? reused : Segment.open(dir, infos.get(i), verify);
            }
            return opened;
        } catch (IndexDamageException e) {
            for (Segment segment : opened) {
                if (segment != null && find(current, segment.info()) != segment) {
                    segment.close();
                }
            }
            throw e;
        }
    }

    private static Segment find(Segment[] segments, SegmentInfo info) {
        for (Segment segment : segments) {
            if (segment.info().equals(info)) {
                return segment;
            }
        }
        return null;
    }

    private static boolean manifestReplaced(Path dir, Manifest manifest) {
        try {
            return !manifest.equals(Manifest.read(dir));
        } catch (IndexDamageException e) {
            return true;
        }
    }

    private static Loaded empty(IndexState state, String report, long hi, long lo, long generation) {
        return new Loaded(state, report, Manifest.empty(hi, lo, generation + 1), new Segment[0]);
    }

    private static String identity(long hi, long lo) {
        return SegmentDescriptor.hex16(hi) + SegmentDescriptor.hex16(lo);
    }
}
