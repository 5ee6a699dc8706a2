package io.experienceledger.store;

import io.experienceledger.model.ArtifactKind;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ContentHash;
import io.experienceledger.model.ContractResult;
import io.experienceledger.model.ContractResultSnapshot;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.DecisionStep;
import io.experienceledger.model.DomainId;
import io.experienceledger.model.EventId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.FactId;
import io.experienceledger.model.HypothesisOutcome;
import io.experienceledger.model.PolicyId;
import io.experienceledger.model.PolicySnapshot;
import io.experienceledger.model.ActorId;
import io.experienceledger.model.ProposalId;
import io.experienceledger.model.RoutingPolicy;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.UserExperienceEventEnvelope;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.experienceledger.store.StoreFixtures.engineEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ports of the model-level reference tests of spec 12.1 that need no JSON. */
class ModelBehaviourTest {
    private static final String EPOCH = "1970-01-01T00:00:00Z";

    /** Port of {@code event_kind_mapping}. */
    @Test
    void budgetExceededReportsItsKind() {
        final ExperienceEvent event = new ExperienceEvent.BudgetExceeded(new ChainId("c-1"),
                new BudgetResource.Other("gpu-seconds"), "999", null);
        assertEquals(ExperienceEventKind.BudgetExceeded, event.kind());
    }

    /** Port of {@code event_kind_proposal_created}: Local trace, one passing contract. */
    @Test
    void proposalCreatedReportsItsKind() {
        final ExperienceEvent event = new ExperienceEvent.ProposalCreated(StoreFixtures.proposal(), new ChainId("c-1"),
                DecisionStep.Reasoning, null);
        assertEquals(ExperienceEventKind.ProposalCreated, event.kind());
        assertTrue(StoreFixtures.proposal().allContractsPassed());
    }

    /** Port of {@code event_kind_fact_promoted}. */
    @Test
    void factPromotedReportsItsKind() {
        final ExperienceEvent event = new ExperienceEvent.FactPromoted(new ProposalId("p-1"), new FactId("f-1"),
                new ActorId("engine"), "promoted", false);
        assertEquals(ExperienceEventKind.FactPromoted, event.kind());
    }

    /** Port of {@code event_kind_hypothesis_resolved}: confidence 0.85, no contradiction. */
    @Test
    void hypothesisResolvedReportsItsKind() {
        final ExperienceEvent.HypothesisResolved event = new ExperienceEvent.HypothesisResolved(new ChainId("c-1"),
                new FactId("f-1"), new DomainId("market"), "price will increase", 0.85, HypothesisOutcome.Confirmed, null, 1, 3);
        assertEquals(ExperienceEventKind.HypothesisResolved, event.kind());
        assertNull(event.contradictionId());
    }

    /** Port of {@code event_kind_policy_snapshot_captured}: default Routing policy, zero hash. */
    @Test
    void policySnapshotCapturedReportsItsKind() {
        final ExperienceEvent event = new ExperienceEvent.PolicySnapshotCaptured(new PolicyId("pol-1"),
                new PolicySnapshot.Routing(RoutingPolicy.defaults()), ContentHash.ZERO, new ActorId("engine"));
        assertEquals(ExperienceEventKind.PolicySnapshotCaptured, event.kind());
    }

    /** Spec 3.8: the kind of an event is the name of its variant, for all fourteen. */
    @ParameterizedTest
    @EnumSource(ExperienceEventKind.class)
    void everyVariantReportsTheKindNamedAfterIt(ExperienceEventKind kind) {
        final ExperienceEvent event = engineEvent(kind);
        assertEquals(kind, event.kind());
        assertEquals(kind.name(), event.getClass().getSimpleName());
    }

    /** Spec 10.8: the summary labels, {@code trace_link_recorded} for ReplayTraceRecorded. */
    @Test
    void kindLabels() {
        assertEquals("trace_link_recorded", ExperienceEventKind.ReplayTraceRecorded.label());
        assertEquals("proposal_created", ExperienceEventKind.ProposalCreated.label());
        assertEquals("gate_decision_recorded", ExperienceEventKind.GateDecisionRecorded.label());
        assertEquals(14, ExperienceEventKind.values().length);
    }

    /** Port of {@code envelope_builder_sets_fields}. */
    @Test
    void envelopeBuilderSetsFields() {
        final ExperienceEventEnvelope envelope = ExperienceEventEnvelope.of("evt-1", engineEvent(ExperienceEventKind.BudgetExceeded))
                .withTenant("tenant-a").withCorrelation("corr-1").withTimestamp("2026-04-28T12:00:00Z");
        assertEquals(new EventId("evt-1"), envelope.eventId());
        assertEquals(new TenantId("tenant-a"), envelope.tenantId());
        assertEquals(new CorrelationId("corr-1"), envelope.correlationId());
        assertEquals("2026-04-28T12:00:00Z", envelope.occurredAt());
        assertEquals(ExperienceEventKind.BudgetExceeded, envelope.kind());
    }

