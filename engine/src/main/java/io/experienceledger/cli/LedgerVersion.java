package io.experienceledger.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code ledger --version}: the ledger's version and the JVM it runs on. */
final class LedgerVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "ledger " + BuildInfo.version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ")"};
    }
}
