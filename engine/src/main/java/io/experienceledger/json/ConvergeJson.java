package io.experienceledger.json;

import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.JsonValue;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.UserExperienceEventEnvelope;

/**
 * Reads and writes the converge JSON form of the model, byte-identical to what the Rust reference writes.
 *
 * <p>Writing is canonical: compact, members in declaration order, converge tag layouts, lowercase-hex {@code \\u00xx}
 * escapes, shortest round-trip floats in serde's layout, unsigned integers. Reading follows serde: unknown
 * members are ignored, absent optional members are none, and anything else that the reference rejects
 * (missing required members, wrong JSON types, unknown variants, out-of-range numbers, duplicate members)
 * fails with a {@link ConvergeJsonException} whose message names the member and what was wrong.
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

    /**
     * Writes any model value (envelope, user envelope, record, query, replay trace, event, or any nested
     * converge type) in the reference's canonical compact form.
     *
     * @throws IllegalArgumentException if the value is not a converge model type
     */
    public static String write(Object value) {
        return ConvergeJsonWriter.write(value);
    }
}
