package io.experienceledger.index.internal;

import io.experienceledger.index.IndexOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A second process for the crash and lock tests: its {@code main} opens an index and adds a {@link Workload},
 * and {@link #start} launches it as a child JVM with the current {@code java} and class path.
 *
 * <ul>
 *   <li>{@code write DIR SEED COUNT THRESHOLD SYNC}: adds the workload, flushing at random moments, printing
 *       {@code started} first, and never closes the index (the test kills it, or it halts at the end).</li>
 *   <li>{@code hold DIR SEED COUNT THRESHOLD}: adds the workload and flushes, prints
 *       {@code ready WRITER CHECKPOINT}, waits for a line on standard input, closes, prints {@code closed}.</li>
 * </ul>
 */
final class IndexChildProcess {
    static final long HI = 0x5EED_0000_0000_0001L;
    static final long LO = 0x5EED_0000_0000_0002L;

    private IndexChildProcess() {
    }

    public static void main(String[] args) throws IOException {
        final Path dir = Path.of(args[1]);
        final long seed = Long.parseLong(args[2]);
        final List<Workload.Entry> entries = Workload.generate(seed, Integer.parseInt(args[3]));
        final int threshold = Integer.parseInt(args[4]);
        if (args[0].equals("write")) {
            write(dir, seed, entries, IndexOptions.defaults().withFlushThreshold(threshold)
                .withSyncWrites(Boolean.parseBoolean(args[5])));
        } else {
            hold(dir, entries, IndexOptions.defaults().withFlushThreshold(threshold));
        }
    }

    private static void write(Path dir, long seed, List<Workload.Entry> entries, IndexOptions options) {
        final SideIndex index = SideIndex.open(dir, HI, LO, options);
        System.out.println("started " + index.isWriter());
        System.out.flush();
        final Random random = new Random(seed);
        for (Workload.Entry e : entries) {
            index.add(e.position(), e.location(), e.kind(), e.tenant(), e.correlation(), e.trace());
            if (random.nextInt(40) == 0) {
                index.flush();
            }
        }
        System.out.println("done");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static void hold(Path dir, List<Workload.Entry> entries, IndexOptions options) throws IOException {
        final SideIndex index = SideIndex.open(dir, HI, LO, options);
        IndexChecks.addAll(index, entries);
        index.flush();
        System.out.println("ready " + index.isWriter() + ' ' + index.checkpoint());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        index.close();
        System.out.println("closed");
        System.out.flush();
    }

    /** Starts a child JVM running {@code main} with {@code args}; its standard error goes to {@code stderr}. */
    static Process start(Path stderr, String... args) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(IndexChildProcess.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    /** The child's next line of standard output, or a failure naming its standard error. */
    static String readLine(Process process, BufferedReader out, Path stderr) throws IOException {
        final String line = out.readLine();
        if (line == null) {
            throw new AssertionError("child exited (" + process.isAlive() + ") without output; stderr: "
                + java.nio.file.Files.readString(stderr));
        }
        return line;
    }
}
