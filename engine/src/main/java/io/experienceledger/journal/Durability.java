package io.experienceledger.journal;

/**
 * What a successful append promises, and what it costs (measured figures in docs/operations.md).
 */
public enum Durability {
    /**
     * The entry is in the operating system's page cache when {@code append} returns: it survives a crash or kill
     * of the process, not a power failure or kernel crash. The default, and the fastest.
     */
    PAGE_CACHE,
    /**
     * Group commit: a background thread forces the journal to the device at most every sync interval (default
     * 10 ms) when something was appended. Appends do not wait; a power failure loses at most the last interval.
     */
    SYNC_BATCH,
    /** Every append forces the journal to the device (msync) before it returns: survives power failure. */
    SYNC_EACH
}
