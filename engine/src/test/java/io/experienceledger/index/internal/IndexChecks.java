package io.experienceledger.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/** Compares every lookup of an index with the oracle, limited to the positions the index claims to cover. */
final class IndexChecks {
    private IndexChecks() {
    }

    /** Asserts every key of the oracle, and a few it never saw, answer the oracle's positions up to {@code upTo}. */
    static void assertMatches(SideIndex index, Oracle oracle, long upTo, String context) {
        final PostingsCursor cursor = new PostingsCursor();
        for (String tenant : oracle.tenants()) {
            for (int kind : Workload.KINDS) {
                assertEquals(upTo(oracle.tenantKind(tenant, kind), upTo),
                    drain(index.postingsForTenantKind(tenant, kind, cursor)),
                    context + ": tenant " + tenant + " kind " + kind);
            }
        }
        for (int kind : Workload.KINDS) {
            assertEquals(upTo(oracle.kind(kind), upTo), drain(index.postingsForKind(kind, cursor)),
                context + ": kind " + kind);
        }
        for (String correlation : oracle.correlations()) {
            assertEquals(upTo(oracle.correlation(correlation), upTo),
                drain(index.postingsForCorrelation(correlation, cursor)), context + ": correlation " + correlation);
        }
        for (String trace : oracle.traces()) {
            assertEquals(upTo(oracle.trace(trace), upTo), drain(index.postingsForTrace(trace, cursor)),
                context + ": trace " + trace);
        }
        assertEquals(List.of(), drain(index.postingsForTenantKind("no-such-tenant", 1, cursor)), context);
        assertEquals(List.of(), drain(index.postingsForKind(15, cursor)), context);
        assertEquals(List.of(), drain(index.postingsForCorrelation("no-such-run", cursor)), context);
        assertEquals(List.of(), drain(index.postingsForTrace("no-such-trace", cursor)), context);
        final List<Workload.Entry> entries = oracle.entries();
        for (int i = 0; i < entries.size(); i++) {
            final long position = entries.get(i).position();
            if (position <= upTo) {
                assertEquals(entries.get(i).location(), index.location(position),
                    context + ": location of " + Long.toHexString(position));
                if (i + 1 == entries.size() || entries.get(i + 1).position() != position + 1) {
                    assertEquals(-1, index.location(position + 1),
                        context + ": location of " + Long.toHexString(position + 1) + ", never added");
                }
            }
        }
        assertLocatorMatches(index, entries, upTo, context);
    }

    /**
     * A locator answers what {@link SideIndex#location} answers: asked in ascending order with gaps of every size
     * (each search starting where the last ended, also for positions never added), and asked in descending order.
     */
    private static void assertLocatorMatches(SideIndex index, List<Workload.Entry> entries, long upTo, String context) {
        for (int stride : new int[] {1, 7, 200, 5_000}) {
            final SideIndex.Locator ascending = index.locator();
            for (int i = 0; i < entries.size(); i += stride) {
                final long position = entries.get(i).position();
                if (position <= upTo) {
                    for (long asked = position; asked <= position + 1; asked++) {
                        assertEquals(index.location(asked), ascending.location(asked),
                            context + ": locator, every " + stride + "th entry, at " + Long.toHexString(asked));
                    }
                }
            }
        }
        final SideIndex.Locator descending = index.locator();
        for (int i = entries.size() - 1; i >= 0; i -= 3) {
            final long position = entries.get(i).position();
            if (position <= upTo) {
                assertEquals(index.location(position), descending.location(position),
                    context + ": locator, descending, at " + Long.toHexString(position));
            }
        }
    }

    static List<Long> drain(Postings postings) {
        final List<Long> positions = new ArrayList<>();
        for (long p = postings.next(); p != Postings.NO_POSITION; p = postings.next()) {
            positions.add(p);
        }
        return positions;
    }

    static List<Long> upTo(List<Long> positions, long upTo) {
        final List<Long> kept = new ArrayList<>();
        for (long p : positions) {
            if (p <= upTo) {
                kept.add(p);
            }
        }
        return kept;
    }

    /** Adds entries to the index in order; returns how many it took before refusing one. */
    static int addAll(SideIndex index, List<Workload.Entry> entries) {
        int taken = 0;
        for (Workload.Entry e : entries) {
            if (!index.add(e.position(), e.location(), e.kind(), e.tenant(), e.correlation(), e.trace())) {
                return taken;
            }
            taken++;
        }
        return taken;
    }
}
