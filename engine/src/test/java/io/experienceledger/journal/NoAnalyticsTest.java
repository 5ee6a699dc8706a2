package io.experienceledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import net.openhft.chronicle.queue.internal.AnalyticsHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chronicle's usage reporting stays off: its library is not on the class path, the property that disables it is
 * set, and the facade Chronicle Queue reports through (after a real store has been used) is the mute one.
 */
class NoAnalyticsTest {
    @TempDir
    Path dir;

    @Test
    void chronicleAnalyticsIsAbsentAndMuted() {
        final String classPath = System.getProperty("java.class.path");
        assertTrue(classPath.contains("chronicle-queue"), "the class path lists the jars: " + classPath);
        assertFalse(classPath.contains("chronicle-analytics"), classPath);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("net.openhft.chronicle.analytics.Analytics"));
        assertEquals("true", System.getProperty("chronicle.analytics.disable"));

        try (ChronicleExperienceStore store = ChronicleExperienceStore.open(dir.resolve("ledger"))) {
            assertEquals(0, store.stats().entries());
        }
        assertEquals("MuteAnalytics", AnalyticsHolder.instance().getClass().getSimpleName());
    }
}
