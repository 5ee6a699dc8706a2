package io.experienceledger.kafka;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code ledger} commands run in a child JVM from the test class path, with this JVM's flags and a small heap. */
final class ShipProcess {
    private ShipProcess() {
    }

    /** Starts {@code ledger args}, its output and errors going to {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        return startWithHeap(log, "256m", args);
    }

    /** {@link #start(Path, String...)} with a heap of at most {@code maxHeap} (e.g. {@code 128m}). */
    static Process startWithHeap(Path log, String maxHeap, String... args) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access")
                    || argument.startsWith("--sun-misc") || argument.startsWith("-Dchronicle")) {
                command.add(argument);
            }
        }
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1"); // a short-lived child: C2 would only take the other core
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.experienceledger.cli.LedgerMain");
        command.addAll(List.of(args));
        final File file = log.toFile();
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(file)).start();
    }
}
