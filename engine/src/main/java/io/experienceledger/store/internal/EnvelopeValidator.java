package io.experienceledger.store.internal;

import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.ExperienceStoreException;

/**
 * Write-boundary validation of envelopes (converge {@code validate.rs}, spec 10.2), identical for engine and
 * user envelopes. Only four members are checked, in this order, and the first failure is reported:
 * {@code event_id}, {@code occurred_at}, {@code tenant_id} (if present), {@code correlation_id} (if present).
 *
 * <p>An identifier must be non-empty, at most {@value #MAX_IDENTIFIER_BYTES} UTF-8 bytes, and consist only of
 * ASCII {@code A-Z a-z 0-9 - _ .}; length is checked before characters. {@code occurred_at} must be non-empty and
 * at most {@value #MAX_OCCURRED_AT_BYTES} UTF-8 bytes, with no character rule. Lengths are computed without
 * encoding, and the success path allocates nothing.
 */
public final class EnvelopeValidator {
    /** The largest identifier, in UTF-8 bytes. */
    public static final int MAX_IDENTIFIER_BYTES = 256;
    /** The largest {@code occurred_at}, in UTF-8 bytes. */
    public static final int MAX_OCCURRED_AT_BYTES = 64;

    static final String OCCURRED_AT_EMPTY = "occurred_at must not be empty";
    static final String OCCURRED_AT_TOO_LONG =
            "occurred_at exceeds maximum length of " + MAX_OCCURRED_AT_BYTES + " characters";

    private static final Field EVENT_ID = new Field("event_id");
    private static final Field TENANT_ID = new Field("tenant_id");
    private static final Field CORRELATION_ID = new Field("correlation_id");

