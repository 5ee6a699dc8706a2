package io.experienceledger.cli;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * The input of {@code ledger append}, read twice: once to check every line, once to append. A file is simply
 * opened again (and must not have changed in between); standard input is copied, while it is checked, to a
 * temporary file in {@code java.io.tmpdir} (non-blank lines only), which the second pass reads and which is
 * deleted on {@link #close()}.
 */
final class AppendInput implements Closeable {
    private final Path file;
    private final InputStream stdin;
    private final int maxLineBytes;
    private Path spill;
    private OutputStream spillOut;
    private long size = -1;
    private FileTime modified;

    private AppendInput(Path file, InputStream stdin, int maxLineBytes) {
        this.file = file;
        this.stdin = stdin;
        this.maxLineBytes = maxLineBytes;
    }

    /** The file, or standard input when {@code fileOrNull} is null. */
    static AppendInput of(Path fileOrNull, InputStream stdin, int maxLineBytes) {
        return new AppendInput(fileOrNull, stdin, maxLineBytes);
    }

    /** The input's size in bytes, or -1 when unknown (standard input); known once {@link #firstPass()} ran. */
    long size() {
        return size;
    }

    /** A reader for the checking pass; call {@link #keep} for every line the second pass must see. */
    LineReader firstPass() throws IOException {
        if (file == null) {
            spill = Files.createTempFile("ledger-append-", ".jsonl");
            spillOut = new BufferedOutputStream(Files.newOutputStream(spill), 1 << 16);
            return new LineReader(stdin, maxLineBytes);
        }
        if (Files.isDirectory(file)) {
            throw LedgerException.badInput(file + " is a directory, not a file of JSON lines");
        }
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file);
            return new LineReader(Files.newInputStream(file), maxLineBytes);
        } catch (NoSuchFileException e) {
            throw LedgerException.badInput("no such file: " + file);
        }
    }

    /** Keeps the reader's current line for the second pass (standard input only; a file is read again). */
    void keep(LineReader reader) throws IOException {
        if (spillOut != null) {
            reader.copyTo(spillOut);
        }
    }

    /** A reader for the appending pass: the same lines again (those kept, for standard input). */
    LineReader secondPass() throws IOException {
        if (file == null) {
            spillOut.close();
            spillOut = null;
            return new LineReader(Files.newInputStream(spill), maxLineBytes);
        }
        if (Files.size(file) != size || !Files.getLastModifiedTime(file).equals(modified)) {
            throw changed();
        }
        return new LineReader(Files.newInputStream(file), maxLineBytes);
    }

    /** The error for input that differs between the two passes. */
    LedgerException changed() {
        return LedgerException.badInput(file + " changed while it was being appended; nothing was appended");
    }

    @Override
    public void close() throws IOException {
        try {
            if (spillOut != null) {
                spillOut.close();
            }
        } finally {
            if (spill != null) {
                Files.deleteIfExists(spill);
            }
        }
    }
}
