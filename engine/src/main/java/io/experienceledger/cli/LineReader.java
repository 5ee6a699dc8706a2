package io.experienceledger.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 lines of bounded length from a stream, one at a time, so that input of any size is read in
 * constant memory. A line ends at {@code \n} (a {@code \r} before it is dropped) or at the end of the input. A
 * line longer than the limit, or one that is not valid UTF-8, is an error naming its line number, raised before
 * more than the limit is buffered.
 */
final class LineReader implements Closeable {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[1 << 16];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private int limit;
    private byte[] line = new byte[4096];
    private int length;
    private long number;
    private long bytesRead;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Reads the next line; false at the end of the input. */
    boolean next() throws IOException {
        length = 0;
        boolean started = false;
        while (true) {
            if (position == limit) {
                limit = Math.max(0, in.read(buffer));
                position = 0;
                bytesRead += limit;
                if (limit == 0) {
                    if (!started) {
                        return false;
                    }
                    break;
                }
            }
            started = true;
            final int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position - start);
            if (position < limit) {
                position++;
                break;
            }
        }
        number++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return true;
    }

    private void append(int start, int count) {
        if ((long) length + count > maxLineBytes) {
            throw LedgerException.badInput("line " + (number + 1) + ": longer than the limit of "
                    + Numbers.bytes(maxLineBytes));
        }
        if (length + count > line.length) {
            final byte[] grown = new byte[(int) Math.min(maxLineBytes, Math.max(2L * line.length, length + count))];
            System.arraycopy(line, 0, grown, 0, length);
            line = grown;
        }
        System.arraycopy(buffer, start, line, length, count);
        length += count;
    }

    /** The 1-based number of the current line. */
    long number() {
        return number;
    }

    /** Bytes consumed from the stream so far (a little ahead of the current line). */
    long bytesRead() {
        return bytesRead;
    }

    /** True when the current line holds only JSON whitespace (or nothing). */
    boolean isBlank() {
        for (int i = 0; i < length; i++) {
            final byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** The current line's length in bytes. */
    int length() {
        return length;
    }

    /** The current line as text. */
    String text() {
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = line[i] >= 0;
        }
        if (ascii) {
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw LedgerException.badInput("line " + number + ": not valid UTF-8");
        }
    }

    /** Writes the current line and a {@code \n} to {@code out}. */
    void copyTo(OutputStream out) throws IOException {
        out.write(line, 0, length);
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
