/**
 * A synthetic workload generator: {@link io.experienceledger.workload.SyntheticWorkload} makes an endless,
 * deterministic stream of realistic envelopes for {@code ledger demo} and for the benchmarks in {@code bench/}.
 * It is not part of the store API: nothing in the store, the journal or the index depends on it.
 */
package io.experienceledger.workload;
