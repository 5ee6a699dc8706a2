package io.experienceledger.json;

/**
 * A converge JSON document could not be read. The message starts with the path of the offending member
 * (for example {@code event.data.confidence}) and says what was wrong with it.
 */
public final class ConvergeJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String path;

    /** An error at {@code path} (empty for the document itself). */
    public ConvergeJsonException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
        this.path = path;
    }

    /** An error at {@code path} caused by {@code cause}. */
    public ConvergeJsonException(String path, String problem, Throwable cause) {
        this(path, problem);
        initCause(cause);
    }

    /** The dotted path of the member that was wrong ({@code event.data.step}, {@code kinds[2]}); empty for the whole document. */
    public String path() {
        return path;
    }
}
