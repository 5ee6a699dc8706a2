package io.experienceledger.cli;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.InMemoryExperienceStore;
import io.experienceledger.workload.SyntheticWorkload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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

    /** Canonical JSON lines of {@code envelopes}. */
    static String lines(List<ExperienceEventEnvelope> envelopes) {
        return lines(envelopes, ConvergeJson::write);
    }

    /** Canonical JSON lines of {@code records}, each with its {@code kind}/{@code value} wrapping. */
    static String recordLines(List<ExperienceRecord> records) {
        return lines(records, ConvergeJson::write);
    }

    private static <T> String lines(List<T> values, Function<T, String> writer) {
        final StringBuilder out = new StringBuilder();
        for (T value : values) {
            out.append(writer.apply(value)).append('\n');
        }
        return out.toString();
    }
}
