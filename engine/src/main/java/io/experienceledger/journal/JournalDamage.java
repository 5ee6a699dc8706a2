package io.experienceledger.journal;

import java.io.File;

/**
 * How each kind of journal damage is worded, in one place: where it is (journal index in hex, file, byte offset in
 * that file) and what is wrong. Reads note damage in these words ({@link DamageLog}); {@code verify} and
 * {@code digest} report it in them.
 */
final class JournalDamage {
    /** An entry whose checksum does not match its bytes. */
    static final String CHECKSUM_MISMATCH = "checksum mismatch: the entry's bytes were changed after it was written";
    /** What a read that left something out tells the user to do next. */
    private static final String RUN_VERIFY = "; run verify";

    private JournalDamage() {
    }

    /** A damaged entry: {@code entry <hex> in <file> at offset <n>: <problem>}, or without the file when unknown. */
    static String entry(long journalIndex, String fileName, long fileOffset, String problem) {
        return "entry " + Long.toHexString(journalIndex)
                + (fileName == null ? "" : " in " + fileName + " at offset " + fileOffset) + ": " + problem;
    }

    /** {@link #entry(long, String, long, String)} for an entry in {@code file} (null when unknown). */
    static String entry(long journalIndex, File file, long fileOffset, String problem) {
        return entry(journalIndex, file == null ? null : file.getName(), fileOffset, problem);
    }

    /** A read of the journal that faulted after {@code where} (e.g. "entry 1a" or "12 entries"): a short file. */
    static String readFaulted(String where, Throwable cause) {
        return "reading the journal after " + where + " faulted (" + cause.getMessage()
                + "): a journal file is shorter than it should be";
    }

    /** What a read notes when it left something out: the damage and what to run. */
    static String leftOut(String damage) {
        return damage + RUN_VERIFY;
    }
}
