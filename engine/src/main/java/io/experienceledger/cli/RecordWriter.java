package io.experienceledger.cli;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ChainId;
import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.UserExperienceEventEnvelope;
import io.experienceledger.store.internal.QueryMatcher;
import java.io.PrintWriter;

/**
 * Prints envelopes and records. In {@link OutputFormat#json} each is one line of canonical converge JSON: the
 * bare envelope, or with {@code records} the {@code ExperienceRecord} wrapping ({@code {"kind":"Engine","value":...}}).
 * In {@link OutputFormat#table} each is one row of fixed-width columns, so that rows can be printed as they come.
 */
final class RecordWriter {
    private static final int[] WIDTHS = {24, 16, 25, 16, 20};
    private static final String[] HEADINGS = {"OCCURRED_AT", "TENANT", "KIND", "CORRELATION", "EVENT_ID", "DETAIL"};

    private final PrintWriter out;
    private final OutputFormat format;
    private final boolean records;
    private final StringBuilder row = new StringBuilder(160);
    private boolean headed;

    RecordWriter(PrintWriter out, OutputFormat format, boolean records) {
        this.out = out;
        this.format = format;
        this.records = records;
    }

    /** Prints an engine envelope. */
    void write(ExperienceEventEnvelope envelope) {
        write(new ExperienceRecord.Engine(envelope));
    }

    /** Prints a record of either side. */
    void write(ExperienceRecord record) {
        if (format == OutputFormat.json) {
            out.write(records ? ConvergeJson.write(record) : ConvergeJson.writeAnyEnvelope(record));
            out.write('\n');
            return;
        }
        if (!headed) {
            line(HEADINGS);
            headed = true;
        }
        line(cells(record));
    }

    /** After the last row of a finished listing: the count, in table format only. */
    void finish(long count, String singular, String plural) {
        if (format == OutputFormat.table) {
            out.write("(" + Numbers.count(count) + " " + (count == 1 ? singular : plural) + ")\n");
        }
    }

    private static String[] cells(ExperienceRecord record) {
        final String kind;
        final String detail;
        if (record instanceof ExperienceRecord.Engine engine) {
            final ExperienceEvent event = engine.value().event();
            kind = event.kind().name();
            detail = detail(event);
        } else {
            final UserExperienceEventEnvelope user = ((ExperienceRecord.User) record).value();
            kind = user.event().getClass().getSimpleName();
            detail = "actor=" + user.event().actor().value();
        }
        return new String[] {record.occurredAt(), record.tenantId() == null ? "-" : record.tenantId().value(), kind,
            record.correlationId() == null ? "-" : record.correlationId().value(), record.eventId().value(), detail};
    }

    private static String detail(ExperienceEvent event) {
        if (event instanceof ExperienceEvent.ReplayTraceRecorded recorded) {
            return "trace=" + recorded.traceLinkId().value();
        }
        if (event instanceof ExperienceEvent.BackendInvoked invoked) {
            return "backend=" + invoked.backendName().value() + " trace=" + invoked.traceLinkId().value();
        }
        if (event instanceof ExperienceEvent.ArtifactStateTransitioned transitioned) {
            return "artifact=" + transitioned.artifactId().value() + " " + transitioned.event().fromState() + "->"
                    + transitioned.event().toState();
        }
        final ChainId chain = QueryMatcher.filterableChainId(event);
        return chain == null ? "" : "chain=" + chain.value();
    }

    private void line(String[] cells) {
        row.setLength(0);
        for (int i = 0; i < cells.length; i++) {
            final String cell = printable(cells[i]);
            if (i < WIDTHS.length) {
                final int width = WIDTHS[i];
                if (cell.length() > width) {
                    row.append(cell, 0, width - 1).append('~');
                } else {
                    row.append(cell).append(" ".repeat(width - cell.length()));
                }
                row.append("  ");
            } else {
                row.append(cell);
            }
        }
        int end = row.length();
        while (end > 0 && row.charAt(end - 1) == ' ') {
            end--;
        }
        row.setLength(end);
        out.write(row.toString());
        out.write('\n');
    }

    /** Control characters would break the columns (or the terminal): shown as '?'. */
    private static String printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                final StringBuilder cleaned = new StringBuilder(value.length());
                for (int j = 0; j < value.length(); j++) {
                    final char c = value.charAt(j);
                    cleaned.append(Character.isISOControl(c) ? '?' : c);
                }
                return cleaned.toString();
            }
        }
        return value;
    }
}
