package io.experienceledger.kafka;

import io.experienceledger.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The local copy of how far the central ledger has mirrored, {@code DIR/mirrored.properties}, rewritten atomically
 * after each committed batch: for {@code ledger stats}. The position in the ledger's own batch notes stays the
 * truth the mirror resumes from; this file may lag it.
 */
final class MirrorMark {
    /** The file's name inside a ledger directory. */
    static final String FILE = "mirrored.properties";

    private final Path file;

    MirrorMark(Path ledgerDir) {
        this.file = ledgerDir.resolve(FILE);
    }

    /** Records {@code position}; a failure to write is reported, the batch itself is already committed. */
    void write(MirrorPosition position, List<String> topics) {
        final StringBuilder text = new StringBuilder("# how far this ledger has mirrored; its batch notes are the truth\n")
                .append("topics=").append(String.join(",", topics)).append('\n')
                .append("entries=").append(position.entries()).append('\n')
                .append("skipped=").append(position.skipped()).append('\n');
        position.offsets().forEach((partition, offset) -> text.append("offset.").append(partition.topic()).append('.')
                .append(partition.partition()).append('=').append(offset).append('\n'));
        try {
            AtomicFiles.replace(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record the mirrored position in " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
