package io.experienceledger.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a test main class in a child JVM with this JVM's flags and classpath, and reads its output lines. */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Path errors;

    private ChildJvm(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static ChildJvm start(Class<?> main, String... args) throws IOException {
        return start(List.of(), main, args);
    }

    /** Starts {@code main} with this JVM's flags followed by {@code extraFlags} (a later -Xmx wins). */
    public static ChildJvm start(List<String> extraFlags, Class<?> main, String... args) throws IOException {
        return startIn(null, extraFlags, main, args);
    }

    /**
     * Starts {@code main} as {@link #start(List, Class, String...)} does, in {@code workingDirectory} (null: this
     * JVM's), where the child resolves relative paths.
     */
    public static ChildJvm startIn(Path workingDirectory, List<String> extraFlags, Class<?> main, String... args)
            throws IOException {
        return startIn(workingDirectory, extraFlags, null, main, args);
    }

    /** Starts {@code main} with this JVM's flags except {@code droppedFlag}, to see what happens without it. */
    public static ChildJvm startWithout(String droppedFlag, Class<?> main, String... args) throws IOException {
        return startIn(null, List.of(), droppedFlag, main, args);
    }

    private static ChildJvm startIn(Path workingDirectory, List<String> extraFlags, String droppedFlag,
                                    Class<?> main, String... args) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if ((flag.startsWith("--") || flag.startsWith("-D") || flag.startsWith("-X")) && !flag.equals(droppedFlag)) {
                command.add(flag);
            }
        }
        command.addAll(extraFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        final Path errors = Files.createTempFile("child-jvm", ".err");
        builder.redirectError(errors.toFile());
        return new ChildJvm(builder.start(), errors);
    }

    /** The next line the child printed, or null when it ended. */
    public String readLine() throws IOException {
        return out.readLine();
    }

    /** The child's standard input. */
    public OutputStream input() {
        return process.getOutputStream();
    }

    /** What the child wrote to its standard error so far. */
    public String errors() {
        try {
            return Files.readString(errors, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(standard error unreadable: " + e + ")";
        }
    }

    public long pid() {
        return process.pid();
    }

    /** True while the child runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public int waitFor() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM did not finish within 60 s");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(errors);
    }
}
