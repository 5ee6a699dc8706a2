package io.experienceledger.index.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The naive answer: every key's positions in lists, built from the same entries the index is given. */
final class Oracle {
    private final Map<String, List<Long>> postings = new HashMap<>();
    private final List<Workload.Entry> entries = new ArrayList<>();
    private final TreeSet<String> tenants = new TreeSet<>();
    private final TreeSet<String> correlations = new TreeSet<>();
    private final TreeSet<String> traces = new TreeSet<>();
    private boolean absentTenant;

    /** Records one entry. */
    void add(Workload.Entry entry) {
        entries.add(entry);
        post(tenantKindKey(entry.tenant(), entry.kind()), entry.position());
        post("K|" + entry.kind(), entry.position());
        if (entry.tenant() == null) {
            absentTenant = true;
        } else {
            tenants.add(entry.tenant());
        }
        if (entry.correlation() != null) {
            post("C|" + entry.correlation(), entry.position());
            correlations.add(entry.correlation());
        }
        if (entry.trace() != null) {
            post("T|" + entry.trace(), entry.position());
            traces.add(entry.trace());
        }
    }

    static Oracle of(List<Workload.Entry> entries) {
        final Oracle oracle = new Oracle();
        entries.forEach(oracle::add);
        return oracle;
    }

    List<Long> tenantKind(String tenant, int kind) {
        return postings.getOrDefault(tenantKindKey(tenant, kind), List.of());
    }

    List<Long> kind(int kind) {
        return postings.getOrDefault("K|" + kind, List.of());
    }

    List<Long> correlation(String id) {
        return postings.getOrDefault("C|" + id, List.of());
    }

    List<Long> trace(String id) {
        return postings.getOrDefault("T|" + id, List.of());
    }

    /** The tenants seen, with null for the absent tenant if an entry had none. */
    List<String> tenants() {
        final List<String> all = new ArrayList<>(tenants);
        if (absentTenant) {
            all.add(null);
        }
        return all;
    }

    /** Every entry recorded, in order. */
    List<Workload.Entry> entries() {
        return entries;
    }

    TreeSet<String> correlations() {
        return correlations;
    }

    TreeSet<String> traces() {
        return traces;
    }

    private void post(String key, long position) {
        postings.computeIfAbsent(key, k -> new ArrayList<>()).add(position);
    }

    private static String tenantKindKey(String tenant, int kind) {
        return (tenant == null ? "-" : "+" + tenant) + '|' + kind;
    }
}
