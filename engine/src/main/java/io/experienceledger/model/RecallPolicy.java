package io.experienceledger.model;

import java.util.List;
import java.util.Objects;

/** Recall policy snapshot. {@code minScoreThreshold} and {@code priorWeight} are unit intervals [0, 1]. */
public record RecallPolicy(boolean enabled, long maxKTotal, long maxTokensInjection, double minScoreThreshold,
                           RecallBudgets budgets, List<RecallUse> allowedUses, double priorWeight) {
    public RecallPolicy {
        Checks.unitInterval(minScoreThreshold, "minScoreThreshold");
        Objects.requireNonNull(budgets, "budgets");
        allowedUses = Checks.list(allowedUses, "allowedUses");
        Checks.unitInterval(priorWeight, "priorWeight");
    }

    /** The reference constructor default: disabled, 5, 500, 0.5, budgets (100, 3, 100), [RuntimeAugmentation], 1.0. */
    public static RecallPolicy defaults() {
        return new RecallPolicy(false, 5, 500, 0.5, new RecallBudgets(100, 3, 100),
                List.of(RecallUse.RuntimeAugmentation), 1.0);
    }
}
