package io.experienceledger.model;

/** Which boundary an operator adjusted; written in snake_case ({@code "authority"}). */
public enum BoundaryKind {
    Authority("authority"),
    Forbidden("forbidden"),
    Expiry("expiry"),
    Reversibility("reversibility");

    private final String wireName;

    BoundaryKind(String wireName) {
        this.wireName = wireName;
    }

    /** The snake_case name used in converge JSON. */
    public String wireName() {
        return wireName;
    }
}
