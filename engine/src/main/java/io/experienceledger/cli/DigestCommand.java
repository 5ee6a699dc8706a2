package io.experienceledger.cli;

import io.experienceledger.journal.ChronicleExperienceStore;
import io.experienceledger.merkle.Checkpoint;
import io.experienceledger.merkle.NoteSigner;
import io.experienceledger.merkle.TreeHead;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ledger digest}: the head of the ledger's Merkle tree, to keep elsewhere and check later. */
@Command(name = "digest",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the head of the ledger's Merkle tree (RFC 9162): <tree size>:<root hash hex>.",
            "",
            "Keep it somewhere else (another machine, a ticket, a signed mail). Later, 'ledger verify --digest'"
                    + " proves that the first <tree size> entries are unchanged, and 'ledger check-proof' checks a"
                    + " proof of one entry against it without the ledger. It replaces the head of the hash chain"
                    + " that earlier versions printed.",
            "With --sign KEY it prints a signed checkpoint instead (C2SP tlog-checkpoint, signed as a C2SP signed note"
                    + " with Ed25519): the origin, the tree size and the base64 root, a blank line and the signature."
                    + " Anyone with the public key checks it ('ledger check-proof --checkpoint', 'ledger verify"
                    + " --checkpoint', or any tool of the transparency-log ecosystem); 'ledger keygen' makes the key.",
            "Exits with 3 when the journal is damaged, 2 when the key is malformed."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ledger digest --store audit",
            "  ledger digest --store audit >> /mnt/offsite/audit-digests.txt",
            "  ledger digest --store audit --sign audit.key > checkpoint.txt"})
final class DigestCommand implements Callable<Integer> {
    @ParentCommand
    private Ledger ledger;

    @Mixin
    private StoreOption store;

    @Option(names = "--sign", paramLabel = "KEY",
            description = "The signer key file 'ledger keygen' wrote: print a signed checkpoint.")
    private Path signerKey;

    @Option(names = "--origin", paramLabel = "ORIGIN",
            description = "The checkpoint's first line, the ledger's unique name (default: the key's name).")
    private String origin;

    @Override
    public Integer call() {
        if (origin != null && signerKey == null) {
            throw LedgerException.badInput("--origin names a signed checkpoint's origin; it needs --sign KEY");
        }
        final NoteSigner signer = signerKey == null ? null : signer(signerKey);
        final String digest;
        try (ChronicleExperienceStore opened = Stores.openForReading(store.store)) {
            digest = opened.digest();
        }
        if (signer == null) {
            ledger.console().out().println(digest);
            return ExitCode.OK;
        }
        final Checkpoint checkpoint;
        try {
            checkpoint = new Checkpoint(origin == null ? signer.name() : origin, TreeHead.parse(digest));
        } catch (IllegalArgumentException e) {
            throw LedgerException.badInput("--origin: " + e.getMessage());
        }
        ledger.console().out().print(checkpoint.sign(signer));
        return ExitCode.OK;
    }

    private static NoteSigner signer(Path file) {
        try {
            return NoteSigner.parse(TrustedHead.read(file, "--sign"));
        } catch (IllegalArgumentException e) {
            throw LedgerException.badInput("--sign " + file + ": " + e.getMessage());
        }
    }
}
