package io.experienceledger.kafka;

import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * An entry read from the ledger and encoded for its Kafka record ({@link EntryEncoder}), on its way to being sent.
 *
 * @param journalIndex the entry's journal index
 * @param batch        the journal index of its atomic batch's begin marker, or -1 for an entry appended alone
 * @param key          the record key: the tenant id in UTF-8, or null (shared by the entries of one tenant in a row)
 * @param value        the record value: the entry's export line in UTF-8, its own array
 * @param kind         the kind header (shared by every entry of the kind)
 * @param eventId      the entry's event id, to name it if its send fails
 */
record EncodedEntry(long journalIndex, long batch, byte[] key, byte[] value, RecordHeader kind, String eventId) {
}
