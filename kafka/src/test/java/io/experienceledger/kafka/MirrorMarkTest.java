package io.experienceledger.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror's local mark: written after a commit at most once an interval, and always when a pass ends. */
class MirrorMarkTest {
    private static final List<String> TOPICS = List.of("events");
    private static final TopicPartition PARTITION = new TopicPartition("events", 0);

    @TempDir
    Path ledger;

    private static MirrorPosition position(long entries) {
        final MirrorPosition position = new MirrorPosition();
        for (long i = 0; i < entries; i++) {
            position.countEntry();
        }
        position.advance(PARTITION, entries);
        return position;
    }

    private String mark() throws IOException {
        return Files.readString(ledger.resolve(MirrorMark.FILE));
    }

    @Test
    void theFirstCommitIsWrittenAtOnceLaterOnesWithinTheIntervalWaitForTheEndOfThePass() throws IOException {
        final MirrorMark mark = new MirrorMark(ledger, TOPICS, 3_600_000);

        mark.committed(position(100));
        assertEquals("# how far this ledger has mirrored; its batch notes are the truth\ntopics=events\nentries=100\n"
                + "skipped=0\noffset.events.0=100\n", mark());

        mark.committed(position(200));
        mark.committed(position(300));
        assertTrue(mark().contains("\nentries=100\n"), mark());

        mark.flush();
        assertTrue(mark().contains("\nentries=300\n") && mark().contains("\noffset.events.0=300\n"), mark());

        // nothing committed since: a second flush writes nothing
        Files.delete(ledger.resolve(MirrorMark.FILE));
        mark.flush();
        assertFalse(Files.exists(ledger.resolve(MirrorMark.FILE)));
    }

    @Test
    void onceTheIntervalHasPassedACommitIsWrittenAtOnce() throws Exception {
        final MirrorMark mark = new MirrorMark(ledger, TOPICS, 50);
        mark.committed(position(1));
        mark.committed(position(2));
        assertTrue(mark().contains("\nentries=1\n"), mark());

        Thread.sleep(60);
        mark.committed(position(3));
        assertTrue(mark().contains("\nentries=3\n"), mark());
    }

    @Test
    void withNoIntervalEveryCommitIsWritten() throws IOException {
        final MirrorMark mark = new MirrorMark(ledger, TOPICS, 0);
        for (long entries = 1; entries <= 3; entries++) {
            mark.committed(position(entries));
            assertTrue(mark().contains("\nentries=" + entries + "\n"), mark());
        }
    }
}
