package io.experienceledger.model;

import java.util.Objects;

/** The resource whose budget was exceeded: a named resource or {@link Other}. Externally tagged on the wire. */
public sealed interface BudgetResource permits BudgetResource.Named, BudgetResource.Other {
    /** The unit variants, written as bare strings ({@code "Tokens"}). */
    enum Named implements BudgetResource {
        EngineBudget, Tokens, Facts, Cycles, Time, Cost
    }

    /** A resource without a name of its own, written {@code {"Other":"gpu-minutes"}}. */
    record Other(String name) implements BudgetResource {
        public Other {
            Objects.requireNonNull(name, "name");
        }
    }
}
