package io.experienceledger.journal;

import io.experienceledger.store.ExperienceStoreException;
import java.io.IOException;
import java.io.Reader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import io.experienceledger.files.FileModes;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.RollCycle;

/**
 * The layout of a ledger directory and its marker file.
 *
 * <pre>
 *   DIR/ledger.properties   marker: format version, the journal's identity and roll cycle (written once, atomically)
 *   DIR/journal/            Chronicle Queue files (*.cq4, metadata.cq4t): the truth
 *   DIR/index/              side index: derived, rebuilt from the journal when missing or damaged
 *   DIR/writer.lock         the single-writer lock
 * </pre>
 *
 * A directory is a ledger when it holds the marker. A missing or empty directory becomes a ledger when opened
 * for writing; a directory with other content is refused, so that a mistyped path never turns a user's folder
 * into a queue.
 */
final class LedgerDirectory {
    static final String MARKER = "ledger.properties";
    static final int FORMAT_MAJOR = 1;
    static final int FORMAT_MINOR = 0;
    /** The marker's property naming the journal's roll cycle (optional: ledgers created before it have none). */
    static final String ROLL_CYCLE = "journal.rollCycle";
    static final String GROUP_READABLE = "files.groupReadable";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path root;
    private final long identityHi;
    private final long identityLo;
    /** The journal's roll cycle as recorded, or null for a ledger created before it was recorded. */
    private final RollCycle rollCycle;
    /** True when the ledger was created group-readable (0750/0640), false for owner-only (0700/0600). */
    private final boolean groupReadable;

    private LedgerDirectory(Path root, long identityHi, long identityLo, RollCycle rollCycle, boolean groupReadable) {
        this.root = root;
        this.identityHi = identityHi;
        this.identityLo = identityLo;
        this.rollCycle = rollCycle;
        this.groupReadable = groupReadable;
    }

    /**
     * Opens (and, when {@code create} is set, initialises) the ledger at {@code dir}. A ledger created here records
     * {@code rollCycle}, one of Chronicle's named roll cycles, and whether it is {@code groupReadable}; an existing
     * one keeps what it recorded.
     */
    static LedgerDirectory open(Path dir, boolean create, RollCycle rollCycle) {
        return open(dir, create, rollCycle, false);
    }

