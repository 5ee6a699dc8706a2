package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.ChainId;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TimeRange;
import io.experienceledger.workload.SyntheticWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCommandTest {
    @TempDir
    static Path dir;

    private static Fixture fixture;

    @BeforeAll
    static void createStore() {
        fixture = Fixture.create(dir);
    }

    private static Cli.Result query(String... options) {
        final String[] args = new String[options.length + 3];
        args[0] = "query";
        args[1] = "--store";
        args[2] = fixture.storeArg();
        System.arraycopy(options, 0, args, 3, options.length);
        return Cli.run(args);
    }

    private static void assertAnswers(EventQuery expected, String... options) {
        final Cli.Result result = query(options);
        assertEquals(0, result.code(), result::toString);
        assertEquals("", result.err());
        final List<ExperienceEventEnvelope> answer = fixture.oracle.queryEvents(expected);
        assertFalse(answer.isEmpty(), "the fixture should have matches for " + List.of(options));
        assertEquals(Fixture.lines(answer), result.out());
    }

    @Test
    void everyFilterAnswersAsTheStoreDoes() {
        assertAnswers(EventQuery.all().withTenant(TenantId.of("globex"))
                .withKinds(ExperienceEventKind.OutcomeRecorded, ExperienceEventKind.BudgetExceeded),
                "--tenant", "globex", "--kind", "OutcomeRecorded", "--kind", "budget_exceeded");
        assertAnswers(EventQuery.all().withKinds(ExperienceEventKind.ProposalCreated, ExperienceEventKind.FactPromoted),
                "--kind", "proposalcreated,FactPromoted");
        assertAnswers(EventQuery.all().withCorrelation(CorrelationId.of(SyntheticWorkload.correlationId(3))),
                "--correlation", SyntheticWorkload.correlationId(3));
        assertAnswers(EventQuery.all().withChain(ChainId.of(SyntheticWorkload.chainId(5))),
                "--chain", SyntheticWorkload.chainId(5));
        final String from = fixture.records.get(100).occurredAt();
        final String to = fixture.records.get(150).occurredAt();
        assertAnswers(EventQuery.all().withTimeRange(new TimeRange(from, to)).withTenant(TenantId.of("acme")),
                "--from", from, "--to", to, "--tenant", "acme");
        assertAnswers(EventQuery.all().withTimeRange(new TimeRange(null, to)), "--to", to);
    }

    @Test
    void limitKeepsTheFirstMatches() {
        assertAnswers(EventQuery.all().withTenant(TenantId.of("acme")).withLimit(7L), "--tenant", "acme", "--limit", "7");
        assertEquals("", query("--limit", "0").out());
        final long engine = fixture.records.stream().filter(r -> r instanceof ExperienceRecord.Engine).count();
        assertEquals(engine, query("--limit", "18446744073709551615").lines().size());
    }

    @Test
    void recordsMergeBothSidesByTime() {
        final EventQuery acme = EventQuery.all().withTenant(TenantId.of("acme")).withLimit(40L);
        final Cli.Result result = query("--tenant", "acme", "--records", "--limit", "40");
        assertEquals(0, result.code(), result::toString);
        assertEquals(Fixture.recordLines(fixture.oracle.queryRecords(acme)), result.out());
        assertTrue(result.out().contains("{\"kind\":\"User\",\"value\":{"), "the fixture's first 40 acme records hold"
                + " a user record");
    }

    @Test
    void tableFormatIsForPeople() {
        final String correlation = SyntheticWorkload.correlationId(0);
        final Cli.Result result = query("--correlation", correlation, "--format", "table", "--records");
        assertEquals(0, result.code(), result::toString);
        final List<String> lines = result.lines();
        final int expected = fixture.oracle.queryRecords(EventQuery.all()
                .withCorrelation(CorrelationId.of(correlation))).size();
        assertEquals(expected + 2, lines.size(), result::toString);
        assertTrue(lines.get(0).startsWith("OCCURRED_AT               TENANT            KIND"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains("ProposalCreated") && l.contains("chain=chain-0000000")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("UserApprovalGranted") && l.contains("actor=")));
        assertEquals("(" + expected + " records)", lines.get(lines.size() - 1));

        final Cli.Result none = query("--tenant", "nobody", "--format", "TABLE");
        assertEquals("(0 envelopes)\n", none.out());
    }

    @Test
    void unknownKindsListTheValidOnes() {
        final Cli.Result result = query("--kind", "BudgetExceded");
        assertEquals(2, result.code(), result::toString);
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("Invalid value for option '--kind' (KIND): 'BudgetExceded' is not an event"
                + " kind; valid kinds: ProposalCreated, ProposalValidated, FactPromoted, RecallExecuted,"
                + " ReplayTraceRecorded, ReplayabilityDowngraded, ArtifactStateTransitioned, ArtifactRollbackRecorded,"
                + " BackendInvoked, OutcomeRecorded, BudgetExceeded, PolicySnapshotCaptured, HypothesisResolved,"
                + " GateDecisionRecorded"), result.err());

        final Cli.Result user = query("--kind", "UserCorrection");
        assertEquals(2, user.code(), user::toString);
        assertTrue(user.err().contains("'UserCorrection' is a user event kind; kinds filter engine events only"),
                user.err());
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        for (String[] options : List.of(new String[] {"--limit", "-1"}, new String[] {"--limit", "lots"},
                new String[] {"--format", "xml"}, new String[] {"--tenant"}, new String[] {"--colour"})) {
            final Cli.Result result = query(options);
            assertEquals(2, result.code(), () -> List.of(options) + " " + result);
            assertTrue(result.err().endsWith("Run 'ledger query --help' for usage.\n"),
                    result.err());
        }
        final Cli.Result noStore = Cli.run("query", "--tenant", "acme");
        assertEquals(2, noStore.code(), noStore::toString);
        assertTrue(noStore.err().startsWith("Missing required option: '--store=DIR'"), noStore.err());
    }

    @Test
    void aDirectoryThatIsNotALedgerIsNotFound() throws IOException {
        final Path missing = dir.resolve("missing");
        final Cli.Result result = Cli.run("query", "--store", missing.toString());
        assertEquals(1, result.code(), result::toString);
        assertEquals("Not found: the directory " + missing + " does not exist\n", result.err());
        assertFalse(missing.toFile().exists(), "reading creates nothing");

        final Path empty = Files.createDirectories(dir.resolve("empty"));
        final Cli.Result notALedger = Cli.run("query", "--store", empty.toString());
        assertEquals(1, notALedger.code(), notALedger::toString);
        assertEquals("Not found: " + empty + " is not a ledger directory (no ledger.properties)\n", notALedger.err());
    }

    @Test
    void timestampsThatAreNotIso8601AreKeptWithAWarning() {
        for (String bound : List.of("yesterday", "2026-13-45")) {
            for (String option : List.of("--from", "--to")) {
                final Cli.Result result = query(option, bound, "--limit", "3");
                assertEquals(0, result.code(), result::toString);
                assertEquals("warning: " + option + " '" + bound + "' is not an ISO 8601 timestamp such as"
                        + " 2026-04-28T12:00:00Z; timestamps compare as text, so the range may not be what you"
                        + " meant\n", result.err());
                assertEquals(Fixture.lines(fixture.oracle.queryEvents(new EventQuery(null,
                        option.equals("--from") ? new TimeRange(bound, null) : new TimeRange(null, bound), List.of(),
                        null, null, 3L))), result.out(), "the bound is used as given");
            }
        }
        for (String bound : List.of("2026-04-28T00:00:00Z", "2026-04-29", "2026-04-28T08:00:04.382+02:00", "2026-04",
                "2026")) {
            final Cli.Result result = query("--from", bound, "--to", bound, "--limit", "1");
            assertEquals(0, result.code(), result::toString);
            assertEquals("", result.err(), bound);
        }
        final Cli.Result tail = Cli.run("tail", "--store", fixture.storeArg(), "--from", "today", "-n", "1");
        assertEquals(0, tail.code(), tail::toString);
        assertTrue(tail.err().startsWith("warning: --from 'today' is not an ISO 8601 timestamp"), tail::toString);
    }
}
