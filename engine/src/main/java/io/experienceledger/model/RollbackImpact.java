package io.experienceledger.model;

import java.util.List;
import java.util.Objects;

/** What an artifact rollback affects; {@code affectedCount} (unsigned) may be null. */
public record RollbackImpact(Long affectedCount, List<String> qualityIssues, boolean invalidatesOutputs,
                             RollbackSeverity severity, List<String> affectedTenants) {
    public RollbackImpact {
        qualityIssues = Checks.list(qualityIssues, "qualityIssues");
        Objects.requireNonNull(severity, "severity");
        affectedTenants = Checks.list(affectedTenants, "affectedTenants");
    }
}
