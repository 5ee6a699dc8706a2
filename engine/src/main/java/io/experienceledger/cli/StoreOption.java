package io.experienceledger.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --store DIR} option of every command that works on an existing or new ledger. */
final class StoreOption {
    @Option(names = "--store", paramLabel = "DIR", required = true, converter = StorePath.class,
            description = "The ledger directory.")
    Path store;
}
