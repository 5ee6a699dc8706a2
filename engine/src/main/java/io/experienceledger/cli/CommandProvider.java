package io.experienceledger.cli;

/**
 * A command that another module adds to {@code ledger}: found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.experienceledger.cli.CommandProvider} entry), so that the engine's command line needs
 * no dependency of that module. The Kafka module adds {@code ship} this way. For modules of this project; not API
 * for applications.
 */
public interface CommandProvider {
    /**
     * The command: a picocli {@code @Command} object, whose {@code call()} returns the exit code (0 ok, 1 not found,
     * 2 bad input, 3 storage error). An {@link io.experienceledger.store.ExperienceStoreException} it throws is
     * reported as every command reports it.
     */
    Object command(CommandContext context);
}
