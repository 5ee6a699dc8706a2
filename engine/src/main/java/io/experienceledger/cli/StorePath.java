package io.experienceledger.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code --store} value: a directory path. An empty value is refused (exit 2) rather than taken for the current
 * directory, which is what {@code --store "$UNSET_VARIABLE"} would otherwise mean.
 */
final class StorePath implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        if (value.isBlank()) {
            throw new TypeConversionException("the ledger directory must not be empty (use --store . for the"
                    + " current directory)");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("'" + value + "' is not a path: " + e.getReason());
        }
    }
}
