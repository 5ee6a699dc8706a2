package io.experienceledger.index.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Merges consecutive segments into one: a k-way merge of their directories by key hash that concatenates each
 * key's postings in segment order. Segments cover disjoint ascending position ranges, so the concatenation is
 * ascending without a sort and without duplicates; their entry locations are concatenated the same way. Reads the inputs in place and streams the output, so the
 * heap used does not grow with the segments.
 */
final class SegmentMerger {
    private SegmentMerger() {
    }

    /**
     * Writes the merge of {@code inputs} (consecutive, in position order) as a new segment file in {@code dir}
     * ({@code sync}: forced before the rename), staged in {@code staging}'s buffers.
     *
     * @return what the manifest records of the merged segment
     */
    static SegmentInfo merge(SegmentStaging staging, Path dir, List<Segment> inputs, boolean sync) throws IOException {
        final int n = inputs.size();
        long entries = 0;
        long located = 0;
        for (Segment input : inputs) {
            entries += input.info().entryCount();
            located += input.locatedCount();
        }
        final int[] next = new int[n];
        final PostingsDecoder decoder = new PostingsDecoder();
        try (SegmentWriter writer = new SegmentWriter(staging, dir, inputs.get(0).firstPosition(),
            inputs.get(n - 1).lastPosition(), entries, distinctKeys(inputs), located, sync)) {
            for (int lowest = lowest(inputs, next); lowest >= 0; lowest = lowest(inputs, next)) {
                final long hash = inputs.get(lowest).keyHash(next[lowest]);
                writer.beginKey(hash, postingsCount(inputs, next, hash));
                for (int i = lowest; i < n; i++) {
                    final Segment input = inputs.get(i);
                    if (next[i] < input.keyCount() && input.keyHash(next[i]) == hash) {
                        decoder.wrap(input.buffer(), input.postingsOffset(next[i]), input.postingsCount(next[i]),
                            input.firstPosition());
                        while (decoder.hasNext()) {
                            writer.posting(decoder.next());
                        }
                        next[i]++;
                    }
                }
            }
            for (Segment input : inputs) {
                input.copyLocations(writer);
            }
            return writer.finish();
        }
    }

    /** How many distinct key hashes the inputs hold together: the same merge over the directories alone. */
    static int distinctKeys(List<Segment> inputs) {
        final int[] next = new int[inputs.size()];
        int keys = 0;
        for (int lowest = lowest(inputs, next); lowest >= 0; lowest = lowest(inputs, next)) {
            final long hash = inputs.get(lowest).keyHash(next[lowest]);
            for (int i = lowest; i < inputs.size(); i++) {
                final Segment input = inputs.get(i);
                if (next[i] < input.keyCount() && input.keyHash(next[i]) == hash) {
                    next[i]++;
                }
            }
            keys++;
        }
        return keys;
    }

    /** The first input whose next key has the lowest hash, or -1 when all are exhausted. */
    private static int lowest(List<Segment> inputs, int[] next) {
        int lowest = -1;
        long lowestHash = 0;
        for (int i = 0; i < inputs.size(); i++) {
            final Segment input = inputs.get(i);
            if (next[i] < input.keyCount()) {
                final long hash = input.keyHash(next[i]);
                if (lowest < 0 || Long.compareUnsigned(hash, lowestHash) < 0) {
                    lowest = i;
                    lowestHash = hash;
                }
            }
        }
        return lowest;
    }

    private static int postingsCount(List<Segment> inputs, int[] next, long hash) throws IOException {
        long count = 0;
        for (int i = 0; i < inputs.size(); i++) {
            final Segment input = inputs.get(i);
            if (next[i] < input.keyCount() && input.keyHash(next[i]) == hash) {
                count += input.postingsCount(next[i]);
            }
        }
        if (count > Integer.MAX_VALUE) {
            throw new IOException("key " + Long.toHexString(hash) + " would have " + count + " postings");
        }
        return (int) count;
    }
}
