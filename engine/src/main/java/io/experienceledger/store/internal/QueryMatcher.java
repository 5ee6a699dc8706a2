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

/**
 * The one implementation of {@link EventQuery} matching (spec 10.3) shared by every backend. All set filters must
 * hold:
 * <ul>
 *   <li>tenant / correlation: the envelope's value is present and equal (exact, case-sensitive);</li>
 *   <li>kinds (when non-empty): the event's kind is listed — engine envelopes only;</li>
 *   <li>chain: the event is ProposalCreated, ProposalValidated, OutcomeRecorded or BudgetExceeded and its chain
 *       id is equal — engine envelopes only (see {@link #filterableChainId});</li>
 *   <li>time range: {@code start <= occurred_at <= end} for the ends that are present, compared with
 *       {@link #compareTimestamps}.</li>
 * </ul>
 * The header-level entry points take {@link CharSequence}s, so that a journal can match from reusable views of an
 * entry's header without decoding its payload or allocating strings.
 * Nothing here allocates.
 */
public final class QueryMatcher {
    private QueryMatcher() {
    }

    /** True when the engine envelope matches every filter of the query. */
    public static boolean matches(EventQuery query, ExperienceEventEnvelope envelope) {
        final ChainId chain = filterableChainId(envelope.event());
        return matchesEngine(query, valueOf(envelope.tenantId()), envelope.event().kind(),
                valueOf(envelope.correlationId()), chain == null ? null : chain.value(), envelope.occurredAt());
    }

    /** True when the user envelope matches the query's tenant, correlation and time-range filters (kinds and chain are not applied). */
    public static boolean matchesUser(EventQuery query, UserExperienceEventEnvelope envelope) {
        return matchesUserHeader(query, valueOf(envelope.tenantId()), valueOf(envelope.correlationId()),
                envelope.occurredAt());
    }

    /**
     * Engine matching from header values.
     *
     * @param tenantOrNull         the envelope's tenant, null when absent
     * @param kind                 the event's kind
     * @param correlationOrNull    the envelope's correlation id, null when absent
     * @param filterChainIdOrNull  the event's {@link #filterableChainId}, null when it has none
     * @param occurredAt           the envelope's time of occurrence
     */
    public static boolean matchesEngine(EventQuery query, CharSequence tenantOrNull, ExperienceEventKind kind,
                                        CharSequence correlationOrNull, CharSequence filterChainIdOrNull,
                                        CharSequence occurredAt) {
        if (!query.kinds().isEmpty() && !query.kinds().contains(kind)) {
            return false;
        }
        final ChainId chain = query.chainId();
        if (chain != null && !equal(chain.value(), filterChainIdOrNull)) {
            return false;
        }
        return matchesUserHeader(query, tenantOrNull, correlationOrNull, occurredAt);
    }

    /**
     * User matching from header values: tenant, correlation and time range only.
     *
     * @param tenantOrNull      the envelope's tenant, null when absent
     * @param correlationOrNull the envelope's correlation id, null when absent
     * @param occurredAt        the envelope's time of occurrence
     */
    public static boolean matchesUserHeader(EventQuery query, CharSequence tenantOrNull,
                                            CharSequence correlationOrNull, CharSequence occurredAt) {
        final TenantId tenant = query.tenantId();
        if (tenant != null && !equal(tenant.value(), tenantOrNull)) {
            return false;
        }
        final CorrelationId correlation = query.correlationId();
        if (correlation != null && !equal(correlation.value(), correlationOrNull)) {
            return false;
        }
        return inTimeRange(query.timeRange(), occurredAt);
    }

    /** True when the range is null or {@code occurredAt} lies within its present ends, both inclusive. */
    public static boolean inTimeRange(TimeRange range, CharSequence occurredAt) {
        if (range == null) {
            return true;
        }
        if (range.start() != null && compareTimestamps(occurredAt, range.start()) < 0) {
            return false;
        }
        return range.end() == null || compareTimestamps(occurredAt, range.end()) <= 0;
    }

    /**
     * The chain id a chain filter is compared with: that of ProposalCreated, ProposalValidated, OutcomeRecorded
     * and BudgetExceeded, null for every other variant (HypothesisResolved has a chain id that is not consulted).
     */
    public static ChainId filterableChainId(ExperienceEvent event) {
        if (event instanceof ExperienceEvent.ProposalCreated) {
            return ((ExperienceEvent.ProposalCreated) event).chainId();
        }
        if (event instanceof ExperienceEvent.ProposalValidated) {
            return ((ExperienceEvent.ProposalValidated) event).chainId();
        }
        if (event instanceof ExperienceEvent.OutcomeRecorded) {
            return ((ExperienceEvent.OutcomeRecorded) event).chainId();
        }
        if (event instanceof ExperienceEvent.BudgetExceeded) {
            return ((ExperienceEvent.BudgetExceeded) event).chainId();
        }
        return null;
    }

    /**
     * True when {@code count} results reach {@code limit}. The limit is a converge {@code usize}: an unsigned
     * value, so a Java-negative limit means one of 2^63 or more. A null limit is never reached.
     */
    public static boolean limitReached(Long limit, long count) {
        return limit != null && Long.compareUnsigned(count, limit) >= 0;
    }

    /**
     * Compares two timestamps as converge does (Rust {@code str} order): lexicographically by Unicode code point,
     * which equals the order of their UTF-8 bytes. Unlike {@link String#compareTo}, a character above U+FFFF sorts
     * after every character of U+E000–U+FFFF. Returns a negative number, zero or a positive number.
     */
    public static int compareTimestamps(CharSequence a, CharSequence b) {
        final int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            int ca = a.charAt(i);
            int cb = b.charAt(i);
            if (ca != cb) {
                if (ca >= Character.MIN_SURROGATE && cb >= Character.MIN_SURROGATE) {
                    // Move surrogates (D800-DFFF) above E000-FFFF: a surrogate starts or continues a code point
                    // above U+FFFF; two differing surrogates keep their relative order.
                    ca = fixUpForCodePointOrder(ca);
                    cb = fixUpForCodePointOrder(cb);
                }
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    private static int fixUpForCodePointOrder(int c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    private static boolean equal(String filter, CharSequence valueOrNull) {
        return valueOrNull != null && filter.contentEquals(valueOrNull);
    }

    private static String valueOf(TenantId tenantId) {
        return tenantId == null ? null : tenantId.value();
    }

    private static String valueOf(CorrelationId correlationId) {
        return correlationId == null ? null : correlationId.value();
    }
}
