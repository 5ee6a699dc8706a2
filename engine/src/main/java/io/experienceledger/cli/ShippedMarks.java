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
import java.util.Properties;

/**
 * How far a ledger is shipped, as {@code ledger ship} records it after each committed transaction in
 * {@code DIR/shipped/<topic>.properties}: read for {@code ledger stats}. The engine only reads these files.
 */
final class ShippedMarks {
    private ShippedMarks() {
    }

    /** One topic's mark: entries shipped to it; a mark that cannot be read says why. */
    record Mark(String topic, long entries, String problem) {
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
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            return new Mark(properties.getProperty("topic", topic),
                    Long.parseLong(properties.getProperty("entries", "").trim()), null);
        } catch (IOException | IllegalArgumentException e) {
            return new Mark(topic, -1, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
