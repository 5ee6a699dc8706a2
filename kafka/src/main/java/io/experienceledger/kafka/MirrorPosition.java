package io.experienceledger.kafka;

import io.experienceledger.store.ExperienceStoreException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a mirror has read its topics: for each partition the offset of the next record to read, with the counts
 * of entries appended and invalid records skipped so far. It is kept as the note of each batch the mirror commits
 * to the central ledger ({@link io.experienceledger.journal.Mirroring}), so it is exactly as durable as the entries
 * it covers. The note is text, one {@code name=value} per line:
 *
 * <pre>
 * mirror.format=1
 * entries=&lt;entries appended in all&gt;
 * skipped=&lt;invalid records skipped in all&gt;
 * offset.&lt;topic&gt;.&lt;partition&gt;=&lt;next offset&gt;
 * </pre>
 */
final class MirrorPosition {
    private static final String FORMAT = "mirror.format=1";
    private static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    /** Hashed, as each record taken advances it; sorted only for {@link #offsets()} and the note. */
    private final Map<TopicPartition, Long> offsets = new HashMap<>();
    private long entries;
    private long skipped;

    /** A copy of {@code other}. */
    MirrorPosition copy() {
        final MirrorPosition copy = new MirrorPosition();
        copy.offsets.putAll(offsets);
        copy.entries = entries;
        copy.skipped = skipped;
        return copy;
    }

    /** The next offset to read in {@code partition}, or -1 when nothing of it was read yet. */
    long next(TopicPartition partition) {
        return offsets.getOrDefault(partition, -1L);
    }

    /** Records that everything before {@code nextOffset} in {@code partition} is read; never moves back. */
    void advance(TopicPartition partition, long nextOffset) {
        offsets.merge(partition, nextOffset, Math::max);
    }

    void countEntry() {
        entries++;
    }

    void countSkipped() {
        skipped++;
    }

    long entries() {
        return entries;
    }

    long skipped() {
        return skipped;
    }

    /** The next offset of each partition read, by topic and partition. */
    Map<TopicPartition, Long> offsets() {
        final Map<TopicPartition, Long> sorted = new TreeMap<>(ORDER);
        sorted.putAll(offsets);
        return Collections.unmodifiableMap(sorted);
    }

    byte[] encode() {
        final StringBuilder text = new StringBuilder(FORMAT).append('\n')
                .append("entries=").append(entries).append('\n')
                .append("skipped=").append(skipped).append('\n');
        offsets().forEach((partition, offset) -> text.append("offset.").append(partition.topic()).append('.')
                .append(partition.partition()).append('=').append(offset).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a note written by {@link #encode()}.
     *
     * @throws ExperienceStoreException a storage error when the note is not a mirror's (another program's batch
     *                                  notes in the same ledger) or is malformed
     */
    static MirrorPosition decode(byte[] note) {
        final String text = new String(note, StandardCharsets.UTF_8);
        final String[] lines = text.split("\n");
        if (lines.length < 3 || !lines[0].equals(FORMAT)) {
            throw notOurs("it does not start with " + FORMAT);
        }
        final MirrorPosition position = new MirrorPosition();
        try {
            for (int i = 1; i < lines.length; i++) {
                final int eq = lines[i].lastIndexOf('=');
                final String name = lines[i].substring(0, eq);
                final long value = Long.parseLong(lines[i].substring(eq + 1));
                if (name.equals("entries")) {
                    position.entries = value;
                } else if (name.equals("skipped")) {
                    position.skipped = value;
                } else if (name.startsWith("offset.")) {
                    final int dot = name.lastIndexOf('.');
                    position.offsets.put(new TopicPartition(name.substring("offset.".length(), dot),
                            Integer.parseInt(name.substring(dot + 1))), value);
                } else {
                    throw notOurs("unknown line '" + lines[i] + "'");
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof ExperienceStoreException known) {
                throw known;
            }
            throw notOurs("cannot read it: " + e.getMessage());
        }
        return position;
    }

    private static ExperienceStoreException notOurs(String problem) {
        return ExperienceStoreException.storageError("the ledger's latest batch note is not a mirror position ("
                + problem + "): mirror into a ledger that only the mirror writes batches with notes to");
    }
}
