package io.experienceledger.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The minor page faults the calling thread has taken, as Linux counts them: for tests of what maps memory ahead. */
public final class PageFaults {
    private PageFaults() {
    }

    /** This thread's minor page faults so far ({@code /proc/thread-self/stat}, field 10). */
    public static long ofThisThread() throws IOException {
        final String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[7]);
    }
}
