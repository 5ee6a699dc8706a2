package io.experienceledger.store.internal;

import io.experienceledger.model.ChainId;
import io.experienceledger.model.CorrelationId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.TimeRange;
import io.experienceledger.model.UserExperienceEventEnvelope;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.experienceledger.store.StoreFixtures.T1;
import static io.experienceledger.store.StoreFixtures.T2;
import static io.experienceledger.store.StoreFixtures.T3;
import static io.experienceledger.store.StoreFixtures.engine;
import static io.experienceledger.store.StoreFixtures.engineEvent;
import static io.experienceledger.store.StoreFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryMatcherTest {
    private static final EventQuery ALL = EventQuery.all();
    private static final Set<ExperienceEventKind> CHAIN_KINDS = EnumSet.of(ExperienceEventKind.ProposalCreated,
            ExperienceEventKind.ProposalValidated, ExperienceEventKind.OutcomeRecorded, ExperienceEventKind.BudgetExceeded);

    // ------------------------------------------------ chain ids

    @ParameterizedTest
    @EnumSource(ExperienceEventKind.class)
    void filterableChainIdOnlyForTheFourChainVariants(ExperienceEventKind kind) {
        final ExperienceEvent event = engineEvent(kind, "c-x");
        if (CHAIN_KINDS.contains(kind)) {
            assertEquals(new ChainId("c-x"), QueryMatcher.filterableChainId(event));
        } else {
            assertNull(QueryMatcher.filterableChainId(event));
        }
    }

    @ParameterizedTest
    @EnumSource(ExperienceEventKind.class)
    void chainFilterMatchesOnlyTheFourChainVariants(ExperienceEventKind kind) {
        final ExperienceEventEnvelope envelope = engine("evt-1", T1, engineEvent(kind, "c-x"));
        assertEquals(CHAIN_KINDS.contains(kind), QueryMatcher.matches(ALL.withChain(new ChainId("c-x")), envelope));
        assertFalse(QueryMatcher.matches(ALL.withChain(new ChainId("c-y")), envelope));
        assertTrue(QueryMatcher.matches(ALL, envelope));
    }

    @Test
    void hypothesisResolvedChainIsNotConsulted() {
        final ExperienceEvent.HypothesisResolved hypothesis =
                (ExperienceEvent.HypothesisResolved) engineEvent(ExperienceEventKind.HypothesisResolved, "c-h");
        assertEquals(new ChainId("c-h"), hypothesis.chainId());
        assertFalse(QueryMatcher.matches(ALL.withChain(new ChainId("c-h")), engine("evt-1", T1, hypothesis)));
    }

    // ------------------------------------------------ engine matching

    @Test
    void tenantFilter() {
        final EventQuery q = ALL.withTenant(new TenantId("tenant-a"));
        assertTrue(QueryMatcher.matches(q, engine("e", T1).withTenant("tenant-a")));
        assertFalse(QueryMatcher.matches(q, engine("e", T1).withTenant("TENANT-A")));
        assertFalse(QueryMatcher.matches(q, engine("e", T1).withTenant("tenant-a ")));
        assertFalse(QueryMatcher.matches(q, engine("e", T1)));
        assertTrue(QueryMatcher.matches(ALL, engine("e", T1)));
        assertFalse(QueryMatcher.matchesEngine(q, null, ExperienceEventKind.OutcomeRecorded, null, null, T1));
        assertTrue(QueryMatcher.matchesEngine(q, "tenant-a", ExperienceEventKind.OutcomeRecorded, null, null, T1));
    }

    @Test
    void correlationFilter() {
        final EventQuery q = ALL.withCorrelation(new CorrelationId("corr-x"));
        assertTrue(QueryMatcher.matches(q, engine("e", T1).withCorrelation("corr-x")));
        assertFalse(QueryMatcher.matches(q, engine("e", T1).withCorrelation("corr-X")));
        assertFalse(QueryMatcher.matches(q, engine("e", T1)));
        assertFalse(QueryMatcher.matches(q, engine("e", T1).withTenant("corr-x")));
        assertFalse(QueryMatcher.matchesUserHeader(q, null, null, T1));
        assertTrue(QueryMatcher.matchesUserHeader(q, null, "corr-x", T1));
    }

    @Test
    void kindsFilter() {
        final ExperienceEventEnvelope outcome = engine("e", T1, engineEvent(ExperienceEventKind.OutcomeRecorded));
        assertTrue(QueryMatcher.matches(ALL.withKinds(List.of()), outcome));
        assertTrue(QueryMatcher.matches(ALL.withKinds(ExperienceEventKind.OutcomeRecorded), outcome));
        assertTrue(QueryMatcher.matches(ALL.withKinds(ExperienceEventKind.BudgetExceeded, ExperienceEventKind.OutcomeRecorded), outcome));
        assertFalse(QueryMatcher.matches(ALL.withKinds(ExperienceEventKind.BudgetExceeded), outcome));
        assertFalse(QueryMatcher.matchesEngine(ALL.withKinds(ExperienceEventKind.BudgetExceeded), null,
                ExperienceEventKind.OutcomeRecorded, null, null, T1));
    }

    @Test
    void headerMatchingAgreesWithEnvelopeMatchingForEveryKind() {
        final EventQuery[] queries = {ALL, ALL.withChain(new ChainId("c-1")), ALL.withTenant(new TenantId("t")),
                ALL.withKinds(ExperienceEventKind.ReplayTraceRecorded), ALL.withTimeRange(new TimeRange(T2, null)),
                ALL.withCorrelation(new CorrelationId("k"))};
        for (ExperienceEventKind kind : ExperienceEventKind.values()) {
            final ExperienceEventEnvelope envelope = engine("e", T2, engineEvent(kind, "c-1")).withTenant("t").withCorrelation("k");
            final ChainId chain = QueryMatcher.filterableChainId(envelope.event());
            for (EventQuery q : queries) {
                assertEquals(QueryMatcher.matches(q, envelope), QueryMatcher.matchesEngine(q, "t", kind, "k",
                        chain == null ? null : chain.value(), T2), kind + " " + q);
            }
        }
    }

    @Test
    void filtersCombineWithAnd() {
        final EventQuery q = new EventQuery(new TenantId("t"), new TimeRange(T1, T2), List.of(ExperienceEventKind.OutcomeRecorded),
                new CorrelationId("k"), new ChainId("c-1"), 5L);
        assertTrue(QueryMatcher.matchesEngine(q, "t", ExperienceEventKind.OutcomeRecorded, "k", "c-1", T2));
        assertFalse(QueryMatcher.matchesEngine(q, "u", ExperienceEventKind.OutcomeRecorded, "k", "c-1", T2));
        assertFalse(QueryMatcher.matchesEngine(q, "t", ExperienceEventKind.BudgetExceeded, "k", "c-1", T2));
        assertFalse(QueryMatcher.matchesEngine(q, "t", ExperienceEventKind.OutcomeRecorded, "j", "c-1", T2));
        assertFalse(QueryMatcher.matchesEngine(q, "t", ExperienceEventKind.OutcomeRecorded, "k", "c-2", T2));
        assertFalse(QueryMatcher.matchesEngine(q, "t", ExperienceEventKind.OutcomeRecorded, "k", null, T2));
        assertFalse(QueryMatcher.matchesEngine(q, "t", ExperienceEventKind.OutcomeRecorded, "k", "c-1", T3));
    }

    // ------------------------------------------------ user matching

    @Test
    void userMatchingIgnoresKindsAndChain() {
        final UserExperienceEventEnvelope u = user("u", T2).withTenant("t").withCorrelation("k");
        assertTrue(QueryMatcher.matchesUser(ALL.withKinds(ExperienceEventKind.OutcomeRecorded), u));
        assertTrue(QueryMatcher.matchesUser(ALL.withChain(new ChainId("c-none")), u));
        assertTrue(QueryMatcher.matchesUser(new EventQuery(new TenantId("t"), new TimeRange(T2, T2),
                List.of(ExperienceEventKind.BudgetExceeded), new CorrelationId("k"), new ChainId("c"), 0L), u));
    }

    @Test
    void userMatchingAppliesTenantCorrelationAndTimeRange() {
        final UserExperienceEventEnvelope u = user("u", T2).withTenant("t").withCorrelation("k");
        assertFalse(QueryMatcher.matchesUser(ALL.withTenant(new TenantId("x")), u));
        assertFalse(QueryMatcher.matchesUser(ALL.withCorrelation(new CorrelationId("x")), u));
        assertFalse(QueryMatcher.matchesUser(ALL.withTimeRange(new TimeRange(T3, null)), u));
        assertFalse(QueryMatcher.matchesUser(ALL.withTimeRange(new TimeRange(null, T1)), u));
        assertFalse(QueryMatcher.matchesUser(ALL.withTenant(new TenantId("t")), user("u", T2)));
        assertTrue(QueryMatcher.matchesUser(ALL.withTenant(new TenantId("t")).withCorrelation(new CorrelationId("k")), u));
    }

    // ------------------------------------------------ time ranges

    @Test
    void timeRangeIsInclusiveAndOpenEndsDoNotRestrict() {
        assertTrue(QueryMatcher.inTimeRange(null, T2));
        assertTrue(QueryMatcher.inTimeRange(new TimeRange(null, null), T2));
        assertTrue(QueryMatcher.inTimeRange(new TimeRange(T2, T2), T2));
        assertTrue(QueryMatcher.inTimeRange(new TimeRange(T1, T3), T2));
        assertTrue(QueryMatcher.inTimeRange(new TimeRange(T2, null), T2));
        assertTrue(QueryMatcher.inTimeRange(new TimeRange(null, T2), T2));
        assertFalse(QueryMatcher.inTimeRange(new TimeRange(T3, null), T2));
        assertFalse(QueryMatcher.inTimeRange(new TimeRange(null, T1), T2));
        assertFalse(QueryMatcher.inTimeRange(new TimeRange(T3, T1), T2), "start > end matches nothing");
        assertFalse(QueryMatcher.inTimeRange(new TimeRange(T3, T1), T1));
        assertFalse(QueryMatcher.inTimeRange(new TimeRange(T3, T1), T3));
    }

    @Test
    void timeRangeComparesText() {
        final TimeRange upToWholeSecond = new TimeRange(null, "2026-05-10T08:30:00Z");
        assertTrue(QueryMatcher.inTimeRange(upToWholeSecond, "2026-05-10T08:30:00.500Z"));
        assertTrue(QueryMatcher.inTimeRange(new TimeRange("2026-05-10T08:20:00Z", null), "2026-05-10T08:30:00.500Z"));
        assertFalse(QueryMatcher.inTimeRange(new TimeRange(null, "2026-05-10T08:20:00Z"), "2026-05-10T10:15:00+02:00"));
        assertTrue(QueryMatcher.inTimeRange(new TimeRange("", null), ""));
        assertTrue(QueryMatcher.inTimeRange(new TimeRange("lamport:1", "lamport:2"), "lamport:10"));
    }

    // ------------------------------------------------ code point order

    @Test
    void compareTimestampsExamplesFromTheSpec() {
        assertTrue(QueryMatcher.compareTimestamps("2026-05-10T08:30:00.500Z", "2026-05-10T08:30:00Z") < 0);
        assertTrue(QueryMatcher.compareTimestamps("2026-05-10T10:15:00+02:00", "2026-05-10T08:20:00Z") > 0);
        assertEquals(0, QueryMatcher.compareTimestamps(T1, T1));
        assertEquals(0, QueryMatcher.compareTimestamps("", ""));
        assertTrue(QueryMatcher.compareTimestamps("", "a") < 0);
        assertTrue(QueryMatcher.compareTimestamps("2026", "2026-") < 0);
        assertTrue(QueryMatcher.compareTimestamps("2026-", "2026") > 0);
        assertTrue(QueryMatcher.compareTimestamps("B", "a") < 0, "case-sensitive, uppercase first");
    }

    @Test
    void compareTimestampsPutsSupplementaryCharactersAfterTheWholeBmp() {
        final String privateUse = "\uE000";
        final String lastBmp = "\uFFFF";
        final String firstSupplementary = "\uD800\uDC00"; // U+10000
        final String emoji = "\uD83D\uDE00";              // U+1F600
        // String.compareTo orders by UTF-16 unit and gets these backwards.
        assertTrue(privateUse.compareTo(emoji) > 0);
        assertTrue(QueryMatcher.compareTimestamps(privateUse, emoji) < 0);
        assertTrue(QueryMatcher.compareTimestamps(emoji, privateUse) > 0);
        assertTrue(QueryMatcher.compareTimestamps(lastBmp, firstSupplementary) < 0);
        assertTrue(QueryMatcher.compareTimestamps(firstSupplementary, lastBmp) > 0);
        assertTrue(QueryMatcher.compareTimestamps("x" + lastBmp + "z", "x" + emoji) < 0);
        // Below the surrogates both orders agree.
        assertTrue(QueryMatcher.compareTimestamps("\uD7FF", emoji) < 0);
        assertTrue(QueryMatcher.compareTimestamps("\u00e9", "\u20ac") < 0);
        // Two supplementary characters compare by code point, whichever surrogate differs.
        assertTrue(QueryMatcher.compareTimestamps(firstSupplementary, emoji) < 0);
        assertTrue(QueryMatcher.compareTimestamps("\uD83D\uDE00", "\uD83D\uDE01") < 0);
        assertTrue(QueryMatcher.compareTimestamps("\uDBFF\uDFFF", "\uD83D\uDE01") > 0);
        assertEquals(0, QueryMatcher.compareTimestamps(emoji, "\uD83D\uDE00"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 5L, 42L, 2026L, 987_654_321L})
    void compareTimestampsAgreesWithUtf8ByteOrder(long seed) {
        final Random random = new Random(seed);
        final String[] pieces = {"0", "1", "9", ":", ".", "Z", "+", "-", "T", "a", "\u00e9", "\uD7FF", "\uE000", "\uFFFF",
                "\uD800\uDC00", "\uD83D\uDE00", "\uD83D\uDE01", "\uDBFF\uDFFF"};
        for (int n = 0; n < 5_000; n++) {
            final String a = randomText(random, pieces);
            final String b = random.nextInt(4) == 0 ? a + randomText(random, pieces) : randomText(random, pieces);
            final int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            final String context = "seed " + seed + ", case " + n + ": " + EnvelopeValidatorTest.escape(a) + " vs "
                    + EnvelopeValidatorTest.escape(b);
            assertEquals(expected, Integer.signum(QueryMatcher.compareTimestamps(a, b)), context);
            assertEquals(-expected, Integer.signum(QueryMatcher.compareTimestamps(b, a)), context);
        }
    }

    @Test
    void matchingAllocatesNothing() {
        final java.lang.management.ThreadMXBean plain = ManagementFactory.getThreadMXBean();
        assertTrue(plain instanceof com.sun.management.ThreadMXBean, "allocation counters unavailable");
        final com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) plain;
        assertTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled(), "allocation counters off");
        final EventQuery q = new EventQuery(new TenantId("tenant-a"), new TimeRange(T1, T3),
                List.of(ExperienceEventKind.BudgetExceeded, ExperienceEventKind.OutcomeRecorded), new CorrelationId("corr-1"),
                new ChainId("c-1"), null);
        final ExperienceEventEnvelope e = engine("e", T2).withTenant("tenant-a").withCorrelation("corr-1");
        final UserExperienceEventEnvelope u = user("u", T2).withTenant("tenant-a").withCorrelation("corr-1");
        final String supplementary = "2026-\uD83D\uDE00";
        int matched = 0;
        final int rounds = 50_000;
        for (int i = 0; i < rounds; i++) {
            matched += QueryMatcher.matches(q, e) ? 1 : 0;
        }
        final long threadId = Thread.currentThread().getId();
        final long before = bean.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < rounds; i++) {
            matched += QueryMatcher.matches(q, e) ? 1 : 0;
            matched += QueryMatcher.matchesUser(q, u) ? 1 : 0;
            matched += QueryMatcher.compareTimestamps("2026-\uE000", supplementary) < 0 ? 1 : 0;
        }
        final long allocated = bean.getThreadAllocatedBytes(threadId) - before;
        assertEquals(4 * rounds, matched);
        assertTrue(allocated < 64 * 1024, "matching allocated " + allocated + " bytes over " + (3 * rounds) + " calls");
    }

    private static String randomText(Random random, String[] pieces) {
        final StringBuilder s = new StringBuilder();
        final int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString();
    }
}
