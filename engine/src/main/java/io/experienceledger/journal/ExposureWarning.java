package io.experienceledger.journal;

import io.experienceledger.files.ExposureCheck;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Warns on stderr, once per ledger directory and process, that a ledger is more open than its setting. */
final class ExposureWarning {
    private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

    private ExposureWarning() {
    }

    static void once(ExposureCheck.Exposure exposure) {
        if (!exposure.none() && WARNED.add(exposure.root())) {
            System.err.println("warning: " + exposure.summary());
        }
    }
}
