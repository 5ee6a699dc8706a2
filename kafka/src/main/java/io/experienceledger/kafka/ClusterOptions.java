package io.experienceledger.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options {@code ship} and {@code mirror} share: the cluster, its client settings, how long to wait, --follow. */
final class ClusterOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,HOST:PORT...]", required = true,
            description = "The Kafka cluster.")
    String bootstrapServers;

    @Option(names = {"-f", "--follow"}, description = "Keep going as new entries arrive, until Ctrl-C or SIGTERM.")
    boolean follow;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client properties: security.protocol, sasl.*, ssl.*, timeouts, compression.type (ship"
                    + " compresses with lz4 unless it is set), ...")
    private Path clientConfig;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for an unreachable cluster before giving up (default ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Option(names = "--poll-interval", paramLabel = "MS", defaultValue = "200",
            description = "With --follow: how often to look for new entries (default ${DEFAULT-VALUE} ms).")
    private int pollMillis;

    /**
     * The client properties of {@code --client-config} (none without it), after checking the numbers.
     *
     * @throws CommandLine.ParameterException for a bad number or an unreadable file
     */
    Properties clientProperties(CommandLine command) {
        if (timeoutSeconds < 1 || pollMillis < 1) {
            throw new CommandLine.ParameterException(command, "--timeout and --poll-interval must be at least 1");
        }
        final Properties properties = new Properties();
        if (clientConfig == null) {
            return properties;
        }
        try (InputStream in = Files.newInputStream(clientConfig)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(command, "--client-config: no such file: " + clientConfig);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command,
                    "--client-config: cannot read " + clientConfig + ": " + e.getMessage());
        }
        return properties;
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    Duration pollInterval() {
        return Duration.ofMillis(pollMillis);
    }

    /** Waits until Ctrl-C or SIGTERM, or until {@code failed} says the background work stopped on a failure. */
    void awaitEnd(TerminationRequest stop, BooleanSupplier failed) throws InterruptedException {
        while (!stop.await(pollMillis) && !failed.getAsBoolean()) {
            // the work happens in the background
        }
    }
}
