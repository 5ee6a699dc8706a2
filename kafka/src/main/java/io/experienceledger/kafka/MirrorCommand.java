package io.experienceledger.kafka;

import io.experienceledger.cli.CommandContext;
import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.store.ExperienceStoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger mirror}: Kafka topics that ledgers were shipped to, into one central ledger, exactly once. */
@Command(name = "mirror",
        mixinStandardHelpOptions = true,
        description = {
            "Mirrors Kafka topics that ledgers were shipped to (`ledger ship`) into one central ledger, exactly once.",
            "",
            "Reads the topics read_committed and appends each record's converge envelope to the ledger --store"
                    + " (created when missing), keeping where it came from (the source ledger and position, from the"
                    + " record's headers): `ledger stats` counts entries, gaps and duplicates per source, and"
                    + " `ledger query --origin ID` answers one source. The position reached in the topics is kept in"
                    + " the ledger in the same atomic batch as the entries, so a rerun after a crash at any moment"
                    + " goes on from there: every entry once. Each partition is appended in offset order; a batch of"
                    + " a source ledger lands in one atomic batch.",
            "Without --follow, stops once it has read the topics to the end they had when it started; with"
                    + " --follow, goes on until Ctrl-C or SIGTERM, and rides out a broker restart.",
            "A record that is not a shipped entry stops the mirror with exit 2, naming its topic, partition and"
                    + " offset, everything before it mirrored; --skip-invalid FILE writes such records to FILE and"
                    + " goes on. Exits with 1 when a topic does not exist, 3 when the cluster cannot be reached within"
                    + " --timeout or refuses the client (authentication, authorisation), 2 for bad options."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger mirror --store central --bootstrap-servers kafka-1:9092 --topic audit-events",
            "  ledger mirror --store central --bootstrap-servers kafka-1:9093 --topic audit-eu,audit-us --follow \\",
            "      --client-config client.properties --skip-invalid rejected.jsonl"})
final class MirrorCommand implements Callable<Integer> {
    private final CommandContext context;

    @Spec
    private CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR", required = true,
            description = "The central ledger directory (created when missing).")
    private Path store;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--topic", paramLabel = "TOPIC[,TOPIC...]", required = true, split = ",",
            description = "The topics to mirror.")
    private List<String> topics;

    @Option(names = "--skip-invalid", paramLabel = "FILE",
            description = "Go past records that are not shipped entries, appending each to FILE (JSON lines).")
    private Path skipInvalid;

    @Option(names = "--batch-entries", paramLabel = "N", defaultValue = "10000",
            description = "Entries per atomic batch of the central ledger, at most, unless a source batch is longer"
                    + " (default ${DEFAULT-VALUE}).")
    private int batchEntries;

    @Option(names = "--group-readable",
            description = "For a new central ledger: directories 0750 and files 0640, readable by its group (by"
                    + " default 0700/0600, whatever the umask).")
    private boolean groupReadable;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for another writer of the ledger to finish (default ${DEFAULT-VALUE}).")
    private int lockWaitSeconds;

    MirrorCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        final Properties config = cluster.clientProperties(spec.commandLine());
        try (ChronicleExperienceStore opened = context.openForWriting(store, lockWaitSeconds, groupReadable);
             LedgerMirror mirror = build(opened, config);
             TerminationRequest stop = new TerminationRequest()) {
            final long before = mirror.status().entries();
            String failure = null;
            ExperienceStoreException.Kind kind = null;
            try {
                mirror.mirrorAvailable();
            } catch (ExperienceStoreException e) {
                if (mirror.status().partitions().isEmpty()) {
                    throw e; // nothing was read: the failure alone says it (a topic that does not exist, ...)
                }
                failure = e.detail();
                kind = e.kind();
            }
            if (cluster.follow && failure == null) {
                mirror.start(cluster.pollInterval());
                cluster.awaitEnd(stop, () -> mirror.failure().isPresent());
                mirror.stop();
                final ExperienceStoreException cause = mirror.failureCause().orElse(null);
                failure = cause == null ? null : cause.detail();
                kind = cause == null ? null : cause.kind();
            }
            final MirrorStatus status = mirror.status();
            final int ledgers = mirror.ledgersMirrored();
            context.out().println("mirrored " + ShipCommand.plural(status.entries() - before) + " from " + ledgers
                    + (ledgers == 1 ? " ledger" : " ledgers") + " (" + ShipCommand.plural(status.entries())
                    + " mirrored into this ledger in all" + (status.skipped() == 0 ? ""
                    : ", " + status.skipped() + " invalid records skipped") + ")");
            context.out().flush();
            if (failure != null) {
                context.err().println(failure);
                return context.exitCode(kind);
            }
            return 0;
        }
    }

    private LedgerMirror build(ChronicleExperienceStore opened, Properties config) {
        final LedgerMirror.Builder builder = LedgerMirror.builder(opened, cluster.bootstrapServers, topics)
                .clientConfig(config)
                .batchEntries(batchEntries)
                .timeout(cluster.timeout())
                .warnings(warning -> {
                    context.err().println("warning: " + warning);
                    context.err().flush();
                });
        if (skipInvalid != null) {
            builder.skipInvalid(skipInvalid);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
