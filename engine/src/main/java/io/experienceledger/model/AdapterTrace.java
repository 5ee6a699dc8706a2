package io.experienceledger.model;

import java.util.Objects;

/** The adapter applied during a local inference. */
public record AdapterTrace(String adapterId, String adapterHash, boolean merged) {
    public AdapterTrace {
        Objects.requireNonNull(adapterId, "adapterId");
        Objects.requireNonNull(adapterHash, "adapterHash");
    }
}
