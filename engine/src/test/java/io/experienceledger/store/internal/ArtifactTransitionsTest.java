package io.experienceledger.store.internal;

import io.experienceledger.model.ArtifactId;
import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.EventId;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.GovernedArtifactState;
import io.experienceledger.model.LifecycleEvent;
import io.experienceledger.model.TenantId;
import io.experienceledger.store.ExperienceStoreException;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArtifactTransitionsTest {
    private static LifecycleEvent lifecycle(String timestamp, String tenant) {
        return new LifecycleEvent(GovernedArtifactState.Approved, GovernedArtifactState.Active, timestamp, "admin",
                "go live", "TICKET-9", tenant);
    }

    @Test
    void eventIdsAreEvtArtifactNumbers() {
        assertEquals("evt-artifact-0", ArtifactTransitions.eventId(0));
        assertEquals("evt-artifact-17", ArtifactTransitions.eventId(17));
    }

    @Test
    void nextFreeNumberSkipsTakenIds() {
        final Set<String> taken = Set.of("evt-artifact-0", "evt-artifact-1", "evt-artifact-3", "evt-7");
        assertEquals(2, ArtifactTransitions.nextFreeNumber(0, taken::contains));
        assertEquals(4, ArtifactTransitions.nextFreeNumber(3, taken::contains));
        assertEquals(7, ArtifactTransitions.nextFreeNumber(7, taken::contains));
    }

    @Test
    void envelopeTakesTimeAndValidTenantFromTheLifecycleEvent() {
        final LifecycleEvent event = lifecycle("2026-05-10T11:00:00Z", "tenant-a");
        final ExperienceEventEnvelope envelope = ArtifactTransitions.envelope(new EventId("evt-artifact-3"),
                new ArtifactId("adapter-1"), ArtifactKind.Named.Adapter, event);
        assertEquals(new ExperienceEventEnvelope(new EventId("evt-artifact-3"), "2026-05-10T11:00:00Z", new TenantId("tenant-a"),
                null, new ExperienceEvent.ArtifactStateTransitioned(new ArtifactId("adapter-1"), ArtifactKind.Named.Adapter, event)),
                envelope);
    }

    @Test
    void envelopeDropsAnInvalidOrMissingTenant() {
        for (String tenant : new String[]{null, "", "tenant a", "t\u00e9nant", "x".repeat(257)}) {
            final LifecycleEvent event = lifecycle("2026-05-10T11:00:00Z", tenant);
            final ExperienceEventEnvelope envelope = ArtifactTransitions.envelope(new EventId("evt-artifact-0"),
                    new ArtifactId("a"), new ArtifactKind.Other("prompt-template"), event);
            assertNull(envelope.tenantId(), String.valueOf(tenant));
            assertEquals(event, ((ExperienceEvent.ArtifactStateTransitioned) envelope.event()).event());
        }
    }

    @Test
    void validateRejectsTimestampsThatCannotBeOccurredAt() {
        assertDoesNotThrow(() -> ArtifactTransitions.validate(lifecycle("1970-01-01T00:00:00Z", null)));
        assertDoesNotThrow(() -> ArtifactTransitions.validate(lifecycle("x".repeat(64), null)));
        final ExperienceStoreException empty = assertThrows(ExperienceStoreException.class,
                () -> ArtifactTransitions.validate(lifecycle("", "tenant-a")));
        assertEquals("Invalid query: occurred_at must not be empty", empty.getMessage());
        final ExperienceStoreException tooLong = assertThrows(ExperienceStoreException.class,
                () -> ArtifactTransitions.validate(lifecycle("\u00e9".repeat(33), null)));
        assertEquals("Invalid query: occurred_at exceeds maximum length of 64 characters", tooLong.getMessage());
    }
}
