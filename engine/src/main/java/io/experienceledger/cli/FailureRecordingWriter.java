package io.experienceledger.cli;

import java.io.IOException;
import java.io.Writer;

/**
 * Passes everything to the writer beneath and remembers the first {@link IOException} it threw. A
 * {@link java.io.PrintWriter} on top swallows that exception and keeps only a flag; this keeps the exception, so
 * that a reader that went away (a broken pipe) can be told apart from a write that failed (a full disk).
 */
final class FailureRecordingWriter extends Writer {
    private final Writer out;
    private volatile IOException failure;

    FailureRecordingWriter(Writer out) {
        this.out = out;
    }

    /** The first exception the writer beneath threw, or null. */
    IOException failure() {
        return failure;
    }

    @Override
    public void write(int c) throws IOException {
        try {
            out.write(c);
        } catch (IOException e) {
            throw record(e);
        }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        try {
            out.write(chars, offset, length);
        } catch (IOException e) {
            throw record(e);
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        try {
            out.write(text, offset, length);
        } catch (IOException e) {
            throw record(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw record(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            throw record(e);
        }
    }

    private IOException record(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}
