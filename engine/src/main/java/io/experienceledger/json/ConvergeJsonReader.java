package io.experienceledger.json;

import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.JsonValue;
import io.experienceledger.model.ReplayTrace;
import io.experienceledger.model.UserExperienceEventEnvelope;

/** Reads converge JSON into model values with serde's acceptance rules. */
final class ConvergeJsonReader {
    private ConvergeJsonReader() {
    }

    static ExperienceEventEnvelope readEnvelope(String json) {
        throw new UnsupportedOperationException("not written yet");
    }

    static UserExperienceEventEnvelope readUserEnvelope(String json) {
        throw new UnsupportedOperationException("not written yet");
    }

    static ExperienceRecord readAnyEnvelope(String json) {
        throw new UnsupportedOperationException("not written yet");
    }

    static EventQuery readQuery(String json) {
        throw new UnsupportedOperationException("not written yet");
    }

    static ExperienceRecord readRecord(String json) {
        throw new UnsupportedOperationException("not written yet");
    }

    static ReplayTrace readReplayTrace(String json) {
        throw new UnsupportedOperationException("not written yet");
    }

    static JsonValue readValue(String json) {
        throw new UnsupportedOperationException("not written yet");
    }
}
