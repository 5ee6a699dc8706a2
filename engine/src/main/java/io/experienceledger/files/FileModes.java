package io.experienceledger.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The modes a ledger gives what it writes, whatever the process's umask: directories {@code 0700} and files
 * {@code 0600}, or {@code 0750} and {@code 0640} for a group-readable ledger. A directory inside a ledger takes the
 * mode of the directory it is in, and a file the read and write bits of its directory, so each part of the ledger
 * needs to know only where it writes. Applied right after a file is created, before anything is written to it;
 * the ledger's root directory, created {@code 0700} or {@code 0750}, keeps others out meanwhile. On a file system
 * without POSIX permissions nothing is changed.
 */
public final class FileModes {
    /** The mode of an owner-only ledger's directories. */
    public static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** The mode of a group-readable ledger's directories. */
    public static final Set<PosixFilePermission> GROUP_DIRECTORY = PosixFilePermissions.fromString("rwxr-x---");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private FileModes() {
    }

    /** The directory mode of a ledger: {@code 0750} when group-readable, else {@code 0700}. */
    public static Set<PosixFilePermission> directoryMode(boolean groupReadable) {
        return groupReadable ? GROUP_DIRECTORY : OWNER_DIRECTORY;
    }

    /** The mode of the files in a directory of mode {@code directory}: its read and write bits. */
    public static Set<PosixFilePermission> fileModeIn(Set<PosixFilePermission> directory) {
        final Set<PosixFilePermission> file = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : directory) {
            if (!permission.name().endsWith("EXECUTE")) {
                file.add(permission);
            }
        }
        return file;
    }

    /** Sets {@code dir}'s mode (a ledger's root directory, or an archive): a failure is an I/O error. */
    public static void setDirectoryMode(Path dir, Set<PosixFilePermission> mode) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(dir, mode);
        }
    }

    /** Sets {@code path}'s mode; nothing on a file system without POSIX modes. */
    public static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, mode);
        }
    }

    /** The mode of {@code dir}, or null on a file system without POSIX modes. */
    public static Set<PosixFilePermission> modeOf(Path dir) throws IOException {
        return POSIX ? Files.getPosixFilePermissions(dir) : null;
    }

    /**
     * Creates {@code dir} and its missing parents, each with the mode of the directory it is created in. For
     * directories inside a ledger (or an archive), whose top is already there.
     */
    public static void createDirectories(Path dir) throws IOException {
        final Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        final Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            return;
        }
        if (POSIX && parent != null) {
            Files.setPosixFilePermissions(absolute, Files.getPosixFilePermissions(parent));
        }
    }

    /**
     * Gives {@code path}, just created in a directory of the ledger, the mode the ledger gives what is there: a
     * file the read and write bits of its directory, a directory its directory's mode. A file not owned by this
     * user is left as it is.
     */
    public static void matchDirectory(Path path) throws IOException {
        if (!POSIX) {
            return;
        }
        final Path absolute = path.toAbsolutePath();
        final Path parent = absolute.getParent();
        if (parent == null) {
            return;
        }
        final Set<PosixFilePermission> directory = Files.getPosixFilePermissions(parent);
        final boolean isDirectory = Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS);
        final Set<PosixFilePermission> wanted = isDirectory ? directory : fileModeIn(directory);
        if (!wanted.equals(Files.getPosixFilePermissions(absolute, LinkOption.NOFOLLOW_LINKS))) {
            Files.setPosixFilePermissions(absolute, wanted);
        }
    }

    /** {@link #matchDirectory}, turning an I/O error into an unchecked one, for callers that report those. */
    public static void matchDirectoryUnchecked(Path path) {
        try {
            matchDirectory(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot set the mode of " + path + ": " + e.getMessage(), e);
        }
    }

    /** The mode as {@code ls -l} shows it, e.g. {@code rw-------}, and in octal, e.g. {@code 0600}. */
    public static String describe(Set<PosixFilePermission> mode) {
        return octal(mode) + " (" + PosixFilePermissions.toString(mode) + ")";
    }

    /** The mode in octal, e.g. {@code 0600}. */
    public static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission permission : mode) {
            bits |= 1 << (8 - permission.ordinal());
        }
        return String.format("0%03o", bits);
    }
}
