package io.experienceledger.cli;

import io.experienceledger.model.ExperienceEventKind;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --kind} values: an engine event kind by name ({@code BudgetExceeded}, any case) or by its converge
 * label ({@code budget_exceeded}). Anything else fails (exit 2) with the list of valid kinds. Iterating gives the
 * names, for the help text.
 */
final class EventKinds implements ITypeConverter<ExperienceEventKind>, Iterable<String> {
    private static final List<String> USER_KINDS = List.of("UserApprovalGranted", "UserApprovalRejected",
            "UserOverrideIssued", "UserCorrection", "UserBoundaryAdjusted");

    @Override
    public ExperienceEventKind convert(String value) {
        final ExperienceEventKind kind = parse(value);
        if (kind != null) {
            return kind;
        }
        final String valid = "valid kinds: " + String.join(", ", names());
        for (String user : USER_KINDS) {
            if (user.equalsIgnoreCase(value.trim())) {
                throw new TypeConversionException("'" + value + "' is a user event kind; kinds filter engine events"
                        + " only (user events match on tenant, correlation and time); " + valid);
            }
        }
        throw new TypeConversionException("'" + value + "' is not an event kind; " + valid);
    }

    /** The kind named {@code value} (name in any case, or label), or null. */
    static ExperienceEventKind parse(String value) {
        final String wanted = value.trim();
        for (ExperienceEventKind kind : ExperienceEventKind.values()) {
            if (kind.name().equalsIgnoreCase(wanted) || kind.label().equals(wanted.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        return null;
    }

    /** The names of the fourteen engine kinds, in declaration order. */
    static List<String> names() {
        return Arrays.stream(ExperienceEventKind.values()).map(Enum::name).collect(Collectors.toList());
    }

    @Override
    public Iterator<String> iterator() {
        return names().iterator();
    }
}
