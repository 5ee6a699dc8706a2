package io.experienceledger.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator itself: deterministic per seed, and its values are valid in the senses it documents. */
class RandomModelTest {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final JsonFactory JSON = new JsonFactory();

    @Test
    void sameSeedSameValues() {
        final RandomModel a = new RandomModel(42L);
        final RandomModel b = new RandomModel(42L);
        for (int i = 0; i < 500; i++) {
            assertEquals(a.engineEnvelope(), b.engineEnvelope(), "seed 42, value " + i);
            assertEquals(a.userEnvelope(), b.userEnvelope(), "seed 42, value " + i);
        }
    }

    @Test
    void envelopesPassWriteValidation() {
        final long seed = 43L;
        final RandomModel random = new RandomModel(seed);
        int withoutTenant = 0;
        for (int i = 0; i < 2_000; i++) {
            final ExperienceEventEnvelope engine = random.engineEnvelope();
            final UserExperienceEventEnvelope user = random.userEnvelope();
            assertValid(engine.eventId().value(), engine.occurredAt(), engine.tenantId(), engine.correlationId(),
                    "seed " + seed + " engine " + i);
            assertValid(user.eventId().value(), user.occurredAt(), user.tenantId(), user.correlationId(),
                    "seed " + seed + " user " + i);
            withoutTenant += engine.tenantId() == null ? 1 : 0;
        }
        assertTrue(withoutTenant > 100 && withoutTenant < 1_000, "tenant absent " + withoutTenant + " of 2000");
    }

    @Test
    void textIsWellFormedUnicodeWithEdgeCases() {
        final long seed = 44L;
        final RandomModel random = new RandomModel(seed);
        boolean empty = false;
        boolean astral = false;
        boolean control = false;
        boolean longText = false;
        for (int i = 0; i < 20_000; i++) {
            final String text = random.text();
            assertEquals(text, new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                    "seed " + seed + " text " + i + " has an unpaired surrogate");
            empty |= text.isEmpty();
            astral |= text.codePoints().anyMatch(c -> c > 0xFFFF);
            control |= text.chars().anyMatch(c -> c < 0x20);
            longText |= text.length() > 1_000;
        }
        assertTrue(empty && astral && control && longText, "seed " + seed);
    }

    @Test
    void jsonValuesAreCompactWellFormedJson() throws IOException {
        final long seed = 45L;
        final RandomModel random = new RandomModel(seed);
        for (int i = 0; i < 5_000; i++) {
            final String json = random.jsonValue().json();
            final String where = "seed " + seed + " json " + i + ": " + json;
            try (JsonParser parser = JSON.createParser(json)) {
                int depth = 0;
                do {
                    final JsonToken token = parser.nextToken();
                    depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                } while (depth > 0);
                assertNull(parser.nextToken(), where);
            }
            assertFalse(outsideStrings(json).matches("(?s).*\\s.*"), where);
        }
    }

    @Test
    void unsignedAndFloatEdgesAppear() {
        final RandomModel random = new RandomModel(46L);
        boolean u64Max = false;
        boolean above2to53 = false;
        boolean u32Max = false;
        boolean negativeZero = false;
        for (int i = 0; i < 5_000; i++) {
            final long u64 = random.u64();
            u64Max |= u64 == -1L;
            above2to53 |= u64 == (1L << 53) + 1;
            final long u32 = random.u32();
            assertTrue(u32 >= 0 && u32 <= 0xFFFF_FFFFL, "u32 " + u32);
            u32Max |= u32 == 0xFFFF_FFFFL;
            final float f32 = random.f32();
            assertTrue(Float.isFinite(f32), "f32 " + f32);
            negativeZero |= Float.floatToRawIntBits(f32) == Float.floatToRawIntBits(-0.0f);
            final double unit = random.unitInterval();
            assertTrue(unit >= 0.0 && unit <= 1.0, "unit " + unit);
        }
        assertTrue(u64Max && above2to53 && u32Max && negativeZero);
    }

    private static void assertValid(String id, String occurredAt, TenantId tenant, CorrelationId correlation,
                                    String where) {
        assertTrue(IDENTIFIER.matcher(id).matches(), where + ": event id " + id);
        assertFalse(occurredAt.isEmpty(), where);
        assertTrue(occurredAt.getBytes(StandardCharsets.UTF_8).length <= 64, where + ": occurred_at " + occurredAt);
        assertTrue(tenant == null || IDENTIFIER.matcher(tenant.value()).matches(), where + ": tenant " + tenant);
        assertTrue(correlation == null || IDENTIFIER.matcher(correlation.value()).matches(),
                where + ": correlation " + correlation);
    }

    /** The JSON text with the contents of its string literals removed. */
    private static String outsideStrings(String json) {
        final StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            final char c = json.charAt(i);
            if (inString && c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (!inString) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
