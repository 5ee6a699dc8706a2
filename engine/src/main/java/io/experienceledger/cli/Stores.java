package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.journal.Durability;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How commands open stores. Reading commands open read-only, alongside any writer, and fail with Not found (exit
 * 1) when the directory is not a ledger; writing commands open writable, creating the ledger in a new or empty
 * directory, and wait for another process's writer lock.
 */
final class Stores {
    /** The largest envelope {@code append} accepts: one line of input, and the largest entry of a 64 MiB block. */
    static final int MAX_ENVELOPE_BYTES = 16 << 20;
    /** How long writing commands wait for another process to release the writer lock, unless told otherwise. */
    static final int DEFAULT_LOCK_WAIT_SECONDS = 30;

    private Stores() {
    }

    static ChronicleExperienceStore openForReading(Path dir) {
        if (Files.notExists(dir)) {
            throw LedgerException.notFound("Not found: the directory " + dir.toAbsolutePath().normalize()
                    + " does not exist");
        }
        return ChronicleExperienceStore.builder(dir).readOnly().open();
    }

    /** Opens an existing ledger for writing: a missing directory or one that holds no ledger is not created. */
    static ChronicleExperienceStore openExistingForWriting(Path dir, int lockWaitSeconds) {
        if (Files.notExists(dir.resolve("ledger.properties"))) {
            throw LedgerException.notFound("Not found: " + dir.toAbsolutePath().normalize() + " holds no ledger"
                    + " (no ledger.properties)");
        }
        return openForWriting(dir, lockWaitSeconds);
    }

    static ChronicleExperienceStore openForWriting(Path dir, int lockWaitSeconds) {
        return openForWriting(dir, lockWaitSeconds, Durability.PAGE_CACHE);
    }

    static ChronicleExperienceStore openForWriting(Path dir, int lockWaitSeconds, Durability durability) {
        return openForWriting(dir, lockWaitSeconds, durability, null, false);
    }

    /**
     * Opens {@code dir} for writing, creating the ledger when missing; {@code rollCycle} (a Chronicle roll cycle's
     * name, or null) is the roll cycle of a new ledger, and must be the existing ledger's.
     */
    static ChronicleExperienceStore openForWriting(Path dir, int lockWaitSeconds, Durability durability,
                                                   String rollCycle, boolean groupReadable) {
        if (lockWaitSeconds < 0) {
            throw LedgerException.badInput("--lock-wait must not be negative, was " + lockWaitSeconds);
        }
        final ChronicleExperienceStore.Builder builder = ChronicleExperienceStore.builder(dir)
                .writerLockTimeout(Duration.ofSeconds(lockWaitSeconds))
                .maxEntryBytes(MAX_ENVELOPE_BYTES)
                .durability(durability);
        if (rollCycle != null) {
            try {
                builder.rollCycle(rollCycle);
            } catch (IllegalArgumentException e) {
                throw LedgerException.badInput("--roll-cycle: " + e.getMessage());
            }
        }
        if (groupReadable) {
            builder.groupReadable();
        }
        createIfMissing(dir);
        return builder.open();
    }

    /** Creates a missing ledger directory (and its parents); a failure names the directory and why. */
    private static void createIfMissing(Path dir) {
        final Path absolute = dir.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            if (e instanceof FileSystemException failed && "Read-only file system".equals(failed.getReason())) {
                return; // the store reports a read-only file system itself, with what to do
            }
            throw LedgerException.storage("Storage error: cannot create the directory " + absolute + ": "
                    + whyNotCreated(absolute, e), e);
        }
    }

    private static String whyNotCreated(Path dir, IOException e) {
        for (int names = 1; names <= dir.getNameCount(); names++) {
            final Path path = dir.getRoot().resolve(dir.subpath(0, names));
            if (Files.exists(path) && !Files.isDirectory(path)) {
                return path + " is in the way: it exists and is not a directory";
            }
        }
        if (e instanceof AccessDeniedException denied && denied.getFile() != null) {
            final Path parent = Path.of(denied.getFile()).getParent();
            return "permission denied: " + (parent == null ? denied.getFile() : parent) + " is not writable by this"
                    + " user";
        }
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            final String file = failed.getFile();
            return (file == null || Path.of(file).equals(dir) ? "" : file + ": ") + failed.getReason();
        }
        return Failures.describe(e);
    }
}
