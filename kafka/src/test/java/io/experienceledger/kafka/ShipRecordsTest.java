package io.experienceledger.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The decimal header values of shipped records, written without a String. */
class ShipRecordsTest {
    @Test
    void decimalIsTheNumbersDigits() {
        for (long value : new long[] {0, 7, 9, 10, 99, 100, 12_345, 999_999_999_999L, Long.MAX_VALUE}) {
            assertEquals(Long.toString(value), new String(ShipRecords.decimal(value), StandardCharsets.US_ASCII));
        }
    }
}
