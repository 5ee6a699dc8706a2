package io.experienceledger.journal;

import java.util.Map;

/**
 * What a ledger holds: visible entries by tenant and kind, bytes on disk, and the side index's state.
 *
 * @param entries            visible envelope entries (both sides)
 * @param byTenantAndKind    tenant ("" when absent) to kind name to count, sorted by tenant then kind
 * @param journalBytes       bytes on disk of the journal files
 * @param indexBytes         bytes on disk of the side index
 * @param indexedEntries     entries covered by the side index
 * @param indexState         what opening the index found (OPENED, or why it was rebuilt)
 * @param damage             what was wrong with the first damaged entry, or null when the journal is intact
 * @param origins            for the entries copied from other ledgers ({@link Mirroring}): origin ledger id to
 *                           what is held of it, sorted by id; empty when no entry has an origin
 */
public record LedgerStats(long entries, Map<String, Map<String, Long>> byTenantAndKind, long journalBytes,
                          long indexBytes, long indexedEntries, String indexState, String damage,
                          Map<String, OriginStats> origins) {
}