    /** Port of {@code envelope_builder_chaining_consistency}. */
    @Test
    void envelopeBuilderLastCallWins() {
        final ExperienceEventEnvelope envelope = ExperienceEventEnvelope.of("evt-1", engineEvent(ExperienceEventKind.FactPromoted))
                .withTenant("t-1").withCorrelation("c-1").withTimestamp("ts-1")
                .withTenant("t-2").withCorrelation("c-2").withTimestamp("ts-2");
        assertEquals(new TenantId("t-2"), envelope.tenantId());
        assertEquals(new CorrelationId("c-2"), envelope.correlationId());
        assertEquals("ts-2", envelope.occurredAt());
    }

    /** Port of {@code envelope_builder_override_to_last_value}: three overrides each, engine and user side. */
    @Test
    void envelopeBuilderOverridesToTheLastValue() {
        final ExperienceEventEnvelope engine = ExperienceEventEnvelope.of("evt-1", engineEvent(ExperienceEventKind.OutcomeRecorded))
                .withTenant("a").withTenant("b").withTenant("c")
                .withCorrelation("x").withCorrelation("y").withCorrelation("z")
                .withTimestamp("1").withTimestamp("2").withTimestamp("3");
        assertEquals(new TenantId("c"), engine.tenantId());
        assertEquals(new CorrelationId("z"), engine.correlationId());
        assertEquals("3", engine.occurredAt());
        final UserExperienceEventEnvelope user = UserExperienceEventEnvelope.of("u-1",
                        StoreFixtures.userEvent(StoreFixtures.UserKind.OVERRIDE_ISSUED))
                .withTenant("a").withTenant("b").withTenant("c")
                .withCorrelation("x").withCorrelation("y").withCorrelation("z")
                .withTimestamp("1").withTimestamp("2").withTimestamp("3");
        assertEquals(new TenantId("c"), user.tenantId());
        assertEquals(new CorrelationId("z"), user.correlationId());
        assertEquals("3", user.occurredAt());
    }

    /** Port of {@code envelope_minimal_no_optional_fields}. */
    @Test
    void minimalEnvelopeHasNoOptionalFieldsAndTheEpochPlaceholder() {
        final ExperienceEventEnvelope engine = ExperienceEventEnvelope.of("evt-1", engineEvent(ExperienceEventKind.BudgetExceeded));
        assertNull(engine.tenantId());
        assertNull(engine.correlationId());
        assertEquals(EPOCH, engine.occurredAt());
        final UserExperienceEventEnvelope user = UserExperienceEventEnvelope.of("u-1",
                StoreFixtures.userEvent(StoreFixtures.UserKind.APPROVAL_GRANTED));
        assertNull(user.tenantId());
        assertNull(user.correlationId());
        assertEquals(EPOCH, user.occurredAt());
    }

    /** Port of {@code artifact_kind_equality_named}. */
    @Test
    void namedArtifactKindsCompareByName() {
        assertEquals(ArtifactKind.Named.Adapter, ArtifactKind.Named.valueOf("Adapter"));
        assertNotEquals(ArtifactKind.Named.Adapter, ArtifactKind.Named.Pack);
        assertNotEquals((ArtifactKind) ArtifactKind.Named.Policy, new ArtifactKind.Other("Policy"));
    }

    /** Port of {@code artifact_kind_other_variant}. */
    @Test
    void otherArtifactKindComparesByItsString() {
        assertEquals(new ArtifactKind.Other("x"), new ArtifactKind.Other("x"));
        assertNotEquals(new ArtifactKind.Other("x"), new ArtifactKind.Other("y"));
        assertEquals("prompt-template", new ArtifactKind.Other("prompt-template").name());
    }

    /** Port of {@code contract_result_snapshot_from_contract_result}. */
    @Test
    void contractResultSnapshotCopiesEveryField() {
        assertEquals(new ContractResultSnapshot("schema", false, "missing field"),
                ContractResultSnapshot.from(new ContractResult("schema", false, "missing field")));
        assertEquals(new ContractResultSnapshot("ok", true, null), ContractResultSnapshot.from(new ContractResult("ok", true, null)));
    }

    /** Port of {@code event_query_default_is_empty}. */
    @Test
    void defaultQueryIsEmpty() {
        final EventQuery query = EventQuery.all();
        assertNull(query.tenantId());
        assertNull(query.timeRange());
        assertEquals(List.of(), query.kinds());
        assertNull(query.correlationId());
        assertNull(query.chainId());
        assertNull(query.limit());
    }

    /** Spec 3.18: records expose the wrapped envelope's id, time, tenant and correlation. */
    @Test
    void recordsExposeTheWrappedEnvelope() {
        final ExperienceEventEnvelope engine = StoreFixtures.engine("evt-1", StoreFixtures.T1).withTenant("t").withCorrelation("c");
        final ExperienceRecord engineRecord = new ExperienceRecord.Engine(engine);
        assertEquals(new EventId("evt-1"), engineRecord.eventId());
        assertEquals(StoreFixtures.T1, engineRecord.occurredAt());
        assertEquals(new TenantId("t"), engineRecord.tenantId());
        assertEquals(new CorrelationId("c"), engineRecord.correlationId());
        final ExperienceRecord userRecord = new ExperienceRecord.User(StoreFixtures.user("u-1", StoreFixtures.T2));
        assertEquals(new EventId("u-1"), userRecord.eventId());
        assertEquals(StoreFixtures.T2, userRecord.occurredAt());
        assertNull(userRecord.tenantId());
        assertNull(userRecord.correlationId());
        assertFalse(engineRecord.equals(userRecord));
    }
}
