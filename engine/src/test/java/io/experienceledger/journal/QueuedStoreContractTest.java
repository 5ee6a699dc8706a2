package io.experienceledger.journal;

import io.experienceledger.store.ExperienceStore;
import io.experienceledger.store.ExperienceStoreContractTest;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the journal store with queued appends: every read first appends what is queued. */
class QueuedStoreContractTest extends ExperienceStoreContractTest {
    private final AtomicInteger stores = new AtomicInteger();

    @TempDir
    Path root;

    @Override
    protected ExperienceStore newStore() {
        return ChronicleExperienceStore.builder(root.resolve("store-" + stores.incrementAndGet()))
                .blockSize(1L << 20).maxEntryBytes(256 << 10).queuedAppends().open();
    }
}
