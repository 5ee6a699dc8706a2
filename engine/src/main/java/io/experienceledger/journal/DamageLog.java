package io.experienceledger.journal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first damage any read of one open store has met (worded by {@link JournalDamage}). Reads leave a damaged
 * entry out and go on; this is how the store tells its caller that an answer may be missing entries.
 * Thread-safe: the first note wins.
 */
final class DamageLog {
    private final AtomicReference<String> first = new AtomicReference<>();

    /** Notes {@code problem} unless it is null or damage was noted before. */
    void note(String problem) {
        if (problem != null && first.get() == null) {
            first.compareAndSet(null, problem);
        }
    }

    /** The first damage noted, if any. */
    Optional<String> first() {
        return Optional.ofNullable(first.get());
    }
}
