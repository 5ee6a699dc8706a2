package io.experienceledger.bench;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.ExperienceEventEnvelope;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The floor the engine is measured against: a bare Chronicle Queue with the engine's settings (binary documents,
 * daily cycle, 64 MiB blocks), written and read with nothing but Chronicle's own API.
 */
final class RawJournal {
    private RawJournal() {
    }

    /** A bare queue in {@code dir}, configured as the engine configures its journal. */
    static SingleChronicleQueue open(Path dir, boolean readOnly) {
        return SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY).blockSize(64L << 20)
                .readOnly(readOnly).build();
    }

    /** The journal directory of the ledger in {@code ledgerDir} (docs/format.md). */
    static Path journalOf(Path ledgerDir) {
        return ledgerDir.resolve("journal");
    }

    /** The exact bytes of the journal entry the engine writes for {@code envelope}. */
    static byte[] engineEntry(ExperienceEventEnvelope envelope) {
        final Path dir = TempStores.create("entry-size");
        try {
            try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
                store.appendEvent(envelope);
            }
            try (SingleChronicleQueue queue = open(journalOf(dir), true);
                 ExcerptTailer tailer = queue.createTailer()) {
                byte[] last = null;
                while (true) {
                    try (DocumentContext context = tailer.readingDocument()) {
                        if (!context.isPresent()) {
                            return last;
                        }
                        final Bytes<?> bytes = context.wire().bytes();
                        last = new byte[(int) bytes.readRemaining()];
                        bytes.read(last);
                    }
                }
            }
        } finally {
            TempStores.delete(dir);
        }
    }
}
