package io.experienceledger.journal;

/**
 * The first steps of a thread waiting for another's work: spin for a few microseconds, then yield the core, and
 * only then park (which the caller does itself, each with its own way to be woken).
 */
final class Spinning {
    private Spinning() {
    }

    /**
     * Spins or yields once, as the {@code idle}-th step of a wait: spins for the first {@code spins} steps,
     * yields for the next {@code yields}.
     *
     * @return false once the caller should park instead
     */
    static boolean step(int idle, int spins, int yields) {
        if (idle < spins) {
            Thread.onSpinWait();
            return true;
        }
        if (idle < spins + yields) {
            Thread.yield();
            return true;
        }
        return false;
    }
}
