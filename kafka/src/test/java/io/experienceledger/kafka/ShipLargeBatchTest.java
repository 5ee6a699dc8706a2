package io.experienceledger.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One atomic batch far larger than the shipper's transaction size and heap is one Kafka transaction: shipped by a
 * child JVM with a 64 MiB heap (the batch's JSON alone is larger), a read_committed consumer watching meanwhile
 * sees none of it or all of it. 200,000 entries by default; {@code -Dship.large.entries=1000000} for a million.
 */
class ShipLargeBatchTest {
    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void aBatchLargerThanTheHeapIsShippedInOneTransaction() throws Exception {
        final int entries = Integer.getInteger("ship.large.entries", 200_000);
        final Path ledger = dir.resolve("ledger");
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(ledger)) {
            store.appendEvent(envelope(-1));
            assertEquals(entries, store.appendBatch(batch(entries)));
            store.appendEvent(envelope(entries));
        }
        BROKER.createTopic("large", 1);
        final Path log = dir.resolve("ship.log");
        final Process shipper = ShipProcess.startWithHeap(log, "64m", "ship", "--store", ledger.toString(),
                "--bootstrap-servers", BROKER.bootstrapServers(), "--topic", "large", "--transaction-entries", "1000",
                "--timeout", "60");
        final Set<Integer> seen = new HashSet<>();
        while (shipper.isAlive()) {
            final int visible = BROKER.readCommittedSoFar("large").size();
            seen.add(visible);
            assertTrue(visible == 0 || visible == 1 || visible == entries + 1 || visible == entries + 2,
                    "a read_committed consumer saw " + visible + " records: the batch was split");
            shipper.waitFor(500, TimeUnit.MILLISECONDS);
        }
        assertEquals(0, shipper.exitValue(), Files.readString(log));
        assertEquals("shipped " + (entries + 2) + " entries to large (" + (entries + 2)
                + " entries of this ledger in all)\n", Files.readString(log));
        assertEquals(entries + 2, BROKER.readCommitted("large").size());
        System.out.println("ShipLargeBatchTest: " + entries + "-entry batch; a consumer watching saw " + seen);
    }

    private static ExperienceEventEnvelope envelope(long i) {
        return ExperienceEventEnvelope.of("evt-large-" + i, new ExperienceEvent.BudgetExceeded(ChainId.of("c-" + i),
                BudgetResource.Named.Tokens, "1000", "1200")).withTenant("tenant-" + (i % 7))
                .withTimestamp("2026-05-01T00:00:00Z");
    }

    /** The batch's entries, made as they are appended: nothing of the batch is held in memory. */
    private static Iterator<ExperienceRecord> batch(int entries) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < entries;
            }

            @Override
            public ExperienceRecord next() {
                return new ExperienceRecord.Engine(envelope(next++));
            }
        };
    }
}
