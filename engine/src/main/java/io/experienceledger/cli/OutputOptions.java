package io.experienceledger.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The output options shared by the commands that print envelopes: {@code --records} and {@code --format}. */
final class OutputOptions {
    @Option(names = "--records",
            description = "Print ExperienceRecords of both sides ({\"kind\":\"Engine\"|\"User\",\"value\":...})"
                    + " instead of envelopes.")
    boolean records;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json (default: one canonical JSON document per line) or table.")
    OutputFormat format;

    /** A writer of what these options ask for, to {@code out}. */
    RecordWriter writer(PrintWriter out) {
        return new RecordWriter(out, format, records);
    }
}
