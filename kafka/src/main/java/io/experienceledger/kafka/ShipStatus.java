package io.experienceledger.kafka;

/**
 * Where a {@link LedgerShipper} stands: what is committed to Kafka, and what is not yet.
 *
 * @param topic        the topic shipped to
 * @param shipped      entries committed to the topic so far (the position of the next entry)
 * @param journalIndex the journal index of the last entry committed, -1 before the first
 * @param lag          committed ledger entries not yet shipped, counted when the status was taken
 * @param running      whether a background shipper ({@link LedgerShipper#start}) is running
 * @param failure      why the background shipper stopped, or null
 */
public record ShipStatus(String topic, long shipped, long journalIndex, long lag, boolean running, String failure) {
}
