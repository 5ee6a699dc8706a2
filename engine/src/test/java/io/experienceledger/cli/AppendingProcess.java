package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.workload.SyntheticWorkload;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Another process appending to a ledger, for {@code tail --follow}: {@code main(DIR, COUNT)} opens the store
 * writable and appends {@link #plan(int)}: the first half one envelope at a time, 20 ms apart, then the engine
 * envelopes of the second half in one batch.
 */
final class AppendingProcess {
    private static final long SEED = 99;

    private AppendingProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        final List<ExperienceRecord> records = records(Integer.parseInt(args[1]));
        final int half = records.size() / 2;
        try (ChronicleExperienceStore store = Cli.openStore(Path.of(args[0]))) {
            for (ExperienceRecord record : records.subList(0, half)) {
                if (record instanceof ExperienceRecord.Engine engine) {
                    store.appendEvent(engine.value());
                } else {
                    store.appendUserEvent(((ExperienceRecord.User) record).value());
                }
                Thread.sleep(20);
            }
            store.appendEvents(engineOnly(records.subList(half, records.size())));
        }
    }

    /** What the process appends, in journal order. */
    static List<ExperienceRecord> plan(int count) {
        final List<ExperienceRecord> records = records(count);
        final List<ExperienceRecord> plan = new ArrayList<>(records.subList(0, records.size() / 2));
        engineOnly(records.subList(records.size() / 2, records.size()))
                .forEach(e -> plan.add(new ExperienceRecord.Engine(e)));
        return plan;
    }

    /** Starts the process; its standard error goes to {@code stderr}. */
    static Process start(Path dir, int count, Path stderr) throws IOException {
        return new ProcessBuilder(LedgerProcess.java(AppendingProcess.class, dir.toString(), String.valueOf(count)))
                .redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static List<ExperienceRecord> records(int count) {
        final SyntheticWorkload workload = new SyntheticWorkload(SEED);
        final List<ExperienceRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(workload.next());
        }
        return records;
    }

    private static List<ExperienceEventEnvelope> engineOnly(List<ExperienceRecord> records) {
        final List<ExperienceEventEnvelope> engine = new ArrayList<>();
        for (ExperienceRecord record : records) {
            if (record instanceof ExperienceRecord.Engine e) {
                engine.add(e.value());
            }
        }
        return engine;
    }
}
