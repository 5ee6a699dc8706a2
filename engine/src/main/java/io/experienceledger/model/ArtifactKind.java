package io.experienceledger.model;

import java.util.Objects;

/** The kind of a governed artifact: a named kind or {@link Other}. Externally tagged on the wire. */
public sealed interface ArtifactKind permits ArtifactKind.Named, ArtifactKind.Other {
    /** The unit variants, written as bare strings ({@code "Adapter"}). */
    enum Named implements ArtifactKind {
        Adapter, Pack, Policy, TruthFile, EvalSuite
    }

    /** Any other artifact kind, written {@code {"Other":"prompt-template"}}; equal when the names are equal. */
    record Other(String name) implements ArtifactKind {
        public Other {
            Objects.requireNonNull(name, "name");
        }
    }
}
