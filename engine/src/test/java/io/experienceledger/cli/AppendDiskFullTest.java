package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.model.ExperienceRecord;
import io.experienceledger.testing.SmallDisk;
import io.experienceledger.workload.SyntheticWorkload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger append} into a ledger on a full disk (a small tmpfs; the build runs as root, as CI does): exit 3,
 * one line that says once that nothing was appended, and the ledger as it was.
 */
class AppendDiskFullTest {
    @TempDir
    Path root;
    @RegisterExtension
    final SmallDisk disk = new SmallDisk("8m");

    @Test
    void aFullDiskSaysOnceThatNothingWasAppended() throws IOException {
        final Path store = disk.path().resolve("ledger");
        final SyntheticWorkload workload = new SyntheticWorkload(21);
        final List<ExperienceRecord> first = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            first.add(workload.next());
        }
        assertEquals(0, Cli.runWithInput(Cli.jsonLines(first), "append", "--store", store.toString()).code());
        disk.fillLeaving(512 << 10);
        final StringBuilder lines = new StringBuilder();
        // more than the whole disk holds, so also more than the ledger reserved ahead of its writer before the
        // disk filled up
        while (lines.length() < 24 << 20) {
            lines.append(Cli.jsonLines(List.of(workload.next())));
        }
        final Path input = root.resolve("more.jsonl");
        Files.writeString(input, lines, StandardCharsets.UTF_8);

        final Cli.Result result = Cli.run("append", "--store", store.toString(), input.toString());

        assertEquals(3, result.code(), result::toString);
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("Storage error: disk full"), result::toString);
        assertEquals(1, result.err().split("nothing was appended", -1).length - 1, result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
        disk.deleteFiller();
        assertEquals(Cli.jsonLines(first), Cli.run("export", "--store", store.toString()).out());
    }
}
