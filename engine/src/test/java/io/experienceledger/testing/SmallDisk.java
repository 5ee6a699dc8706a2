package io.experienceledger.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The setup of the disk-full tests: a small real file system ({@link Tmpfs}) mounted before each test and
 * unmounted after it, and a filler file that takes up its space until the test frees it. Registered on a field:
 * {@code @RegisterExtension final SmallDisk disk = new SmallDisk("8m");}. As with {@link Tmpfs}, mounting needs
 * root, and without it the test fails and says so; unmounting fails the test when this JVM still holds a file on
 * the small file system.
 */
public final class SmallDisk implements BeforeEachCallback, AfterEachCallback {
    private final String size;
    private Path directory;
    private Tmpfs tmpfs;
    private Path filler;

    /** A tmpfs of {@code size} ({@code mount -o size=…}, e.g. "8m") for each test. */
    public SmallDisk(String size) {
        this.size = size;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("small-disk");
        tmpfs = Tmpfs.mount(directory.resolve("tmpfs"), size);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        final Tmpfs mounted = tmpfs;
        tmpfs = null;
        filler = null;
        if (mounted != null) {
            mounted.close();
        }
        if (directory != null) {
            Files.deleteIfExists(directory.resolve("tmpfs"));
            Files.delete(directory);
        }
    }

    /** The root of the small file system. */
    public Path path() {
        return tmpfs.path();
    }

    /** Writes a filler file of {@code bytes} zero bytes on the small file system. */
    public void fill(int bytes) throws IOException {
        filler = path().resolve("filler");
        Files.write(filler, new byte[bytes]);
    }

    /** Fills the small file system with a filler file until {@code bytesLeft} usable bytes are left (or none). */
    public void fillLeaving(long bytesLeft) throws IOException {
        fill((int) Math.max(0, Files.getFileStore(path()).getUsableSpace() - bytesLeft));
    }

    /** Deletes the filler file, giving its space back. */
    public void deleteFiller() throws IOException {
        Files.delete(filler);
    }
}
