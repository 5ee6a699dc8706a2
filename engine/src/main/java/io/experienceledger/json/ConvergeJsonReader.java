package io.experienceledger.json;

import io.experienceledger.model.ArtifactQuery;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.JsonValue;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.UserExperienceEventEnvelope;

/**
 * Reads converge JSON into model values with serde's acceptance rules.
 *
 * <p>Each document is parsed once into a {@link JsonNode} tree ({@link JsonTreeParser}) that keeps duplicate
 * members, then read through the codec of its model type, the same tables the writer uses ({@link StructCodec}
 * for structs, {@link ExternallyTagged}, {@link AdjacentlyTagged} and {@link InternallyTagged} for the three enum
 * layouts).
 * The rules, as serde_json applies them to the reference's derives:
 * <ul>
 *   <li>members may come in any order, tags after content included; unknown members are ignored, also inside
 *       tagged enums; a struct or tagged-enum member given twice is {@code duplicate field `x`}, while a map or an
 *       arbitrary JSON value keeps the last value at the first position;</li>
 *   <li>a required member that is absent is {@code missing field `x`}; an optional one may be absent or
 *       {@code null}; a defaulted one may be absent but not {@code null}; a JSON-value member must be present but
 *       may be {@code null};</li>
 *   <li>enum names are matched exactly ({@code unknown variant `x`, expected one of ...}); unit variants may also
 *       be written {@code {"Name":null}}; a newtype or struct variant cannot be written as a bare string;</li>
 *   <li>integers are read exactly: u64/usize accept 0 to 18446744073709551615, u32 0 to 4294967295, negative,
 *       larger or fractional numbers are errors; floats accept integers; unit intervals must lie in [0, 1];
 *       content hashes must be 64 hex digits; lone surrogates in strings are errors.</li>
 * </ul>
 * Every failure is a {@link ConvergeJsonException} whose message is {@code <path>: <problem>}, for example
 * {@code event.data.confidence: value must be finite and in the inclusive range 0.0..=1.0}; problems with an object
 * itself (missing or duplicate members) carry the object's path ({@code event.data: missing field `chain_id`}), and
 * problems with the whole document have no path ({@code missing field `event_id`}).
 */
final class ConvergeJsonReader {
    private static final String USER_EVENT_PREFIX = "User";

    private ConvergeJsonReader() {
    }

    /** Reads an engine envelope. */
    static ExperienceEventEnvelope readEnvelope(String json) {
        return EnvelopeCodecs.ENGINE_ENVELOPE.read(JsonTreeParser.parse(json), JsonPath.ROOT);
    }

    /** Reads a user envelope. */
    static UserExperienceEventEnvelope readUserEnvelope(String json) {
        return EnvelopeCodecs.USER_ENVELOPE.read(JsonTreeParser.parse(json), JsonPath.ROOT);
    }

    /**
     * Reads an envelope of either side, chosen by the first {@code event.type} member: a string starting with
     * {@code User} selects the user envelope, anything else (including a missing or malformed event, which the
     * engine reader then reports) the engine envelope.
     */
    static ExperienceRecord readAnyEnvelope(String json) {
        final JsonNode root = JsonTreeParser.parse(json);
        final JsonNode event = root instanceof JsonNode.Obj object ? object.first("event") : null;
        if (event instanceof JsonNode.Obj eventObject && eventObject.first("type") instanceof JsonNode.Str type
                && type.value().startsWith(USER_EVENT_PREFIX)) {
            return new ExperienceRecord.User(EnvelopeCodecs.USER_ENVELOPE.read(root, JsonPath.ROOT));
        }
        return new ExperienceRecord.Engine(EnvelopeCodecs.ENGINE_ENVELOPE.read(root, JsonPath.ROOT));
    }

    /** Reads an event query ({@code kinds} required). */
    static EventQuery readQuery(String json) {
        return EnvelopeCodecs.EVENT_QUERY.read(JsonTreeParser.parse(json), JsonPath.ROOT);
    }

    /** Reads an experience record ({@code kind}/{@code value}). */
    static ExperienceRecord readRecord(String json) {
        return EnvelopeCodecs.RECORD.read(JsonTreeParser.parse(json), JsonPath.ROOT);
    }

    /** Reads a replay trace ({@code type} is {@code Local} or {@code Remote}). */
    static ReplayTrace readReplayTrace(String json) {
        return KernelCodecs.REPLAY_TRACE.read(JsonTreeParser.parse(json), JsonPath.ROOT);
    }

    /** Reads any JSON document into its canonical value. */
    static JsonValue readValue(String json) {
        return JsonValues.canonical(JsonTreeParser.parse(json), JsonPath.ROOT);
    }

    /** Reads an artifact query (every member optional; {@code {}} is valid). */
    static ArtifactQuery readArtifactQuery(String json) {
        return EnvelopeCodecs.ARTIFACT_QUERY.read(JsonTreeParser.parse(json), JsonPath.ROOT);
    }
}
