package io.experienceledger.journal;

import io.experienceledger.store.ExperienceStore;
import io.experienceledger.store.ExperienceStoreContractTest;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the journal store, closing it after the writes and reading from a reopened store. */
class ChronicleStoreReopenContractTest extends ExperienceStoreContractTest {
    private final AtomicInteger stores = new AtomicInteger();

    @TempDir
    Path root;

    @Override
    protected ExperienceStore newStore() {
        return open(root.resolve("store-" + stores.incrementAndGet()));
    }

    @Override
    protected ExperienceStore afterWrites(ExperienceStore store) {
        final ChronicleExperienceStore journal = (ChronicleExperienceStore) store;
        journal.close();
        return open(journal.directory());
    }

    private static ChronicleExperienceStore open(Path dir) {
        return ChronicleExperienceStore.builder(dir).blockSize(1L << 20).maxEntryBytes(256 << 10).open();
    }
}
