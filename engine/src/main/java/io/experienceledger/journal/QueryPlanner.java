package io.experienceledger.journal;

import io.experienceledger.index.internal.Postings;
import io.experienceledger.index.internal.PostingsUnion;
import io.experienceledger.index.internal.SideIndex;
import io.experienceledger.model.EventQuery;
import io.experienceledger.model.ExperienceEventKind;
import java.util.List;

/**
 * Chooses how the side index answers a query, the first step of every indexed query: the postings of (tenant,
 * kinds), of kinds, or of the correlation id, gathered into one ascending union; or none, when only a header scan
 * can answer.
 */
final class QueryPlanner {
    private static final int USER_KIND_COUNT = 5;

    private QueryPlanner() {
    }

    /** The positions that may hold engine entries matching {@code query}, or null when a scan must find them. */
    static Postings engine(EventQuery query, SideIndex index, PostingsUnion union) {
        union.clear();
        final List<ExperienceEventKind> kinds = query.kinds();
        if (query.tenantId() != null) {
            final String tenant = query.tenantId().value();
            if (kinds.isEmpty()) {
                for (int code = 0; code < EntryLayout.engineKindCount(); code++) {
                    index.postingsForTenantKind(tenant, code, union.input());
                }
            } else {
                for (ExperienceEventKind kind : kinds) {
                    index.postingsForTenantKind(tenant, EntryLayout.engineKindCode(kind), union.input());
                }
            }
            return union;
        }
        if (!kinds.isEmpty()) {
            for (ExperienceEventKind kind : kinds) {
                index.postingsForKind(EntryLayout.engineKindCode(kind), union.input());
            }
            return union;
        }
        if (query.correlationId() != null) {
            index.postingsForCorrelation(query.correlationId().value(), union.input());
            return union;
        }
        return null;
    }

    /**
     * The positions that may hold user entries matching {@code query} (user entries are indexed by tenant and by
     * correlation, not by kind), or null when a scan must find them.
     */
    static Postings user(EventQuery query, SideIndex index, PostingsUnion union) {
        union.clear();
        if (query.tenantId() != null) {
            for (int k = 0; k < USER_KIND_COUNT; k++) {
                index.postingsForTenantKind(query.tenantId().value(), EntryLayout.USER_KIND_BASE + k, union.input());
            }
            return union;
        }
        if (query.correlationId() != null) {
            index.postingsForCorrelation(query.correlationId().value(), union.input());
            return union;
        }
        return null;
    }

    /** The postings of every entry carrying trace link id {@code traceLinkId}. */
    static Postings trace(String traceLinkId, SideIndex index, PostingsUnion union) {
        index.postingsForTrace(traceLinkId, union.clear().input());
        return union;
    }
}
