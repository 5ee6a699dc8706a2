package io.experienceledger.journal;

import io.experienceledger.model.ActorId;
import io.experienceledger.model.BackendId;
import io.experienceledger.model.BoundaryKind;
import io.experienceledger.model.BoundaryTarget;
import io.experienceledger.model.BudgetResource;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ContentHash;
import io.experienceledger.model.CorrectionTarget;
import io.experienceledger.model.DecisionStep;
import io.experienceledger.model.DomainId;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.FactContent;
import io.experienceledger.model.FactContentKind;
import io.experienceledger.model.FactId;
import io.experienceledger.model.HypothesisOutcome;
import io.experienceledger.model.JsonValue;
import io.experienceledger.model.KernelPolicy;
import io.experienceledger.model.PackId;
import io.experienceledger.model.PolicyId;
import io.experienceledger.model.PolicySnapshot;
import io.experienceledger.model.StopReason;
import io.experienceledger.model.UserExperienceEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins payload format version 1: fixed events against bytes written out by hand from docs/format-payload.md
 * ("Worked examples"). A failure here is a format change.
 */
class PayloadFormatTest {

    @Test
    void budgetExceededWithOtherResource() {
        final ExperienceEvent event = new ExperienceEvent.BudgetExceeded(ChainId.of("c-1"),
                new BudgetResource.Other("gpu-seconds"), "999", null);
        assertPinned(event, """
                03 63 2D 31
                06 0B 67 70 75 2D 73 65 63 6F 6E 64 73
                03 39 39 39
                00""");
    }

    @Test
    void outcomeRecordedWithUnsignedEdgesAndFourByteUtf8() {
        final ExperienceEvent event = new ExperienceEvent.OutcomeRecorded(ChainId.of("c-1"), DecisionStep.Evaluation,
                true, new StopReason.TokenBudgetExhausted(-1L, (1L << 53) + 1), 300L, null, 0L,
                BackendId.of("\u00e9\ud83d\ude00"), Map.of("k", "v"));
        assertPinned(event, """
                03 63 2D 31
                01
                01
                01 06 80 00 81 80 80 80 80 80 80 10
                01 AC 02
                00
                01 00
                01 06 C3 A9 F0 9F 98 80
                01 01 6B 01 76""");
    }

    @Test
    void hypothesisResolvedWithoutContradiction() {
        final ExperienceEvent event = new ExperienceEvent.HypothesisResolved(ChainId.of("c-1"), FactId.of("f-1"),
                DomainId.of("market"), "price will increase", 0.85, HypothesisOutcome.Confirmed, null, 1, 3);
        assertPinned(event, """
                03 63 2D 31
                03 66 2D 31
                06 6D 61 72 6B 65 74
                13 70 72 69 63 65 20 77 69 6C 6C 20 69 6E 63 72 65 61 73 65
                33 33 33 33 33 33 EB 3F
                00
                00
                01
                03""");
    }

    @Test
    void policySnapshotWithDefaultKernelPolicy() {
        final ExperienceEvent event = new ExperienceEvent.PolicySnapshotCaptured(PolicyId.of("pol"),
                new PolicySnapshot.Kernel(KernelPolicy.defaults()), ContentHash.ZERO, ActorId.of("engine"));
        assertPinned(event, """
                03 70 6F 6C
                00
                00 00 05 33 33 33 3F 00 00 00
                """ + "00 ".repeat(32) + """
                06 65 6E 67 69 6E 65""");
    }

    @Test
    void userCorrection() {
        final UserExperienceEvent event = new UserExperienceEvent.UserCorrection(new CorrectionTarget.Fact(FactId.of("fact-1")),
                ActorId.of("operator-1"), null,
                ContentHash.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                new FactContent(FactContentKind.Claim, "corrected claim", null), "source was stale");
        assertPinned(event, UserEventKind.UserCorrection, """
                00 06 66 61 63 74 2D 31
                0A 6F 70 65 72 61 74 6F 72 2D 31
                00
                9F 86 D0 81 88 4C 7D 65 9A 2F EA A0 C5 5A D0 15
                A3 BF 4F 1B 2B 0B 82 2C D1 5D 6C 15 B0 F0 0A 08
                00 0F 63 6F 72 72 65 63 74 65 64 20 63 6C 61 69 6D 00
                10 73 6F 75 72 63 65 20 77 61 73 20 73 74 61 6C 65""");
    }

