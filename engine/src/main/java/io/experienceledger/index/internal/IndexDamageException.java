package io.experienceledger.index.internal;

/**
 * Why an index file cannot be used. Raised while opening and caught inside {@link SideIndex}, which then starts
 * empty and reports the state; it never reaches the journal.
 */
final class IndexDamageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final IndexState state;

    IndexDamageException(IndexState state, String message) {
        super(message, null, false, false);
        this.state = state;
    }

    /** The state the index opens in because of this damage. */
    IndexState state() {
        return state;
    }
}
