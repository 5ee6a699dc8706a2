package io.experienceledger.journal;

import io.experienceledger.files.AtomicFiles;
import io.experienceledger.merkle.MerkleFrontier;
import io.experienceledger.store.ExperienceStoreException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * What retention has removed from a ledger, {@code DIR/pruned.properties}: where the journal now starts, the roots
 * of the complete subtrees of the pruned leaves (all the Merkle tree needs of them), and for each removed journal
 * file its leaves and the tree's root at its end, so that an archived file can be checked against the ledger years
 * later. Replaced atomically before any journal file is removed: a reader that sees it starts at
 * {@link #firstRetained()}, whether or not the files below are gone yet.
 *
 * @param ledgerId      the ledger's identity, as {@code ledger.properties} gives it
 * @param firstRetained the journal index of the first entry kept; every scan starts there
 * @param frontier      the pruned leaves' size and the roots of their complete subtrees
 * @param bytes         disk space of the journal files removed, in all
 * @param lastPruned    when the last prune removed something
 * @param files         every journal file removed, oldest first
 */
public record PruneRecord(String ledgerId, long firstRetained, MerkleFrontier frontier, long bytes,
                          Instant lastPruned, List<PrunedFile> files) {
    /** The record's file name in the ledger directory. */
    public static final String FILE = "pruned.properties";

    /**
     * A journal file removed by retention.
     *
     * @param name       its name in {@code DIR/journal}
     * @param firstLeaf  the leaf index (position) of its first entry
     * @param leaves     its entries, as leaves of the tree (committed entries; aborted batches are not leaves)
     * @param rootAtEnd  the root of the tree of its last entry and every entry before
     * @param bytes      the disk space it took (its blocks in use: Chronicle's files are sparse)
     * @param firstIndex the journal index of its first document
     * @param archive    the directory it was archived to, or empty when it was deleted
     */
    public record PrunedFile(String name, long firstLeaf, long leaves, byte[] rootAtEnd, long bytes, long firstIndex,
                             String archive) {
        public PrunedFile {
            rootAtEnd = rootAtEnd.clone();
        }

        /** The leaf index after its last entry: the tree size its {@link #rootAtEnd} is the root of. */
        public long endLeaf() {
            return firstLeaf + leaves;
        }

        @Override
        public byte[] rootAtEnd() {
            return rootAtEnd.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PrunedFile file && name.equals(file.name) && firstLeaf == file.firstLeaf
                    && leaves == file.leaves && java.util.Arrays.equals(rootAtEnd, file.rootAtEnd)
                    && bytes == file.bytes && firstIndex == file.firstIndex && archive.equals(file.archive);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(name, firstLeaf, leaves, java.util.Arrays.hashCode(rootAtEnd));
        }

        @Override
        public String toString() {
            return name + " (leaves " + firstLeaf + " to " + endLeaf() + ", " + bytes + " bytes, root at its end "
                    + Base64.getEncoder().encodeToString(rootAtEnd) + (archive.isEmpty() ? "" : ", archived to "
                    + archive) + ")";
        }
    }

    /** The number of entries (leaves) pruned: every entry before the first retained one. */
    public long entries() {
        return frontier.size();
    }

    /** The record of the ledger in {@code root}, or null when nothing was ever pruned from it. */
    public static PruneRecord read(Path root) {
        final Path file = root.resolve(FILE);
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw ExperienceStoreException.storageError("cannot read " + file + ": " + e.getMessage(), e);
        }
        final Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
            final int count = Integer.parseInt(required(properties, "files"));
            final List<PrunedFile> files = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                final String[] fields = required(properties, "file." + i).split(" ");
                if (fields.length < 6) {
                    throw new IllegalArgumentException("file." + i + " has " + fields.length + " fields, not 6 or 7");
                }
                files.add(new PrunedFile(fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                        Base64.getDecoder().decode(fields[3]), Long.parseLong(fields[4]), Long.parseLong(fields[5]),
                        fields.length > 6 ? fields[6] : ""));
            }
            return new PruneRecord(required(properties, "ledger.id"), Long.parseLong(required(properties,
                    "first.retained")), MerkleFrontier.parse(required(properties, "frontier")),
                    Long.parseLong(required(properties, "bytes")), Instant.parse(required(properties, "last.pruned")),
                    List.copyOf(files));
        } catch (IOException | RuntimeException e) {
            throw ExperienceStoreException.storageError(file + " cannot be read (" + e.getMessage() + "): it says"
                    + " where the journal starts after retention removed its oldest files, and the ledger cannot be"
                    + " opened without it. Restore it from a backup", e);
        }
    }

    private static String required(Properties properties, String name) {
        final String value = properties.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value.trim();
    }

    /** Replaces the record in {@code root} atomically, forced to the device with its directory. */
    void write(Path root) {
        final StringBuilder text = new StringBuilder()
                .append("# what retention removed from this ledger (ledger prune); the journal starts at first.retained.\n")
                .append("# Needed to open the ledger and to check its archives: do not edit or delete it.\n")
                .append("ledger.id=").append(ledgerId).append('\n')
                .append("first.retained=").append(firstRetained).append('\n')
                .append("entries=").append(entries()).append('\n')
                .append("bytes=").append(bytes).append('\n')
                .append("last.pruned=").append(lastPruned).append('\n')
                .append("frontier=").append(frontier.text()).append('\n')
                .append("files=").append(files.size()).append('\n');
        for (int i = 0; i < files.size(); i++) {
            final PrunedFile file = files.get(i);
            text.append("file.").append(i).append('=').append(file.name()).append(' ').append(file.firstLeaf())
                    .append(' ').append(file.leaves()).append(' ')
                    .append(Base64.getEncoder().encodeToString(file.rootAtEnd())).append(' ').append(file.bytes())
                    .append(' ').append(file.firstIndex());
            if (!file.archive().isEmpty()) {
                text.append(' ').append(file.archive().replace(' ', '_'));
            }
            text.append('\n');
        }
        final Path target = root.resolve(FILE);
        try {
            AtomicFiles.replace(target, text);
            LedgerDirectory.syncDirectory(root);
        } catch (IOException e) {
            throw ExperienceStoreException.storageError("cannot write " + target + ": " + e.getMessage()
                    + "; nothing was removed", e);
        }
    }
}
