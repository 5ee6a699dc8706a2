package io.experienceledger.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test: a real file system that fills up, or that is remounted read-only. Mounting
 * needs root, as the build has (CI runs it as root); without it the test fails and says so. {@link #close()}
 * unmounts it, and fails the test when this JVM still has a file on it open or mapped, so a test using it also
 * proves every store it opened there released its files.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Creates {@code mountPoint} and mounts a tmpfs of {@code size} ({@code mount -o size=…}, e.g. "8m") on it. */
    public static Tmpfs mount(Path mountPoint, String size) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString());
        return new Tmpfs(mountPoint);
    }

    /** The mount point: the root of the file system. */
    public Path path() {
        return mountPoint;
    }

    /** {@code mount -o remount,ro}; fails while a file on it is open for writing. */
    public void remountReadOnly() throws IOException, InterruptedException {
        run("mount", "-o", "remount,ro", mountPoint.toString());
    }

    /** {@code mount -o remount,rw}. */
    public void remountWritable() throws IOException, InterruptedException {
        run("mount", "-o", "remount,rw", mountPoint.toString());
    }

    /** Mappings and open descriptors of this JVM under the mount point. */
    public List<String> heldByThisProcess() throws IOException {
        final String prefix = mountPoint.toRealPath().toString() + '/';
        final List<String> held = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            final int at = line.indexOf(prefix);
            if (at >= 0) {
                held.add("mapped " + line.substring(at));
            }
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    final String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(prefix)) {
                        held.add("open " + target);
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor of the directory listing itself, or one closed meanwhile
                }
            }
        }
        return held;
    }

    /**
     * Unmounts; fails (after a lazy unmount, so nothing stays mounted) when this JVM still holds a file on it.
     */
    @Override
    public void close() throws IOException {
        try {
            final List<String> held = heldByThisProcess();
            if (!held.isEmpty()) {
                run("umount", "-l", mountPoint.toString());
                fail("files on the small file system are still open or mapped after every store closed: " + held);
            }
            run("umount", mountPoint.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unmounting " + mountPoint, e);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed (this test needs root to mount a small tmpfs): " + output);
        }
    }
}
