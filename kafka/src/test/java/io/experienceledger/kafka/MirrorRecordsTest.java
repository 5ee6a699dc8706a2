package io.experienceledger.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Reading a record back as the mirror does: what makes it an entry, and each reason it is not one. */
class MirrorRecordsTest {
    private static final String LEDGER = "0123456789abcdef0123456789abcdef";

    private static String envelope(String eventId, String observed) {
        return ConvergeJson.writeAnyEnvelope(new ExperienceRecord.Engine(ExperienceEventEnvelope.of(eventId,
                new ExperienceEvent.BudgetExceeded(ChainId.of("c-1"), BudgetResource.Named.Tokens, "1000", observed))
                .withTimestamp("2026-04-28T12:00:00Z")));
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value, String... headers) {
        final RecordHeaders recordHeaders = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            recordHeaders.add(headers[i], headers[i + 1] == null ? null
                    : headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>("t", 0, 7, 0, TimestampType.CREATE_TIME, 0, value == null ? 0 : value.length,
                null, value, recordHeaders, Optional.empty());
    }

    private static ConsumerRecord<byte[], byte[]> record(String value, String... headers) {
        return record(value.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static String invalid(ConsumerRecord<byte[], byte[]> record) {
        final MirrorRecords.Decoded decoded = RECORDS.decode(record);
        assertNull(decoded.entry(), "an invalid record has no entry");
        return decoded.invalid();
    }

    @Test
    void aShippedRecordIsItsEnvelopeAtItsOrigin() {
        final String json = envelope("evt-1", "1200");
        final MirrorRecords.Decoded alone = RECORDS.decode(record(json, ShipRecords.LEDGER_ID, LEDGER,
                ShipRecords.POSITION, "41", ShipRecords.KIND, "BudgetExceeded"));
        assertNull(alone.invalid());
        assertEquals(json, ConvergeJson.writeAnyEnvelope(alone.entry().record()));
        assertEquals(LEDGER, alone.entry().origin().ledgerId());
        assertEquals(41, alone.entry().origin().position());
        assertEquals(-1, alone.batchStart());
        assertEquals(-1, alone.batchSize());

        final MirrorRecords.Decoded last = RECORDS.decode(record(json, ShipRecords.LEDGER_ID, LEDGER,
                ShipRecords.POSITION, "43", ShipRecords.BATCH, "40", ShipRecords.BATCH_SIZE, "4"));
        assertEquals(40, last.batchStart());
        assertEquals(4, last.batchSize());
        final MirrorRecords.Decoded inside = RECORDS.decode(record(json, ShipRecords.LEDGER_ID, LEDGER,
                ShipRecords.POSITION, "41", ShipRecords.BATCH, "40"));
        assertEquals(40, inside.batchStart());
        assertEquals(-1, inside.batchSize());
    }

    @Test
    void theLastHeaderOfANameCounts() {
        final MirrorRecords.Decoded decoded = RECORDS.decode(record(envelope("evt-1", "1200"),
                ShipRecords.POSITION, "x", ShipRecords.LEDGER_ID, LEDGER, ShipRecords.POSITION, "5"));
        assertNull(decoded.invalid());
        assertEquals(5, decoded.entry().origin().position());
    }

    @Test
    void textOutsideAsciiIsReadAsUtf8() {
        final String json = envelope("evt-2", "1 200 € ☃ 𝄞 ü");
        final MirrorRecords.Decoded decoded = RECORDS.decode(record(json, ShipRecords.LEDGER_ID, LEDGER,
                ShipRecords.POSITION, "0"));
        assertNull(decoded.invalid());
        assertEquals(json, ConvergeJson.writeAnyEnvelope(decoded.entry().record()));
    }

    @Test
    void eachReasonARecordIsNotAShippedEntryIsNamed() {
        final String json = envelope("evt-1", "1200");
        assertTrue(invalid(record(json, ShipRecords.POSITION, "1")).startsWith("it has no experience-ledger.id"));
        assertTrue(invalid(record(json, ShipRecords.LEDGER_ID, null, ShipRecords.POSITION, "1"))
                .startsWith("it has no experience-ledger.id"));
        assertEquals("its experience-ledger.position header is missing",
                invalid(record(json, ShipRecords.LEDGER_ID, LEDGER)));
        for (String position : new String[] {"", "-1", "1a", "١", "1234567890123456789", " 1"}) {
            assertEquals("its experience-ledger.position header is not a decimal number",
                    invalid(record(json, ShipRecords.LEDGER_ID, LEDGER, ShipRecords.POSITION, position)), position);
        }
        final String[][] badBatches = {
                {ShipRecords.BATCH_SIZE, "2"},                          // a size without a start
                {ShipRecords.BATCH, "9", ShipRecords.BATCH_SIZE, "2"},  // starts after the entry
                {ShipRecords.BATCH, "4", ShipRecords.BATCH_SIZE, "0"},  // empty
                {ShipRecords.BATCH, "x"},
        };
        for (String[] batch : badBatches) {
            final String[] headers = new String[4 + batch.length];
            headers[0] = ShipRecords.LEDGER_ID;
            headers[1] = LEDGER;
            headers[2] = ShipRecords.POSITION;
            headers[3] = "5";
            System.arraycopy(batch, 0, headers, 4, batch.length);
            assertTrue(invalid(record(json, headers)).startsWith("its batch headers"), String.join(" ", batch));
        }
        assertTrue(invalid(record(json, ShipRecords.LEDGER_ID, LEDGER.toUpperCase(), ShipRecords.POSITION, "1"))
                .endsWith("is not a ledger id of 32 lowercase hex digits"));
        assertEquals("it has no value",
                invalid(record((byte[]) null, ShipRecords.LEDGER_ID, LEDGER, ShipRecords.POSITION, "1")));
        final byte[] notUtf8 = json.getBytes(StandardCharsets.UTF_8);
        notUtf8[10] = (byte) 0xC3;
        notUtf8[11] = (byte) 0x28;
        assertEquals("its value is not UTF-8 text",
                invalid(record(notUtf8, ShipRecords.LEDGER_ID, LEDGER, ShipRecords.POSITION, "1")));
        assertTrue(invalid(record("{\"event_id\":", ShipRecords.LEDGER_ID, LEDGER, ShipRecords.POSITION, "1"))
                .startsWith("its value is not a valid converge envelope: "));
        final String emptyId = invalid(record(envelope("evt-1", "1200").replace("\"evt-1\"", "\"\""),
                ShipRecords.LEDGER_ID, LEDGER, ShipRecords.POSITION, "1"));
        assertTrue(emptyId.startsWith("its value is not a valid converge envelope: ")
                && emptyId.endsWith("event_id must not be empty"), emptyId);
    }

    @Test
    void aValueIsUtf8TextOnlyWhenEverySequenceIsWellFormed() {
        assertEquals("plain", SkippedRecords.utf8("plain".getBytes(StandardCharsets.UTF_8)));
        assertEquals("", SkippedRecords.utf8(new byte[0]));
        for (String text : new String[] {"é", "€ and ☃", "𝄞", "\uFFFD", "ab\uFFFDcd", "x\u0080"}) {
            assertEquals(text, SkippedRecords.utf8(text.getBytes(StandardCharsets.UTF_8)), text);
        }
        final byte[][] malformed = {{(byte) 0xC3}, {(byte) 0xC3, '('}, {'a', (byte) 0xFF, 'b'},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
        for (byte[] bytes : malformed) {
            assertNull(SkippedRecords.utf8(bytes), java.util.Arrays.toString(bytes));
        }
    }

    private static final MirrorRecords RECORDS = new MirrorRecords();
}