    static LedgerDirectory open(Path dir, boolean create, RollCycle rollCycle, boolean groupReadable) {
        final Path root = dir.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw ExperienceStoreException.storageError(root + " is a file, not a ledger directory");
        }
        if (Files.isDirectory(root) && !(Files.isReadable(root) && Files.isExecutable(root))) {
            throw ExperienceStoreException.storageError("permission denied: " + root + " cannot be read by this user"
                    + " (" + owner(root) + "). A ledger is private to its owner unless it was created group-readable"
                    + " (--group-readable, Builder.groupReadable()); then a user of its group can read it");
        }
        final Path marker = root.resolve(MARKER);
        if (Files.isRegularFile(marker)) {
            if (create) {
                requireWritable(root, false);
            }
            return read(root, marker);
        }
        if (!create) {
            throw ExperienceStoreException.notFound(root + " is not a ledger directory (no " + MARKER + ")");
        }
        if (Files.isDirectory(root) && !isEmptyOrBeingCreated(root)) {
            if (Files.isRegularFile(marker)) {
                // another process created the ledger since the first look: its marker is linked in before any other
                // file, so the files seen now are that ledger's
                requireWritable(root, false);
                return read(root, marker);
            }
            throw ExperienceStoreException.storageError(root + " is not a ledger directory: it has files but no "
                    + MARKER + ". Point the store at a new or empty directory.");
        }
        return initialise(root, marker, rollCycle, groupReadable);
    }

    /** Who owns {@code dir}, its group and mode, for a message; what can be read of it. */
    private static String owner(Path dir) {
        try {
            final java.nio.file.attribute.PosixFileAttributes attributes = Files.readAttributes(dir,
                    java.nio.file.attribute.PosixFileAttributes.class);
            return "owner " + attributes.owner().getName() + ", group " + attributes.group().getName() + ", mode "
                    + FileModes.describe(attributes.permissions());
        } catch (IOException | UnsupportedOperationException e) {
            return "not readable";
        }
    }

    private static LedgerDirectory read(Path root, Path marker) {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw ExperienceStoreException.storageError("cannot read " + marker + ": " + e.getMessage(), e);
        }
        final int major = parseInt(properties.getProperty("format.major"), marker);
        if (major > FORMAT_MAJOR) {
            throw ExperienceStoreException.storageError(root + " was written in ledger format " + major + "."
                    + properties.getProperty("format.minor", "0") + ", newer than this version reads (format "
                    + FORMAT_MAJOR + ".x); open it with a newer Experience Ledger");
        }
        final String id = properties.getProperty("journal.id", "");
        if (id.length() != 32) {
            throw ExperienceStoreException.storageError(marker + " is damaged: journal.id must be 32 hex digits");
        }
        final long hi;
        final long lo;
        try {
            hi = Long.parseUnsignedLong(id.substring(0, 16), 16);
            lo = Long.parseUnsignedLong(id.substring(16), 16);
        } catch (NumberFormatException e) {
            throw ExperienceStoreException.storageError(marker + " is damaged: journal.id must be 32 hex digits");
        }
        return new LedgerDirectory(root, hi, lo, recordedRollCycle(properties.getProperty(ROLL_CYCLE), marker),
                Boolean.parseBoolean(properties.getProperty(GROUP_READABLE, "false").trim()));
    }

    /** The roll cycle named in the marker; null when the marker names none (it predates the property). */
    private static RollCycle recordedRollCycle(String name, Path marker) {
        if (name == null) {
            return null;
        }
        final RollCycle cycle = JournalRollCycle.named(name.trim());
        if (cycle == null) {
            throw ExperienceStoreException.storageError(marker + " records the roll cycle '" + name.trim()
                    + "', which this version does not know; open the ledger with the version that created it");
        }
        return cycle;
    }

    private static int parseInt(String value, Path marker) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw ExperienceStoreException.storageError(marker + " is damaged: format.major is missing or not a number");
        }
    }

    /**
     * Writes the marker under a name of its own, then links it into place: the link fails if another process
     * created the ledger at the same moment, and then that process's marker is the one read. Never overwrites.
     */
    private static LedgerDirectory initialise(Path root, Path marker, RollCycle rollCycle, boolean groupReadable) {
        final UUID id = UUID.randomUUID();
        final String text = "# Experience Ledger store. Written once when the store was created; do not edit.\n"
                + "format.major=" + FORMAT_MAJOR + "\n"
                + "format.minor=" + FORMAT_MINOR + "\n"
                + "journal.id=" + String.format("%016x%016x", id.getMostSignificantBits(), id.getLeastSignificantBits()) + "\n"
                + ROLL_CYCLE + "=" + JournalRollCycle.nameOf(rollCycle) + "\n"
                + GROUP_READABLE + "=" + groupReadable + "\n";
        try {
            Files.createDirectories(root);
            requireWritable(root, true);
            // before anything is written in it: others are kept out whatever the umask
            FileModes.setDirectoryMode(root, FileModes.directoryMode(groupReadable));
            final Path temp = root.resolve(MARKER + "." + id + TEMP_SUFFIX);
            Files.createFile(temp);
            FileModes.matchDirectory(temp);
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.createLink(marker, temp);
            } catch (FileAlreadyExistsException raced) {
                Files.delete(temp);
                return read(root, marker);
            }
            Files.delete(temp);
            syncDirectory(root);
        } catch (AccessDeniedException e) {
            throw notWritable(root, true);
        } catch (IOException e) {
            if (onReadOnlyFileSystem(root)) {
                throw notWritable(root, true);
            }
            throw ExperienceStoreException.storageError("cannot create a ledger in " + root + ": " + e.getMessage(), e);
        }
        return new LedgerDirectory(root, id.getMostSignificantBits(), id.getLeastSignificantBits(), rollCycle,
                groupReadable);
    }

    private static void requireWritable(Path root, boolean creating) {
        if (!Files.isWritable(root)) {
            throw notWritable(root, creating);
        }
    }

    /** The error for a directory this process cannot write: a read-only file system, or its permissions. */
    private static ExperienceStoreException notWritable(Path root, boolean creating) {
        if (onReadOnlyFileSystem(root)) {
            return ExperienceStoreException.storageError(creating
                    ? "cannot create a ledger in " + root + ": it is on a read-only file system; choose another"
                            + " directory or remount the file system read-write"
                    : root + " is on a read-only file system; open the store read-only to query it, or remount the"
                            + " file system read-write to append");
        }
        return ExperienceStoreException.storageError(root + " is not writable by this user; fix its permissions,"
                + " choose another directory, or open the store read-only");
    }

    /** True when the file system of {@code path}, or of its nearest existing parent, is mounted read-only. */
    private static boolean onReadOnlyFileSystem(Path path) {
        for (Path existing = path; existing != null; existing = existing.getParent()) {
            if (Files.exists(existing)) {
                try {
                    return Files.getFileStore(existing).isReadOnly();
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /** Empty, or holding only the marker drafts of processes creating the ledger right now. */
    private static boolean isEmptyOrBeingCreated(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.allMatch(p -> {
                final String name = p.getFileName().toString();
                return name.startsWith(MARKER + ".") && name.endsWith(TEMP_SUFFIX);
            });
        } catch (IOException e) {
            throw ExperienceStoreException.storageError("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Makes a rename or file creation in {@code dir} durable. */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // some file systems refuse fsync on directories; the rename itself is still atomic
        }
    }

    /** Bytes on disk of the regular files under {@code dir} (0 when it does not exist). */
    static long sizeOf(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(LedgerDirectory::allocatedBytes).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Bytes of disk blocks in use ({@code du} counts KiB; files are sparse, so their size overstates it). */
    static long allocatedBytes(Path file) {
        try {
            return net.openhft.posix.PosixAPI.posix().du(file.toString()) * 1024;
        } catch (IOException | RuntimeException | LinkageError e) {
            try {
                return Files.size(file);
            } catch (IOException again) {
                return 0;
            }
        }
    }

    /** True when the ledger was created group-readable: directories 0750, files 0640 (else 0700, 0600). */
    boolean groupReadable() {
        return groupReadable;
    }

    Path root() {
        return root;
    }

    Path journalDir() {
        return root.resolve("journal");
    }

    Path indexDir() {
        return root.resolve("index");
    }

    long identityHi() {
        return identityHi;
    }

    long identityLo() {
        return identityLo;
    }

    /** The journal's roll cycle as recorded in the marker, or null when the ledger predates that record. */
    RollCycle rollCycle() {
        return rollCycle;
    }
}
