package io.experienceledger.store.internal;

import io.experienceledger.model.ChainId;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceEventKind;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.TenantId;
import io.experienceledger.model.UserExperienceEventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.experienceledger.store.StoreFixtures.T1;
import static io.experienceledger.store.StoreFixtures.T2;
import static io.experienceledger.store.StoreFixtures.T3;
import static io.experienceledger.store.StoreFixtures.budget;
import static io.experienceledger.store.StoreFixtures.engine;
import static io.experienceledger.store.StoreFixtures.outcome;
import static io.experienceledger.store.StoreFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecordMergerTest {
    private static final ExperienceEventEnvelope E1 = engine("E1", T3);
    private static final ExperienceEventEnvelope E2 = engine("E2", T1);
    private static final ExperienceEventEnvelope E3 = engine("E3", T2);
    private static final UserExperienceEventEnvelope U1 = user("U1", T2);

    @Test
    void workedExampleWithoutLimit() {
        assertEquals(List.of(eng(E2), eng(E3), usr(U1), eng(E1)), RecordMerger.merge(List.of(E1, E2, E3), List.of(U1), null));
    }

    @Test
    void workedExampleLimitIsAppliedOnceAfterTheMerge() {
        // The reference (engine side cut to 2 first) would give [E2, U1].
        assertEquals(List.of(eng(E2), eng(E3)), RecordMerger.merge(List.of(E1, E2, E3), List.of(U1), 2L));
        assertEquals(List.of(eng(E2), eng(E3), usr(U1)), RecordMerger.merge(List.of(E1, E2, E3), List.of(U1), 3L));
        assertEquals(List.of(eng(E2), eng(E3), usr(U1), eng(E1)), RecordMerger.merge(List.of(E1, E2, E3), List.of(U1), 4L));
        assertEquals(List.of(eng(E2), eng(E3), usr(U1), eng(E1)), RecordMerger.merge(List.of(E1, E2, E3), List.of(U1), Long.MAX_VALUE));
    }

    @Test
    void limitZeroAndEmptyInputsGiveNothing() {
        assertEquals(List.of(), RecordMerger.merge(List.of(E1, E2), List.of(U1), 0L));
        assertEquals(List.of(), RecordMerger.merge(List.of(), List.of(), null));
        assertEquals(List.of(), RecordMerger.merge(List.of(), List.of(), 5L));
        assertEquals(List.of(usr(U1)), RecordMerger.merge(List.of(), List.of(U1), null));
        assertEquals(List.of(eng(E2), eng(E1)), RecordMerger.merge(List.of(E1, E2), List.of(), null));
    }

    @Test
    void tiesPutEngineFirstAndKeepInsertionOrder() {
        final ExperienceEventEnvelope a = engine("a", T2);
        final ExperienceEventEnvelope b = engine("b", T2);
        final UserExperienceEventEnvelope x = user("x", T2);
        final UserExperienceEventEnvelope y = user("y", T2);
        assertEquals(List.of(eng(b), eng(a), usr(y), usr(x)), RecordMerger.merge(List.of(b, a), List.of(y, x), null));
        assertEquals(List.of(eng(b), eng(a), usr(y)), RecordMerger.merge(List.of(b, a), List.of(y, x), 3L));
    }

    @Test
    void sortsByCodePointNotUtf16() {
        final ExperienceEventEnvelope emoji = engine("emoji", "\uD83D\uDE00");
        final UserExperienceEventEnvelope privateUse = user("private", "\uE000");
        assertEquals(List.of(usr(privateUse), eng(emoji)), RecordMerger.merge(List.of(emoji), List.of(privateUse), null));
    }

    @Test
    void resultIsImmutable() {
        final List<ExperienceRecord> merged = RecordMerger.merge(List.of(E1, E2), List.of(U1), 2L);
        assertThrows(UnsupportedOperationException.class, () -> merged.add(usr(U1)));
        assertThrows(UnsupportedOperationException.class, () -> merged.set(0, usr(U1)));
        final List<ExperienceRecord> all = RecordMerger.merge(List.of(E1, E2), List.of(U1), null);
        assertThrows(UnsupportedOperationException.class, () -> all.set(0, usr(U1)));
    }

    @Test
    void queryRecordsFiltersEachSideThenMerges() {
        final ExperienceEventEnvelope outcomeA = engine("o-a", T3, outcome("c-1")).withTenant("a");
        final ExperienceEventEnvelope budgetA = engine("b-a", T1, budget("c-1")).withTenant("a");
        final ExperienceEventEnvelope outcomeB = engine("o-b", T1, outcome("c-1")).withTenant("b");
        final UserExperienceEventEnvelope userA = user("u-a", T2).withTenant("a");
        final UserExperienceEventEnvelope userB = user("u-b", T2).withTenant("b");
        final List<ExperienceEventEnvelope> engineLedger = List.of(outcomeA, budgetA, outcomeB);
        final List<UserExperienceEventEnvelope> userLedger = List.of(userA, userB);
        final EventQuery outcomesOfA = EventQuery.all().withTenant(new TenantId("a")).withKinds(ExperienceEventKind.OutcomeRecorded);
        assertEquals(List.of(usr(userA), eng(outcomeA)), RecordMerger.queryRecords(outcomesOfA, engineLedger, userLedger));
        assertEquals(List.of(usr(userA)), RecordMerger.queryRecords(outcomesOfA.withLimit(1L), engineLedger, userLedger));
        assertEquals(List.of(), RecordMerger.queryRecords(outcomesOfA.withLimit(0L), engineLedger, userLedger));
        assertEquals(List.of(usr(userA), usr(userB)),
                RecordMerger.queryRecords(EventQuery.all().withChain(new ChainId("c-none")), engineLedger, userLedger));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 9L, 77L, 4_242L, 123_456_789L})
    void randomMergesAreOrderedByTimeThenSideThenInsertion(long seed) {
        final Random random = new Random(seed);
        final String[] times = {T1, T2, T3, "2026-05-10T08:00:01.5Z", "\uE000", "\uD83D\uDE00", "lamport:2", ""};
        for (int round = 0; round < 200; round++) {
            final List<ExperienceEventEnvelope> engineSide = new ArrayList<>();
            final List<UserExperienceEventEnvelope> userSide = new ArrayList<>();
            final int engineCount = random.nextInt(12);
            final int userCount = random.nextInt(12);
            for (int i = 0; i < engineCount; i++) {
                engineSide.add(engine("e" + i, times[random.nextInt(times.length)]));
            }
            for (int i = 0; i < userCount; i++) {
                userSide.add(user("u" + i, times[random.nextInt(times.length)]));
            }
            final Long limit = random.nextInt(3) == 0 ? null : (long) random.nextInt(engineCount + userCount + 2);
            // Spec 10.4 with the limit applied once: order by (UTF-8 bytes of occurred_at, engine before user, index).
            final List<Object[]> keyed = new ArrayList<>();
            for (int i = 0; i < engineCount; i++) {
                keyed.add(new Object[]{utf8(engineSide.get(i).occurredAt()), 0, i, eng(engineSide.get(i))});
            }
            for (int i = 0; i < userCount; i++) {
                keyed.add(new Object[]{utf8(userSide.get(i).occurredAt()), 1, i, usr(userSide.get(i))});
            }
            keyed.sort(Comparator.<Object[], byte[]>comparing(k -> (byte[]) k[0], Arrays::compareUnsigned)
                    .thenComparing(k -> (Integer) k[1]).thenComparing(k -> (Integer) k[2]));
            final List<ExperienceRecord> expected = new ArrayList<>();
            for (Object[] k : keyed) {
                if (limit == null || expected.size() < limit) {
                    expected.add((ExperienceRecord) k[3]);
                }
            }
            assertEquals(expected, RecordMerger.merge(engineSide, userSide, limit), "seed " + seed + ", round " + round);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ExperienceRecord eng(ExperienceEventEnvelope e) {
        return new ExperienceRecord.Engine(e);
    }

    private static ExperienceRecord usr(UserExperienceEventEnvelope u) {
        return new ExperienceRecord.User(u);
    }
}
