package io.experienceledger.kafka;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * How far a ledger has been shipped to one topic: the journal index of the last entry shipped (where the next scan
 * resumes) and the position of the next entry (entries shipped so far, the {@code experience-ledger.position} the
 * next record carries). Committed to the checkpoint topic in the same Kafka transaction as the records it covers.
 *
 * @param journalIndex the journal index of the last entry shipped, -1 before the first
 * @param position     the number of entries shipped: the position of the next one
 */
record ShipCheckpoint(long journalIndex, long position) {
    /** Nothing shipped yet. */
    static final ShipCheckpoint START = new ShipCheckpoint(-1, 0);

    private static final String JOURNAL_INDEX = "journal.index";
    private static final String POSITION = "position";

    /** As it is stored: two {@code name=value} lines, UTF-8. */
    byte[] encode() {
        return (JOURNAL_INDEX + "=" + journalIndex + "\n" + POSITION + "=" + position + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A checkpoint as {@link #encode} stored it.
     *
     * @throws IllegalArgumentException when {@code bytes} is not one
     */
    static ShipCheckpoint decode(byte[] bytes) {
        final Properties properties = new Properties();
        try {
            properties.load(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
            return new ShipCheckpoint(Long.parseLong(required(properties, JOURNAL_INDEX)),
                    Long.parseLong(required(properties, POSITION)));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalArgumentException("not a ship checkpoint: " + e.getMessage(), e);
        }
    }

    private static String required(Properties properties, String name) {
        final String value = properties.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException("not a ship checkpoint: " + name + " is missing");
        }
        return value.trim();
    }
}
