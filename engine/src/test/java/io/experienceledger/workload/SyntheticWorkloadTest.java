package io.experienceledger.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.internal.EnvelopeValidator;
import io.experienceledger.store.internal.QueryMatcher;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticWorkloadTest {
    private static List<ExperienceRecord> take(SyntheticWorkload workload, int count) {
        final List<ExperienceRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(workload.next());
        }
        return records;
    }

    /** The envelopes of {@code records} as canonical JSON lines. */
    private static String jsonLines(List<ExperienceRecord> records) {
        final StringBuilder lines = new StringBuilder();
        for (ExperienceRecord record : records) {
            lines.append(ConvergeJson.writeAnyEnvelope(record)).append('\n');
        }
        return lines.toString();
    }

    @Test
    void theSameSeedGivesTheSameEnvelopesAndAnotherSeedOthers() {
        final String a = jsonLines(take(new SyntheticWorkload(3), 2_000));
        assertEquals(a, jsonLines(take(new SyntheticWorkload(3), 2_000)));
        assertNotEquals(a, jsonLines(take(new SyntheticWorkload(4), 2_000)));
    }

    @Test
    void theFirstEnvelopesHoldEveryKindOfBothSides() {
        final Set<ExperienceEventKind> engine = EnumSet.noneOf(ExperienceEventKind.class);
        final Set<Class<?>> user = new HashSet<>();
        for (ExperienceRecord record : take(new SyntheticWorkload(1), 300)) {
            if (record instanceof ExperienceRecord.Engine e) {
                engine.add(e.value().kind());
            } else {
                user.add(((ExperienceRecord.User) record).value().event().getClass());
            }
        }
        assertEquals(EnumSet.allOf(ExperienceEventKind.class), engine);
        assertEquals(5, user.size());
    }

    @Test
    void everyEnvelopeIsValidRoundTripsAndComesInTimeOrder() {
        final Set<String> ids = new HashSet<>();
        String previous = "";
        for (ExperienceRecord record : take(new SyntheticWorkload(2), 5_000)) {
            assertNull(record instanceof ExperienceRecord.Engine e ? EnvelopeValidator.violationOf(e.value())
                    : EnvelopeValidator.violationOf(((ExperienceRecord.User) record).value()));
            assertEquals(record, ConvergeJson.readAnyEnvelope(ConvergeJson.writeAnyEnvelope(record)));
            assertTrue(ids.add(record.eventId().value()), "event ids are unique");
            assertTrue(record.occurredAt().compareTo(previous) > 0, "time increases");
            previous = record.occurredAt();
        }
    }

    @Test
    void runsShareCorrelationChainAndTraceIds() {
        final Map<String, Integer> traces = new HashMap<>();
        for (ExperienceRecord record : take(new SyntheticWorkload(5), 5_000)) {
            if (!(record instanceof ExperienceRecord.Engine engine)) {
                assertTrue(record.correlationId().value().startsWith("run-"));
                continue;
            }
            final ExperienceEvent event = engine.value().event();
            if (event.kind() == ExperienceEventKind.ArtifactStateTransitioned
                    || event.kind() == ExperienceEventKind.ArtifactRollbackRecorded) {
                assertNull(record.correlationId(), "governance events belong to no run");
                continue;
            }
            final String run = record.correlationId().value().substring("run-".length());
            if (QueryMatcher.filterableChainId(event) != null) {
                assertEquals("chain-" + run, QueryMatcher.filterableChainId(event).value());
            }
            if (event instanceof ExperienceEvent.ReplayTraceRecorded recorded) {
                assertEquals("trace-" + run, recorded.traceLinkId().value());
                traces.merge(recorded.traceLinkId().value(), 1, Integer::sum);
            }
        }
        assertTrue(traces.size() > 400, "runs record traces: " + traces.size());
        assertTrue(traces.values().stream().allMatch(n -> n == 1), "one trace per run");
    }

    @Test
    void tenantsAreSkewed() {
        final SyntheticWorkload workload = new SyntheticWorkload(6);
        final Map<String, Integer> counts = new HashMap<>();
        for (ExperienceRecord record : take(workload, 30_000)) {
            counts.merge(record.tenantId().value(), 1, Integer::sum);
        }
        final List<String> tenants = workload.tenants();
        assertEquals(12, tenants.size());
        assertEquals(12, counts.size(), "every tenant appears");
        final double busiest = counts.get(tenants.get(0)) / 30_000.0;
        final double quietest = counts.get(tenants.get(11)) / 30_000.0;
        assertTrue(busiest > 0.25 && busiest < 0.45, "busiest share " + busiest);
        assertTrue(quietest > 0.005 && quietest < 0.05, "quietest share " + quietest);
        assertEquals(List.of("acme", "tenant-13"), List.of(new SyntheticWorkload(1, 13).tenants().get(0),
                new SyntheticWorkload(1, 13).tenants().get(12)));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticWorkload(1, 0));
    }
}
