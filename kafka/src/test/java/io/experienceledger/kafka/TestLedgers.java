package io.experienceledger.kafka;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.workload.SyntheticWorkload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Ledgers for the shipping tests: singles, batches of both kinds, entries without a tenant; and what they hold. */
final class TestLedgers {
    private TestLedgers() {
    }

    /** One entry as {@code ledger export} shows it, with the batch it was appended in (-1: alone). */
    record Entry(String json, String tenant, long batch) {
    }

    /** Appends {@code count} entries to the ledger in {@code dir} (created when missing), drawn from {@code seed}. */
    static void append(Path dir, int count, long seed) {
        final SyntheticWorkload workload = new SyntheticWorkload(seed, 5);
        final Random random = new Random(seed);
        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir)) {
            int written = 0;
            while (written < count) {
                final int shape = random.nextInt(10);
                final int size = Math.min(count - written, shape < 2 ? 2 + random.nextInt(60) : 1);
                if (shape == 0) {
                    final List<ExperienceRecord> batch = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        batch.add(workload.next());
                    }
                    store.appendBatch(batch.iterator());
                } else if (shape == 1) {
                    final List<ExperienceEventEnvelope> batch = new ArrayList<>();
                    while (batch.size() < size) {
                        if (workload.next() instanceof ExperienceRecord.Engine engine) {
                            batch.add(engine.value());
                        }
                    }
                    store.appendEvents(batch);
                } else if (shape == 2) {
                    store.appendEvent(ExperienceEventEnvelope.of("evt-no-tenant-" + seed + "-" + written,
                            new ExperienceEvent.BudgetExceeded(ChainId.of("c-" + written), BudgetResource.Named.Tokens,
                                    "1000", "1200")).withTimestamp("2026-04-28T12:00:00Z"));
                } else if (workload.next() instanceof ExperienceRecord.Engine engine) {
                    store.appendEvent(engine.value());
                } else {
                    continue;
                }
                written += size;
            }
        }
    }

    /** What the ledger in {@code dir} holds, in export order: the expected records of a complete ship. */
    static List<Entry> entries(Path dir) {
        try (ChronicleExperienceStore store = ChronicleExperienceStore.builder(dir).readOnly().open()) {
            return entries(store);
        }
    }

    /** What the open {@code store} holds, in export order. */
    static List<Entry> entries(ChronicleExperienceStore store) {
        final List<Entry> entries = new ArrayList<>();
        store.scanEntries(-1, (index, batch, record) -> entries.add(new Entry(ConvergeJson.writeAnyEnvelope(record),
                record.tenantId() == null ? null : record.tenantId().value(), batch)));
        return entries;
    }
}
