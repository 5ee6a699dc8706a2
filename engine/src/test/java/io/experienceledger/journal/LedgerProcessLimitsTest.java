package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.experienceledger.cli.LedgerMain;
import io.experienceledger.testing.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limits of {@code ledger append} hold in a real process with a small heap (docs/operations.md, Limits). */
class LedgerProcessLimitsTest {
    private static final int MAX_LINE_BYTES = 16 << 20;

    @TempDir
    Path root;

    @Test
    void aLineJustOver16MiBIsRefusedWithItsNumberInA64MiBHeap() throws Exception {
        final Path store = root.resolve("ledger");
        try (ChildJvm child = ChildJvm.start(List.of("-Xmx64m"), LedgerMain.class, "append", "--store",
                store.toString())) {
            try (OutputStream in = child.input()) {
                in.write('\n');
                final byte[] chunk = new byte[1 << 20];
                Arrays.fill(chunk, (byte) 'x');
                for (int i = 0; i < MAX_LINE_BYTES / chunk.length; i++) {
                    in.write(chunk);
                }
                in.write("x\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (IOException stoppedReading) {
                // the child may refuse the line and exit before it has all of it
            }
            assertEquals(2, child.waitFor(), child.errors());
            assertEquals("line 2: longer than the limit of 16.0 MiB (16,777,216 bytes)\n", child.errors()
                    .lines().filter(l -> !l.startsWith("SLF4J")).reduce("", (a, b) -> a + b + "\n"));
        }
        assertFalse(Files.exists(store), "a refused input created the store");
    }
}
