package io.experienceledger.store.internal;

import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventId;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.ExperienceStoreException;
import io.experienceledger.store.StoreFixtures;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.experienceledger.store.StoreFixtures.T1;
import static io.experienceledger.store.StoreFixtures.engine;
import static io.experienceledger.store.StoreFixtures.user;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeValidatorTest {
    private static final String INVALID_CHARS = " contains invalid characters; only alphanumeric, '-', '_', '.' are allowed";
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]+");

    // ------------------------------------------------ spec 12.4 (validate.rs unit tests)

    @Test
    void validEnvelopePasses() {
        assertDoesNotThrow(() -> EnvelopeValidator.validate(engine("evt-001", T1)));
        assertNull(EnvelopeValidator.violationOf(engine("evt-001", T1)));
    }

    @Test
    void validEnvelopeWithDotsAndUnderscores() {
        assertNull(EnvelopeValidator.violationOf(engine("evt_001.abc", T1)));
    }

    @Test
    void emptyEventIdRejected() {
        assertRejected(engine("", T1), "event_id must not be empty");
    }

    @Test
    void eventIdWithSlashesRejected() {
        assertRejected(engine("../../admin:hack", T1), "event_id" + INVALID_CHARS);
    }

    @Test
    void eventIdWithSpacesRejected() {
        assertRejected(engine("evt 001", T1), "event_id" + INVALID_CHARS);
    }

    @Test
    void eventIdWithColonRejected() {
        assertRejected(engine("table:record", T1), "event_id" + INVALID_CHARS);
    }

    @Test
    void oversizedEventIdRejected() {
        assertRejected(engine("a".repeat(257), T1), "event_id exceeds maximum length of 256 characters");
    }

    @Test
    void tenantIdWithInjectionRejected() {
        assertRejected(engine("evt-1", T1).withTenant("tenant'; DROP TABLE event;--"), "tenant_id" + INVALID_CHARS);
    }

    @Test
    void correlationIdWithInjectionRejected() {
        assertRejected(engine("evt-1", T1).withCorrelation("corr\u0000x"), "correlation_id" + INVALID_CHARS);
    }

    @Test
    void validTenantAndCorrelationPass() {
        assertNull(EnvelopeValidator.violationOf(engine("evt-1", T1).withTenant("tenant-abc").withCorrelation("corr-xyz-123")));
    }

    @Test
    void userEnvelopeRejectsMalformedEventId() {
        final ExperienceStoreException e = assertThrows(ExperienceStoreException.class,
                () -> EnvelopeValidator.validate(user("../../admin:hack", T1)));
        assertEquals(ExperienceStoreException.Kind.INVALID_QUERY, e.kind());
        assertEquals("Invalid query: event_id" + INVALID_CHARS, e.getMessage());
    }

    // ------------------------------------------------ boundaries and order (spec 10.2)

    @Test
    void identifierLengthLimitIs256Bytes() {
        assertNull(EnvelopeValidator.violationOf("a".repeat(256), T1, "b".repeat(256), "c".repeat(256)));
        assertEquals("event_id exceeds maximum length of 256 characters",
                EnvelopeValidator.violationOf("a".repeat(257), T1, null, null));
        assertEquals("tenant_id exceeds maximum length of 256 characters",
                EnvelopeValidator.violationOf("a", T1, "b".repeat(257), null));
        assertEquals("correlation_id exceeds maximum length of 256 characters",
                EnvelopeValidator.violationOf("a", T1, null, "c".repeat(257)));
    }

    @Test
    void identifierLengthIsCheckedInBytesBeforeCharacters() {
        // 150 x U+00E9 = 300 bytes: reported as too long, not as invalid characters.
        assertEquals("event_id exceeds maximum length of 256 characters",
                EnvelopeValidator.violationOf("\u00e9".repeat(150), T1, null, null));
        // 129 x U+00E9 = 258 bytes in 129 chars.
        assertEquals("event_id exceeds maximum length of 256 characters",
                EnvelopeValidator.violationOf("\u00e9".repeat(129), T1, null, null));
        // 128 x U+00E9 = 256 bytes: within the limit, so the characters are what fails.
        assertEquals("event_id" + INVALID_CHARS, EnvelopeValidator.violationOf("\u00e9".repeat(128), T1, null, null));
        // 64 emoji = 128 chars, 256 bytes; 65 emoji = 260 bytes.
        assertEquals("event_id" + INVALID_CHARS, EnvelopeValidator.violationOf("\uD83D\uDE00".repeat(64), T1, null, null));
        assertEquals("event_id exceeds maximum length of 256 characters",
                EnvelopeValidator.violationOf("\uD83D\uDE00".repeat(65), T1, null, null));
        // 255 ASCII bytes and one two-byte character: 257 bytes.
        assertEquals("tenant_id exceeds maximum length of 256 characters",
                EnvelopeValidator.violationOf("a", T1, "a".repeat(255) + "\u00e9", null));
    }

    @Test
    void occurredAtLimitIs64BytesWithoutCharacterRule() {
        assertNull(EnvelopeValidator.violationOf("a", "x".repeat(64), null, null));
        assertNull(EnvelopeValidator.violationOf("a", "\u00e9".repeat(32), null, null));
        assertNull(EnvelopeValidator.violationOf("a", "\u20ac".repeat(21) + "x", null, null));
        assertNull(EnvelopeValidator.violationOf("a", "\uD83D\uDE00".repeat(16), null, null));
        assertNull(EnvelopeValidator.violationOf("a", "yesterday \u0000 /:", null, null));
        assertEquals("occurred_at exceeds maximum length of 64 characters", EnvelopeValidator.violationOf("a", "x".repeat(65), null, null));
        assertEquals("occurred_at exceeds maximum length of 64 characters", EnvelopeValidator.violationOf("a", "\u00e9".repeat(33), null, null));
        assertEquals("occurred_at exceeds maximum length of 64 characters", EnvelopeValidator.violationOf("a", "\u20ac".repeat(22), null, null));
        assertEquals("occurred_at exceeds maximum length of 64 characters",
                EnvelopeValidator.violationOf("a", "\uD83D\uDE00".repeat(16) + "x", null, null));
        assertEquals("occurred_at must not be empty", EnvelopeValidator.violationOf("a", "", null, null));
        assertEquals("occurred_at must not be empty", EnvelopeValidator.occurredAtViolation(""));
        assertNull(EnvelopeValidator.occurredAtViolation("lamport:0"));
    }

    @Test
    void absentTenantAndCorrelationPassButEmptyOnesFail() {
        assertNull(EnvelopeValidator.violationOf("a", T1, null, null));
        assertEquals("tenant_id must not be empty", EnvelopeValidator.violationOf("a", T1, "", null));
        assertEquals("correlation_id must not be empty", EnvelopeValidator.violationOf("a", T1, null, ""));
    }

    @Test
    void checksRunInOrderAndReportTheFirstFailure() {
        assertEquals("event_id must not be empty", EnvelopeValidator.violationOf("", "", "", ""));
        assertEquals("occurred_at must not be empty", EnvelopeValidator.violationOf("a", "", "", ""));
        assertEquals("tenant_id must not be empty", EnvelopeValidator.violationOf("a", T1, "", ""));
        assertEquals("correlation_id must not be empty", EnvelopeValidator.violationOf("a", T1, "t", ""));
        assertEquals("event_id" + INVALID_CHARS, EnvelopeValidator.violationOf("a b", "x".repeat(65), "t t", "c c"));
        assertEquals("occurred_at exceeds maximum length of 64 characters",
                EnvelopeValidator.violationOf("a", "x".repeat(65), "t t", "c c"));
        assertEquals("tenant_id" + INVALID_CHARS, EnvelopeValidator.violationOf("a", T1, "t t", "c c"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"\u00e9", "evt-\u00e9", "\u0661", "\uFF21", "evt\u0000", " ", "a b", "/", ":", "@", "#", "+", "~",
            "\u007f", "\t", "\n", "'", "\"", "\\", "evt-\uD83D\uDE00", "\uD800", "a,b", "a;b", "*", "!"})
    void disallowedCharactersAreInvalid(String id) {
        assertEquals("event_id" + INVALID_CHARS, EnvelopeValidator.violationOf(id, T1, null, null));
        assertFalse(EnvelopeValidator.isValidIdentifier(id));
    }

    @Test
    void everyAllowedAsciiCharacterIsValidAndNoOtherAsciiIs() {
        for (char c = 0; c < 128; c++) {
            final boolean expected = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            assertEquals(expected, EnvelopeValidator.isValidIdentifier("x" + c + "x"), "character " + (int) c);
            assertEquals(expected, EnvelopeValidator.isAllowedIdentifierChar(c), "character " + (int) c);
        }
        for (int c = 128; c <= 0xFFFF; c++) {
            assertFalse(EnvelopeValidator.isAllowedIdentifierChar((char) c), "character " + c);
            assertFalse(EnvelopeValidator.isValidIdentifier("x" + (char) c + "x"), "character " + c);
        }
    }

    @Test
    void userEnvelopesFollowTheSameRules() {
        final UserExperienceEventEnvelope u = user("evt-1", T1);
        assertNull(EnvelopeValidator.violationOf(u));
        assertEquals("event_id must not be empty", EnvelopeValidator.violationOf(user("", T1)));
        assertEquals("occurred_at must not be empty", EnvelopeValidator.violationOf(u.withTimestamp("")));
        assertEquals("tenant_id" + INVALID_CHARS, EnvelopeValidator.violationOf(u.withTenant("a b")));
        assertEquals("correlation_id must not be empty", EnvelopeValidator.violationOf(u.withCorrelation("")));
        assertDoesNotThrow(() -> EnvelopeValidator.validate(u));
    }

    @Test
    void utf8LengthCountsBytes() {
        assertEquals(0, EnvelopeValidator.utf8Length(""));
        assertEquals(3, EnvelopeValidator.utf8Length("abc"));
        assertEquals(2, EnvelopeValidator.utf8Length("\u00e9"));
        assertEquals(2, EnvelopeValidator.utf8Length("\u07ff"));
        assertEquals(3, EnvelopeValidator.utf8Length("\u0800"));
        assertEquals(3, EnvelopeValidator.utf8Length("\u20ac"));
        assertEquals(3, EnvelopeValidator.utf8Length("\uFFFF"));
        assertEquals(4, EnvelopeValidator.utf8Length("\uD83D\uDE00"));
        assertEquals(4, EnvelopeValidator.utf8Length("\uDBFF\uDFFF"));
        // Unpaired surrogates: one replacement byte each, as String.getBytes(UTF_8) writes them.
        assertEquals(1, EnvelopeValidator.utf8Length("\uD83D"));
        assertEquals(1, EnvelopeValidator.utf8Length("\uDE00"));
        assertEquals(2, EnvelopeValidator.utf8Length("\uDE00\uD83D"));
        assertEquals(2, EnvelopeValidator.utf8Length("a\uD83D"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 2L, 3L, 42L, 31_337L})
    void utf8LengthEqualsTheEncodedLength(long seed) {
        final Random random = new Random(seed);
        for (int n = 0; n < 2_000; n++) {
            final String s = randomString(random);
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, EnvelopeValidator.utf8Length(s),
                    "seed " + seed + ", case " + n + ": " + escape(s));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 2L, 3L, 42L, 31_337L})
    void randomEnvelopesAreJudgedAsTheSpecSays(long seed) {
        final Random random = new Random(seed);
        for (int n = 0; n < 2_000; n++) {
            final String eventId = randomString(random);
            final String occurredAt = randomString(random);
            final String tenant = random.nextInt(3) == 0 ? null : randomString(random);
            final String correlation = random.nextInt(3) == 0 ? null : randomString(random);
            final String expected = specViolation(eventId, occurredAt, tenant, correlation);
            final String context = "seed " + seed + ", case " + n + ": " + escape(eventId) + " / " + escape(occurredAt)
                    + " / " + escape(tenant) + " / " + escape(correlation);
            assertEquals(expected, EnvelopeValidator.violationOf(eventId, occurredAt, tenant, correlation), context);
            final ExperienceEventEnvelope e = new ExperienceEventEnvelope(new EventId(eventId), occurredAt,
                    tenant == null ? null : new TenantId(tenant), correlation == null ? null : new CorrelationId(correlation),
                    StoreFixtures.outcome("c-1"));
            assertEquals(expected, EnvelopeValidator.violationOf(e), context);
            final UserExperienceEventEnvelope u = new UserExperienceEventEnvelope(new EventId(eventId), occurredAt,
                    tenant == null ? null : new TenantId(tenant), correlation == null ? null : new CorrelationId(correlation),
                    StoreFixtures.userEvent(StoreFixtures.UserKind.APPROVAL_GRANTED));
            assertEquals(expected, EnvelopeValidator.violationOf(u), context);
            assertEquals(specIdentifierViolation("event_id", eventId) == null, EnvelopeValidator.isValidIdentifier(eventId), context);
        }
    }

    @Test
    void validationOfAsciiEnvelopesAllocatesNothing() {
        final java.lang.management.ThreadMXBean plain = ManagementFactory.getThreadMXBean();
        assertTrue(plain instanceof com.sun.management.ThreadMXBean, "allocation counters unavailable");
        final com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) plain;
        assertTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled(), "allocation counters off");
        final ExperienceEventEnvelope envelope = engine("evt-0123456789-abcdef.ghi_jkl", "2026-05-10T08:30:00.123456Z")
                .withTenant("tenant-alpha").withCorrelation("corr-0123456789");
        final UserExperienceEventEnvelope userEnvelope = user("user-evt-1", "2026-05-10T08:30:00Z")
                .withTenant("tenant-alpha").withCorrelation("corr-1");
        final int rounds = 50_000;
        int failures = 0;
        for (int i = 0; i < rounds; i++) {
            failures += EnvelopeValidator.violationOf(envelope) == null ? 0 : 1;
        }
        final long threadId = Thread.currentThread().getId();
        final long before = bean.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < rounds; i++) {
            EnvelopeValidator.validate(envelope);
            EnvelopeValidator.validate(userEnvelope);
            failures += EnvelopeValidator.violationOf(envelope) == null ? 0 : 1;
        }
        final long allocated = bean.getThreadAllocatedBytes(threadId) - before;
        assertEquals(0, failures);
        // One allocation per call would be at least 16 bytes x 600 000 calls; allow a little for the counter itself.
        assertTrue(allocated < 64 * 1024, "validation allocated " + allocated + " bytes over " + (3 * rounds) + " calls");
    }

    // ------------------------------------------------ helpers

    private static void assertRejected(ExperienceEventEnvelope envelope, String detail) {
        final ExperienceStoreException e = assertThrows(ExperienceStoreException.class, () -> EnvelopeValidator.validate(envelope));
        assertEquals(ExperienceStoreException.Kind.INVALID_QUERY, e.kind());
        assertEquals(detail, e.detail());
        assertEquals("Invalid query: " + detail, e.getMessage());
        assertEquals(detail, EnvelopeValidator.violationOf(envelope));
    }

    /** Spec 10.2, written directly from its text. */
    private static String specViolation(String eventId, String occurredAt, String tenant, String correlation) {
        String v = specIdentifierViolation("event_id", eventId);
        if (v == null) {
            if (occurredAt.isEmpty()) {
                v = "occurred_at must not be empty";
            } else if (occurredAt.getBytes(StandardCharsets.UTF_8).length > 64) {
                v = "occurred_at exceeds maximum length of 64 characters";
            }
        }
        if (v == null && tenant != null) {
            v = specIdentifierViolation("tenant_id", tenant);
        }
        if (v == null && correlation != null) {
            v = specIdentifierViolation("correlation_id", correlation);
        }
        return v;
    }

    private static String specIdentifierViolation(String field, String value) {
        if (value.isEmpty()) {
            return field + " must not be empty";
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > 256) {
            return field + " exceeds maximum length of 256 characters";
        }
        if (!ALLOWED.matcher(value).matches()) {
            return field + INVALID_CHARS;
        }
        return null;
    }

    /** Strings biased towards the interesting lengths (0, around 64, around 256) and character classes. */
    static String randomString(Random random) {
        final int[] lengths = {0, 1, 5, 21, 22, 32, 63, 64, 65, 66, 85, 86, 128, 129, 255, 256, 257, 258, 300};
        final int target = random.nextInt(4) == 0 ? random.nextInt(301) : lengths[random.nextInt(lengths.length)];
        final boolean mostlyAllowed = random.nextInt(3) != 0;
        final StringBuilder s = new StringBuilder();
        while (s.length() < target) {
            final int pick = random.nextInt(mostlyAllowed ? 200 : 12);
            switch (pick) {
                case 0: s.append('\u00e9'); break;
                case 1: s.append('\u20ac'); break;
                case 2: s.append("\uD83D\uDE00"); break;
                case 3: s.append(' '); break;
                case 4: s.append(':'); break;
                case 5: s.append('\u0000'); break;
                case 6: s.append('\uD800'); break;
                case 7: s.append('\uDFFF'); break;
                case 8: s.append('\u0661'); break;
                case 9: s.append('/'); break;
                case 10: s.append('\uFFFF'); break;
                default: s.append("AZaz09-_.mQ7".charAt(random.nextInt(12))); break;
            }
        }
        return s.toString();
    }

    static String escape(String s) {
        if (s == null) {
            return "null";
        }
        final StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }
}
