package io.experienceledger.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperienceStoreExceptionTest {
    /** Port of {@code store_error_display_storage}. */
    @Test
    void storageErrorDisplay() {
        final ExperienceStoreException e = ExperienceStoreException.storageError("disk full");
        assertEquals("Storage error: disk full", e.getMessage());
        assertEquals(ExperienceStoreException.Kind.STORAGE_ERROR, e.kind());
        assertEquals("disk full", e.detail());
        assertNull(e.getCause());
    }

    /** Port of {@code store_error_display_invalid_query}. */
    @Test
    void invalidQueryDisplay() {
        final ExperienceStoreException e = ExperienceStoreException.invalidQuery("bad filter");
        assertEquals("Invalid query: bad filter", e.getMessage());
        assertEquals(ExperienceStoreException.Kind.INVALID_QUERY, e.kind());
        assertEquals("bad filter", e.detail());
    }

    /** Port of {@code store_error_display_not_found}. */
    @Test
    void notFoundDisplay() {
        final ExperienceStoreException e = ExperienceStoreException.notFound("evt-404");
        assertEquals("Not found: evt-404", e.getMessage());
        assertEquals(ExperienceStoreException.Kind.NOT_FOUND, e.kind());
        assertEquals("evt-404", e.detail());
    }

    /** Port of {@code store_error_is_std_error}. */
    @Test
    void isAnOrdinaryUncheckedExceptionWithText() {
        final RuntimeException e = ExperienceStoreException.storageError("events lock poisoned");
        assertFalse(e.getMessage().isEmpty());
        assertTrue(e.toString().contains("Storage error: events lock poisoned"));
        assertSame(e, assertThrows(ExperienceStoreException.class, () -> {
            throw e;
        }));
    }

    @Test
    void storageErrorKeepsItsCause() {
        final IOException cause = new IOException("no space left on device");
        final ExperienceStoreException e = ExperienceStoreException.storageError("append failed", cause);
        assertSame(cause, e.getCause());
        assertEquals("Storage error: append failed", e.getMessage());
        assertEquals("append failed", e.detail());
    }

    @Test
    void emptyMessageKeepsThePrefix() {
        assertEquals("Invalid query: ", ExperienceStoreException.invalidQuery("").getMessage());
        assertEquals("", ExperienceStoreException.invalidQuery("").detail());
    }

    @Test
    void kindsAreTheThreeConvergeVariants() {
        assertEquals(List.of(ExperienceStoreException.Kind.STORAGE_ERROR, ExperienceStoreException.Kind.INVALID_QUERY,
                ExperienceStoreException.Kind.NOT_FOUND), List.of(ExperienceStoreException.Kind.values()));
    }
}
