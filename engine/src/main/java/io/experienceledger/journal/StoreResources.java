package io.experienceledger.journal;

import io.experienceledger.store.ExperienceStoreException;

/** Closes what a store opened, all of it even when one fails, and reports the first failure as a storage error. */
final class StoreResources {
    private StoreResources() {
    }

    /**
     * Closes each non-null resource in order.
     *
     * @throws ExperienceStoreException a storage error with the first failure, the others suppressed in it
     */
    static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = ExperienceStoreException.storageError("closing the store failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
