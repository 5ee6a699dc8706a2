package io.experienceledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starts a child JVM on this JVM's class path with the Chronicle flags ({@link ChronicleJvm#FLAGS}), as JMH does for
 * its forks: the harnesses' {@code main} methods need no flags on their own command line.
 */
final class Jvm {
    private Jvm() {
    }

    /**
     * Runs {@code mainClass} with {@code jvmOptions} (heap size and the like) and {@code args}, its output passed
     * through to this process; throws when it exits with a status other than 0.
     */
    static void run(Class<?> mainClass, List<String> jvmOptions, String... args) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(ChronicleJvm.FLAGS));
        command.addAll(jvmOptions);
        final String benchDir = System.getProperty("bench.dir");
        if (benchDir != null) {
            command.add("-Dbench.dir=" + benchDir);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        try {
            final int status = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (status != 0) {
                throw new IllegalStateException(mainClass.getSimpleName() + " exited with status " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + mainClass.getSimpleName(), e);
        }
    }
}
