package io.experienceledger.store;

import io.experienceledger.model.ArtifactId;
import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.GovernedArtifactState;
import io.experienceledger.model.LifecycleEvent;
import io.experienceledger.model.Replayability;
import io.experienceledger.model.ReplayabilityDowngradeReason;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TimeRange;
import io.experienceledger.model.TraceLinkId;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.StoreFixtures.UserKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.experienceledger.store.StoreFixtures.T1;
import static io.experienceledger.store.StoreFixtures.T2;
import static io.experienceledger.store.StoreFixtures.T3;
import static io.experienceledger.store.StoreFixtures.budget;
import static io.experienceledger.store.StoreFixtures.engine;
import static io.experienceledger.store.StoreFixtures.engineEvent;
import static io.experienceledger.store.StoreFixtures.localTrace;
import static io.experienceledger.store.StoreFixtures.outcome;
import static io.experienceledger.store.StoreFixtures.remoteTrace;
import static io.experienceledger.store.StoreFixtures.traceRecorded;
import static io.experienceledger.store.StoreFixtures.user;
import static io.experienceledger.store.StoreFixtures.userEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every {@link ExperienceStore} implementation must satisfy: spec section 10 with this port's
 * documented differences (limit once in {@code queryRecords}, unique artifact-transition ids with the lifecycle
 * event's time and tenant, all-or-nothing {@code appendEvents}), and the reference tests of spec 12.2-12.5.
 *
 * <p>A backend's test extends this class and implements {@link #newStore()}. Every test writes, then calls
 * {@link #readPhase} (which calls {@link #afterWrites}), then reads, so a backend that overrides
 * {@code afterWrites} to close and reopen has every rule checked across a reopen. Stores still open after a test
 * are passed to {@link #release}.
 */
public abstract class ExperienceStoreContractTest {
    private static final EventQuery ALL = EventQuery.all();
    private static final String INVALID_CHARS = " contains invalid characters; only alphanumeric, '-', '_', '.' are allowed";

    private final List<ExperienceStore> openStores = new ArrayList<>();

    /** A new, empty store. Tests may create several. */
    protected abstract ExperienceStore newStore();

    /**
     * Called by every test between its writes and its reads; returns the store to read from. The default returns
     * the same store. A backend may close the store and return a reopened one; it then owns (and closes) the store
     * it was given.
     */
    protected ExperienceStore afterWrites(ExperienceStore store) {
        return store;
    }

    /** Releases a store still open at the end of a test; the default closes it when it is {@link AutoCloseable}. */
    protected void release(ExperienceStore store) throws Exception {
        if (store instanceof AutoCloseable) {
            ((AutoCloseable) store).close();
        }
    }

    /** A new store, released after the test. */
    protected final ExperienceStore open() {
        final ExperienceStore store = Objects.requireNonNull(newStore(), "newStore()");
        openStores.add(store);
        return store;
    }

    /** Ends a write phase: passes the store through {@link #afterWrites} and returns the store to use next. */
    protected final ExperienceStore readPhase(ExperienceStore store) {
        final ExperienceStore next = Objects.requireNonNull(afterWrites(store), "afterWrites()");
        if (next != store) {
            openStores.removeIf(s -> s == store);
            openStores.add(next);
        }
        return next;
    }

    @AfterEach
    final void releaseOpenStores() throws Exception {
        final Set<ExperienceStore> released = Collections.newSetFromMap(new IdentityHashMap<>());
        Exception failure = null;
        for (int i = openStores.size() - 1; i >= 0; i--) {
            final ExperienceStore store = openStores.get(i);
            if (released.add(store)) {
                try {
                    release(store);
                } catch (Exception e) {
                    failure = e;
                }
            }
        }
        openStores.clear();
        if (failure != null) {
            throw failure;
        }
    }

    // ---------------------------------------------------------------- 10.1 / 10.7: appending and reading back

    @Test
    void everyEngineKindComesBackUnchangedInInsertionOrder() {
        ExperienceStore store = open();
        final List<ExperienceEventEnvelope> appended = new ArrayList<>();
        for (ExperienceEventKind kind : ExperienceEventKind.values()) {
            // Timestamps decrease, so insertion order is not time order: queryEvents must not sort.
            final ExperienceEventEnvelope envelope = engine("evt-" + kind.ordinal(),
                    "2026-05-10T08:00:" + (59 - kind.ordinal()) + "Z", engineEvent(kind))
                    .withTenant("tenant-a").withCorrelation("corr-" + kind.ordinal());
            appended.add(envelope);
            store.appendEvent(envelope);
        }
        store = readPhase(store);
        assertEquals(appended, store.queryEvents(ALL));
    }

    @Test
    void everyUserKindComesBackUnchangedInInsertionOrder() {
        ExperienceStore store = open();
        final List<ExperienceRecord> expected = new ArrayList<>();
        for (UserKind kind : UserKind.values()) {
            final UserExperienceEventEnvelope envelope = user("user-evt-" + kind.ordinal(), T1, userEvent(kind))
                    .withTenant("tenant-x").withCorrelation("corr-7");
            expected.add(new ExperienceRecord.User(envelope));
            store.appendUserEvent(envelope);
        }
        store = readPhase(store);
        assertEquals(expected, store.queryRecords(ALL));
        assertEquals(List.of(), store.queryEvents(ALL), "user envelopes are not engine events");
    }

    @Test
    void emptyStoreReturnsNothing() {
        ExperienceStore store = open();
        store = readPhase(store);
        assertEquals(List.of(), store.queryEvents(ALL));
        assertEquals(List.of(), store.queryRecords(ALL));
        assertEquals(Optional.empty(), store.getTraceLink(new TraceLinkId("trace-1")));
    }

    @Test
    void resultListsAreImmutable() {
        final ExperienceStore store = open();
        store.appendEvent(engine("evt-1", T1));
        store.appendUserEvent(user("user-1", T2));
        final ExperienceStore reader = readPhase(store);
        final List<ExperienceEventEnvelope> events = reader.queryEvents(ALL);
        final List<ExperienceRecord> records = reader.queryRecords(ALL);
        assertEquals(1, events.size());
        assertEquals(2, records.size());
        assertThrows(UnsupportedOperationException.class, () -> events.add(engine("evt-2", T1)));
        assertThrows(UnsupportedOperationException.class, () -> events.remove(0));
        assertThrows(UnsupportedOperationException.class, () -> records.add(new ExperienceRecord.User(user("u", T1))));
        assertThrows(UnsupportedOperationException.class, () -> records.remove(0));
        assertThrows(UnsupportedOperationException.class, () -> reader.queryEvents(ALL.withLimit(0L)).add(engine("evt-3", T1)));
        assertThrows(UnsupportedOperationException.class, () -> reader.queryRecords(ALL.withLimit(0L)).add(new ExperienceRecord.User(user("u", T1))));
    }

    @Test
    void duplicateEventIdsAreKeptAndAllReturned() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope first = engine("evt-dup", T1, outcome("c-1"));
        final ExperienceEventEnvelope second = engine("evt-dup", T2, budget("c-2"));
        final ExperienceEventEnvelope third = engine("evt-dup", T1, outcome("c-1"));
        final UserExperienceEventEnvelope userCopy = user("evt-dup", T3);
        store.appendEvent(first);
        store.appendEvent(second);
        store.appendEvent(third);
        store.appendUserEvent(userCopy);
        store.appendUserEvent(userCopy);
        store = readPhase(store);
        assertEquals(List.of(first, second, third), store.queryEvents(ALL));
        assertEquals(List.of(new ExperienceRecord.Engine(first), new ExperienceRecord.Engine(third),
                new ExperienceRecord.Engine(second), new ExperienceRecord.User(userCopy), new ExperienceRecord.User(userCopy)),
                store.queryRecords(ALL));
    }

    @Test
    void engineAndUserLedgersAreSeparate() {
        ExperienceStore store = open();
        final UserExperienceEventEnvelope u1 = user("u-1", T1);
        final ExperienceEventEnvelope e1 = engine("e-1", T2);
        final UserExperienceEventEnvelope u2 = user("u-2", T3);
        store.appendUserEvent(u1);
        store.appendEvent(e1);
        store.appendUserEvent(u2);
        store = readPhase(store);
        assertEquals(List.of(e1), store.queryEvents(ALL));
        assertEquals(List.of(new ExperienceRecord.User(u1), new ExperienceRecord.Engine(e1), new ExperienceRecord.User(u2)),
                store.queryRecords(ALL));
    }

    @Test
    void appendEventsAppendsEveryEnvelopeInOrder() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope e0 = engine("evt-0", T3);
        final ExperienceEventEnvelope e1 = engine("evt-1", T1, budget("c-1"));
        final ExperienceEventEnvelope e2 = engine("evt-2", T2, engineEvent(ExperienceEventKind.FactPromoted));
        final ExperienceEventEnvelope e3 = engine("evt-3", T1);
        store.appendEvent(e0);
        store.appendEvents(List.of(e1, e2));
        store.appendEvents(List.of());
        store.appendEvent(e3);
        store = readPhase(store);
        assertEquals(List.of(e0, e1, e2, e3), store.queryEvents(ALL));
    }

    // ---------------------------------------------------------------- 12.2 reference unit tests

    /** Port of {@code query_filters_by_tenant_and_kind}. */
    @Test
    void queryFiltersByTenantAndKind() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope promoted = engine("evt-1", T1, engineEvent(ExperienceEventKind.FactPromoted))
                .withTenant("tenant-a");
        store.appendEvent(promoted);
        store = readPhase(store);
        final EventQuery factsOfA = ALL.withTenant(new TenantId("tenant-a")).withKinds(ExperienceEventKind.FactPromoted);
        assertEquals(List.of(promoted), store.queryEvents(factsOfA));
        assertEquals(List.of(), store.queryEvents(factsOfA.withTenant(new TenantId("tenant-b"))));
    }

    /** Port of {@code summarize_events_counts_all_kinds}: per-kind counts through kind queries. */
    @Test
    void mixedLedgerCountsOnePerKind() {
        ExperienceStore store = open();
        store.appendEvent(engine("evt-1", T1, engineEvent(ExperienceEventKind.FactPromoted)));
        store.appendEvent(engine("evt-2", T1, outcome("c-1")));
        store.appendEvent(engine("evt-3", T1, budget("c-1")));
        store = readPhase(store);
        assertEquals(3, store.queryEvents(ALL).size());
        final Map<String, Integer> byLabel = new LinkedHashMap<>();
        for (ExperienceEventKind kind : ExperienceEventKind.values()) {
            final int count = store.queryEvents(ALL.withKinds(kind)).size();
            if (count > 0) {
                byLabel.put(kind.label(), count);
            }
        }
        assertEquals(Map.of("fact_promoted", 1, "outcome_recorded", 1, "budget_exceeded", 1), byLabel);
    }

    /** Port of {@code trace_link_is_recorded_and_retrievable}. */
    @Test
    void traceLinkIsRecordedAndRetrievable() {
        ExperienceStore store = open();
        store.appendEvent(engine("evt-1", T1, traceRecorded("trace-1", remoteTrace(Replayability.BestEffort))));
        store = readPhase(store);
        final Optional<io.experienceledger.model.ReplayTrace> trace = store.getTraceLink(new TraceLinkId("trace-1"));
        assertEquals(Optional.of(remoteTrace(Replayability.BestEffort)), trace);
        assertEquals(Replayability.BestEffort, trace.orElseThrow().replayability());
    }

    /** Port of {@code store_rejects_malformed_event_id_at_write_boundary}. */
    @Test
    void rejectsMalformedEventIdAtWriteBoundary() {
        ExperienceStore store = open();
        final ExperienceStore target = store;
        assertInvalid(() -> target.appendEvent(engine("../../admin:hack", T1)), "event_id" + INVALID_CHARS);
        store = readPhase(store);
        assertEquals(List.of(), store.queryEvents(ALL));
    }

    /** Port of {@code store_rejects_malformed_tenant_id}. */
    @Test
    void rejectsMalformedTenantId() {
        ExperienceStore store = open();
        final ExperienceStore target = store;
        assertInvalid(() -> target.appendEvent(engine("evt-1", T1).withTenant("tenant'; DROP TABLE event;--")),
                "tenant_id" + INVALID_CHARS);
        store = readPhase(store);
        assertEquals(List.of(), store.queryEvents(ALL));
    }

    /** Port of {@code store_rejects_malformed_user_event_id}. */
    @Test
    void rejectsMalformedUserEventId() {
        ExperienceStore store = open();
        final ExperienceStore target = store;
        assertInvalid(() -> target.appendUserEvent(user("../../admin:hack", T1)), "event_id" + INVALID_CHARS);
        store = readPhase(store);
        assertEquals(List.of(), store.queryRecords(ALL));
    }

    /** Port of {@code store_accepts_valid_event}. */
    @Test
    void acceptsValidEvent() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope valid = engine("evt-valid-123", T1).withTenant("tenant-a").withCorrelation("corr-xyz");
        store.appendEvent(valid);
        store = readPhase(store);
        assertEquals(List.of(valid), store.queryEvents(ALL));
    }

    /** Port of {@code gate_decision_recorded_lands_in_store_and_summary}. */
    @Test
    void gateDecisionRecordedIsFoundByKindAndCorrelation() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope gate = engine("evt-gate", T1, engineEvent(ExperienceEventKind.GateDecisionRecorded))
                .withCorrelation("corr-gate");
        store.appendEvent(gate);
        store = readPhase(store);
        assertEquals(List.of(gate), store.queryEvents(ALL.withKinds(ExperienceEventKind.GateDecisionRecorded)));
        assertEquals(List.of(gate), store.queryEvents(ALL.withCorrelation(new CorrelationId("corr-gate"))));
        assertEquals(1, store.queryEvents(ALL).size());
    }

    // ---------------------------------------------------------------- 10.2 validation at the write boundary

    /** Envelope members that fail validation: label, event_id, occurred_at, tenant, correlation, expected message. */
    static Stream<Arguments> invalidEnvelopes() {
        final String eacute = "\u00e9";
        final String euro = "\u20ac";
        return Stream.of(
                Arguments.of("empty event id", "", T1, null, null, "event_id must not be empty"),
                Arguments.of("257-byte event id", "a".repeat(257), T1, null, null, "event_id exceeds maximum length of 256 characters"),
                Arguments.of("300-byte non-ASCII event id reports length", eacute.repeat(150), T1, null, null,
                        "event_id exceeds maximum length of 256 characters"),
                Arguments.of("258-byte event id of 86 three-byte chars", euro.repeat(86), T1, null, null,
                        "event_id exceeds maximum length of 256 characters"),
                Arguments.of("255-byte non-ASCII event id reports characters", euro.repeat(85), T1, null, null, "event_id" + INVALID_CHARS),
                Arguments.of("e-acute", eacute, T1, null, null, "event_id" + INVALID_CHARS),
                Arguments.of("Arabic-Indic digit", "evt-\u0661", T1, null, null, "event_id" + INVALID_CHARS),
                Arguments.of("emoji", "evt-\uD83D\uDE00", T1, null, null, "event_id" + INVALID_CHARS),
                Arguments.of("path traversal", "../../admin:hack", T1, null, null, "event_id" + INVALID_CHARS),
                Arguments.of("space", "evt 001", T1, null, null, "event_id" + INVALID_CHARS),
                Arguments.of("colon", "table:record", T1, null, null, "event_id" + INVALID_CHARS),
                Arguments.of("slash", "evt/1", T1, null, null, "event_id" + INVALID_CHARS),
                Arguments.of("NUL", "evt\u0000", T1, null, null, "event_id" + INVALID_CHARS),
                Arguments.of("DEL", "evt\u007f", T1, null, null, "event_id" + INVALID_CHARS),
                Arguments.of("empty occurred_at", "evt-1", "", null, null, "occurred_at must not be empty"),
                Arguments.of("65-byte occurred_at", "evt-1", "x".repeat(65), null, null, "occurred_at exceeds maximum length of 64 characters"),
                Arguments.of("66-byte occurred_at of 33 chars", "evt-1", eacute.repeat(33), null, null,
                        "occurred_at exceeds maximum length of 64 characters"),
                Arguments.of("66-byte occurred_at of 22 chars", "evt-1", euro.repeat(22), null, null,
                        "occurred_at exceeds maximum length of 64 characters"),
                Arguments.of("empty tenant", "evt-1", T1, "", null, "tenant_id must not be empty"),
                Arguments.of("SQL in tenant", "evt-1", T1, "tenant'; DROP TABLE event;--", null, "tenant_id" + INVALID_CHARS),
                Arguments.of("257-byte tenant", "evt-1", T1, "t".repeat(257), null, "tenant_id exceeds maximum length of 256 characters"),
                Arguments.of("e-acute tenant", "evt-1", T1, "t" + eacute, null, "tenant_id" + INVALID_CHARS),
                Arguments.of("empty correlation", "evt-1", T1, null, "", "correlation_id must not be empty"),
                Arguments.of("NUL in correlation", "evt-1", T1, null, "corr\u0000x", "correlation_id" + INVALID_CHARS),
                Arguments.of("257-byte correlation", "evt-1", T1, null, "c".repeat(257), "correlation_id exceeds maximum length of 256 characters"),
                Arguments.of("event id checked before occurred_at", "bad id", "", "", "", "event_id" + INVALID_CHARS),
                Arguments.of("occurred_at checked before tenant", "evt-1", "", "", "", "occurred_at must not be empty"),
                Arguments.of("tenant checked before correlation", "evt-1", T1, "bad tenant", "", "tenant_id" + INVALID_CHARS),
                Arguments.of("empty checked before length", "", "x".repeat(65), null, null, "event_id must not be empty"));
    }

    /** Envelope members that pass validation: label, event_id, occurred_at, tenant, correlation. */
    static Stream<Arguments> validEnvelopes() {
        final String eacute = "\u00e9";
        return Stream.of(
                Arguments.of("plain", "evt-001", T1, null, null),
                Arguments.of("dots and underscores", "evt_001.abc", T1, null, null),
                Arguments.of("every allowed character", "ABCXYZabcxyz0123456789-_.", T1, "AZaz09-_.", "._-"),
                Arguments.of("single character ids", "a", "x", "b", "c"),
                Arguments.of("256-byte ids", "a".repeat(256), T1, "t".repeat(256), "c".repeat(256)),
                Arguments.of("64-byte occurred_at", "evt-1", "x".repeat(64), null, null),
                Arguments.of("64-byte occurred_at of 32 two-byte chars", "evt-1", eacute.repeat(32), null, null),
                Arguments.of("free-text occurred_at", "evt-1", "yesterday, around noon", null, null),
                Arguments.of("logical occurred_at", "evt-1", "lamport:3", null, null),
                Arguments.of("occurred_at with any characters", "evt-1", "2026\u5e74 \u0000/\uD83D\uDE00", null, null),
                Arguments.of("63-byte occurred_at of 21 three-byte chars", "evt-1", "\u20ac".repeat(21), null, null),
                // converge counts a lone surrogate as one byte (as String.getBytes does); stored, it takes three
                Arguments.of("occurred_at of 40 lone surrogates", "evt-1", "\uD800".repeat(40), null, null),
                Arguments.of("tenant and correlation", "evt-1", T1, "tenant-abc", "corr-xyz-123"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEnvelopes")
    void appendEventRejectsInvalidEnvelopeAndChangesNothing(String label, String eventId, String occurredAt,
                                                                   String tenant, String correlation, String expected) {
        ExperienceStore store = open();
        // A ReplayTraceRecorded, so that a rejected envelope that still registered its trace link would show.
        final ExperienceEventEnvelope envelope = new ExperienceEventEnvelope(new EventId(eventId), occurredAt,
                tenant == null ? null : new TenantId(tenant), correlation == null ? null : new CorrelationId(correlation),
                traceRecorded("trace-rejected", localTrace()));
        final ExperienceStore target = store;
        assertInvalid(() -> target.appendEvent(envelope), expected);
        store = readPhase(store);
        assertEquals(List.of(), store.queryEvents(ALL), label);
        assertEquals(List.of(), store.queryRecords(ALL), label);
        assertEquals(Optional.empty(), store.getTraceLink(new TraceLinkId("trace-rejected")), label);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEnvelopes")
    void appendUserEventRejectsInvalidEnvelopeAndChangesNothing(String label, String eventId, String occurredAt,
                                                                       String tenant, String correlation, String expected) {
        ExperienceStore store = open();
        final UserExperienceEventEnvelope envelope = new UserExperienceEventEnvelope(new EventId(eventId), occurredAt,
                tenant == null ? null : new TenantId(tenant), correlation == null ? null : new CorrelationId(correlation),
                userEvent(UserKind.CORRECTION));
        final ExperienceStore target = store;
        assertInvalid(() -> target.appendUserEvent(envelope), expected);
        store = readPhase(store);
        assertEquals(List.of(), store.queryRecords(ALL), label);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validEnvelopes")
    void appendEventAcceptsValidEnvelope(String label, String eventId, String occurredAt, String tenant,
                                                String correlation) {
        ExperienceStore store = open();
        final ExperienceEventEnvelope envelope = new ExperienceEventEnvelope(new EventId(eventId), occurredAt,
                tenant == null ? null : new TenantId(tenant), correlation == null ? null : new CorrelationId(correlation),
                outcome("c-1"));
        store.appendEvent(envelope);
        store = readPhase(store);
        assertEquals(List.of(envelope), store.queryEvents(ALL), label);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validEnvelopes")
    void appendUserEventAcceptsValidEnvelope(String label, String eventId, String occurredAt, String tenant,
                                                    String correlation) {
        ExperienceStore store = open();
        final UserExperienceEventEnvelope envelope = new UserExperienceEventEnvelope(new EventId(eventId), occurredAt,
                tenant == null ? null : new TenantId(tenant), correlation == null ? null : new CorrelationId(correlation),
                userEvent(UserKind.BOUNDARY_ADJUSTED));
        store.appendUserEvent(envelope);
        store = readPhase(store);
        assertEquals(List.of(new ExperienceRecord.User(envelope)), store.queryRecords(ALL), label);
    }

    @Test
    void nothingInsideTheEventIsValidated() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope oddChain = engine("evt-1", T1, outcome("../chain: \u00e9 \uD83D\uDE00"));
        final ExperienceEventEnvelope oddTrace = engine("evt-2", T1, traceRecorded("trace/../\u0000", localTrace()));
        final ExperienceEventEnvelope emptyChain = engine("evt-3", T1, budget(""));
        store.appendEvent(oddChain);
        store.appendEvent(oddTrace);
        store.appendEvent(emptyChain);
        store = readPhase(store);
        assertEquals(List.of(oddChain, oddTrace, emptyChain), store.queryEvents(ALL));
        assertEquals(List.of(oddChain), store.queryEvents(ALL.withChain(new ChainId("../chain: \u00e9 \uD83D\uDE00"))));
        assertEquals(List.of(emptyChain), store.queryEvents(ALL.withChain(new ChainId(""))));
        assertEquals(Optional.of(localTrace()), store.getTraceLink(new TraceLinkId("trace/../\u0000")));
    }

    @Test
    void rejectedEnvelopeLeavesEarlierAndLaterAppendsIntact() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope before = engine("evt-1", T1);
        final ExperienceEventEnvelope after = engine("evt-2", T2);
        store.appendEvent(before);
        final ExperienceStore target = store;
        assertInvalid(() -> target.appendEvent(engine("evt-x", "", traceRecorded("trace-x", localTrace()))),
                "occurred_at must not be empty");
        assertInvalid(() -> target.appendUserEvent(user("user-x", T1).withCorrelation("")), "correlation_id must not be empty");
        store.appendEvent(after);
        store = readPhase(store);
        assertEquals(List.of(before, after), store.queryEvents(ALL));
        assertEquals(Optional.empty(), store.getTraceLink(new TraceLinkId("trace-x")));
    }

    // ---------------------------------------------------------------- 10.3 matching

    @Test
    void tenantFilterIsExactCaseSensitiveAndSkipsEnvelopesWithoutTenant() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope a = engine("evt-1", T1).withTenant("tenant-a");
        store.appendEvent(a);
        store.appendEvent(engine("evt-2", T1).withTenant("Tenant-A"));
        store.appendEvent(engine("evt-3", T1));
        store.appendEvent(engine("evt-4", T1).withTenant("tenant-ab"));
        store.appendEvent(engine("evt-5", T1).withTenant("tenant"));
        final ExperienceEventEnvelope a2 = engine("evt-6", T2).withTenant("tenant-a");
        store.appendEvent(a2);
        store = readPhase(store);
        assertEquals(List.of(a, a2), store.queryEvents(ALL.withTenant(new TenantId("tenant-a"))));
        assertEquals(List.of(), store.queryEvents(ALL.withTenant(new TenantId("tenant-c"))));
        assertEquals(6, store.queryEvents(ALL).size());
    }

    @Test
    void correlationFilterIsExactCaseSensitiveAndSkipsEnvelopesWithoutCorrelation() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope x = engine("evt-1", T1).withCorrelation("corr-x");
        store.appendEvent(x);
        store.appendEvent(engine("evt-2", T1).withCorrelation("CORR-X"));
        store.appendEvent(engine("evt-3", T1));
        store.appendEvent(engine("evt-4", T1).withCorrelation("corr-x1"));
        store.appendEvent(engine("evt-5", T1).withTenant("corr-x"));
        store = readPhase(store);
        assertEquals(List.of(x), store.queryEvents(ALL.withCorrelation(new CorrelationId("corr-x"))));
        assertEquals(List.of(), store.queryEvents(ALL.withCorrelation(new CorrelationId("corr-y"))));
    }

    @Test
    void kindsFilterMatchesListedKindsAndEmptyListMatchesAll() {
        ExperienceStore store = open();
        final List<ExperienceEventEnvelope> all = StoreFixtures.oneOfEachEngineKind(T1, "c-1");
        store.appendEvents(all);
        store = readPhase(store);
        assertEquals(all, store.queryEvents(ALL.withKinds(List.of())));
        for (ExperienceEventKind kind : ExperienceEventKind.values()) {
            assertEquals(List.of(all.get(kind.ordinal())), store.queryEvents(ALL.withKinds(kind)), kind.name());
        }
        assertEquals(List.of(all.get(ExperienceEventKind.ProposalCreated.ordinal()),
                        all.get(ExperienceEventKind.GateDecisionRecorded.ordinal())),
                store.queryEvents(ALL.withKinds(ExperienceEventKind.GateDecisionRecorded, ExperienceEventKind.ProposalCreated)));
    }

    @Test
    void chainFilterConsultsOnlyProposalCreatedProposalValidatedOutcomeRecordedAndBudgetExceeded() {
        ExperienceStore store = open();
        final List<ExperienceEventEnvelope> onTarget = StoreFixtures.oneOfEachEngineKind(T1, "c-target");
        store.appendEvents(onTarget);
        store.appendEvent(engine("evt-other-outcome", T1, outcome("c-other")));
        store.appendEvent(engine("evt-other-budget", T1, budget("c-other")));
        store = readPhase(store);
        final Set<ExperienceEventKind> consulted = EnumSet.of(ExperienceEventKind.ProposalCreated,
                ExperienceEventKind.ProposalValidated, ExperienceEventKind.OutcomeRecorded, ExperienceEventKind.BudgetExceeded);
        final List<ExperienceEventEnvelope> expected = onTarget.stream()
                .filter(e -> consulted.contains(e.kind())).collect(Collectors.toList());
        assertEquals(4, expected.size());
        assertEquals(expected, store.queryEvents(ALL.withChain(new ChainId("c-target"))));
        assertEquals(List.of(), store.queryEvents(ALL.withChain(new ChainId("c-target"))
                .withKinds(ExperienceEventKind.HypothesisResolved)), "HypothesisResolved's chain id is not consulted");
    }

    @Test
    void timeRangeBoundsAreInclusiveAndOptional() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope e1 = engine("evt-1", T1);
        final ExperienceEventEnvelope e2 = engine("evt-2", T2);
        final ExperienceEventEnvelope e3 = engine("evt-3", T3);
        store.appendEvents(List.of(e3, e1, e2));
        store = readPhase(store);
        assertEquals(List.of(e1, e2), store.queryEvents(ALL.withTimeRange(new TimeRange(T1, T2))));
        assertEquals(List.of(e2), store.queryEvents(ALL.withTimeRange(new TimeRange(T2, T2))));
        assertEquals(List.of(e1, e2), store.queryEvents(ALL.withTimeRange(new TimeRange(null, T2))));
        assertEquals(List.of(e3, e2), store.queryEvents(ALL.withTimeRange(new TimeRange(T2, null))));
        assertEquals(List.of(e3, e1, e2), store.queryEvents(ALL.withTimeRange(new TimeRange(null, null))));
        assertEquals(List.of(), store.queryEvents(ALL.withTimeRange(new TimeRange(T3, T1))), "start > end matches nothing");
        assertEquals(List.of(), store.queryEvents(ALL.withTimeRange(new TimeRange("2026-05-10T08:00:01.5Z", "2026-05-10T08:00:01.9Z"))));
    }

    @Test
    void timeRangeComparesStringsNotInstants() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope whole = engine("evt-a", "2026-05-10T08:30:00Z");
        final ExperienceEventEnvelope fraction = engine("evt-b", "2026-05-10T08:30:00.500Z");
        final ExperienceEventEnvelope offset = engine("evt-c", "2026-05-10T10:15:00+02:00");
        final ExperienceEventEnvelope earlier = engine("evt-d", "2026-05-10T08:20:00Z");
        final ExperienceEventEnvelope logical = engine("evt-e", "lamport:3");
        store.appendEvents(List.of(whole, fraction, offset, earlier, logical));
        store = readPhase(store);
        // '.' < 'Z', so ".500Z" sorts before the whole second; "10:15+02:00" is later as text though earlier in time.
        assertEquals(List.of(whole, fraction, earlier),
                store.queryEvents(ALL.withTimeRange(new TimeRange(null, "2026-05-10T08:30:00Z"))));
        assertEquals(List.of(fraction, earlier),
                store.queryEvents(ALL.withTimeRange(new TimeRange("2026-05-10T08:20:00Z", "2026-05-10T08:30:00.500Z"))));
        assertEquals(List.of(offset, logical),
                store.queryEvents(ALL.withTimeRange(new TimeRange("2026-05-10T08:30:01Z", null))));
    }

    @Test
    void timeRangeUsesCodePointOrderAboveU_FFFF() {
        ExperienceStore store = open();
        final String privateUse = "2026-\uE000";           // U+E000
        final String lastBmp = "2026-\uFFFF";              // U+FFFF
        final String emoji = "2026-\uD83D\uDE00";          // U+1F600, after every BMP character
        final ExperienceEventEnvelope p = engine("evt-p", privateUse);
        final ExperienceEventEnvelope e = engine("evt-e", emoji);
        store.appendEvents(List.of(p, e));
        store = readPhase(store);
        assertEquals(List.of(e), store.queryEvents(ALL.withTimeRange(new TimeRange(lastBmp, null))));
        assertEquals(List.of(p), store.queryEvents(ALL.withTimeRange(new TimeRange(null, lastBmp))));
        assertEquals(List.of(p, e), store.queryEvents(ALL.withTimeRange(new TimeRange(privateUse, emoji))));
        assertEquals(List.of(), store.queryEvents(ALL.withTimeRange(new TimeRange(emoji, privateUse))));
    }

    @Test
    void allSetFiltersMustHold() {
        ExperienceStore store = open();
        final String tenant = "tenant-a";
        final String corr = "corr-1";
        final ExperienceEventEnvelope match = engine("evt-match", T2, outcome("c-1")).withTenant(tenant).withCorrelation(corr);
        store.appendEvent(match);
        store.appendEvent(engine("evt-tenant", T2, outcome("c-1")).withTenant("tenant-b").withCorrelation(corr));
        store.appendEvent(engine("evt-corr", T2, outcome("c-1")).withTenant(tenant).withCorrelation("corr-2"));
        store.appendEvent(engine("evt-kind", T2, budget("c-1")).withTenant(tenant).withCorrelation(corr));
        store.appendEvent(engine("evt-chain", T2, outcome("c-2")).withTenant(tenant).withCorrelation(corr));
        store.appendEvent(engine("evt-time", T3, outcome("c-1")).withTenant(tenant).withCorrelation(corr));
        store = readPhase(store);
        final EventQuery query = new EventQuery(new TenantId(tenant), new TimeRange(T1, T2),
                List.of(ExperienceEventKind.OutcomeRecorded), new CorrelationId(corr), new ChainId("c-1"), null);
        assertEquals(List.of(match), store.queryEvents(query));
        assertEquals(6, store.queryEvents(ALL).size());
    }

    @Test
    void limitKeepsTheFirstMatchesInInsertionOrder() {
        ExperienceStore store = open();
        final List<ExperienceEventEnvelope> appended = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            appended.add(engine("evt-" + i, "2026-05-10T08:00:0" + (9 - i) + "Z", i % 2 == 0 ? outcome("c-1") : budget("c-1")));
        }
        store.appendEvents(appended);
        store = readPhase(store);
        assertEquals(appended.subList(0, 3), store.queryEvents(ALL.withLimit(3L)));
        assertEquals(appended.subList(0, 1), store.queryEvents(ALL.withLimit(1L)));
        assertEquals(appended, store.queryEvents(ALL.withLimit(6L)));
        assertEquals(appended, store.queryEvents(ALL.withLimit(100L)));
        assertEquals(appended, store.queryEvents(ALL.withLimit(Long.MAX_VALUE)));
        assertEquals(List.of(appended.get(1), appended.get(3)),
                store.queryEvents(ALL.withKinds(ExperienceEventKind.BudgetExceeded).withLimit(2L)));
    }

    /** A usize limit of 2^63 or more is held as a negative Java long and still means "at most that many". */
    @Test
    void unsignedLimitsAbove2To63ReturnEverything() {
        ExperienceStore store = open();
        store.appendEvent(engine("evt-1", T1));
        store.appendEvent(engine("evt-2", T1));
        store.appendUserEvent(user("user-1", T1));
        store = readPhase(store);
        final long u64Max = -1L;
        final long twoTo63 = Long.MIN_VALUE;
        assertEquals(2, store.queryEvents(ALL.withLimit(u64Max)).size());
        assertEquals(2, store.queryEvents(ALL.withLimit(twoTo63)).size());
        assertEquals(3, store.queryRecords(ALL.withLimit(u64Max)).size());
        assertEquals(3, store.queryRecords(ALL.withLimit(twoTo63)).size());
    }

    @Test
    void limitZeroReturnsNothing() {
        ExperienceStore store = open();
        store.appendEvent(engine("evt-1", T1));
        store.appendUserEvent(user("user-1", T1));
        store = readPhase(store);
        assertEquals(List.of(), store.queryEvents(ALL.withLimit(0L)));
        assertEquals(List.of(), store.queryRecords(ALL.withLimit(0L)));
        assertEquals(1, store.queryEvents(ALL).size());
    }

    // ---------------------------------------------------------------- 10.4 queryRecords (limit once, after the merge)

    @Test
    void recordsWorkedExampleWithoutLimit() {
        ExperienceStore store = workedExample();
        assertEquals(List.of(eng("E2", T1), eng("E3", T2), usr("U1", T2), eng("E1", T3)), store.queryRecords(ALL));
    }

    @Test
    void recordsLimitIsAppliedOnceAfterTheMerge() {
        ExperienceStore store = workedExample();
        // The reference would cut the engine side to [E1, E2] first and answer [E2, U1].
        assertEquals(List.of(eng("E2", T1), eng("E3", T2)), store.queryRecords(ALL.withLimit(2L)));
        assertEquals(List.of(eng("E2", T1), eng("E3", T2), usr("U1", T2)), store.queryRecords(ALL.withLimit(3L)));
        assertEquals(List.of(eng("E2", T1)), store.queryRecords(ALL.withLimit(1L)));
        assertEquals(4, store.queryRecords(ALL.withLimit(9L)).size());
    }

    private ExperienceStore workedExample() {
        ExperienceStore store = open();
        store.appendEvent(engine("E1", T3));
        store.appendEvent(engine("E2", T1));
        store.appendUserEvent(user("U1", T2));
        store.appendEvent(engine("E3", T2));
        return readPhase(store);
    }

    @Test
    void recordsTiesKeepEngineFirstThenInsertionOrderOfEachSide() {
        ExperienceStore store = open();
        store.appendUserEvent(user("U1", T2));
        store.appendEvent(engine("E1", T2));
        store.appendUserEvent(user("U2", T2));
        store.appendEvent(engine("E2", T2));
        store.appendUserEvent(user("U0", T1));
        store.appendEvent(engine("E3", T3));
        store = readPhase(store);
        assertEquals(List.of(usr("U0", T1), eng("E1", T2), eng("E2", T2), usr("U1", T2), usr("U2", T2), eng("E3", T3)),
                store.queryRecords(ALL));
    }

    @Test
    void recordsSortByCodePointAndByStringNotInstant() {
        ExperienceStore store = open();
        store.appendEvent(engine("E-emoji", "2026-\uD83D\uDE00"));
        store.appendUserEvent(user("U-private", "2026-\uE000"));
        store.appendEvent(engine("E-whole", "2026-05-10T08:30:00Z"));
        store.appendUserEvent(user("U-fraction", "2026-05-10T08:30:00.500Z"));
        store = readPhase(store);
        assertEquals(List.of(usr("U-fraction", "2026-05-10T08:30:00.500Z"), eng("E-whole", "2026-05-10T08:30:00Z"),
                        usr("U-private", "2026-\uE000"), eng("E-emoji", "2026-\uD83D\uDE00")),
                store.queryRecords(ALL));
    }

    @Test
    void userRecordsIgnoreKindsAndChainFilters() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope outcome = engine("E-outcome", T1, outcome("c-1"));
        final ExperienceEventEnvelope budget = engine("E-budget", T1, budget("c-2"));
        final ExperienceEventEnvelope hypothesis = engine("E-hyp", T1, engineEvent(ExperienceEventKind.HypothesisResolved, "c-1"));
        final UserExperienceEventEnvelope u1 = user("U1", T2);
        store.appendEvents(List.of(outcome, budget, hypothesis));
        store.appendUserEvent(u1);
        store = readPhase(store);
        final ExperienceRecord userRecord = new ExperienceRecord.User(u1);
        assertEquals(List.of(new ExperienceRecord.Engine(outcome), userRecord),
                store.queryRecords(ALL.withKinds(ExperienceEventKind.OutcomeRecorded)));
        assertEquals(List.of(new ExperienceRecord.Engine(budget), userRecord), store.queryRecords(ALL.withChain(new ChainId("c-2"))));
        assertEquals(List.of(userRecord), store.queryRecords(ALL.withChain(new ChainId("c-none"))));
        assertEquals(List.of(userRecord), store.queryRecords(ALL.withKinds(ExperienceEventKind.GateDecisionRecorded)
                .withChain(new ChainId("c-1"))));
    }

    @Test
    void userRecordsAreFilteredByTenantCorrelationAndTimeRange() {
        ExperienceStore store = open();
        final UserExperienceEventEnvelope match = user("U-match", T2).withTenant("tenant-a").withCorrelation("corr-x");
        store.appendUserEvent(match);
        store.appendUserEvent(user("U-no-tenant", T2).withCorrelation("corr-x"));
        store.appendUserEvent(user("U-tenant-b", T2).withTenant("tenant-b").withCorrelation("corr-x"));
        store.appendUserEvent(user("U-no-corr", T2).withTenant("tenant-a"));
        store.appendUserEvent(user("U-corr-y", T2).withTenant("tenant-a").withCorrelation("corr-y"));
        store.appendUserEvent(user("U-late", T3).withTenant("tenant-a").withCorrelation("corr-x"));
        store.appendUserEvent(user("U-early", T1).withTenant("tenant-a").withCorrelation("corr-x"));
        store = readPhase(store);
        final EventQuery query = ALL.withTenant(new TenantId("tenant-a")).withCorrelation(new CorrelationId("corr-x"))
                .withTimeRange(new TimeRange(T2, T2));
        assertEquals(List.of(new ExperienceRecord.User(match)), store.queryRecords(query));
        assertEquals(7, store.queryRecords(ALL).size());
    }

    // ---------------------------------------------------------------- 12.5 reference integration tests

    /** Port of {@code append_user_event_with_valid_envelope_succeeds}. */
    @Test
    void appendUserEventWithValidEnvelopeSucceeds() {
        ExperienceStore store = open();
        final UserExperienceEventEnvelope envelope = user("user-evt-1", T1, userEvent(UserKind.CORRECTION)).withTenant("tenant-x");
        store.appendUserEvent(envelope);
        store = readPhase(store);
        assertEquals(List.of(new ExperienceRecord.User(envelope)), store.queryRecords(ALL));
    }

    /** Port of {@code query_records_merges_engine_and_user_events}. */
    @Test
    void queryRecordsMergesEngineAndUserEvents() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope e = engine("evt-1", T1);
        final UserExperienceEventEnvelope u = user("user-1", T2);
        store.appendEvent(e);
        store.appendUserEvent(u);
        store = readPhase(store);
        assertEquals(List.of(new ExperienceRecord.Engine(e), new ExperienceRecord.User(u)), store.queryRecords(ALL));
    }

    /** Port of {@code query_records_respects_limit}. */
    @Test
    void queryRecordsRespectsLimit() {
        ExperienceStore store = open();
        for (int i = 0; i < 5; i++) {
            store.appendEvent(engine("evt-" + i, "2026-05-10T08:00:0" + i + "Z"));
            store.appendUserEvent(user("user-" + i, "2026-05-10T08:00:0" + i + "Z"));
        }
        store = readPhase(store);
        assertEquals(List.of(eng("evt-0", "2026-05-10T08:00:00Z"), usr("user-0", "2026-05-10T08:00:00Z"),
                eng("evt-1", "2026-05-10T08:00:01Z")), store.queryRecords(ALL.withLimit(3L)));
        assertEquals(10, store.queryRecords(ALL).size());
    }

    /** Port of {@code user_event_query_filters_by_tenant}. */
    @Test
    void userEventQueryFiltersByTenant() {
        ExperienceStore store = open();
        final UserExperienceEventEnvelope a = user("user-a", T1).withTenant("tenant-a");
        store.appendUserEvent(a);
        store.appendUserEvent(user("user-b", T1).withTenant("tenant-b"));
        store = readPhase(store);
        assertEquals(List.of(new ExperienceRecord.User(a)), store.queryRecords(ALL.withTenant(new TenantId("tenant-a"))));
    }

    /** Port of {@code user_event_query_filters_by_correlation}. */
    @Test
    void userEventQueryFiltersByCorrelation() {
        ExperienceStore store = open();
        final UserExperienceEventEnvelope x = user("user-x", T1).withCorrelation("corr-x");
        store.appendUserEvent(x);
        store.appendUserEvent(user("user-y", T1).withCorrelation("corr-y"));
        store = readPhase(store);
        assertEquals(List.of(new ExperienceRecord.User(x)), store.queryRecords(ALL.withCorrelation(new CorrelationId("corr-x"))));
    }

    /** Port of {@code engine_event_query_filters_by_chain_id}. */
    @Test
    void engineEventQueryFiltersByChainId() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope target = engine("evt-target", T1, outcome("chain-target"));
        store.appendEvent(target);
        store.appendEvent(engine("evt-other", T1, outcome("chain-other")));
        store = readPhase(store);
        assertEquals(List.of(target), store.queryEvents(ALL.withChain(new ChainId("chain-target"))));
    }

    /** Port of {@code chain_id_filter_excludes_events_without_a_chain}. */
    @Test
    void chainIdFilterExcludesEventsWithoutAChain() {
        ExperienceStore store = open();
        store.appendEvent(engine("evt-fact", T1, engineEvent(ExperienceEventKind.FactPromoted)));
        store = readPhase(store);
        assertEquals(List.of(), store.queryEvents(ALL.withChain(new ChainId(StoreFixtures.DEFAULT_CHAIN))));
        assertEquals(1, store.queryEvents(ALL).size());
    }

    /** Port of {@code engine_event_query_filters_by_kinds_set}. */
    @Test
    void engineEventQueryFiltersByKindsSet() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope b = engine("evt-budget", T1, budget("c-1"));
        store.appendEvent(engine("evt-outcome", T1, outcome("c-1")));
        store.appendEvent(b);
        store = readPhase(store);
        assertEquals(List.of(b), store.queryEvents(ALL.withKinds(ExperienceEventKind.BudgetExceeded)));
    }

    /** Port of {@code time_range_filter_includes_only_events_inside_bounds}. */
    @Test
    void timeRangeFilterIncludesOnlyEventsInsideBounds() {
        ExperienceStore store = open();
        final ExperienceEventEnvelope epoch = ExperienceEventEnvelope.of("evt-epoch", outcome("c-1"));
        store.appendEvent(epoch);
        store = readPhase(store);
        final String placeholder = "1970-01-01T00:00:00Z";
        assertEquals(List.of(epoch), store.queryEvents(ALL.withTimeRange(new TimeRange(placeholder, placeholder))));
        assertEquals(List.of(), store.queryEvents(ALL.withTimeRange(new TimeRange("9999-01-01T00:00:00Z", null))));
    }

    // ---------------------------------------------------------------- 10.5 artifact transitions (this port's rules)

    @Test
    void artifactTransitionBuildsTheEnvelopeFromTheLifecycleEvent() {
        ExperienceStore store = open();
        final LifecycleEvent lifecycle = new LifecycleEvent(GovernedArtifactState.Draft, GovernedArtifactState.Approved,
                "2026-05-10T09:30:00Z", "admin", "reviewed", "TICKET-1", "tenant-a");
        store.writeArtifactStateTransition(new ArtifactId("adapter-1"), ArtifactKind.Named.Adapter, lifecycle);
        store = readPhase(store);
        final ExperienceEventEnvelope expected = new ExperienceEventEnvelope(new EventId("evt-artifact-0"),
                "2026-05-10T09:30:00Z", new TenantId("tenant-a"), null,
                new ExperienceEvent.ArtifactStateTransitioned(new ArtifactId("adapter-1"), ArtifactKind.Named.Adapter, lifecycle));
        assertEquals(List.of(expected), store.queryEvents(ALL));
        assertEquals(List.of(expected), store.queryEvents(ALL.withTenant(new TenantId("tenant-a"))
                .withKinds(ExperienceEventKind.ArtifactStateTransitioned)
                .withTimeRange(new TimeRange("2026-05-10T09:30:00Z", "2026-05-10T09:30:00Z"))));
    }

    @Test
    void artifactTransitionIdsCountFromZero() {
        ExperienceStore store = open();
        for (int i = 0; i < 3; i++) {
            store.writeArtifactStateTransition(new ArtifactId("pack-1"), ArtifactKind.Named.Pack,
                    LifecycleEvent.of(GovernedArtifactState.Draft, GovernedArtifactState.Active, "admin", "r" + i));
        }
        store = readPhase(store);
        assertEquals(List.of("evt-artifact-0", "evt-artifact-1", "evt-artifact-2"), ids(store.queryEvents(ALL)));
    }

    @Test
    void artifactTransitionIdsSkipIdsAlreadyInTheStore() {
        ExperienceStore store = open();
        store.appendEvent(engine("evt-artifact-0", T1));
        store.appendUserEvent(user("evt-artifact-2", T1));
        store.appendEvent(engine("evt-artifact-4", T1));
        for (int i = 0; i < 3; i++) {
            store.writeArtifactStateTransition(new ArtifactId("pol-1"), ArtifactKind.Named.Policy,
                    LifecycleEvent.of(GovernedArtifactState.Approved, GovernedArtifactState.Active, "admin", "go"));
        }
        store = readPhase(store);
        assertEquals(List.of("evt-artifact-0", "evt-artifact-4", "evt-artifact-1", "evt-artifact-3", "evt-artifact-5"),
                ids(store.queryEvents(ALL)));
    }

    @Test
    void artifactTransitionIdsStayUniqueAcrossAReopen() {
        ExperienceStore store = open();
        final LifecycleEvent lifecycle = LifecycleEvent.of(GovernedArtifactState.Draft, GovernedArtifactState.Approved, "a", "r");
        store.writeArtifactStateTransition(new ArtifactId("x"), ArtifactKind.Named.TruthFile, lifecycle);
        store = readPhase(store);
        store.appendEvent(engine("evt-artifact-1", T1));
        store.writeArtifactStateTransition(new ArtifactId("x"), ArtifactKind.Named.TruthFile, lifecycle);
        store = readPhase(store);
        store.writeArtifactStateTransition(new ArtifactId("x"), ArtifactKind.Named.TruthFile, lifecycle);
        store = readPhase(store);
        assertEquals(List.of("evt-artifact-0", "evt-artifact-1", "evt-artifact-2", "evt-artifact-3"), ids(store.queryEvents(ALL)));
    }

    @ParameterizedTest(name = "tenant [{0}]")
    @ValueSource(strings = {"", "tenant a", "tenant/a", "t\u00e9nant", "tenant'; DROP TABLE event;--"})
    void artifactTransitionWithInvalidTenantHasNoTenant(String tenant) {
        ExperienceStore store = open();
        final LifecycleEvent lifecycle = new LifecycleEvent(GovernedArtifactState.Active, GovernedArtifactState.Quarantined,
                T1, "admin", "incident", null, tenant);
        store.writeArtifactStateTransition(new ArtifactId("eval-1"), ArtifactKind.Named.EvalSuite, lifecycle);
        store = readPhase(store);
        final List<ExperienceEventEnvelope> stored = store.queryEvents(ALL);
        assertEquals(1, stored.size());
        assertNull(stored.get(0).tenantId());
        assertNull(stored.get(0).correlationId());
        assertEquals(T1, stored.get(0).occurredAt());
        assertEquals(new ExperienceEvent.ArtifactStateTransitioned(new ArtifactId("eval-1"), ArtifactKind.Named.EvalSuite,
                lifecycle), stored.get(0).event(), "the lifecycle event is stored unchanged, invalid tenant included");
    }

    @Test
    void artifactTransitionWithoutTenantHasNoTenant() {
        ExperienceStore store = open();
        final LifecycleEvent lifecycle = LifecycleEvent.of(GovernedArtifactState.Draft, GovernedArtifactState.Approved, "a", "r");
        store.writeArtifactStateTransition(new ArtifactId("x"), new ArtifactKind.Other("prompt-template"), lifecycle);
        store = readPhase(store);
        final ExperienceEventEnvelope expected = new ExperienceEventEnvelope(new EventId("evt-artifact-0"),
                "1970-01-01T00:00:00Z", null, null,
                new ExperienceEvent.ArtifactStateTransitioned(new ArtifactId("x"), new ArtifactKind.Other("prompt-template"), lifecycle));
        assertEquals(List.of(expected), store.queryEvents(ALL));
    }

    @Test
    void artifactTransitionWithInvalidTimestampIsRejectedAndChangesNothing() {
        ExperienceStore store = open();
        final ExperienceStore target = store;
        assertInvalid(() -> target.writeArtifactStateTransition(new ArtifactId("x"), ArtifactKind.Named.Adapter,
                        new LifecycleEvent(GovernedArtifactState.Draft, GovernedArtifactState.Approved, "", "a", "r", null, "tenant-a")),
                "occurred_at must not be empty");
        assertInvalid(() -> target.writeArtifactStateTransition(new ArtifactId("x"), ArtifactKind.Named.Adapter,
                        new LifecycleEvent(GovernedArtifactState.Draft, GovernedArtifactState.Approved, "x".repeat(65), "a", "r", null, null)),
                "occurred_at exceeds maximum length of 64 characters");
        store.writeArtifactStateTransition(new ArtifactId("x"), ArtifactKind.Named.Adapter,
                new LifecycleEvent(GovernedArtifactState.Draft, GovernedArtifactState.Approved, "x".repeat(64), "a", "r", null, null));
        store = readPhase(store);
        final List<ExperienceEventEnvelope> stored = store.queryEvents(ALL);
        assertEquals(List.of("evt-artifact-0"), ids(stored));
        assertEquals("x".repeat(64), stored.get(0).occurredAt());
    }

    @Test
    void artifactTransitionIsNotCheckedAgainstTheTransitionTable() {
        ExperienceStore store = open();
        final LifecycleEvent backwards = LifecycleEvent.of(GovernedArtifactState.RolledBack, GovernedArtifactState.Draft, "a", "r");
        final LifecycleEvent same = LifecycleEvent.of(GovernedArtifactState.Active, GovernedArtifactState.Active, "a", "r");
        store.writeArtifactStateTransition(new ArtifactId("x"), ArtifactKind.Named.Adapter, backwards);
        store.writeArtifactStateTransition(new ArtifactId("x"), ArtifactKind.Named.Adapter, same);
        store = readPhase(store);
        final List<ExperienceEventEnvelope> stored = store.queryEvents(ALL);
        assertEquals(2, stored.size());
        assertEquals(backwards, ((ExperienceEvent.ArtifactStateTransitioned) stored.get(0).event()).event());
        assertEquals(same, ((ExperienceEvent.ArtifactStateTransitioned) stored.get(1).event()).event());
    }

    // ---------------------------------------------------------------- 10.6 trace links

    @Test
    void traceLinkLastWriteWins() {
        ExperienceStore store = open();
        store.appendEvent(engine("evt-1", T1, traceRecorded("trace-1", localTrace())));
        store.appendEvent(engine("evt-2", T1, traceRecorded("trace-1", remoteTrace(Replayability.None))));
        store.appendEvents(List.of(engine("evt-3", T1, traceRecorded("trace-2", remoteTrace(Replayability.None))),
                engine("evt-4", T1, traceRecorded("trace-2", localTrace()))));
        store = readPhase(store);
        assertEquals(Optional.of(remoteTrace(Replayability.None)), store.getTraceLink(new TraceLinkId("trace-1")));
        assertEquals(Optional.of(localTrace()), store.getTraceLink(new TraceLinkId("trace-2")));
    }

    @Test
    void traceLinkReRegisteredAfterAReopenStillLastWriteWins() {
        ExperienceStore store = open();
        store.appendEvent(engine("evt-1", T1, traceRecorded("trace-1", localTrace())));
        store = readPhase(store);
        assertEquals(Optional.of(localTrace()), store.getTraceLink(new TraceLinkId("trace-1")));
        store.appendEvent(engine("evt-2", T2, traceRecorded("trace-1", remoteTrace(Replayability.BestEffort))));
        store = readPhase(store);
        assertEquals(Optional.of(remoteTrace(Replayability.BestEffort)), store.getTraceLink(new TraceLinkId("trace-1")));
    }

    @Test
    void replayabilityDowngradeDoesNotChangeTheStoredTrace() {
        ExperienceStore store = open();
        store.appendEvent(engine("evt-1", T1, traceRecorded("trace-1", remoteTrace(Replayability.BestEffort))));
        store.appendEvent(engine("evt-2", T2, new ExperienceEvent.ReplayabilityDowngraded(new TraceLinkId("trace-1"),
                Replayability.BestEffort, Replayability.None, ReplayabilityDowngradeReason.MultipleReasons)));
        store = readPhase(store);
        assertEquals(Optional.of(remoteTrace(Replayability.BestEffort)), store.getTraceLink(new TraceLinkId("trace-1")));
        assertEquals(2, store.queryEvents(ALL).size());
    }

    @Test
    void onlyReplayTraceRecordedRegistersTraceLinks() {
        ExperienceStore store = open();
        for (ExperienceEventKind kind : ExperienceEventKind.values()) {
            if (kind != ExperienceEventKind.ReplayTraceRecorded) {
                store.appendEvent(engine("evt-" + kind.ordinal(), T1, engineEvent(kind)));
            }
        }
        store = readPhase(store);
        // The fixtures mention these trace ids in RecallExecuted, ReplayabilityDowngraded and BackendInvoked.
        for (String traceId : List.of("trace-recall", "trace-fixture", "trace-backend")) {
            assertEquals(Optional.empty(), store.getTraceLink(new TraceLinkId(traceId)), traceId);
        }
        assertEquals(13, store.queryEvents(ALL).size());
    }

    @Test
    void traceLinksAreGlobalNotTenantScoped() {
        ExperienceStore store = open();
        store.appendEvent(engine("evt-1", T1, traceRecorded("trace-1", localTrace())).withTenant("tenant-a"));
        store.appendEvent(engine("evt-2", T1, traceRecorded("trace-2", localTrace())).withTenant("tenant-b").withCorrelation("c"));
        store.appendEvent(engine("evt-3", T1, traceRecorded("trace-1", remoteTrace(Replayability.BestEffort))).withTenant("tenant-b"));
        store = readPhase(store);
        assertEquals(Optional.of(remoteTrace(Replayability.BestEffort)), store.getTraceLink(new TraceLinkId("trace-1")));
        assertEquals(Optional.of(localTrace()), store.getTraceLink(new TraceLinkId("trace-2")));
    }

    @Test
    void userEventsNeverRegisterTraceLinks() {
        ExperienceStore store = open();
        store.appendUserEvent(user("trace-1", T1));
        for (UserKind kind : UserKind.values()) {
            store.appendUserEvent(user("user-" + kind.ordinal(), T1, userEvent(kind)));
        }
        store = readPhase(store);
        assertEquals(Optional.empty(), store.getTraceLink(new TraceLinkId("trace-1")));
        assertEquals(Optional.empty(), store.getTraceLink(new TraceLinkId("user-0")));
        assertEquals(6, store.queryRecords(ALL).size());
    }

    @Test
    void unknownTraceLinkIsEmptyNotAnError() {
        ExperienceStore store = open();
        store.appendEvent(engine("evt-1", T1, traceRecorded("trace-1", localTrace())));
        store = readPhase(store);
        assertEquals(Optional.empty(), store.getTraceLink(new TraceLinkId("trace-2")));
        assertEquals(Optional.empty(), store.getTraceLink(new TraceLinkId("TRACE-1")));
        assertEquals(Optional.empty(), store.getTraceLink(new TraceLinkId("")));
    }

    // ---------------------------------------------------------------- appendEvents is all-or-nothing (this port's rule)

    @ParameterizedTest(name = "invalid at {0}")
    @ValueSource(ints = {0, 2, 4})
    void appendEventsWithAnInvalidEnvelopeAppendsNothing(int invalidAt) {
        ExperienceStore store = open();
        final ExperienceEventEnvelope existing = engine("evt-existing", T1);
        store.appendEvent(existing);
        final List<ExperienceEventEnvelope> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(i == invalidAt ? engine("", T1) : engine("evt-" + i, T1, traceRecorded("trace-" + i, localTrace())));
        }
        final ExperienceStore target = store;
        assertInvalid(() -> target.appendEvents(batch), "events[" + invalidAt + "]: event_id must not be empty");
        store = readPhase(store);
        assertEquals(List.of(existing), store.queryEvents(ALL));
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), store.getTraceLink(new TraceLinkId("trace-" + i)), "trace-" + i);
        }
    }

    @Test
    void appendEventsReportsTheFirstInvalidEnvelope() {
        ExperienceStore store = open();
        final ExperienceStore target = store;
        assertInvalid(() -> target.appendEvents(List.of(engine("evt-0", T1), engine("evt-1", T1).withTenant("bad tenant"),
                        engine("evt-2", T1), engine("evt 3", T1))),
                "events[1]: tenant_id" + INVALID_CHARS);
        assertInvalid(() -> target.appendEvents(List.of(engine("evt-0", T1), engine("evt-1", T1), engine("evt-2", T1),
                        engine("evt-3", T1), engine("evt-4", T1), engine("evt-5", T1), engine("evt-6", T1), engine("evt-7", T1),
                        engine("evt-8", T1), engine("evt-9", T1), engine("evt-10", "x".repeat(65)))),
                "events[10]: occurred_at exceeds maximum length of 64 characters");
        store = readPhase(store);
        assertEquals(List.of(), store.queryEvents(ALL));
    }

    @Test
    void appendEventsNamesANullMemberAndAppendsNothing() {
        ExperienceStore store = open();
        final ExperienceStore target = store;
        final List<ExperienceEventEnvelope> batch = Arrays.asList(engine("evt-0", T1), null, engine("evt-2", T1));
        assertInvalid(() -> target.appendEvents(batch), "events[1]: envelope must not be null");
        assertInvalid(() -> target.appendEvents(Collections.singletonList(null)), "events[0]: envelope must not be null");
        store = readPhase(store);
        assertEquals(List.of(), store.queryEvents(ALL));
    }

    @Test
    void appendEventsRefusesANullListAsEveryNullArgument() {
        final ExperienceStore store = open();
        final NullPointerException nullList = assertThrows(NullPointerException.class, () -> store.appendEvents(null));
        assertEquals("envelopes", nullList.getMessage());
        final NullPointerException nullEnvelope = assertThrows(NullPointerException.class,
                () -> store.appendEvent(null));
        assertEquals("envelope", nullEnvelope.getMessage());
        assertEquals(List.of(), store.queryEvents(ALL));
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentAppendersLoseNothingAndKeepPerThreadOrder() throws Exception {
        final int threads = 4;
        final int perThread = 10_000;
        ExperienceStore store = open();
        final ExperienceStore target = store;
        runConcurrently(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                if (i % 3 == 2) {
                    target.appendUserEvent(user("u" + t + "-" + i, T1));
                } else {
                    target.appendEvent(engine("e" + t + "-" + i, T1));
                }
            }
        });
        store = readPhase(store);
        final List<String> engineIds = ids(store.queryEvents(ALL));
        final List<String> recordIds = store.queryRecords(ALL).stream().map(r -> r.eventId().value()).collect(Collectors.toList());
        assertEquals(threads * (perThread - perThread / 3), engineIds.size());
        assertEquals(threads * perThread, recordIds.size());
        for (int t = 0; t < threads; t++) {
            final List<String> expectedEngine = new ArrayList<>();
            final List<String> expectedUser = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                (i % 3 == 2 ? expectedUser : expectedEngine).add((i % 3 == 2 ? "u" : "e") + t + "-" + i);
            }
            final String prefixE = "e" + t + "-";
            final String prefixU = "u" + t + "-";
            assertEquals(expectedEngine, engineIds.stream().filter(id -> id.startsWith(prefixE)).collect(Collectors.toList()));
            // All records share one timestamp, so queryRecords keeps insertion order within each side.
            assertEquals(expectedUser, recordIds.stream().filter(id -> id.startsWith(prefixU)).collect(Collectors.toList()));
        }
    }

    @Test
    void concurrentBatchesAreNotInterleaved() throws Exception {
        final int threads = 4;
        final int batches = 40;
        final int batchSize = 5;
        ExperienceStore store = open();
        final ExperienceStore target = store;
        runConcurrently(threads, t -> {
            for (int b = 0; b < batches; b++) {
                final List<ExperienceEventEnvelope> batch = new ArrayList<>();
                for (int i = 0; i < batchSize; i++) {
                    batch.add(engine("t" + t + "-b" + b + "-" + i, T1));
                }
                target.appendEvents(batch);
            }
        });
        store = readPhase(store);
        final List<String> stored = ids(store.queryEvents(ALL));
        assertEquals(threads * batches * batchSize, stored.size());
        final int[] nextBatch = new int[threads];
        for (int start = 0; start < stored.size(); start += batchSize) {
            final String first = stored.get(start);
            final int t = Integer.parseInt(first.substring(1, first.indexOf('-')));
            for (int i = 0; i < batchSize; i++) {
                assertEquals("t" + t + "-b" + nextBatch[t] + "-" + i, stored.get(start + i), "position " + (start + i));
            }
            nextBatch[t]++;
        }
    }

    @Test
    void concurrentReadersSeeWholeBatchesInOrder() throws Exception {
        final int batches = 300;
        final int batchSize = 3;
        ExperienceStore store = open();
        final ExperienceStore target = store;
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicInteger reads = new AtomicInteger();
        // Thread 0 appends batches; threads 1 and 2 query until it is done.
        runConcurrently(3, t -> {
            if (t == 0) {
                try {
                    for (int b = 0; b < batches; b++) {
                        final List<ExperienceEventEnvelope> batch = new ArrayList<>();
                        for (int i = 0; i < batchSize; i++) {
                            batch.add(engine("b" + b + "-" + i, T1));
                        }
                        target.appendEvents(batch);
                        Thread.yield();
                    }
                } finally {
                    done.set(true);
                }
            } else {
                while (!done.get()) {
                    assertWholeBatchPrefix(ids(target.queryEvents(ALL)), batchSize);
                    assertWholeBatchPrefix(target.queryRecords(ALL).stream().map(r -> r.eventId().value())
                            .collect(Collectors.toList()), batchSize);
                    reads.incrementAndGet();
                }
            }
        });
        store = readPhase(store);
        final List<String> stored = ids(store.queryEvents(ALL));
        assertEquals(batches * batchSize, stored.size(), "after " + reads.get() + " concurrent reads");
        assertWholeBatchPrefix(stored, batchSize);
    }

    private static void assertWholeBatchPrefix(List<String> ids, int batchSize) {
        assertEquals(0, ids.size() % batchSize, "a query saw part of a batch: " + ids.size() + " events");
        for (int k = 0; k < ids.size(); k++) {
            assertEquals("b" + (k / batchSize) + "-" + (k % batchSize), ids.get(k), "position " + k);
        }
    }

    // ---------------------------------------------------------------- 12.3 reference property tests (seeded)

    static LongStream seeds() {
        return LongStream.of(1L, 7L, 42L, 1_234L, 99_991L, 20_260_510L, 0xC0FFEEL, -3L);
    }

    /** A random ledger as generated by the reference's property tests. */
    private static List<ExperienceEventEnvelope> randomLedger(Random random) {
        final int size = random.nextInt(41);
        final String[] tenants = {"tenant-alpha", "tenant-beta", null};
        final String[] correlations = {"corr-a", "corr-b", null};
        final List<ExperienceEventEnvelope> ledger = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            final String tenant = tenants[random.nextInt(tenants.length)];
            final String correlation = correlations[random.nextInt(correlations.length)];
            ledger.add(new ExperienceEventEnvelope(new EventId(StoreFixtures.randomId(random)),
                    "2026-05-" + (10 + random.nextInt(10)) + "T08:00:00Z",
                    tenant == null ? null : new TenantId(tenant),
                    correlation == null ? null : new CorrelationId(correlation),
                    StoreFixtures.randomOutcomeOrBudget(random)));
        }
        return ledger;
    }

    private ExperienceStore storeWith(List<ExperienceEventEnvelope> ledger) {
        final ExperienceStore store = open();
        for (ExperienceEventEnvelope envelope : ledger) {
            store.appendEvent(envelope);
        }
        return readPhase(store);
    }

    /** Port of {@code append_query_roundtrip}. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void propertyEveryAppendedEventComesBack(long seed) {
        final List<ExperienceEventEnvelope> ledger = randomLedger(new Random(seed));
        final ExperienceStore store = storeWith(ledger);
        final List<ExperienceEventEnvelope> all = store.queryEvents(ALL);
        assertEquals(ledger.size(), all.size(), "seed " + seed);
        assertEquals(ledger, all, "seed " + seed);
    }

    /** Port of {@code ordering_preserved}. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void propertyOrderingIsPreserved(long seed) {
        final List<ExperienceEventEnvelope> ledger = randomLedger(new Random(seed));
        final ExperienceStore store = storeWith(ledger);
        assertEquals(ids(ledger), ids(store.queryEvents(ALL)), "seed " + seed);
    }

    /** Port of {@code tenant_isolation}. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void propertyTenantsAreIsolated(long seed) {
        final List<ExperienceEventEnvelope> ledger = randomLedger(new Random(seed));
        final ExperienceStore store = storeWith(ledger);
        for (String tenant : List.of("tenant-alpha", "tenant-beta")) {
            final TenantId id = new TenantId(tenant);
            final List<ExperienceEventEnvelope> expected = ledger.stream().filter(e -> id.equals(e.tenantId())).collect(Collectors.toList());
            assertEquals(expected, store.queryEvents(ALL.withTenant(id)), "seed " + seed + ", " + tenant);
        }
    }

    /** Port of {@code kind_filtering}. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void propertyKindFilterReturnsExactlyThatKind(long seed) {
        final List<ExperienceEventEnvelope> ledger = randomLedger(new Random(seed));
        final ExperienceStore store = storeWith(ledger);
        for (ExperienceEventKind kind : List.of(ExperienceEventKind.OutcomeRecorded, ExperienceEventKind.BudgetExceeded)) {
            final List<ExperienceEventEnvelope> expected = ledger.stream().filter(e -> e.kind() == kind).collect(Collectors.toList());
            assertEquals(expected, store.queryEvents(ALL.withKinds(kind)), "seed " + seed + ", " + kind);
        }
    }

    /** Port of {@code limit_enforced}. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void propertyLimitIsEnforced(long seed) {
        final Random random = new Random(seed);
        final List<ExperienceEventEnvelope> ledger = randomLedger(random);
        final ExperienceStore store = storeWith(ledger);
        for (long limit = 1; limit <= 4; limit++) {
            final List<ExperienceEventEnvelope> result = store.queryEvents(ALL.withLimit(limit));
            assertTrue(result.size() <= limit, "seed " + seed + ", limit " + limit);
            assertEquals(ledger.subList(0, (int) Math.min(limit, ledger.size())), result, "seed " + seed + ", limit " + limit);
        }
    }

    /** Port of {@code correlation_filtering}. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void propertyCorrelationFilterReturnsExactlyTheTargetedEvents(long seed) {
        final List<ExperienceEventEnvelope> ledger = randomLedger(new Random(seed));
        final ExperienceStore store = storeWith(ledger);
        for (String correlation : List.of("corr-a", "corr-b")) {
            final CorrelationId id = new CorrelationId(correlation);
            final List<ExperienceEventEnvelope> expected = ledger.stream().filter(e -> id.equals(e.correlationId())).collect(Collectors.toList());
            assertEquals(expected, store.queryEvents(ALL.withCorrelation(id)), "seed " + seed + ", " + correlation);
        }
    }

    /** Port of {@code metadata_roundtrip}. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void propertyOutcomeMetadataIsUnchanged(long seed) {
        final List<ExperienceEventEnvelope> ledger = randomLedger(new Random(seed));
        final ExperienceStore store = storeWith(ledger);
        final List<ExperienceEventEnvelope> outcomes = store.queryEvents(ALL.withKinds(ExperienceEventKind.OutcomeRecorded));
        final List<Map<String, String>> expected = ledger.stream().filter(e -> e.event() instanceof ExperienceEvent.OutcomeRecorded)
                .map(e -> ((ExperienceEvent.OutcomeRecorded) e.event()).metadata()).collect(Collectors.toList());
        final List<Map<String, String>> actual = outcomes.stream()
                .map(e -> ((ExperienceEvent.OutcomeRecorded) e.event()).metadata()).collect(Collectors.toList());
        assertEquals(expected, actual, "seed " + seed);
    }

    // ---------------------------------------------------------------- helpers

    /** Runs {@code body(t)} on {@code threads} threads started together and rethrows the first failure. */
    public static void runConcurrently(int threads, ThreadBody body) throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            final CountDownLatch start = new CountDownLatch(1);
            final List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    body.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The work of one thread in {@link #runConcurrently}. */
    @FunctionalInterface
    public interface ThreadBody {
        /** Runs the work of thread number {@code thread}. */
        void run(int thread) throws Exception;
    }

    /** Asserts that {@code call} fails with {@code INVALID_QUERY} and exactly the given message. */
    protected static void assertInvalid(Executable call, String detail) {
        final ExperienceStoreException e = assertThrows(ExperienceStoreException.class, call);
        assertEquals(ExperienceStoreException.Kind.INVALID_QUERY, e.kind());
        assertEquals(detail, e.detail());
        assertEquals("Invalid query: " + detail, e.getMessage());
    }

    private static List<String> ids(List<ExperienceEventEnvelope> envelopes) {
        return envelopes.stream().map(e -> e.eventId().value()).collect(Collectors.toList());
    }

    private static ExperienceRecord eng(String id, String occurredAt) {
        return new ExperienceRecord.Engine(engine(id, occurredAt));
    }

    private static ExperienceRecord usr(String id, String occurredAt) {
        return new ExperienceRecord.User(user(id, occurredAt));
    }
}
