package io.experienceledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The manifest of ledger.jar is derived from chronicle.jvm.flags, the one place the flags are written: the parent
 * pom's property reaches ledger.properties unchanged, the values the build derived from it match a derivation
 * done here, the shade configuration uses those values and no literal list, a built jar carries them, and
 * docs/configuration.md lists them for applications that embed the library.
 */
class ManifestFlagsTest {
    private static final Path ENGINE = Path.of(System.getProperty("user.dir"));

    /** The module/package parts of every {@code option=module/package=ALL-UNNAMED} flag, space separated. */
    private static String targets(String flags, String option) {
        final List<String> targets = new ArrayList<>();
        for (String flag : flags.trim().split("\\s+")) {
            if (flag.startsWith(option + "=")) {
                final String value = flag.substring(option.length() + 1);
                targets.add(value.endsWith("=ALL-UNNAMED") ? value.substring(0, value.length() - 12) : value);
            }
        }
        return String.join(" ", targets);
    }

    private static String parentFlags() throws IOException {
        final Matcher flags = Pattern.compile("<chronicle\\.jvm\\.flags>([^<]*)</chronicle\\.jvm\\.flags>")
                .matcher(Files.readString(ENGINE.resolveSibling("pom.xml")));
        assertTrue(flags.find(), "the parent pom defines chronicle.jvm.flags");
        return flags.group(1);
    }

    @Test
    void theFlagsAreTheParentPomsProperty() throws IOException {
        assertEquals(parentFlags(), BuildInfo.jvmFlags());
    }

    /** docs/configuration.md lists the flags for applications that embed the library: the same ones, in order. */
    @Test
    void theConfigurationDocumentListsTheFlags() throws IOException {
        final String doc = Files.readString(ENGINE.resolveSibling("docs").resolve("configuration.md"));
        final Matcher block = Pattern.compile("(?s)\n## JVM flags\n.*?```text\n(.*?)```").matcher(doc);
        assertTrue(block.find(), "docs/configuration.md has a JVM flags section with a ```text block of the flags");
        assertEquals(List.of(parentFlags().trim().split("\\s+")), List.of(block.group(1).trim().split("\n")));
    }

    @Test
    void theManifestValuesAreDerivedFromTheFlags() {
        final String flags = BuildInfo.jvmFlags();
        final String opens = targets(flags, "--add-opens");
        final String exports = targets(flags, "--add-exports");
        assertFalse(opens.isEmpty());
        assertFalse(exports.isEmpty());
        assertTrue(opens.contains("java.base/java.lang"), opens);
        assertEquals(opens, BuildInfo.property("manifest.add-opens"));
        assertEquals(exports, BuildInfo.property("manifest.add-exports"));
        assertEquals(targets(flags, "--enable-native-access"), BuildInfo.property("manifest.native-access"));
        assertEquals("ALL-UNNAMED", BuildInfo.property("manifest.native-access"));
    }

    @Test
    void theJarConfigurationUsesTheDerivedValues() throws IOException {
        final String pom = Files.readString(ENGINE.resolveSibling("kafka").resolve("pom.xml"));
        assertTrue(pom.contains("<Add-Opens>${ledger.manifest.add-opens}</Add-Opens>"));
        assertTrue(pom.contains("<Add-Exports>${ledger.manifest.add-exports}</Add-Exports>"));
        assertTrue(pom.contains("<Enable-Native-Access>${ledger.manifest.native-access}</Enable-Native-Access>"));
        assertFalse(pom.contains("java.base/java.lang"), "the pom that builds ledger.jar holds no copy of the flags");
    }

    @Test
    void systemPropertiesOfTheFlagsAreAppliedAtStartUp() {
        final List<String[]> properties = JvmSettings.systemProperties(BuildInfo.jvmFlags());
        assertTrue(properties.stream().anyMatch(p -> p[0].equals("chronicle.analytics.disable") && p[1].equals("true")));
        final List<String[]> parsed = JvmSettings.systemProperties(" --add-opens=a/b=ALL-UNNAMED -Dx=1 -Dy -Dz=a=b ");
        assertEquals(List.of("x=1", "y=", "z=a=b"), parsed.stream().map(p -> p[0] + "=" + p[1]).toList());
    }
}
