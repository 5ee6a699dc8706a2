package io.experienceledger.journal;

import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.RandomModel;
import io.experienceledger.model.UserExperienceEvent;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Payloads through a real Chronicle Queue: each document is a one-byte stand-in for the journal header (the
 * side and kind code) followed by the payload, written in {@code writingDocument()} and read back with a
 * tailer straight from the mapped file.
 */
class PayloadJournalTest {
    private static final int ENGINE = 0;
    private static final int USER = 1;

    @Test
    void engineAndUserEventsSurviveAQueue(@TempDir Path dir) {
        final long seed = 31L;
        final RandomModel random = new RandomModel(seed);
        final List<Object> written = new ArrayList<>();
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).build();
             ExcerptAppender appender = queue.createAppender()) {
            for (int i = 0; i < 600; i++) {
                final Object event = i % 2 == 0 ? random.engineEvent() : random.userEvent();
                try (DocumentContext dc = appender.writingDocument()) {
                    final Bytes<?> bytes = dc.wire().bytes();
                    if (event instanceof ExperienceEvent engine) {
                        bytes.writeUnsignedByte(ENGINE << 7 | PayloadCodes.EVENT_KIND.code(engine.kind()));
                        PayloadCodec.writeEvent(bytes, engine);
                    } else {
                        final UserExperienceEvent user = (UserExperienceEvent) event;
                        bytes.writeUnsignedByte(USER << 7 | UserEventKind.of(user).code());
                        PayloadCodec.writeUserEvent(bytes, user);
                    }
                }
                written.add(event);
            }
        }
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).readOnly(true).build();
             ExcerptTailer tailer = queue.createTailer()) {
            for (int i = 0; i < written.size(); i++) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    assertTrue(dc.isPresent(), "seed " + seed + ": entry " + i + " missing");
                    assertEquals(written.get(i), read(dc.wire().bytes()), "seed " + seed + ", entry " + i);
                }
            }
            try (DocumentContext dc = tailer.readingDocument()) {
                assertFalse(dc.isPresent());
            }
        }
    }

    private static Object read(Bytes<?> bytes) {
        final byte[] document = bytes.toByteArray();
        final int header = document[0] & 0xFF;
        final EntryInput in = new EntryInput().wrap(document, 1, document.length, 0);
        if (header >>> 7 == ENGINE) {
            final ExperienceEventKind kind = PayloadCodes.EVENT_KIND.constant(header & 0x7F);
            return PayloadCodec.readEvent(in, kind);
        }
        return PayloadCodec.readUserEvent(in, UserEventKind.ofCode(header & 0x7F));
    }
}
