package io.experienceledger.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the files and directories of a ledger that are more open than the ledger's setting ({@link FileModes}):
 * readable or writable by others, or by the group when the ledger is owner-only. Reads modes only; changes
 * nothing.
 */
public final class ExposureCheck {
    /**
     * A path more open than its ledger's setting.
     *
     * @param path          the file or directory
     * @param mode          its mode, e.g. {@code 0644 (rw-r--r--)}
     * @param expected      what the setting gives it, e.g. {@code 0600 (rw-------)}
     * @param worldWritable true when anyone may change it
     */
    public record Finding(Path path, String mode, String expected, boolean worldWritable) {
    }

    /**
     * What was found in one ledger directory.
     *
     * @param root     the ledger directory
     * @param findings every path more open than the setting, the ledger directory first
     * @param fix      the command that gives every path its mode, or empty when nothing was found
     */
    public record Exposure(Path root, List<Finding> findings, String fix) {
        /** True when nothing is more open than the setting. */
        public boolean none() {
            return findings.isEmpty();
        }

        /** True when a path anyone may change was found. */
        public boolean worldWritable() {
            return findings.stream().anyMatch(Finding::worldWritable);
        }

        /** One line for a person: what is exposed, an example, and the fix; empty when nothing is. */
        public String summary() {
            if (findings.isEmpty()) {
                return "";
            }
            final Finding first = findings.get(0);
            return "the ledger " + root + " is " + (worldWritable() ? "writable by other users" : "readable by"
                    + " other users") + ": " + findings.size() + (findings.size() == 1 ? " path is" : " paths are")
                    + " more open than its setting (e.g. " + first.path() + " is " + first.mode() + ", expected "
                    + first.expected() + "); fix: " + fix;
        }
    }

    private ExposureCheck() {
    }

    /** Checks every path under {@code root} (itself included) against the setting. */
    public static Exposure check(Path root, boolean groupReadable) {
        final List<Finding> findings = new ArrayList<>();
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix") || !Files.isDirectory(root)) {
            return new Exposure(root, findings, "");
        }
        final Set<PosixFilePermission> directory = FileModes.directoryMode(groupReadable);
        final Set<PosixFilePermission> file = FileModes.fileModeIn(directory);
        try (Stream<Path> paths = Files.walk(root)) {
            paths.forEach(path -> {
                try {
                    if (Files.isSymbolicLink(path)) {
                        return;
                    }
                    final Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                    final Set<PosixFilePermission> expected = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                            ? directory : file;
                    final Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
                    extra.addAll(mode);
                    extra.removeAll(expected);
                    extra.remove(PosixFilePermission.OWNER_EXECUTE);
                    if (!extra.isEmpty()) {
                        findings.add(new Finding(path, FileModes.describe(mode), FileModes.describe(expected),
                                mode.contains(PosixFilePermission.OTHERS_WRITE)));
                    }
                } catch (IOException e) {
                    // a file removed while walking (a prune, an index merge) is no exposure
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return new Exposure(root, findings, "");
        }
        final String fix = findings.isEmpty() ? "" : groupReadable ? "chmod -R g-w,o-rwx " + root
                : "chmod -R go-rwx " + root;
        return new Exposure(root, List.copyOf(findings), fix);
    }
}
