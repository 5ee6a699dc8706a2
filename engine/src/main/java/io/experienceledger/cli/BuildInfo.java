package io.experienceledger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build wrote into {@code ledger.properties} (resource filtering): the version, the Chronicle JVM flags
 * (the parent pom's {@code chronicle.jvm.flags}, the one place they are written) and the manifest attributes the
 * build derived from them for {@code ledger.jar}.
 */
final class BuildInfo {
    static final String RESOURCE = "ledger.properties";

    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    /** The JVM flags Chronicle needs, space separated, exactly as the parent pom writes them. */
    static String jvmFlags() {
        return PROPERTIES.getProperty("jvm.flags", "");
    }

    /** A property of the resource, or null (the manifest values: {@code manifest.add-opens} and the like). */
    static String property(String name) {
        return PROPERTIES.getProperty(name);
    }

    private static Properties load() {
        final Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return properties;
    }
}
