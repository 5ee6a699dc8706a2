package io.experienceledger.cli;

/** How {@code query} and {@code tail} print what they find. */
enum OutputFormat {
    /** Canonical converge JSON, one document per line: for programs and for {@code ledger append}. */
    json,
    /** Aligned columns: for people. */
    table
}
