package io.experienceledger.store;

import java.util.Objects;

/**
 * A failure of an {@link ExperienceStore} operation: one of the three converge {@code ExperienceStoreError}
 * variants ({@link Kind}) with its message. {@link #getMessage()} is the reference display string, e.g.
 * {@code Invalid query: event_id must not be empty}; {@link #detail()} is the bare message.
 */
public final class ExperienceStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The converge error variant. */
    public enum Kind {
        /** The backend failed to read or write ({@code StorageError}). */
        STORAGE_ERROR("Storage error: "),
        /** A query or an envelope was rejected ({@code InvalidQuery}); used for write validation too. */
        INVALID_QUERY("Invalid query: "),
        /** Something asked for does not exist ({@code NotFound}). */
        NOT_FOUND("Not found: ");

        private final String displayPrefix;

        Kind(String displayPrefix) {
            this.displayPrefix = displayPrefix;
        }
    }

    private final Kind kind;
    private final String detail;

    private ExperienceStoreException(Kind kind, String detail, Throwable cause) {
        super(kind.displayPrefix + Objects.requireNonNull(detail, "detail"), cause);
        this.kind = kind;
        this.detail = detail;
    }

    /** A {@link Kind#STORAGE_ERROR} with the given message. */
    public static ExperienceStoreException storageError(String detail) {
        return new ExperienceStoreException(Kind.STORAGE_ERROR, detail, null);
    }

    /** A {@link Kind#STORAGE_ERROR} with the given message and underlying cause. */
    public static ExperienceStoreException storageError(String detail, Throwable cause) {
        return new ExperienceStoreException(Kind.STORAGE_ERROR, detail, Objects.requireNonNull(cause, "cause"));
    }

    /** An {@link Kind#INVALID_QUERY} with the given message. */
    public static ExperienceStoreException invalidQuery(String detail) {
        return new ExperienceStoreException(Kind.INVALID_QUERY, detail, null);
    }

    /** A {@link Kind#NOT_FOUND} with the given message. */
    public static ExperienceStoreException notFound(String detail) {
        return new ExperienceStoreException(Kind.NOT_FOUND, detail, null);
    }

    /** The converge variant of this error. */
    public Kind kind() {
        return kind;
    }

    /** The bare message, without the display prefix. */
    public String detail() {
        return detail;
    }
}
