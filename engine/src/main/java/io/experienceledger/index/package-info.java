/**
 * Settings of the journal store's side index: {@link io.experienceledger.index.IndexOptions}, passed to
 * {@link io.experienceledger.journal.ChronicleExperienceStore.Builder#indexOptions}. The index itself lives in
 * {@code io.experienceledger.index.internal}, which is not API.
 */
package io.experienceledger.index;
