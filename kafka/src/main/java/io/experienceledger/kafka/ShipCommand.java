package io.experienceledger.kafka;

import io.experienceledger.cli.CommandContext;
import io.experienceledger.journal.ChronicleExperienceStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger ship}: the ledger's entries to a Kafka topic, exactly once. */
@Command(name = "ship",
        mixinStandardHelpOptions = true,
        description = {
            "Ships the ledger's entries to a Kafka topic, exactly once.",
            "",
            "Produces every committed entry not shipped yet, in append order, as its canonical converge JSON (the"
                    + " line `ledger export` prints), keyed by tenant, with headers naming the ledger and the entry's"
                    + " position (docs/scale-out.md). Each atomic batch of the ledger is inside one Kafka"
                    + " transaction, and where to resume is committed in the same transaction, so a read_committed"
                    + " consumer sees every entry once, also after the shipper was killed at any moment.",
            "Without --follow, exits once everything committed is shipped; with --follow, goes on shipping new"
                    + " entries (appended by any process) until Ctrl-C or SIGTERM, and rides out a broker restart.",
            "Creates the topic when it is missing; connects only to --bootstrap-servers.",
            "Exits with 3 when the cluster cannot be reached within --timeout, refuses the client (authentication,"
                    + " authorisation), fences this shipper (another one with the same transactional id), or refuses"
                    + " a record as too large; with 2 for bad options."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger ship --store audit --bootstrap-servers kafka-1:9092 --topic audit-events",
            "  ledger ship --store audit --bootstrap-servers kafka-1:9093 --topic audit-events --follow \\",
            "      --client-config client.properties    # SASL/TLS settings, as for any Kafka client"})
final class ShipCommand implements Callable<Integer> {
    private final CommandContext context;

    @Spec
    private CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR", required = true, description = "The ledger directory.")
    private Path store;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--topic", paramLabel = "TOPIC", required = true, description = "The topic to ship to.")
    private String topic;

    @Option(names = "--transactional-id", paramLabel = "ID",
            description = "The producer's transactional id (default: experience-ledger-ship-<ledger id>-<topic>).")
    private String transactionalId;

    @Option(names = "--checkpoint-topic", paramLabel = "TOPIC", defaultValue = ShipSession.DEFAULT_CHECKPOINT_TOPIC,
            description = "The compacted topic where shippers keep where to resume (default ${DEFAULT-VALUE}).")
    private String checkpointTopic;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of the topic if it is created (default: the broker's num.partitions).")
    private Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "Replication of topics it creates (default: the broker's default.replication.factor).")
    private Short replicationFactor;

    @Option(names = "--transaction-entries", paramLabel = "N",
            defaultValue = "" + ShipSession.DEFAULT_TRANSACTION_ENTRIES,
            description = "Entries after which a transaction ends, at the next batch boundary"
                    + " (default ${DEFAULT-VALUE}).")
    private int transactionEntries;

    ShipCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        final Properties config = cluster.clientProperties(spec.commandLine());
        try (ChronicleExperienceStore opened = context.openForReading(store);
             LedgerShipper shipper = build(opened, config);
             TerminationRequest stop = new TerminationRequest()) {
            final long first = shipper.shipAvailable();
            final long before = shipper.status().shipped() - first;
            if (cluster.follow) {
                shipper.start(cluster.pollInterval(), warning -> {
                    context.err().println("warning: " + warning);
                    context.err().flush();
                });
                cluster.awaitEnd(stop, () -> shipper.failure().isPresent());
                shipper.stop();
            }
            final ShipStatus status = shipper.status();
            context.out().println("shipped " + plural(status.shipped() - before) + " to " + topic + " ("
                    + plural(status.shipped()) + " of this ledger in all)");
            if (shipper.failure().isPresent()) {
                context.err().println(shipper.failure().get());
                return 3;
            }
            return 0;
        }
    }

    private LedgerShipper build(ChronicleExperienceStore opened, Properties config) {
        final LedgerShipper.Builder builder = LedgerShipper.builder(opened, cluster.bootstrapServers, topic)
                .clientConfig(config)
                .checkpointTopic(checkpointTopic)
                .transactionEntries(transactionEntries)
                .timeout(cluster.timeout());
        if (transactionalId != null) {
            builder.transactionalId(transactionalId);
        }
        if (partitions != null) {
            builder.partitions(partitions);
        }
        if (replicationFactor != null) {
            builder.replicationFactor(replicationFactor);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static String plural(long entries) {
        return entries + (entries == 1 ? " entry" : " entries");
    }
}
