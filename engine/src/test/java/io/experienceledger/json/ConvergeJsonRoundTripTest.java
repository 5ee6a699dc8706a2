package io.experienceledger.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.ModelSamples;
import io.experienceledger.model.UserExperienceEventEnvelope;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** read(write(x)) == x and write(read(text)) == text, for the spec's examples, every sample and random values. */
class ConvergeJsonRoundTripTest {

    static Stream<SpecExamples.Example<?>> specExamples() {
        return SpecExamples.all().stream();
    }

    @ParameterizedTest(name = "spec {0}")
    @MethodSource("specExamples")
    void specExampleReadsAndWritesBackByteForByte(SpecExamples.Example<?> example) {
        readsAndWritesBack(example);
    }

    private static <T> void readsAndWritesBack(SpecExamples.Example<T> example) {
        final T read = example.reader().apply(example.specText());
        assertEquals(example.value(), read);
        assertEquals(SpecExamples.compact(example.specText()), ConvergeJsonWriter.write(example.codec(), read));
    }

    @Test
    void compactFormsOfTheSpecAreFixedPoints() {
        final ExperienceEventEnvelope envelope = ConvergeJson.readEnvelope(SpecExamples.EX_11_1_COMPACT.strip());
        assertEquals(SpecExamples.EX_11_1_COMPACT.strip(), ConvergeJson.write(envelope));
    }

    static Stream<ExperienceEventEnvelope> engineEnvelopes() {
        return ModelSamples.allEngineEnvelopes().stream();
    }

    static Stream<UserExperienceEventEnvelope> userEnvelopes() {
        return ModelSamples.allUserEnvelopes().stream();
    }

    static Stream<ExperienceRecord> records() {
        return Stream.concat(ModelSamples.allRecords().stream(), ModelSamples.edgeIdEnvelopes().stream());
    }

    @ParameterizedTest
    @MethodSource("engineEnvelopes")
    void everyEngineSampleRoundTrips(ExperienceEventEnvelope envelope) {
        final String json = ConvergeJson.write(envelope);
        assertEquals(envelope, ConvergeJson.readEnvelope(json), json);
        assertEquals(json, ConvergeJson.write(ConvergeJson.readEnvelope(json)));
    }

    @ParameterizedTest
    @MethodSource("userEnvelopes")
    void everyUserSampleRoundTrips(UserExperienceEventEnvelope envelope) {
        final String json = ConvergeJson.write(envelope);
        assertEquals(envelope, ConvergeJson.readUserEnvelope(json), json);
    }

    @ParameterizedTest
    @MethodSource("records")
    void everyRecordRoundTripsAndReadsAsAnyEnvelope(ExperienceRecord record) {
        final String json = ConvergeJson.write(record);
        assertEquals(record, ConvergeJson.readRecord(json), json);
        assertEquals(record, ConvergeJson.readAnyEnvelope(ConvergeJson.writeAnyEnvelope(record)));
    }

    @Test
    void everySampleQueryRoundTrips() {
        ModelSamples.allEventQueries().forEach(query ->
                assertEquals(query, ConvergeJson.readQuery(ConvergeJson.write(query)), ConvergeJson.write(query)));
    }

    @Test
    void everySampleReplayTraceRoundTrips() {
        ModelSamples.allReplayTraces().forEach(trace ->
                assertEquals(trace, ConvergeJson.readReplayTrace(ConvergeJson.write(trace)), ConvergeJson.write(trace)));
    }

    @Test
    void randomEnvelopesRoundTrip() {
        final long seed = 20261128L;
        final Random random = new Random(seed);
        for (int i = 0; i < 3_000; i++) {
            final ExperienceEventEnvelope engine = ModelSamples.randomEngineEnvelope(random);
            final String engineJson = ConvergeJson.write(engine);
            assertEquals(engine, ConvergeJson.readEnvelope(engineJson), () -> "seed " + seed + ": " + engineJson);
            final UserExperienceEventEnvelope user = ModelSamples.randomUserEnvelope(random);
            final String userJson = ConvergeJson.write(user);
            assertEquals(user, ConvergeJson.readUserEnvelope(userJson), () -> "seed " + seed + ": " + userJson);
        }
    }
}
