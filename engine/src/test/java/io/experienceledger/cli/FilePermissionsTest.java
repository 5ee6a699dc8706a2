package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.store.StoreFixtures;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A ledger's files are private by default whatever the umask: {@code ledger} runs in child processes with umask
 * {@code 000} (or {@code 077} for a group-readable ledger), then every directory and file of the ledger (journal
 * files of several roll cycles, the index rebuilt, the tree, the prune record, an archive, the lock) has the mode of
 * the ledger's setting. A reader running as another user ({@code nobody}, through {@code runuser}) reads a
 * group-readable ledger of its group and creates nothing there, and is refused an owner-only one. A ledger made more
 * open warns once, is a {@code verify} finding, and fails {@code verify --strict}.
 */
class FilePermissionsTest {
    /** World-traversable, so that {@code nobody} can reach what it is given. */
    private static Path shared;
    /** The main classes and every dependency jar, copied where {@code nobody} can read them. */
    private static String classPath;

    @BeforeAll
    static void share() throws IOException {
        shared = Files.createTempDirectory("ledger-modes");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        final Path lib = Files.createDirectory(shared.resolve("lib"));
        final List<String> entries = new ArrayList<>();
        int n = 0;
        for (String element : System.getProperty("java.class.path").split(File.pathSeparator)) {
            final Path source = Path.of(element);
            if (element.contains("test-classes") || !Files.exists(source)) {
                continue;
            }
            final Path target = lib.resolve((n++) + (Files.isDirectory(source) ? "" : ".jar"));
            copyTree(source, target);
            entries.add(target.toString());
        }
        makeReadable(lib);
        classPath = String.join(File.pathSeparator, entries);
    }

