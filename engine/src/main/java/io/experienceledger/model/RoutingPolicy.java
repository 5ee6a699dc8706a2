package io.experienceledger.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Routing policy snapshot: backend preferences by truth, risk tier and data classification. */
public record RoutingPolicy(Map<String, String> truthPreferences, Map<RiskTier, List<String>> riskTierBackends,
                            Map<DataClassification, List<String>> dataClassificationBackends, String defaultBackend) {
    public RoutingPolicy {
        truthPreferences = Checks.map(truthPreferences, "truthPreferences");
        riskTierBackends = Checks.mapOfLists(riskTierBackends, "riskTierBackends");
        dataClassificationBackends = Checks.mapOfLists(dataClassificationBackends, "dataClassificationBackends");
        Objects.requireNonNull(defaultBackend, "defaultBackend");
    }

    /** The reference constructor default: empty maps and default backend {@code "local"}. */
    public static RoutingPolicy defaults() {
        return new RoutingPolicy(Map.of(), Map.of(), Map.of(), "local");
    }
}
