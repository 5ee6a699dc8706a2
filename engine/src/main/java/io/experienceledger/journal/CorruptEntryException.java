package io.experienceledger.journal;

/**
 * A journal entry's payload could not be decoded: it is truncated, or a byte in it is not what the payload
 * format (docs/format-payload.md) allows there. The message names the problem and the offset, counted in
 * bytes from the first byte of the payload, of the item that was wrong.
 */
final class CorruptEntryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String problem;
    private final long offset;

    /** A payload that is wrong at {@code offset} in the way {@code problem} describes. */
    CorruptEntryException(String problem, long offset) {
        super("corrupt entry payload at offset " + offset + ": " + problem);
        this.problem = problem;
        this.offset = offset;
    }

    /** What was wrong, without the offset. */
    String problem() {
        return problem;
    }

    /** Where it was wrong: bytes from the first byte of the payload. */
    long offset() {
        return offset;
    }

    /**
     * The same problem with its offset counted from {@code payloadStart}; decoders raise the exception with an
     * absolute buffer position and the entry points rebase it once.
     */
    CorruptEntryException relativeTo(long payloadStart) {
        final CorruptEntryException rebased = new CorruptEntryException(problem, offset - payloadStart);
        rebased.setStackTrace(getStackTrace());
        return rebased;
    }
}
