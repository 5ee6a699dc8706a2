package io.experienceledger.kafka;

import io.experienceledger.files.AtomicFiles;
import io.experienceledger.files.FileModes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The local record of how far a ledger is shipped to one topic, {@code DIR/shipped/<topic>.properties}, rewritten
 * atomically after each committed transaction: for {@code ledger stats}, and so that retention can refuse to drop
 * entries not yet shipped. Kafka's checkpoint topic stays the truth a shipper resumes from; this file may lag it.
 */
final class ShipMark {
    /** The directory, inside a ledger directory, that holds the marks. */
    static final String DIRECTORY = "shipped";

    private final Path file;
    private final String topic;

    ShipMark(Path ledgerDir, String topic) {
        this.file = ledgerDir.resolve(DIRECTORY).resolve(topic + ".properties");
        this.topic = topic;
    }

    /** Records {@code checkpoint}; a failure to write is reported, the shipping itself is already committed. */
    void write(ShipCheckpoint checkpoint) {
        final String text = "# how far this ledger is shipped; Kafka's checkpoint topic is the truth\n"
                + "topic=" + topic + "\n"
                + "journal.index=" + checkpoint.journalIndex() + "\n"
                + "entries=" + checkpoint.position() + "\n";
        try {
            FileModes.createDirectories(file.getParent());
            AtomicFiles.replace(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record the shipped position in " + file + ": " + e.getMessage(), e);
        }
    }
}
