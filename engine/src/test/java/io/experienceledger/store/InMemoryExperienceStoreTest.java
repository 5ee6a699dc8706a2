package io.experienceledger.store;

/** Runs the {@link ExperienceStoreContractTest} contract against {@link InMemoryExperienceStore}. */
class InMemoryExperienceStoreTest extends ExperienceStoreContractTest {
    @Override
    protected ExperienceStore newStore() {
        return new InMemoryExperienceStore();
    }
}
