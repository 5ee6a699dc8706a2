package io.experienceledger.json;

import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.JsonValue;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.UserExperienceEvent;
import io.experienceledger.model.UserExperienceEventEnvelope;

/**
 * Reads and writes the converge JSON form of the model, byte-identical to what the Rust reference writes.
 *
 * <p>Writing is canonical: compact, members in declaration order, converge tag layouts, lowercase-hex {@code \\u00xx}
 * escapes, shortest round-trip floats in serde's layout, unsigned integers. Reading follows serde: unknown
 * members are ignored, absent optional members are none, and anything else that the reference rejects
 * (missing required members, wrong JSON types, unknown variants, out-of-range numbers, duplicate members)
 * fails with a {@link ConvergeJsonException} whose message names the member and what was wrong.
 *
 * <p>There is one {@code write} for each document type, so that writing anything else does not compile; writing
 * {@code null} throws {@link NullPointerException}.
 */
public final class ConvergeJson {
    private ConvergeJson() {
    }

    /** Reads an engine envelope. */
    public static ExperienceEventEnvelope readEnvelope(String json) {
        return ConvergeJsonReader.readEnvelope(json);
    }

    /** Reads a user envelope. */
    public static UserExperienceEventEnvelope readUserEnvelope(String json) {
        return ConvergeJsonReader.readUserEnvelope(json);
    }

    /**
     * Reads an envelope of either side: one whose {@code event.type} starts with {@code User} is a user envelope
     * (returned as {@link ExperienceRecord.User}), any other an engine envelope ({@link ExperienceRecord.Engine}).
     */
    public static ExperienceRecord readAnyEnvelope(String json) {
        return ConvergeJsonReader.readAnyEnvelope(json);
    }

    /** Reads an event query ({@code kinds} is required, as in the reference). */
    public static EventQuery readQuery(String json) {
        return ConvergeJsonReader.readQuery(json);
    }

    /** Reads an experience record ({@code {"kind":"Engine"|"User","value":{...}}}). */
    public static ExperienceRecord readRecord(String json) {
        return ConvergeJsonReader.readRecord(json);
    }

    /** Reads a replay trace ({@code {"type":"Local"|"Remote",...}}). */
    public static ReplayTrace readReplayTrace(String json) {
        return ConvergeJsonReader.readReplayTrace(json);
    }

    /** Reads any JSON document into its canonical {@link JsonValue} (member order kept, numbers in serde's form). */
    public static JsonValue readValue(String json) {
        return ConvergeJsonReader.readValue(json);
    }

    /** Writes an engine envelope. */
    public static String write(ExperienceEventEnvelope envelope) {
        return ConvergeJsonWriter.write(EnvelopeCodecs.ENGINE_ENVELOPE, envelope);
    }

    /** Writes a user envelope. */
    public static String write(UserExperienceEventEnvelope envelope) {
        return ConvergeJsonWriter.write(EnvelopeCodecs.USER_ENVELOPE, envelope);
    }

    /**
     * Writes the envelope inside a record, of either side, without the record's {@code kind}/{@code value}
     * wrapping: what {@link #readAnyEnvelope} reads back.
     */
    public static String writeAnyEnvelope(ExperienceRecord record) {
        return ConvergeJsonWriter.write(EnvelopeCodecs.ANY_ENVELOPE, record);
    }

    /**
     * Appends {@link #writeAnyEnvelope(ExperienceRecord)}'s JSON to {@code out} as UTF-8, so that a caller writing
     * many can reuse one buffer and take bytes without a {@code String} in between. On an exception {@code out} is
     * left as it was.
     */
    public static void writeAnyEnvelope(JsonOutput out, ExperienceRecord record) {
        ConvergeJsonWriter.write(out, EnvelopeCodecs.ANY_ENVELOPE, record);
    }

    /** Writes an experience record ({@code {"kind":"Engine"|"User","value":{...}}}). */
    public static String write(ExperienceRecord record) {
        return ConvergeJsonWriter.write(EnvelopeCodecs.RECORD, record);
    }

    /** Writes an engine event ({@code {"type":...,"data":{...}}}). */
    public static String write(ExperienceEvent event) {
        return ConvergeJsonWriter.write(EventCodecs.EVENT, event);
    }

    /** Writes a user event ({@code {"type":...,"data":{...}}}). */
    public static String write(UserExperienceEvent event) {
        return ConvergeJsonWriter.write(UserEventCodecs.EVENT, event);
    }

    /** Writes an event query. */
    public static String write(EventQuery query) {
        return ConvergeJsonWriter.write(EnvelopeCodecs.EVENT_QUERY, query);
    }

    /** Writes a replay trace ({@code {"type":"Local"|"Remote",...}}). */
    public static String write(ReplayTrace trace) {
        return ConvergeJsonWriter.write(KernelCodecs.REPLAY_TRACE, trace);
    }

    /** Writes a JSON value: its canonical text as it is. */
    public static String write(JsonValue value) {
        return ConvergeJsonWriter.write(Scalars.VALUE, value);
    }
}
