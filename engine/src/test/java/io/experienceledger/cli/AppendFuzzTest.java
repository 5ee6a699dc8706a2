package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.json.ConvergeJson;
import io.experienceledger.model.ModelSamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ledger append} on random and mutated input, including invalid UTF-8: every run either appends all its
 * lines or ends with exit 2, a {@code line N:} message and an unchanged store; the store stays intact.
 */
class AppendFuzzTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void badInputIsRejectedCleanlyAndChangesNothing(long seed) {
        final Random random = new Random(seed);
        final String store = dir.resolve("ledger-" + seed).toString();
        final String valid = ConvergeJson.write(ModelSamples.randomEngineEnvelope(random)) + "\n";
        assertEquals(0, Cli.runWithInput(valid, "append", "--store", store).code());
        String before = Cli.run("export", "--store", store).out();
        int rejected = 0;
        for (int run = 0; run < 25; run++) {
            final byte[] input = mutated(random);
            final Cli.Result result = Cli.runWithInput(input, "append", "--store", store);
            if (result.code() == 0) {
                before = Cli.run("export", "--store", store).out();
                continue;
            }
            rejected++;
            assertEquals(2, result.code(), "seed " + seed + ": " + result);
            assertTrue(result.err().startsWith("line "), "seed " + seed + ": " + result.err());
            assertEquals(before, Cli.run("export", "--store", store).out(), "seed " + seed + ": store changed");
        }
        assertTrue(rejected > 0, "seed " + seed + ": no input was rejected");
        assertEquals(0, Cli.run("verify", "--store", store).code());
    }

    private static byte[] mutated(Random random) {
        final StringBuilder lines = new StringBuilder();
        final int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            lines.append(random.nextBoolean() ? ConvergeJson.write(ModelSamples.randomEngineEnvelope(random))
                    : ConvergeJson.write(ModelSamples.randomUserEnvelope(random))).append('\n');
        }
        final byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        final int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            final int at = random.nextInt(bytes.length);
            switch (random.nextInt(3)) {
                case 0 -> bytes[at] = (byte) (0x80 + random.nextInt(0x80));
                case 1 -> bytes[at] = (byte) random.nextInt(0x80);
                default -> bytes[at] = (byte) 0xFF;
            }
        }
        return bytes;
    }
}
