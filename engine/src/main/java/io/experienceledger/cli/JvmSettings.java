package io.experienceledger.cli;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM settings of the command that a jar manifest cannot carry, applied at the very start of {@code main}
 * before any Chronicle class loads. The manifest of {@code ledger.jar} carries the {@code --add-opens},
 * {@code --add-exports} and {@code --enable-native-access} part of the Chronicle flags; this class applies the rest:
 * <ul>
 *   <li>every {@code -Dname=value} of the flags (no network, no announcer), unless already set on the command
 *       line;</li>
 *   <li>slf4j-simple defaults: {@code net.openhft} at WARN, Chronicle's announcer off, output to stderr, so that
 *       forced unlocks and read-only fallbacks still show but nothing else does; the Kafka client of
 *       {@code ship} at ERROR (its warnings repeat every retry; the command reports what failed itself);</li>
 *   <li>on JDK 23 and later, the equivalent of {@code --sun-misc-unsafe-memory-access=allow} for the one-time
 *       warning about {@code sun.misc.Unsafe} that Chronicle's native layer (jffi) triggers: the build passes that
 *       flag to every test and benchmark JVM, but no manifest attribute exists for it.</li>
 * </ul>
 */
final class JvmSettings {
    private static final Map<String, String> LOGGING = Map.of(
            "org.slf4j.simpleLogger.defaultLogLevel", "warn",
            "org.slf4j.simpleLogger.log.net.openhft", "warn",
            "org.slf4j.simpleLogger.log.net.openhft.chronicle.core.internal.announcer", "off",
            "org.slf4j.simpleLogger.log.org.apache.kafka", "error",
            "org.slf4j.simpleLogger.logFile", "System.err");

    private JvmSettings() {
    }

    /** Applies the settings to this JVM. */
    static void apply() {
        for (String[] property : systemProperties(BuildInfo.jvmFlags())) {
            setIfAbsent(property[0], property[1]);
        }
        LOGGING.forEach(JvmSettings::setIfAbsent);
        if (Runtime.version().feature() >= 23) {
            markUnsafeWarningGiven();
        }
    }

    /** The {@code -Dname=value} flags among {@code flags}, as {name, value} pairs, in order. */
    static List<String[]> systemProperties(String flags) {
        final List<String[]> properties = new ArrayList<>();
        for (String flag : flags.trim().split("\\s+")) {
            if (flag.startsWith("-D") && flag.length() > 2) {
                final int equals = flag.indexOf('=');
                properties.add(equals < 0 ? new String[] {flag.substring(2), ""}
                        : new String[] {flag.substring(2, equals), flag.substring(equals + 1)});
            }
        }
        return properties;
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    /**
     * Under the default {@code warn} mode, {@code sun.misc.Unsafe} prints its deprecation warning once, when its
     * {@code memoryAccessWarned} flag goes from false to true; setting the flag first keeps it quiet. The
     * {@code debug} and {@code deny} modes ignore the flag. Nothing happens when the JDK has no such field.
     */
    private static void markUnsafeWarningGiven() {
        try {
            final Field warned = Class.forName("sun.misc.Unsafe").getDeclaredField("memoryAccessWarned");
            warned.setAccessible(true);
            warned.setBoolean(null, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a JDK without the flag, or one that refuses access: its warning, if any, is printed as usual
        }
    }
}
