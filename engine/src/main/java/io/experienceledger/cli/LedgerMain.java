package io.experienceledger.cli;

/**
 * The entry point of {@code ledger.jar}: {@code java -jar ledger.jar <command> [options]}. Run
 * {@code java -jar ledger.jar --help} for the commands; docs/cli.md describes them with their exit codes.
 *
 * <p>This class touches nothing but the JDK before {@link JvmSettings#apply()} has set the system properties
 * Chronicle reads when its classes load, which is why the commands live in {@link Ledger}.
 */
public final class LedgerMain {
    private LedgerMain() {
    }

    /**
     * Runs one command and exits with its code: 0 ok, 1 not found, 2 bad input or usage, 3 storage error.
     *
     * @param args the command line, e.g. {@code query --store ledger --tenant acme}
     */
    public static void main(String[] args) {
        JvmSettings.apply();
        System.exit(Ledger.run(args));
    }
}