    /** {@code NOT_ALLOWED[c]} is 1 when ASCII character {@code c} is not allowed in an identifier, else 0. */
    private static final byte[] NOT_ALLOWED = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            final boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            NOT_ALLOWED[c] = (byte) (allowed ? 0 : 1);
        }
    }

    private EnvelopeValidator() {
    }

    /**
     * Validates an engine envelope.
     *
     * @throws ExperienceStoreException {@code INVALID_QUERY} with the first violation as its message
     */
    public static void validate(ExperienceEventEnvelope envelope) {
        final String violation = violationOf(envelope);
        if (violation != null) {
            throw ExperienceStoreException.invalidQuery(violation);
        }
    }

    /**
     * Validates a user envelope.
     *
     * @throws ExperienceStoreException {@code INVALID_QUERY} with the first violation as its message
     */
    public static void validate(UserExperienceEventEnvelope envelope) {
        final String violation = violationOf(envelope);
        if (violation != null) {
            throw ExperienceStoreException.invalidQuery(violation);
        }
    }

    /** The first violation of an engine envelope (the bare message, e.g. {@code event_id must not be empty}), or null. */
    public static String violationOf(ExperienceEventEnvelope envelope) {
        return violationOf(envelope.eventId().value(), envelope.occurredAt(), valueOf(envelope.tenantId()),
                valueOf(envelope.correlationId()));
    }

    /** The first violation of a user envelope, or null. */
    public static String violationOf(UserExperienceEventEnvelope envelope) {
        return violationOf(envelope.eventId().value(), envelope.occurredAt(), valueOf(envelope.tenantId()),
                valueOf(envelope.correlationId()));
    }

    /** The first violation of the envelope of either side, or null. */
    public static String violationOf(ExperienceRecord record) {
        return record instanceof ExperienceRecord.Engine engine ? violationOf(engine.value())
                : violationOf(((ExperienceRecord.User) record).value());
    }

    /**
     * The first violation among the four checked members of an envelope, or null when they are valid.
     *
     * @param tenantIdOrNull      the tenant, null when absent
     * @param correlationIdOrNull the correlation id, null when absent
     */
    public static String violationOf(String eventId, String occurredAt, String tenantIdOrNull,
                                     String correlationIdOrNull) {
        String violation = identifierViolation(eventId, EVENT_ID);
        if (violation == null) {
            violation = occurredAtViolation(occurredAt);
        }
        if (violation == null && tenantIdOrNull != null) {
            violation = identifierViolation(tenantIdOrNull, TENANT_ID);
        }
        if (violation == null && correlationIdOrNull != null) {
            violation = identifierViolation(correlationIdOrNull, CORRELATION_ID);
        }
        return violation;
    }

    /** The violation of an {@code occurred_at} value ({@code occurred_at must not be empty} or too long), or null. */
    public static String occurredAtViolation(String occurredAt) {
        final int chars = occurredAt.length();
        if (chars == 0) {
            return OCCURRED_AT_EMPTY;
        }
        // A char is at least one UTF-8 byte and at most three.
        if (chars > MAX_OCCURRED_AT_BYTES
                || (chars * 3 > MAX_OCCURRED_AT_BYTES && utf8Length(occurredAt) > MAX_OCCURRED_AT_BYTES)) {
            return OCCURRED_AT_TOO_LONG;
        }
        return null;
    }

    /** True when the value passes the identifier rule (non-empty, at most 256 bytes, allowed characters only). */
    public static boolean isValidIdentifier(String value) {
        return identifierViolation(value, EVENT_ID) == null;
    }

    /**
     * The number of bytes {@code value} occupies in UTF-8, computed without encoding. Equal to
     * {@code value.getBytes(StandardCharsets.UTF_8).length}, including its one-byte replacement of unpaired
     * surrogates.
     */
    public static int utf8Length(CharSequence value) {
        final int chars = value.length();
        int bytes = chars;
        for (int i = 0; i < chars; i++) {
            final char c = value.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 2;
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            }
        }
        return bytes;
    }

    /**
     * True when the text whose chars are the Latin-1 bytes {@code latin1} (one per char) passes the identifier rule:
     * the encoder checks each identifier this way as it copies its bytes, so that a valid envelope is not read
     * twice. False says only that the rule may fail: {@link #violationOf} then finds the exact violation.
     */
    public static boolean isValidIdentifier(byte[] latin1) {
        final int chars = latin1.length;
        if (chars == 0 || chars > MAX_IDENTIFIER_BYTES) {
            return false;
        }
        int notAllowed = 0;
        for (int i = 0; i < chars; i++) {
            final byte b = latin1[i];
            notAllowed |= b < 0 ? 1 : NOT_ALLOWED[b];
        }
        return notAllowed == 0;
    }

    /** True when {@code c} is one of ASCII {@code A-Z a-z 0-9 - _ .}. */
    static boolean isAllowedIdentifierChar(char c) {
        return c < 128 && NOT_ALLOWED[c] == 0;
    }

    private static String identifierViolation(String value, Field field) {
        final int chars = value.length();
        if (chars == 0) {
            return field.empty;
        }
        // UTF-8 bytes >= chars, so this is a length violation whatever the characters are.
        if (chars > MAX_IDENTIFIER_BYTES) {
            return field.tooLong;
        }
        // no branch per character (letters, digits and punctuation come in no predictable order): the verdicts
        // of all characters or-ed together
        int notAllowed = 0;
        for (int i = 0; i < chars; i++) {
            final char c = value.charAt(i);
            notAllowed |= c < 128 ? NOT_ALLOWED[c] : 1;
        }
        if (notAllowed != 0) {
            // Length is checked before characters: a non-ASCII value may still be too long in bytes.
            return utf8Length(value) > MAX_IDENTIFIER_BYTES ? field.tooLong : field.invalidCharacters;
        }
        // All characters are ASCII, so the byte length is chars, already known to be within the limit.
        return null;
    }

    private static String valueOf(TenantId tenantId) {
        return tenantId == null ? null : tenantId.value();
    }

    private static String valueOf(CorrelationId correlationId) {
        return correlationId == null ? null : correlationId.value();
    }

    /** The three messages of the identifier rule for one field, built once. */
    private static final class Field {
        final String empty;
        final String tooLong;
        final String invalidCharacters;

        Field(String name) {
            this.empty = name + " must not be empty";
            this.tooLong = name + " exceeds maximum length of " + MAX_IDENTIFIER_BYTES + " characters";
            this.invalidCharacters = name + " contains invalid characters; only alphanumeric, '-', '_', '.' are allowed";
        }
    }
}