    @AfterAll
    static void clean() throws IOException {
        try (Stream<Path> paths = Files.walk(shared)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void everyFileIsOwnerOnlyWhateverTheUmask() throws Exception {
        final Path store = shared.resolve("private");
        final Path archive = shared.resolve("cold");
        assertEquals(0, ledger("000", null, lines(0, 5), "append", "--store", store.toString(), "--roll-cycle",
                "TEST_SECONDLY").code);
        nextSecond();
        assertEquals(0, ledger("000", null, lines(5, 5), "append", "--store", store.toString()).code);
        nextSecond();
        final String cut = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        deleteTree(store.resolve("index"));
        // a new cycle's file, the index rebuilt, the tree and a prune record with an archive, all under umask 000
        assertEquals(0, ledger("000", null, lines(10, 5), "append", "--store", store.toString()).code);
        assertEquals(0, ledger("000", null, "", "digest", "--store", store.toString()).code);
        final Run pruned = ledger("000", null, "", "prune", "--store", store.toString(), "--before", cut,
                "--archive-to", archive.toString());
        assertEquals(0, pruned.code, pruned.err);
        assertTrue(Files.exists(store.resolve("pruned.properties")));
        assertTrue(Files.exists(store.resolve("index").resolve("tree").resolve("level-0.hash")));
        assertModes(store, "rwx------", "rw-------");
        assertModes(archive, "rwx------", "rw-------");

        final Run denied = ledger(null, "nobody", "", "export", "--store", store.toString());
        assertNotEquals(0, denied.code, "another user cannot read an owner-only ledger");
        assertTrue(denied.err.contains("ermission denied") || denied.err.contains("not readable")
                || denied.err.contains("Access"), denied.err);
    }

    @Test
    void anUnprivilegedUserCreatesAnOwnerOnlyLedgerToo() throws Exception {
        final Path home = Files.createDirectory(shared.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        final Path store = home.resolve("ledger");
        final Run created = ledger("000", "nobody", lines(0, 10), "append", "--store", store.toString());
        assertEquals(0, created.code, created.err);
        assertEquals(0, ledger("000", "nobody", "", "digest", "--store", store.toString()).code);
        assertModes(store, "rwx------", "rw-------");
        assertEquals("nobody", Files.getOwner(store.resolve("journal")).getName());
        final Run verify = ledger(null, "nobody", "", "verify", "--store", store.toString(), "--strict");
        assertEquals(0, verify.code, verify.out + verify.err);
    }

    @Test
    void aGroupReadableLedgerIsReadByAnotherUserOfItsGroupWhoCreatesNothing() throws Exception {
        final Path store = shared.resolve("group");
        final Run created = ledger("077", null, lines(0, 20), "append", "--store", store.toString(),
                "--group-readable");
        assertEquals(0, created.code, created.err);
        assertEquals(0, ledger("077", null, "", "digest", "--store", store.toString()).code);
        assertModes(store, "rwxr-x---", "rw-r-----");
        assertTrue(Files.readString(store.resolve("ledger.properties")).contains("files.groupReadable=true"));
        chgrp(store, "nogroup");
        final TreeMap<String, Long> before = listing(store);
        final Run read = ledger(null, "nobody", "", "export", "--store", store.toString());
        assertEquals(0, read.code, read.err);
        assertEquals(20, read.out.lines().count());
        final Run stats = ledger(null, "nobody", "", "stats", "--store", store.toString());
        assertEquals(0, stats.code, stats.err);
        assertEquals(before, listing(store), "the reader created and changed nothing");
        assertFalse(read.err.contains("warning"), read.err);
    }

    @Test
    void aLedgerMadeMoreOpenWarnsOnceIsAVerifyFindingAndFailsStrict() throws Exception {
        final Path store = shared.resolve("exposed");
        assertEquals(0, ledger(null, null, lines(0, 10), "append", "--store", store.toString()).code);
        final Run clean = ledger(null, null, "", "verify", "--store", store.toString(), "--strict");
        assertEquals(0, clean.code, clean.out + clean.err);
        assertFalse(clean.out.contains("finding"), clean.out);

        final Path journal = store.resolve("journal");
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(store.resolve("ledger.properties"), PosixFilePermissions.fromString("rw-r--r--"));
        final Run stats = ledger(null, null, "", "stats", "--store", store.toString());
        assertEquals(0, stats.code, stats.err);
        assertEquals(1, stats.err.lines().filter(line -> line.startsWith("warning: ")).count(), stats.err);
        assertTrue(stats.err.contains("writable by other users") && stats.err.contains("chmod -R go-rwx " + store),
                stats.err);
        final Run verify = ledger(null, null, "", "verify", "--store", store.toString());
        assertEquals(0, verify.code, verify.err);
        assertTrue(verify.out.contains("finding: the ledger " + store) && verify.out.contains(journal + " is 0777"
                + " (rwxrwxrwx), expected 0700 (rwx------): anyone may change it"), verify.out);
        assertTrue(verify.out.contains(store.resolve("ledger.properties") + " is 0644"), verify.out);
        final Run strict = ledger(null, null, "", "verify", "--store", store.toString(), "--strict");
        assertEquals(3, strict.code, strict.out + strict.err);

        final Process fix = new ProcessBuilder("chmod", "-R", "go-rwx", store.toString()).start();
        assertEquals(0, fix.waitFor());
        assertEquals(0, ledger(null, null, "", "verify", "--store", store.toString(), "--strict").code,
                "the printed fix fixes it");
    }

    private record Run(int code, String out, String err) {
    }

    /** Runs {@code ledger args} in a child JVM, under {@code umask} and as {@code user} when given. */
    private static Run ledger(String umask, String user, String stdin, String... args) throws Exception {
        final List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final List<String> jvm = LedgerProcess.java(LedgerMain.class);
        for (String flag : jvm) {
            if (flag.startsWith("--") || flag.startsWith("-D") || flag.startsWith("-X")) {
                java.add(flag);
            }
        }
        java.addAll(List.of("-cp", classPath, LedgerMain.class.getName()));
        java.addAll(List.of(args));
        final List<String> command = new ArrayList<>();
        if (user != null) {
            command.addAll(List.of("runuser", "-u", user, "--"));
        }
        if (umask != null) {
            command.addAll(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        }
        command.addAll(java);
        final Path out = Files.createTempFile("ledger-out", ".txt");
        final Path err = Files.createTempFile("ledger-err", ".txt");
        try {
            final Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "ledger " + String.join(" ", args) + " ends");
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    private static void assertModes(Path root, String directory, String file) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                final String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                assertEquals(Files.isDirectory(path) ? directory : file, mode, path.toString());
            }
        }
    }

    private static TreeMap<String, Long> listing(Path root) throws IOException {
        final TreeMap<String, Long> listing = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                listing.put(root.relativize(path).toString(), Files.getLastModifiedTime(path).toMillis()
                        + (Files.isDirectory(path) ? 0 : Files.size(path)));
            }
        }
        return listing;
    }

    private static void chgrp(Path root, String group) throws Exception {
        assertEquals(0, new ProcessBuilder("chgrp", "-R", group, root.toString()).start().waitFor());
    }

    private static String lines(int first, int count) {
        final StringBuilder text = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            text.append(ConvergeJson.writeAnyEnvelope(new ExperienceRecord.Engine(StoreFixtures.engine("e-" + i,
                    "2026-03-01T00:00:00Z")))).append('\n');
        }
        return text.toString();
    }

    private static void nextSecond() throws InterruptedException {
        Thread.sleep(1_000 - System.currentTimeMillis() % 1_000 + 20);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                final Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to);
                }
            }
        }
    }

    private static void makeReadable(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path)
                        ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
