package io.experienceledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories for the stores benchmarks create; every one is deleted by the benchmark's tear-down. */
final class TempStores {
    /** Where benchmark stores go: {@code -Dbench.dir=...}, else the system temp directory. */
    private static final Path ROOT = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));

    private TempStores() {
    }

    /** A new, empty directory named after {@code prefix}. */
    static Path create(String prefix) {
        try {
            Files.createDirectories(ROOT);
            return Files.createTempDirectory(ROOT, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything under it; nothing when it is null or already gone. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sum of the sizes of the files under {@code dir}. */
    static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
