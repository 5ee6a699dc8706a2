package io.experienceledger.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * How far a ledger is shipped, as {@code ledger ship} records it after each committed transaction in
 * {@code DIR/shipped/<topic>.properties}, and how far it has mirrored, as {@code ledger mirror} records it after
 * committed batches (at most once a second, and at the end of each pass) in {@code DIR/mirrored.properties}: read
 * for {@code ledger stats}. The engine only reads these files.
 */
final class ShippedMarks {
    private ShippedMarks() {
    }

    /** One topic's mark: entries shipped to it; a mark that cannot be read says why. */
    record Mark(String topic, long entries, String problem) {
    }

    /**
     * How far the ledger has mirrored: its topics, entries appended and invalid records skipped in all; a mark
     * that cannot be read says why.
     */
    record Mirrored(String topics, long entries, long skipped, String problem) {
    }

    /** The mirror's mark in {@code ledgerDir}, if the ledger was ever mirrored into. */
    static Optional<Mirrored> readMirrored(Path ledgerDir) {
        final Path file = ledgerDir.resolve("mirrored.properties");
        if (Files.notExists(file)) {
            return Optional.empty();
        }
        try {
            final Properties properties = load(file);
            return Optional.of(new Mirrored(properties.getProperty("topics", "?"),
                    Long.parseLong(properties.getProperty("entries", "").trim()),
                    Long.parseLong(properties.getProperty("skipped", "").trim()), null));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(new Mirrored("?", -1, -1, "cannot read " + file + ": " + e.getMessage()));
        }
    }

    /** The marks in {@code ledgerDir}, by file name; none when nothing was ever shipped. */
    static List<Mark> read(Path ledgerDir) {
        final List<Mark> marks = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ledgerDir.resolve("shipped"), "*.properties")) {
            for (Path file : files) {
                marks.add(readMark(file));
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            marks.add(new Mark("?", -1, "cannot list " + ledgerDir.resolve("shipped") + ": " + e.getMessage()));
        }
        marks.sort((a, b) -> a.topic().compareTo(b.topic()));
        return marks;
    }

    private static Mark readMark(Path file) {
        final String name = file.getFileName().toString();
        final String topic = name.substring(0, name.length() - ".properties".length());
        try {
            final Properties properties = load(file);
            return new Mark(properties.getProperty("topic", topic),
                    Long.parseLong(properties.getProperty("entries", "").trim()), null);
        } catch (IOException | IllegalArgumentException e) {
            return new Mark(topic, -1, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Properties load(Path file) throws IOException {
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
