package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.testing.ChildJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader process (this JVM, read-only) while a writer process appends: only complete entries and batches, in order. */
class MultiProcessTest {
    @TempDir
    Path root;

    @Test
    void readOnlyReaderSeesAGrowingPrefixOfCompleteBatches() throws Exception {
        final Path dir = root.resolve("ledger");
        final int batchSize = 50;
        try (ChildJvm writer = ChildJvm.start(JournalChild.class, "batches", dir.toString(), Integer.toString(batchSize))) {
            assertNotNull(writer.readLine(), writer.errors());
            try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
                int previous = 0;
                for (int round = 0; round < 30; round++) {
                    final List<ExperienceEventEnvelope> seen = reader.queryEvents(EventQuery.all());
                    assertEquals(0, seen.size() % batchSize, "a partial batch is visible: " + seen.size());
                    assertTrue(seen.size() >= previous, "the reader went back in time");
                    for (int i = 0; i < seen.size(); i++) {
                        assertEquals("b" + i / batchSize + "-" + i % batchSize, seen.get(i).eventId().value());
                    }
                    previous = seen.size();
                    Thread.sleep(20);
                }
                assertTrue(previous > 0, "the reader saw nothing");
            }
        }
    }

    @Test
    void twoWriterProcessesAtOnceTakeTurnsAndLoseNothing() throws Exception {
        final Path dir = root.resolve("ledger");
        try (ChildJvm first = ChildJvm.start(JournalChild.class, "count", dir.toString(), "3000", "a");
             ChildJvm second = ChildJvm.start(JournalChild.class, "count", dir.toString(), "3000", "b")) {
            assertEquals("done", first.readLine(), first.errors());
            assertEquals("done", second.readLine(), second.errors());
            assertEquals(0, first.waitFor());
            assertEquals(0, second.waitFor());
        }
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            final List<ExperienceEventEnvelope> all = store.queryEvents(EventQuery.all());
            assertEquals(6000, all.size());
            for (String writer : List.of("a", "b")) {
                final List<String> ids = all.stream().map(e -> e.eventId().value())
                        .filter(id -> id.startsWith(writer + "-")).toList();
                for (int i = 0; i < ids.size(); i++) {
                    assertEquals(writer + "-" + i, ids.get(i));
                }
                assertEquals(3000, ids.size());
            }
            assertTrue(store.verify(null).intact());
        }
    }

    @Test
    void scanFollowsAnotherProcessExactlyOnceInOrder() throws Exception {
        final Path dir = root.resolve("ledger");
        try (ChildJvm writer = ChildJvm.start(JournalChild.class, "singles", dir.toString())) {
            assertNotNull(writer.readLine(), writer.errors());
            try (ChronicleExperienceStore reader = ChronicleExperienceStore.builder(dir).readOnly().open()) {
                final List<String> ids = new ArrayList<>();
                long resume = -1;
                while (ids.size() < 2_000) {
                    resume = reader.scan(resume, (index, record) -> {
                        ids.add(((ExperienceRecord.Engine) record).value().eventId().value());
                        return true;
                    });
                    Thread.sleep(5);
                }
                for (int i = 0; i < ids.size(); i++) {
                    assertEquals("s" + i, ids.get(i));
                }
            }
        }
    }
}
