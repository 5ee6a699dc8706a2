package io.experienceledger.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code --limit} value: a converge usize, 0 to 18446744073709551615, held as an unsigned long (values of 2^63
 * and more are negative longs, as {@code EventQuery} expects).
 */
final class UnsignedLimit implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            if (value.startsWith("+") || value.startsWith("-")) {
                throw new NumberFormatException(value);
            }
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a count from 0 to 18446744073709551615");
        }
    }
}
