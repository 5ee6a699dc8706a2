package io.experienceledger.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Commands that start a class of the test classpath in a child JVM, with this JVM's Chronicle flags. */
final class LedgerProcess {
    private LedgerProcess() {
    }

    /** {@code java [flags] -cp <classpath> main args}: a child JVM running {@code main}. */
    static List<String> java(Class<?> main, String... args) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access")
                    || argument.startsWith("--sun-misc-unsafe-memory-access") || argument.startsWith("-Dchronicle.")) {
                command.add(argument);
            }
        }
        command.addAll(List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** The {@code ledger} command, as {@code java -jar ledger.jar args} runs it, on the process's own streams. */
    static ProcessBuilder ledger(String... args) {
        return new ProcessBuilder(java(LedgerMain.class, args));
    }
}
