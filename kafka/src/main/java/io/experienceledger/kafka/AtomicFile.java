package io.experienceledger.kafka;

import io.experienceledger.files.FileModes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Replaces a small text file so that a reader sees the old content or the new, never a part. */
final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes {@code text} to a sibling temporary file, then moves it over {@code file}. */
    static void replace(Path file, CharSequence text) throws IOException {
        final Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp);
        // the ledger's mode before the text is in it
        FileModes.matchDirectory(temp);
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
