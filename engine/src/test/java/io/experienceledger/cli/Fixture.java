package io.experienceledger.cli;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.InMemoryExperienceStore;
import io.experienceledger.workload.SyntheticWorkload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small realistic ledger for the read commands: the first {@link #SIZE} envelopes of a {@link SyntheticWorkload}
 * in a store on disk, and the same envelopes in an {@link InMemoryExperienceStore}, the oracle of what queries
 * answer.
 */
final class Fixture {
    static final int SIZE = 600;
    static final int TENANTS = 4;

    final Path store;
    final List<ExperienceRecord> records;
    final InMemoryExperienceStore oracle = new InMemoryExperienceStore();

    private Fixture(Path store, List<ExperienceRecord> records) {
        this.store = store;
        this.records = records;
        for (ExperienceRecord record : records) {
            if (record instanceof ExperienceRecord.Engine engine) {
                oracle.appendEvent(engine.value());
            } else {
                oracle.appendUserEvent(((ExperienceRecord.User) record).value());
            }
        }
    }

    /** The fixture, written to a new store in {@code dir}. */
    static Fixture create(Path dir) {
        final SyntheticWorkload workload = new SyntheticWorkload(11, TENANTS);
        final List<ExperienceRecord> records = new ArrayList<>(SIZE);
        for (int i = 0; i < SIZE; i++) {
            records.add(workload.next());
        }
        final Path store = dir.resolve("ledger");
        Cli.appendAll(store, records);
        return new Fixture(store, List.copyOf(records));
    }

    String storeArg() {
        return store.toString();
    }

    /** Canonical JSON lines of {@code values}. */
    static String lines(List<?> values) {
        final StringBuilder out = new StringBuilder();
        for (Object value : values) {
            out.append(ConvergeJson.write(value)).append('\n');
        }
        return out.toString();
    }
}
