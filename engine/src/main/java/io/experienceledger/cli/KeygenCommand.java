package io.experienceledger.cli;

import io.experienceledger.merkle.NoteSigner;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ledger keygen}: an Ed25519 key pair that signs checkpoints ({@code ledger digest --sign}). */
@Command(name = "keygen",
        mixinStandardHelpOptions = true,
        description = {
            "Makes an Ed25519 key pair to sign checkpoints with ('ledger digest --sign').",
            "",
            "Writes the signer key to FILE, readable by its owner only (keep it secret, and away from the ledger's"
                    + " disk), and the verifier key to FILE.pub, and prints the verifier key: hand it to auditors and"
                    + " witnesses. Both are in the text form of C2SP signed-note keys (as Go's sumdb/note writes"
                    + " them): PRIVATE+KEY+<name>+<key id>+<key> and <name>+<key id>+<key>.",
            "Refuses to overwrite either file. Exits with 2 when the name or a file is not usable."},
        footerHeading = "%nExamples:%n",
        footer = {"  ledger keygen --name example.com/audit --out audit.key"})
final class KeygenCommand implements Callable<Integer> {
    @ParentCommand
    private Ledger ledger;

    @Option(names = "--name", paramLabel = "NAME", required = true,
            description = "The key's name, which every signature carries; by convention the ledger's origin, such as"
                    + " example.com/audit (no spaces, no '+').")
    private String name;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Where to write the signer key; the verifier key goes to FILE.pub.")
    private Path out;

    @Override
    public Integer call() {
        final NoteSigner signer;
        try {
            signer = NoteSigner.generate(name);
        } catch (IllegalArgumentException e) {
            throw LedgerException.badInput("--name: " + e.getMessage());
        }
        final Path pub = out.resolveSibling(out.getFileName() + ".pub");
        if (Files.exists(pub)) {
            throw LedgerException.badInput(pub + " exists; keygen overwrites no key (move it away first)");
        }
        write(out, signer + "\n", true);
        try {
            write(pub, signer.verifierKey() + "\n", false);
        } catch (LedgerException e) {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
            throw e;
        }
        ledger.console().err().println("wrote the signer key to " + out + " (keep it secret) and the verifier key to "
                + pub + ":");
        ledger.console().out().println(signer.verifierKey());
        return ExitCode.OK;
    }

    /** Creates {@code file} (owner-only when {@code secret}) and writes {@code text}; never overwrites. */
    private static void write(Path file, String text, boolean secret) {
        try {
            if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw LedgerException.badInput(file + " exists; keygen overwrites no key (move it away first)");
        } catch (NoSuchFileException e) {
            throw LedgerException.badInput("no such directory: " + file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw LedgerException.badInput("cannot create " + file + ": " + e.getMessage());
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
            writer.write(text);
        } catch (IOException e) {
            throw LedgerException.storage("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