    @Test
    void userBoundaryAdjusted() {
        final UserExperienceEvent event = new UserExperienceEvent.UserBoundaryAdjusted(BoundaryKind.Authority,
                new BoundaryTarget.Pack(PackId.of("pack-1")), ActorId.of("operator-1"), null,
                new JsonValue("{\"limit\":100}"), new JsonValue("{\"limit\":50}"), "reduce autonomy");
        assertPinned(event, UserEventKind.UserBoundaryAdjusted, """
                00
                00 06 70 61 63 6B 2D 31
                0A 6F 70 65 72 61 74 6F 72 2D 31
                00
                0D 7B 22 6C 69 6D 69 74 22 3A 31 30 30 7D
                0C 7B 22 6C 69 6D 69 74 22 3A 35 30 7D
                0F 72 65 64 75 63 65 20 61 75 74 6F 6E 6F 6D 79""");
    }

    @Test
    void kindCodesArePinned() {
        final ExperienceEventKind[] engine = {ExperienceEventKind.ProposalCreated,
            ExperienceEventKind.ProposalValidated, ExperienceEventKind.FactPromoted, ExperienceEventKind.RecallExecuted,
            ExperienceEventKind.ReplayTraceRecorded, ExperienceEventKind.ReplayabilityDowngraded,
            ExperienceEventKind.ArtifactStateTransitioned, ExperienceEventKind.ArtifactRollbackRecorded,
            ExperienceEventKind.BackendInvoked, ExperienceEventKind.OutcomeRecorded,
            ExperienceEventKind.BudgetExceeded, ExperienceEventKind.PolicySnapshotCaptured,
            ExperienceEventKind.HypothesisResolved, ExperienceEventKind.GateDecisionRecorded};
        for (int code = 0; code < engine.length; code++) {
            assertEquals(code, PayloadCodes.EVENT_KIND.code(engine[code]), engine[code].name());
            assertEquals(engine[code], PayloadCodes.EVENT_KIND.constant(code));
        }
        final String[] user = {"UserApprovalGranted", "UserApprovalRejected", "UserOverrideIssued", "UserCorrection",
            "UserBoundaryAdjusted"};
        for (int code = 0; code < user.length; code++) {
            assertEquals(user[code], UserEventKind.ofCode(code).name());
            assertEquals(code, UserEventKind.valueOf(user[code]).code());
        }
        assertEquals(null, UserEventKind.ofCode(5));
        assertEquals(null, PayloadCodes.EVENT_KIND.constant(14));
    }

    @Test
    void enumCodesFollowTheDocumentedTables() {
        assertEquals(2, PayloadCodes.DECISION_STEP.code(DecisionStep.Planning));
        assertEquals(3, PayloadCodes.HYPOTHESIS_OUTCOME.code(HypothesisOutcome.Unresolved));
        assertEquals(3, PayloadCodes.BOUNDARY_KIND.code(BoundaryKind.Reversibility));
        assertEquals(5, PayloadCodes.BUDGET_NAMED.code(BudgetResource.Named.Cost));
        assertEquals(6, PayloadCodes.BUDGET_OTHER);
        assertEquals(5, PayloadCodes.ARTIFACT_OTHER);
        assertEquals(1, PayloadCodes.FORMAT_VERSION);
    }

    private static void assertPinned(ExperienceEvent event, String expectedHex) {
        final byte[] expected = Payloads.unhex(expectedHex);
        assertEquals(Payloads.hex(expected), Payloads.hex(Payloads.encode(event)), event.toString());
        assertEquals(event, Payloads.decode(expected, event.kind()));
    }

    private static void assertPinned(UserExperienceEvent event, UserEventKind kind, String expectedHex) {
        final byte[] expected = Payloads.unhex(expectedHex);
        assertEquals(kind, UserEventKind.of(event));
        assertEquals(Payloads.hex(expected), Payloads.hex(Payloads.encode(event)), event.toString());
        assertEquals(event, Payloads.decode(expected, kind));
    }
}
