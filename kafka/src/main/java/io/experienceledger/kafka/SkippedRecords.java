package io.experienceledger.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.experienceledger.store.internal.AsciiStrings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The file {@code --skip-invalid FILE} names: one JSON object per line for each record the mirror went past because
 * it is not a shipped entry, with its coordinates, the reason and its value ({@code value}, UTF-8 text, or
 * {@code value_base64} when it is not UTF-8). Each line is written and forced to the device before the mirror's
 * batch that goes past the record commits, so a record is never skipped without a trace; after a crash between
 * the two, the next run skips it again and the file names it twice.
 */
final class SkippedRecords implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private OutputStream out;

    SkippedRecords(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    void write(ConsumerRecord<byte[], byte[]> record, String reason) {
        try {
            if (out == null) {
                if (Files.notExists(file)) {
                    // the records it keeps are ledger entries (or what claimed to be): as private as a ledger
                    try {
                        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                    } catch (UnsupportedOperationException | java.nio.file.FileAlreadyExistsException ignored) {
                        // no POSIX modes here, or created meanwhile: opened as it is
                    }
                }
                out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
            }
            final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            try (JsonGenerator json = JSON.createGenerator(line)) {
                json.writeStartObject();
                json.writeStringField("topic", record.topic());
                json.writeNumberField("partition", record.partition());
                json.writeNumberField("offset", record.offset());
                json.writeStringField("reason", reason);
                if (record.value() == null) {
                    json.writeNullField("value");
                } else {
                    final String text = utf8(record.value());
                    if (text != null) {
                        json.writeStringField("value", text);
                    } else {
                        json.writeStringField("value_base64", Base64.getEncoder().encodeToString(record.value()));
                    }
                }
                json.writeEndObject();
            }
            line.write('\n');
            out.write(line.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the skipped record to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // every line was already forced to the device
            }
            out = null;
        }
    }

    /** {@code value} as text, or null when it is not well-formed UTF-8. */
    static String utf8(byte[] value) {
        final String ascii = AsciiStrings.ofAscii(value, 0, value.length);
        if (ascii != null) {
            return ascii;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
