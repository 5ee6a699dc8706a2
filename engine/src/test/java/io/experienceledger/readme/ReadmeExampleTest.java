package io.experienceledger.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.experienceledger.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example of README.md, kept compiling and true: {@link ReadmeExample} holds it, this test checks that
 * its copy is the README's code block line for line (indentation aside), so that the two cannot drift apart, and
 * runs it as a user would: a program in a JVM of its own, whose working directory receives {@code ledger-data}.
 */
class ReadmeExampleTest {
    private static final Path ENGINE = Path.of(System.getProperty("user.dir"));
    private static final String BEGIN = "// README.md example: begin";
    private static final String END = "// README.md example: end";

    @TempDir
    Path workingDirectory;

    @Test
    void theCompiledExampleIsTheReadmes() throws IOException {
        final List<String> readme = Files.readAllLines(ENGINE.resolveSibling("README.md"));
        final List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : readme) {
            if (block == null && line.strip().equals("```java")) {
                block = new ArrayList<>();
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(block);
                block = null;
            } else if (block != null) {
                block.add(line);
            }
        }
        assertEquals(1, blocks.size(), "README.md has one ```java block");

        final List<String> source = Files.readAllLines(
                ENGINE.resolve("src/test/java/io/experienceledger/readme/ReadmeExample.java"));
        final int begin = indexOf(source, BEGIN);
        final int end = indexOf(source, END);
        assertTrue(begin >= 0 && end > begin, "ReadmeExample.java marks the example with " + BEGIN + " and " + END);

        assertEquals(String.join("\n", dedent(blocks.get(0))), String.join("\n", dedent(source.subList(begin + 1, end))),
                "ReadmeExample.java's copy of the README example differs from README.md: copy the README's block there");
    }

    @Test
    void theExampleWorksAsDocumented() throws Exception {
        try (ChildJvm program = ChildJvm.startIn(workingDirectory, List.of(), ReadmeExample.class)) {
            final String json = program.readLine();
            assertEquals(0, program.waitFor(), program.errors());
            assertEquals("{\"event_id\":\"evt-1\",\"occurred_at\":\"2026-04-28T12:00:00Z\",\"tenant_id\":\"tenant-a\","
                    + "\"correlation_id\":\"run-42\",\"event\":{\"type\":\"BudgetExceeded\",\"data\":{\"chain_id\":\"c-1\","
                    + "\"resource\":\"Tokens\",\"limit\":\"1000\",\"observed\":\"1200\"}}}", json);
        }
        assertTrue(Files.isRegularFile(workingDirectory.resolve("ledger-data").resolve("ledger.properties")),
                "the example's store is not in its working directory");
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        return -1;
    }

    /** The lines without their common leading spaces and without trailing blanks; blank lines become empty. */
    private static List<String> dedent(List<String> lines) {
        int common = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                common = Math.min(common, line.length() - line.stripLeading().length());
            }
        }
        final List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.isBlank() ? "" : line.substring(common).stripTrailing());
        }
        return out;
    }
}
