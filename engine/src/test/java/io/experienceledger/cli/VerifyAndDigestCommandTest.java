package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.model.RandomModel;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ledger verify} and {@code ledger digest}: intact ledgers, kept digests, damaged journals, bad input. */
class VerifyAndDigestCommandTest {
    @TempDir
    Path dir;

    @Test
    void digestThenVerifyAnIntactLedger() {
        final Path store = filled(40);
        final Cli.Result digest = Cli.run("digest", "--store", store.toString());
        assertEquals(0, digest.code(), digest::toString);
        assertTrue(digest.out().strip().matches("\\d+:[0-9a-f]{64}"), digest.out());

        final Cli.Result verify = Cli.run("verify", "--store", store.toString());
        assertEquals(0, verify.code(), verify::toString);
        assertTrue(verify.out().startsWith("intact: "), verify.out());

        Cli.appendAll(store, records(5, 99));
        final Cli.Result later = Cli.run("verify", "--store", store.toString(), "--digest", digest.out().strip());
        assertEquals(0, later.code(), later::toString);
        assertTrue(later.out().contains("unchanged"), later.out());
    }

    @Test
    void aChangedByteIsNamedAndExitsWithThree() throws Exception {
        final Path store = filled(40);
        try (Stream<Path> files = Files.list(store.resolve("journal"))) {
            final Path cq4 = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
            try (RandomAccessFile raf = new RandomAccessFile(cq4.toFile(), "rw")) {
                final long at = indexOfFirstEntryPayload(cq4);
                raf.seek(at);
                final int old = raf.read();
                raf.seek(at);
                raf.write(old ^ 0x10);
            }
        }
        final Cli.Result verify = Cli.run("verify", "--store", store.toString());
        assertEquals(3, verify.code(), verify::toString);
        assertTrue(verify.err().startsWith("damaged: entry "), verify.err());
        assertTrue(verify.err().contains(".cq4 at offset "), verify.err());
        assertEquals(3, Cli.run("digest", "--store", store.toString()).code());
    }

    @Test
    void aMalformedDigestIsBadInput() {
        final Path store = filled(3);
        final Cli.Result verify = Cli.run("verify", "--store", store.toString(), "--digest", "not-a-digest");
        assertEquals(2, verify.code(), verify::toString);
        assertTrue(verify.err().contains("<tree size>:<64 hex digits>"), verify.err());
    }

    @Test
    void aMissingStoreIsNotFound() {
        assertEquals(1, Cli.run("verify", "--store", dir.resolve("missing").toString()).code());
        assertEquals(1, Cli.run("digest", "--store", dir.resolve("missing").toString()).code());
    }

    private Path filled(int count) {
        final Path store = dir.resolve("ledger");
        Cli.appendAll(store, records(count, 7));
        return store;
    }

    private static List<ExperienceRecord> records(int count, long seed) {
        final RandomModel random = new RandomModel(seed);
        final List<ExperienceRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new ExperienceRecord.Engine(random.engineEnvelope()));
        }
        return records;
    }

    /** The offset of a byte inside the first entry's payload: 60 bytes past the first "evt" or id text. */
    private static long indexOfFirstEntryPayload(Path cq4) throws Exception {
        final byte[] bytes = Files.readAllBytes(cq4);
        for (int i = 0; i + 2 < bytes.length; i++) {
            if (bytes[i] == 1 && bytes[i + 1] == 0 && (bytes[i + 2] == 1 || bytes[i + 2] == 3)) {
                return i + 40;
            }
        }
        throw new AssertionError("no entry found in " + cq4);
    }
}
