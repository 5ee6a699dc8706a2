package io.experienceledger.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The records the shipper makes: each with its own key, value and headers, though their builders are reused. */
class ShipRecordsTest {
    private static final String LEDGER = "0123456789abcdef0123456789abcdef";

    @Test
    void decimalIsTheNumbersDigits() {
        for (long value : new long[] {0, 7, 9, 10, 99, 100, 12_345, 999_999_999_999L, Long.MAX_VALUE}) {
            assertEquals(Long.toString(value), new String(ShipRecords.decimal(value), StandardCharsets.US_ASCII));
        }
    }

    private static ExperienceRecord entry(String eventId, String tenant) {
        final ExperienceEventEnvelope envelope = ExperienceEventEnvelope.of(eventId,
                new ExperienceEvent.BudgetExceeded(ChainId.of("c-1"), BudgetResource.Named.Tokens, "1000", "1200"))
                .withTimestamp("2026-04-28T12:00:00Z");
        return new ExperienceRecord.Engine(tenant == null ? envelope : envelope.withTenant(tenant));
    }

    private static Map<String, String> headers(ProducerRecord<byte[], byte[]> record) {
        final Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Test
    void eachRecordKeepsItsOwnKeyValueAndHeadersWhileTheNextAreMade() {
        final ShipRecords records = new ShipRecords("audit", LEDGER);
        final EntryEncoder encoder = new EntryEncoder();
        final ExperienceRecord first = entry("evt-1", "acme");
        final ProducerRecord<byte[], byte[]> inBatch = records.record(encoder.encode(1, 0, first), 7, 5, 3);
        final ProducerRecord<byte[], byte[]> alone = records.record(encoder.encode(2, -1, entry("evt-2", "acme")), 8,
                -1, -1);
        final ProducerRecord<byte[], byte[]> otherTenant = records.record(encoder.encode(3, -1,
                entry("evt-3", "globex")), 9, -1, -1);
        final ProducerRecord<byte[], byte[]> noTenant = records.record(encoder.encode(4, 4, entry("evt-4", null)), 10,
                10, -1);

        assertEquals(Map.of(ShipRecords.LEDGER_ID, LEDGER, ShipRecords.POSITION, "7",
                ShipRecords.KIND, "BudgetExceeded", ShipRecords.BATCH, "5", ShipRecords.BATCH_SIZE, "3"),
                headers(inBatch));
        assertEquals(ConvergeJson.writeAnyEnvelope(first), new String(inBatch.value(), StandardCharsets.UTF_8));
        assertEquals(Map.of(ShipRecords.LEDGER_ID, LEDGER, ShipRecords.POSITION, "8",
                ShipRecords.KIND, "BudgetExceeded"), headers(alone));
        assertEquals(Map.of(ShipRecords.LEDGER_ID, LEDGER, ShipRecords.POSITION, "10",
                ShipRecords.KIND, "BudgetExceeded", ShipRecords.BATCH, "10"), headers(noTenant));
        assertArrayEquals("acme".getBytes(StandardCharsets.UTF_8), inBatch.key());
        assertArrayEquals("acme".getBytes(StandardCharsets.UTF_8), alone.key());
        assertArrayEquals("globex".getBytes(StandardCharsets.UTF_8), otherTenant.key());
        assertNull(noTenant.key());
        assertEquals("audit", noTenant.topic());
    }
}
